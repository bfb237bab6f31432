"""Fixtures for the web UI: an app over a real workspace and clients with or without a session."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from fastapi.testclient import TestClient  # noqa: E402

from promocase.web.app import create_app  # noqa: E402
from promocase.web.security import COOKIE_NAME, Secrets  # noqa: E402
from promocase.workspace import Workspace  # noqa: E402

BASE = "http://127.0.0.1:8765"


class Web:
    """A TestClient signed in with the session cookie, plus the secrets to forge or omit."""

    def __init__(self, home: Path) -> None:
        self.secrets = Secrets()
        self.app = create_app(home, secrets_=self.secrets)
        self.client = TestClient(self.app, base_url=BASE)
        self.client.cookies.set(COOKIE_NAME, self.secrets.session)
        self.home = home

    @property
    def csrf(self) -> str:
        return self.secrets.csrf_token()

    def get(self, url: str, **kw: object):  # type: ignore[no-untyped-def]
        return self.client.get(url, **kw)  # type: ignore[arg-type]

    def post(self, url: str, data: dict | None = None, **kw: object):  # type: ignore[no-untyped-def]
        data = {"csrf_token": self.csrf, **(data or {})}
        kw.setdefault("follow_redirects", False)
        return self.client.post(url, data=data, **kw)  # type: ignore[arg-type]

    def anonymous(self) -> TestClient:
        return TestClient(self.app, base_url=BASE)


@pytest.fixture
def web(acme_ws: Workspace) -> Iterator[Web]:
    """The web app over the Acme workspace (current L3, target L4), signed in."""
    home = acme_ws.home
    acme_ws.close()
    w = Web(home)
    yield w
    w.app.state.ws.close()


@pytest.fixture
def empty_web(ws: Workspace) -> Iterator[Web]:
    """The web app over a workspace with no ladder yet."""
    home = ws.home
    ws.close()
    w = Web(home)
    yield w
    w.app.state.ws.close()


@pytest.fixture
def make_web() -> object:
    """Build a signed-in Web over any workspace directory."""
    return Web


@pytest.fixture
def count_entries() -> object:
    """How many evidence rows the workspace at `home` holds (deleted ones too)."""

    def count(home: Path) -> int:
        with Workspace(home) as w:
            return int(w.conn.execute("SELECT COUNT(*) FROM evidence").fetchone()[0])

    return count
