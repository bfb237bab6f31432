"""Fixtures that build real workspaces (real SQLite files) in temporary directories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from promocase.cli import cli
from promocase.workspace import Workspace

ACME_YAML = """\
name: Acme Engineering
levels:                 # lowest first
  - {id: L3, name: Engineer II}
  - {id: L4, name: Senior Engineer}
  - {id: L5, name: Staff Engineer}
criteria:
  - id: technical-craft
    name: Technical craft
    area: Technical
    description: Writing and shaping code and systems.
    expectations:
      L3: Delivers well-scoped features with tests.
      L4: Designs components other teams build on.
      L5: Sets technical direction across several teams.
  - id: mentoring
    name: Mentoring
    area: People
    expectations:
      L4: Mentors engineers on the team.
      L5: Grows senior engineers across the org.
  - id: delivery
    name: Delivery
    expectations:
      L3: Ships tasks on time.
      L4: Leads projects of several engineers to completion.
      L5: Leads multi-team programs.
"""


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test touches the real user data directory or the real clock's day boundary."""
    monkeypatch.setenv("PROMOCASE_HOME", str(tmp_path / "default-home"))
    monkeypatch.setenv("PROMOCASE_TODAY", "2026-11-20")
    monkeypatch.setenv("PROMOCASE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PROMOCASE_NOW", raising=False)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def ws(home: Path) -> Iterator[Workspace]:
    workspace = Workspace(home)
    yield workspace
    workspace.close()


@pytest.fixture
def acme_yaml() -> str:
    """The Acme ladder in the generic format, as text."""
    return ACME_YAML


@pytest.fixture
def acme_file(tmp_path: Path) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_text(ACME_YAML, encoding="utf-8")
    return path


@pytest.fixture
def acme_ws(ws: Workspace, acme_file: Path) -> Workspace:
    """A workspace with the Acme ladder active, current L3, target L4."""
    from promocase.services.ladders import init_workspace

    init_workspace(ws, str(acme_file), current="L3", target="L4")
    return ws


class Cli:
    """Runs `promocase --home HOME ...` through Click's runner."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, ok: bool = True, **kw: Any) -> Result:
        result = self.runner.invoke(
            cli, ["--home", str(self.home), *args], input=input, catch_exceptions=False, **kw
        )
        if ok and result.exit_code != 0:
            raise AssertionError(f"exit {result.exit_code}: {result.output}")
        return result


@pytest.fixture
def run(home: Path) -> Cli:
    return Cli(home)


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once per session (read-only use in tests)."""
    from promocase.services.demo import build_demo

    home = tmp_path_factory.mktemp("demo") / "ws"
    old = os.environ.get("PROMOCASE_TODAY")
    os.environ["PROMOCASE_TODAY"] = "2026-11-20"
    try:
        build_demo(home).close()
    finally:
        if old is None:
            os.environ.pop("PROMOCASE_TODAY", None)
        else:
            os.environ["PROMOCASE_TODAY"] = old
    return home


@pytest.fixture
def no_git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine where git has no user.email outside the repositories' own config."""
    home = tmp_path / "git-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
