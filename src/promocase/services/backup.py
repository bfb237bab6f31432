"""Nothing lost: full JSON export and restore, Markdown and CSV exports, online backups."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

from promocase.core.csvsafe import defuse
from promocase.core.errors import PromocaseError, PromocaseImportError
from promocase.importers.files import MiB, decode_text, read_bytes
from promocase.store import evidence as evidence_store
from promocase.store import migrations
from promocase.store.connection import create_private_file, write_transaction
from promocase.store.evidence import EvidenceFilter
from promocase.workspace import Workspace

EXPORT_FORMAT = "promocase-export"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 512 * MiB


def _data_tables(conn: sqlite3.Connection) -> list[str]:
    """User tables in an order where every table comes after those it references."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual = {r[0] for r in rows if (r[1] or "").upper().startswith("CREATE VIRTUAL TABLE")}
    names = [
        r[0]
        for r in rows
        if r[0] not in virtual and not any(r[0].startswith(v + "_") for v in virtual)
    ]
    deps = {
        n: {row[2] for row in conn.execute(f"PRAGMA foreign_key_list('{n}')")} - {n} for n in names
    }
    ordered: list[str] = []
    while deps:
        ready = sorted(n for n, d in deps.items() if not (d - set(ordered)) or not (d & set(deps)))
        if not ready:  # a cycle: keep going in name order; foreign keys are checked at commit
            ready = sorted(deps)
        for n in ready:
            ordered.append(n)
            deps.pop(n)
    return ordered


def export_data(ws: Workspace) -> dict[str, Any]:
    """Every row of every table, as a versioned document that `import_data` restores."""
    conn = ws.conn
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in _data_tables(conn):
        cur = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')  # noqa: S608
        cols = [d[0] for d in cur.description]
        tables[name] = [dict(zip(cols, row, strict=True)) for row in cur]
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "schema": migrations.current_version(conn),
        "tables": tables,
    }


def export_json(ws: Workspace) -> str:
    return json.dumps(export_data(ws), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _is_empty(conn: sqlite3.Connection) -> bool:
    return all(
        conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] == 0  # noqa: S608
        for t in _data_tables(conn)
    )


def import_json_file(ws: Workspace, path: Path | str) -> dict[str, int]:
    text = decode_text(
        read_bytes(path, max_bytes=MAX_IMPORT_BYTES, what="JSON export"),
        source=str(path),
        binary_hint="Give the JSON file that promocase export --format json wrote.",
    )
    return import_json_text(ws, text, source=str(path))


def import_json_text(ws: Workspace, text: str, *, source: str) -> dict[str, int]:
    """Restore a JSON export into an empty workspace, all or nothing. Returns rows per table."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PromocaseImportError(
            f"is not valid JSON: {exc.msg}.", source=source, line=exc.lineno
        ) from None
    except RecursionError:
        raise PromocaseImportError("is nested too deeply.", source=source) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise PromocaseImportError(
            "is not a promocase JSON export.",
            source=source,
            hint="Create one with: promocase export --format json --output FILE",
        )
    if data.get("version") != EXPORT_VERSION:
        raise PromocaseImportError(
            f"has export version {data.get('version')}, which this promocase cannot read.",
            source=source,
            field="version",
        )
    conn = ws.conn
    schema = data.get("schema")
    if not isinstance(schema, int) or schema > migrations.current_version(conn):
        raise PromocaseImportError(
            "was written by a newer promocase.",
            source=source,
            field="schema",
            hint="Upgrade promocase, then import again.",
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise PromocaseImportError("has no 'tables'.", source=source, field="tables")
    known = _data_tables(conn)
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise PromocaseImportError(
            "has tables this promocase does not know: " + ", ".join(unknown) + ".",
            source=source,
            field="tables",
        )
    counts: dict[str, int] = {}
    try:
        with write_transaction(conn):
            if not _is_empty(conn):
                raise PromocaseError(
                    f"The workspace at {ws.home} already has data; a restore needs an empty one.",
                    hint="Restore into a new workspace: promocase --home NEW_DIR import json FILE",
                )
            conn.execute("PRAGMA defer_foreign_keys = ON")
            for name in known:
                rows = tables.get(name) or []
                if not isinstance(rows, list):
                    raise PromocaseImportError(
                        "must be a list of rows.", source=source, field=f"tables.{name}"
                    )
                columns = {r[1] for r in conn.execute(f"PRAGMA table_info('{name}')")}
                for i, row in enumerate(rows):
                    if not isinstance(row, dict) or not row or set(row) - columns:
                        raise PromocaseImportError(
                            "is not a row of this table"
                            + (
                                f" (unknown columns: {', '.join(sorted(set(row) - columns))})"
                                if isinstance(row, dict)
                                else ""
                            )
                            + ".",
                            source=source,
                            field=f"tables.{name}[{i}]",
                        )
                    if any(isinstance(v, dict | list) for v in row.values()):
                        raise PromocaseImportError(
                            "holds a nested value where a plain one belongs.",
                            source=source,
                            field=f"tables.{name}[{i}]",
                        )
                    cols = list(row)
                    conn.execute(
                        f'INSERT INTO "{name}" ({", ".join(cols)}) '  # noqa: S608
                        f"VALUES ({', '.join('?' * len(cols))})",
                        [row[c] for c in cols],
                    )
                counts[name] = len(rows)
            rebuild_search_index(conn)
    except sqlite3.IntegrityError as exc:
        raise PromocaseImportError(
            f"breaks a rule of the database ({exc}); nothing was imported.", source=source
        ) from None
    return counts


def rebuild_search_index(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM evidence_fts")
    ids = [r[0] for r in conn.execute("SELECT id FROM evidence")]
    for eid in ids:
        found = evidence_store.get(conn, eid, include_deleted=True)
        if found is not None:
            evidence_store._sync_fts(conn, found)


def export_markdown(ws: Workspace) -> str:
    """The evidence log as a readable document, newest month first."""
    from promocase.services.ladders import profile

    prof = profile(ws)
    entries = evidence_store.list_evidence(ws.conn, EvidenceFilter())
    names: dict[str, str] = {}
    if prof.ladder:
        names = {c.id: c.name for c in prof.ladder.ladder.criteria}
    lines = ["# Evidence log", ""]
    if prof.ladder:
        lines += [
            f"Ladder: {prof.ladder.ladder.name}"
            + (f" · current {prof.current_level}" if prof.current_level else "")
            + (f" · target {prof.target_level}" if prof.target_level else ""),
            "",
        ]
    month = None
    for e in entries:
        if e.date[:7] != month:
            month = e.date[:7]
            lines += [f"## {month}", ""]
        head = f"- **{e.date}** (#{e.id})"
        if e.kind == "praise":
            lines.append(
                f"{head} Praise from {e.praise_from}"
                f"{' (verified)' if e.verified else ''}: “{_md(e.text)}”"
            )
        else:
            lines.append(f"{head} {_md(e.text)}")
        details = []
        if e.outcome:
            details.append(f"Outcome: {_md(e.outcome)}")
        if e.metric:
            details.append(f"Metric: {_md(e.metric.describe())}")
        if e.role or e.scope:
            details.append("Role: " + " · ".join(x for x in (e.role, e.scope) if x))
        crits = [
            names.get(link.criterion_id, link.criterion_id)
            for link in evidence_store.criterion_links(ws.conn, e.id or 0)
            if link.status == "accepted"
        ]
        if crits:
            details.append("Criteria: " + ", ".join(crits))
        if e.tags:
            details.append("Tags: " + " ".join("#" + t for t in e.tags))
        details += [f"Link: <{link}>" for link in e.links]
        lines += [f"  - {d}" for d in details]
    if not entries:
        lines.append('No entries yet. Add one with: promocase add "what you did"')
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Escape characters that would turn user text into Markdown markup or raw HTML."""
    out = []
    for ch in text.replace("\r\n", "\n").replace("\n", " "):
        out.append("\\" + ch if ch in "\\`*_{}[]<>#|" else ch)
    return "".join(out)


CSV_COLUMNS = [
    "id",
    "date",
    "kind",
    "text",
    "outcome",
    "metric",
    "metric_name",
    "metric_unit",
    "metric_value",
    "metric_before",
    "metric_after",
    "role",
    "scope",
    "from",
    "verified",
    "tags",
    "links",
    "criteria",
    "source",
    "created_at",
    "updated_at",
]


def export_csv(ws: Workspace) -> str:
    """One row per entry; every cell defused against spreadsheet formulas."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in evidence_store.list_evidence(ws.conn, EvidenceFilter(newest_first=False)):
        m = e.metric
        crits = [
            link.criterion_id
            for link in evidence_store.criterion_links(ws.conn, e.id or 0)
            if link.status == "accepted"
        ]
        values: list[Any] = [
            e.id,
            e.date,
            e.kind,
            e.text,
            e.outcome,
            m.describe() if m else None,
            m.name if m else None,
            m.unit if m else None,
            m.value if m else None,
            m.before if m else None,
            m.after if m else None,
            e.role,
            e.scope,
            e.praise_from,
            "yes" if e.verified else ("no" if e.kind == "praise" else None),
            " ".join(e.tags),
            " ".join(e.links),
            " ".join(crits),
            e.source,
            e.created_at,
            e.updated_at,
        ]
        writer.writerow([defuse("" if v is None else str(v)) for v in values])
    return buf.getvalue()


def write_private(path: Path, content: str | bytes) -> None:
    """Write a file readable by its owner only, replacing it atomically."""
    import os

    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    create_private_file(tmp)
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(
        tmp, mode, **({} if isinstance(content, bytes) else {"encoding": "utf-8", "newline": ""})
    ) as fh:
        fh.write(content)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def backup(ws: Workspace, target: Path, *, overwrite: bool = False) -> Path:
    """Copy the database with SQLite's online backup; the copy is checked before returning."""
    target = Path(target)
    if target.is_dir():
        from promocase.store.clock import now_iso

        stem = f"promocase-{now_iso()[:19].replace(':', '')}"
        target = target / f"{stem}.db"
        n = 1
        while target.exists() and not overwrite:  # two backups within one second
            n += 1
            target = target.with_name(f"{stem}-{n}.db")
    if target.exists() and not overwrite:
        raise PromocaseError(
            f"{target} already exists.", hint="Choose another path, or pass --force to replace it."
        )
    if not target.parent.exists():
        raise PromocaseError(f"The folder {target.parent} does not exist.")
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    create_private_file(tmp)
    dest = sqlite3.connect(str(tmp))
    try:
        ws.conn.backup(dest)
        ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dest.close()
    if ok != "ok":
        tmp.unlink(missing_ok=True)
        raise PromocaseError(f"The backup failed its integrity check ({ok}); nothing was written.")
    tmp.replace(target)
    return target
