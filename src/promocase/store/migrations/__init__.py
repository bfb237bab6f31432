"""Numbered schema migrations, tracked by PRAGMA user_version.

Each step is a module `mNNNN_name.py` holding `SQL` (statements separated by semicolons).
Before the first pending step the database is copied to `<db>.bak-v<N>` (the last three
are kept); all pending steps run in one transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
from pathlib import Path

from promocase.core.errors import WorkspaceError
from promocase.store.connection import create_private_file, write_transaction

KEEP_BACKUPS = 3


def _available() -> list[tuple[int, str]]:
    """(number, module name) of every step, from file names alone (cheap: no imports)."""
    found = []
    for name in os.listdir(os.path.dirname(__file__)):
        stem, ext = os.path.splitext(name)
        if ext == ".py" and stem.startswith("m") and stem[1:5].isdigit() and stem[5:6] == "_":
            found.append((int(stem[1:5]), stem))
    return sorted(found)


def steps(after: int = 0) -> list[tuple[int, str, str]]:
    """Migration steps numbered above `after` as (number, name, sql), in order."""
    out = []
    for number, stem in _available():
        if number > after:
            module = importlib.import_module(f"{__name__}.{stem}")
            out.append((number, stem[6:], module.SQL))
    return out


def latest_version() -> int:
    found = _available()
    return found[-1][0] if found else 0


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (triggers with BEGIN … END stay whole)."""
    statements: list[str] = []
    current = ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, db_path: Path | None) -> int:
    """Bring the schema up to date; return the number of steps applied."""
    version = current_version(conn)
    latest = latest_version()
    if version > latest:
        raise WorkspaceError(
            f"This workspace was written by a newer promocase (schema v{version}; "
            f"this version knows v{latest}).",
            hint="Upgrade promocase (pip install -U promocase) before opening it.",
        )
    if version == latest:
        return 0
    pending = steps(after=version)
    if db_path is not None and version > 0:
        backup_before_migration(conn, db_path, version)
    with write_transaction(conn):
        for number, _name, sql in pending:
            for statement in split_statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    return len(pending)


def backup_before_migration(conn: sqlite3.Connection, db_path: Path, version: int) -> Path:
    target = db_path.with_name(f"{db_path.name}.bak-v{version}")
    create_private_file(target)
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    backups = sorted(
        db_path.parent.glob(f"{db_path.name}.bak-v*"),
        key=lambda p: int(p.name.rsplit("-v", 1)[1]) if p.name.rsplit("-v", 1)[1].isdigit() else 0,
    )
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    return target
