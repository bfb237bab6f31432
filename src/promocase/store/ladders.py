"""Ladders and their versions. Each import of a changed ladder adds a version."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from promocase.core.ladder import Ladder, ladder_from_mapping
from promocase.store.clock import now_iso


@dataclass(frozen=True)
class StoredLadder:
    id: int
    slug: str
    version: int
    ladder: Ladder
    source: str | None
    imported_at: str


def canonical_json(ladder: Ladder) -> str:
    return json.dumps(ladder.to_mapping(), ensure_ascii=False, sort_keys=False)


def save(
    conn: sqlite3.Connection, ladder: Ladder, *, source: str | None, slug: str | None = None
) -> tuple[StoredLadder, bool]:
    """Store `ladder` under its slug; add a version only if its content changed.

    Returns the stored ladder and whether anything new was written.
    """
    slug = slug or ladder.slug
    content = canonical_json(ladder)
    row = conn.execute("SELECT id FROM ladder WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        ladder_id = int(
            conn.execute(
                "INSERT INTO ladder(slug, name, created_at) VALUES (?, ?, ?)",
                (slug, ladder.name, now_iso()),
            ).lastrowid
            or 0
        )
        version = 0
    else:
        ladder_id = int(row[0])
        latest = conn.execute(
            "SELECT version, content FROM ladder_version WHERE ladder_id = ? "
            "ORDER BY version DESC LIMIT 1",
            (ladder_id,),
        ).fetchone()
        version = int(latest[0]) if latest else 0
        if latest is not None and latest[1] == content:
            stored = get(conn, slug)
            assert stored is not None
            return stored, False
        conn.execute("UPDATE ladder SET name = ? WHERE id = ?", (ladder.name, ladder_id))
    conn.execute(
        "INSERT INTO ladder_version(ladder_id, version, source, content, imported_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (ladder_id, version + 1, source, content, now_iso()),
    )
    stored = get(conn, slug)
    assert stored is not None
    return stored, True


def _from_row(row: sqlite3.Row) -> StoredLadder:
    return StoredLadder(
        id=int(row["id"]),
        slug=row["slug"],
        version=int(row["version"]),
        ladder=ladder_from_mapping(json.loads(row["content"]), source=row["slug"]),
        source=row["source"],
        imported_at=row["imported_at"],
    )


_LATEST = """
SELECT l.id, l.slug, v.version, v.content, v.source, v.imported_at
FROM ladder l JOIN ladder_version v ON v.ladder_id = l.id
WHERE v.version = (SELECT MAX(version) FROM ladder_version WHERE ladder_id = l.id)
"""


def get(conn: sqlite3.Connection, slug: str, version: int | None = None) -> StoredLadder | None:
    if version is None:
        row = conn.execute(_LATEST + " AND l.slug = ?", (slug,)).fetchone()
    else:
        row = conn.execute(
            "SELECT l.id, l.slug, v.version, v.content, v.source, v.imported_at FROM ladder l "
            "JOIN ladder_version v ON v.ladder_id = l.id WHERE l.slug = ? AND v.version = ?",
            (slug, version),
        ).fetchone()
    return None if row is None else _from_row(row)


def get_by_id(conn: sqlite3.Connection, ladder_id: int) -> StoredLadder | None:
    row = conn.execute(_LATEST + " AND l.id = ?", (ladder_id,)).fetchone()
    return None if row is None else _from_row(row)


def all_ladders(conn: sqlite3.Connection) -> list[StoredLadder]:
    return [_from_row(r) for r in conn.execute(_LATEST + " ORDER BY l.id")]


def versions(conn: sqlite3.Connection, slug: str) -> list[tuple[int, str | None, str]]:
    return [
        (int(r[0]), r[1], r[2])
        for r in conn.execute(
            "SELECT v.version, v.source, v.imported_at FROM ladder_version v "
            "JOIN ladder l ON l.id = v.ladder_id WHERE l.slug = ? ORDER BY v.version",
            (slug,),
        )
    ]
