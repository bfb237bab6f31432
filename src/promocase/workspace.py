"""A workspace: a private directory holding the database and a TOML config."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from promocase.core.errors import WorkspaceError
from promocase.store import connection, migrations

DB_NAME = "promocase.db"
CONFIG_NAME = "config.toml"
ENV_HOME = "PROMOCASE_HOME"

DEFAULT_CONFIG: dict[str, Any] = {
    "review": {"cadence": "weekly"},
    "redact": {"terms": []},
}


def default_home() -> Path:
    """PROMOCASE_HOME if set, else the platform's user data directory."""
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux, without its import (a third of a capture's time).
        xdg = os.environ.get("XDG_DATA_HOME", "").strip()
        return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "promocase"
    from platformdirs import user_data_dir

    return Path(user_data_dir("promocase", appauthor=False))


class Workspace:
    """Opens (and on first use creates) the workspace at `home`."""

    def __init__(self, home: Path | str | None = None) -> None:
        self.home = Path(home).expanduser() if home else default_home()
        self._conn: sqlite3.Connection | None = None
        self._checkpoint: connection.Checkpoint | None = None

    @property
    def db_path(self) -> Path:
        return self.home / DB_NAME

    @property
    def config_path(self) -> Path:
        return self.home / CONFIG_NAME

    def exists(self) -> bool:
        return self.db_path.exists()

    def ensure_dir(self) -> None:
        try:
            self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.home, 0o700)
        except OSError as exc:
            raise WorkspaceError(
                f"Cannot create the workspace directory {self.home}: {exc.strerror}.",
                hint="Choose another with --home DIR or PROMOCASE_HOME.",
            ) from None
        if self.home.exists() and not self.home.is_dir():
            raise WorkspaceError(f"{self.home} is a file, not a workspace directory.")

    @property
    def conn(self) -> sqlite3.Connection:
        """The open, migrated connection (created on first use)."""
        if self._conn is None:
            self.ensure_dir()
            try:
                conn = connection.connect(self.db_path)
            except sqlite3.DatabaseError as exc:
                raise WorkspaceError(f"Cannot open {self.db_path}: {exc}.") from None
            try:
                migrations.migrate(conn, self.db_path)
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise WorkspaceError(
                    f"{self.db_path} is not a promocase database ({exc}).",
                    hint="Point --home at another directory, or restore a backup.",
                ) from None
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    @contextmanager
    def bulk_write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction for thousands of rows (an import): its WAL is copied into the
        database file afterwards on a thread, not inside its COMMIT, so the caller's next
        steps (a summary to print) run meanwhile. `close` waits for that copy."""
        conn = self.conn
        self._wait_for_checkpoint()
        ready = connection.Checkpoint(self.db_path)
        self._checkpoint = ready
        try:
            with connection.deferred_checkpoint(conn), connection.write_transaction(conn):
                yield conn
        except BaseException:
            ready.cancel()
            raise
        ready.copy()

    def _wait_for_checkpoint(self) -> None:
        if self._checkpoint is not None:
            self._checkpoint.join()
            self._checkpoint = None

    def close(self) -> None:
        self._wait_for_checkpoint()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- config -----------------------------------------------------------------------------
    def config(self) -> dict[str, Any]:
        """The config merged over defaults; a missing file means defaults."""
        import copy
        import tomllib

        merged = copy.deepcopy(DEFAULT_CONFIG)
        if self.config_path.exists():
            try:
                data = tomllib.loads(self.config_path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise WorkspaceError(
                    f"{self.config_path} is not valid TOML: {exc}.",
                    hint="Fix the file or delete it to return to the defaults.",
                ) from None
            for key, value in data.items():
                if isinstance(value, dict) and isinstance(merged.get(key), dict):
                    merged[key].update(value)
                else:
                    merged[key] = value
        return merged

    def write_config(self, config: dict[str, Any]) -> None:
        import tomli_w

        self.ensure_dir()
        tmp = self.config_path.with_suffix(".toml.tmp")
        connection.create_private_file(tmp)
        tmp.write_text(tomli_w.dumps(config), encoding="utf-8")
        os.replace(tmp, self.config_path)
