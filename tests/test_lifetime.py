"""promocase.lifetime: what the console process keeps until it exits without freeing."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from promocase import lifetime


class _Thing:
    pass


def test_keep_frees_as_usual_unless_the_process_exits_without_freeing(monkeypatch) -> None:
    monkeypatch.setattr(lifetime, "_kept", None)
    thing = _Thing()
    ref = weakref.ref(thing)
    lifetime.keep(thing)
    del thing
    assert ref() is None and not lifetime.keeping()  # tests, the web server: freed as usual
    lifetime.keep_until_exit()
    thing = _Thing()
    ref = weakref.ref(thing)
    lifetime.keep(thing)
    del thing
    gc.collect()
    assert ref() is not None and lifetime.keeping()


def test_the_console_command_imports_and_prints_with_everything_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real entry point (keeping on, the collector frozen and resumed at the end) imports,
    prints a whole summary and exits 0; a second run finds nothing new."""
    repo = tmp_path / "repo"
    env = {
        "GIT_AUTHOR_NAME": "Me",
        "GIT_AUTHOR_EMAIL": "me@example.com",
        "GIT_COMMITTER_NAME": "Me",
        "GIT_COMMITTER_EMAIL": "me@example.com",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    for n in range(3):
        (repo / f"f{n}.txt").write_text(f"{n}\n", encoding="utf-8")
        subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
        subprocess.run(
            ["git", "-C", str(repo), "commit", "-q", "-m", f"Fix retries (#{n + 10})"], check=True
        )
    home = tmp_path / "ws"
    cmd = [sys.executable, "-m", "promocase", "--home", str(home)]
    done = subprocess.run(
        [*cmd, "import", "git", str(repo), "--author", "me@example.com", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["added"] == 3 and len(data["entries"]) == 3
    again = subprocess.run(
        [*cmd, "import", "git", str(repo), "--author", "me@example.com"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0 and "Nothing new to import" in again.stdout
