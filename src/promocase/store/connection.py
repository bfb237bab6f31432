"""Connections with the settings that keep data safe, and write transactions."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000


def create_private_file(path: Path) -> None:
    """Create `path` readable by its owner only, if it does not exist yet."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)


def connect(path: Path | str) -> sqlite3.Connection:
    """Open the database with WAL, synchronous=FULL, foreign keys and a busy timeout.

    The connection is in autocommit mode; writes go through `write_transaction`.
    """
    if str(path) != ":memory:":
        create_private_file(Path(path))
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception.

    IMMEDIATE takes the write lock up front, so concurrent writers wait on the busy timeout
    instead of failing with "database is locked" when a read turns into a write.
    Nested use joins the outer transaction.
    """
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def deferred_checkpoint(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """No WAL checkpoint inside the COMMITs made in this block.

    After a commit that leaves the WAL over its limit (1,000 pages), SQLite copies the WAL
    into the database file right inside that COMMIT: 0.08 s of a 20,000-entry import's
    0.14 s COMMIT. Inside this block it does not; the caller copies it afterwards with a
    `Checkpoint` (on a thread, while it prints its summary). Durability is the WAL's: it is
    synced at every commit (synchronous=FULL), and a checkpoint only copies what is safe.
    """
    before = int(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        yield conn
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {before}")


class Checkpoint:
    """A checkpoint made ready now and run later, on a thread with a connection of its own.

    `copy()` copies the committed WAL into the database file (PASSIVE: it never waits on
    readers or writers; what it cannot copy now, a later checkpoint copies); `cancel()` drops
    it. The connection opens at once: opening it later, after a large commit, would wait for
    the interpreter while the caller encodes its summary in one long C call, and the copy
    would start only after. A failure here loses nothing and is left to the next checkpoint.
    """

    def __init__(self, path: Path | str) -> None:
        self._go = threading.Event()
        self._wanted = False
        # A daemon, so an interpreter that exits without join() cannot hang on it; stopped
        # mid-copy, SQLite finishes the copy at the next checkpoint, as after a crash.
        self._thread = threading.Thread(
            target=self._main, args=(path,), name="promocase-checkpoint", daemon=True
        )
        self._thread.start()

    def _main(self, path: Path | str) -> None:
        try:
            conn = connect(path)  # synchronous=FULL: the database file is synced after it
        except (sqlite3.Error, OSError):
            return
        try:
            self._go.wait()
            if self._wanted:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass
        finally:
            conn.close()

    def copy(self) -> None:
        self._wanted = True
        self._go.set()

    def cancel(self) -> None:
        self._go.set()

    def join(self) -> None:
        """Wait for the copy (or drop it, if neither copy() nor cancel() was called)."""
        self._go.set()
        self._thread.join()
