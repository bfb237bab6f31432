"""The store keeps data safe: connection settings, private files, migrations that can fail."""

from __future__ import annotations

import json
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from promocase.core.errors import WorkspaceError
from promocase.store import migrations
from promocase.store.connection import connect, write_transaction
from promocase.workspace import Workspace


def test_every_connection_uses_wal_full_sync_busy_timeout_and_foreign_keys(ws: Workspace):
    conn = ws.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_workspace_directory_and_database_are_private(ws: Workspace, home: Path):
    ws.conn.execute("SELECT 1")
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for name in ("promocase.db", "promocase.db-wal"):
        path = home / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name


def test_write_transaction_rolls_back_on_error(ws: Workspace):
    conn = ws.conn
    with pytest.raises(RuntimeError), write_transaction(conn):
        conn.execute("INSERT INTO setting(key, value) VALUES ('a', 'b')")
        raise RuntimeError("boom")
    assert conn.execute("SELECT COUNT(*) FROM setting").fetchone()[0] == 0


def test_schema_is_at_latest_version_after_open(ws: Workspace):
    assert migrations.current_version(ws.conn) == migrations.latest_version()


def _at_version(path: Path, version: int) -> sqlite3.Connection:
    """A database with the schema as migration `version` left it."""
    conn = connect(path)
    with write_transaction(conn):
        for _number, _name, sql in migrations.steps()[:version]:
            for statement in migrations.split_statements(sql):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
    return conn


def _seed_v1(path: Path) -> None:
    conn = _at_version(path, 1)
    with write_transaction(conn):
        conn.execute("INSERT INTO setting(key, value) VALUES ('kept', 'yes')")
    conn.close()


def test_failed_migration_leaves_database_untouched_and_a_good_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    db = tmp_path / "promocase.db"
    _seed_v1(db)
    before = list(sqlite3.connect(db).iterdump())
    real_steps = migrations.steps

    def broken_steps(after: int = 0):
        return [
            *real_steps(after),
            (999, "broken", "CREATE TABLE half_done(x);\nSELECT * FROM nope;"),
        ]

    monkeypatch.setattr(migrations, "steps", broken_steps)
    monkeypatch.setattr(migrations, "latest_version", lambda: 999)
    conn = connect(db)
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(conn, db)
    assert migrations.current_version(conn) == 1
    conn.close()
    assert list(sqlite3.connect(db).iterdump()) == before
    backup = tmp_path / "promocase.db.bak-v1"
    assert backup.exists()
    check = sqlite3.connect(backup)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("SELECT value FROM setting WHERE key = 'kept'").fetchone()[0] == "yes"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_migration_keeps_only_the_last_three_backups(tmp_path: Path):
    db = tmp_path / "promocase.db"
    _seed_v1(db)
    conn = connect(db)
    for version in range(1, 6):
        migrations.backup_before_migration(conn, db, version)
    conn.close()
    kept = sorted(p.name for p in tmp_path.glob("promocase.db.bak-v*"))
    assert kept == ["promocase.db.bak-v3", "promocase.db.bak-v4", "promocase.db.bak-v5"]


def test_database_from_a_newer_promocase_is_refused(tmp_path: Path):
    home = tmp_path / "ws"
    Workspace(home).conn.execute("PRAGMA user_version = 9999")
    with pytest.raises(WorkspaceError, match="newer promocase"):
        _ = Workspace(home).conn


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path: Path):
    home = tmp_path / "ws"
    home.mkdir()
    (home / "promocase.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError, match="not a promocase database|Cannot open"):
        _ = Workspace(home).conn


def test_split_statements_keeps_triggers_whole():
    sql = """CREATE TABLE t(x);
CREATE TRIGGER tr AFTER INSERT ON t BEGIN
  UPDATE t SET x = 1;
  UPDATE t SET x = 2;
END;
CREATE INDEX i ON t(x);"""
    parts = migrations.split_statements(sql)
    assert len(parts) == 3
    assert parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")


def test_default_home_follows_xdg_like_platformdirs(monkeypatch, tmp_path):
    import sys

    from platformdirs import user_data_dir

    from promocase.workspace import default_home

    monkeypatch.delenv("PROMOCASE_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    expected = Path(user_data_dir("promocase", appauthor=False))
    assert default_home() == expected
    if sys.platform.startswith("linux"):
        assert default_home() == tmp_path / "xdg" / "promocase"
        monkeypatch.delenv("XDG_DATA_HOME")
        assert default_home() == Path(user_data_dir("promocase", appauthor=False))


def test_imported_items_move_to_one_row_per_entry_with_nothing_lost(tmp_path: Path):
    """Schema 6 keeps the refs behind each imported entry in one row instead of a row per
    commit; a version-5 database's rows move over, grouped by run and entry, in order."""
    from promocase.services.importing import known_items

    conn = _at_version(tmp_path / "promocase.db", 5)
    with write_transaction(conn):
        conn.execute("INSERT INTO import_run VALUES (1, 'git', 'now', 3, 2, 0)")
        conn.execute("INSERT INTO import_run VALUES (2, 'issues', 'now', 1, 1, 0)")
        for n, (source, eid, run) in enumerate(
            [("git", 1, 1), ("git", 2, 1), ("git", 1, 1), ("issues", 3, 2), ("git", None, 1)]
        ):
            if eid is not None:
                conn.execute(
                    "INSERT OR IGNORE INTO evidence(id, date, text, created_at, updated_at) "
                    "VALUES (?, '2026-10-01', 'x', 'now', 'now')",
                    (eid,),
                )
            conn.execute(
                "INSERT INTO import_item(source, ref, evidence_id, run_id) VALUES (?, ?, ?, ?)",
                (source, f"ref-{n} ü|2026", eid, run),
            )
    conn.close()
    ws = Workspace(tmp_path)
    rows = ws.conn.execute(
        "SELECT source, run_id, evidence_id, refs FROM import_entry ORDER BY id"
    ).fetchall()
    assert [(r[0], r[1], r[2], sorted(json.loads(r[3]))) for r in rows] == [
        ("git", 1, 1, ["ref-0 ü|2026", "ref-2 ü|2026"]),
        ("git", 1, 2, ["ref-1 ü|2026"]),
        ("issues", 2, 3, ["ref-3 ü|2026"]),
        ("git", 1, None, ["ref-4 ü|2026"]),
    ]
    assert known_items(ws, "git") == {
        "ref-0 ü|2026",
        "ref-1 ü|2026",
        "ref-2 ü|2026",
        "ref-4 ü|2026",
    }
    assert known_items(ws, "issues") == {"ref-3 ü|2026"}
    assert not ws.conn.execute(
        "SELECT name FROM sqlite_master WHERE name = 'import_item'"
    ).fetchall()
    with pytest.raises(sqlite3.IntegrityError):  # refs must be a JSON array
        ws.conn.execute("INSERT INTO import_entry(source, refs) VALUES ('git', 'abc')")


def _fill(conn: sqlite3.Connection, mib: int) -> None:
    """More than the WAL's checkpoint limit (1,000 pages, about 4 MiB)."""
    conn.execute("CREATE TABLE IF NOT EXISTS scratch(x BLOB)")
    conn.executemany("INSERT INTO scratch VALUES (?)", [(bytes(1 << 20),)] * mib)


def test_a_deferred_checkpoint_leaves_the_copy_for_later_and_loses_nothing(ws: Workspace):
    """The COMMIT of a large write copied the WAL into the database file before returning;
    with deferred_checkpoint it does not, and `checkpoint` (from any thread) does it later."""
    from promocase.store.connection import Checkpoint, deferred_checkpoint

    conn = ws.conn
    before = ws.db_path.stat().st_size
    with deferred_checkpoint(conn), write_transaction(conn):
        _fill(conn, 6)
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000  # restored
    assert ws.db_path.stat().st_size == before  # the 6 MiB are in the WAL only
    other = connect(ws.db_path)  # committed: another connection reads them already
    assert other.execute("SELECT count(*) FROM scratch").fetchone()[0] == 6
    other.close()
    ready = Checkpoint(ws.db_path)  # its own connection, on its own thread
    ready.copy()
    ready.join()
    assert ws.db_path.stat().st_size > 6 << 20
    with write_transaction(conn):  # without the block, the COMMIT copies as before
        _fill(conn, 6)
    assert ws.db_path.stat().st_size > 12 << 20


def test_a_bulk_write_is_copied_into_the_database_by_close(tmp_path: Path):
    w = Workspace(tmp_path / "ws")
    with w.bulk_write() as conn:
        _fill(conn, 6)
    w._wait_for_checkpoint()  # noqa: SLF001 - the copy on its thread, while w stays open
    assert w.db_path.stat().st_size > 6 << 20
    w.close()
    assert not Path(f"{w.db_path}-wal").exists()  # the last connection closed cleanly
    again = Workspace(tmp_path / "ws")
    assert again.conn.execute("SELECT count(*) FROM scratch").fetchone()[0] == 6
    again.close()


def test_a_failed_bulk_write_rolls_back_and_copies_nothing(ws: Workspace):
    ws.conn.execute("SELECT 1")
    before = ws.db_path.stat().st_size
    with pytest.raises(RuntimeError), ws.bulk_write() as conn:
        _fill(conn, 6)
        raise RuntimeError("stop")
    ws._wait_for_checkpoint()  # noqa: SLF001 - the prepared copy was dropped, not run
    assert ws.db_path.stat().st_size == before
    assert ws.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert not ws.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'scratch'").fetchone()


def test_a_checkpoint_never_asked_for_does_not_hold_up_close(tmp_path: Path):
    from promocase.store.connection import Checkpoint

    w = Workspace(tmp_path / "ws")
    w.conn.execute("SELECT 1")
    ready = Checkpoint(w.db_path)
    # neither copy() nor cancel(): join drops it instead of waiting forever (joined on a
    # thread, so a regression fails here instead of hanging the suite)
    joining = threading.Thread(target=ready.join, daemon=True)
    joining.start()
    joining.join(timeout=10)
    assert not joining.is_alive(), "Checkpoint.join waited for a copy nobody asked for"
    w.close()
