"""Judgement on evidence: criterion suggestions, the measurability verdict, next-level signals.

`capture` writes a new entry and its judgement in one transaction (CLI `add` and `praise`,
the web capture form), storing the suggestions as 'suggested' links, and returns what to show
the person. An edit to what an entry says is judged again (`judge_edit`) and stored in the
edit's own transaction (`store_edit`).
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from promocase.core.errors import NotFound
from promocase.core.evidence import Evidence
from promocase.store.clock import now_iso
from promocase.store.connection import write_transaction
from promocase.workspace import Workspace

if TYPE_CHECKING:
    from promocase.core.ladder import Ladder
    from promocase.store.ladders import StoredLadder

SUGGEST_MIN_SCORE = 0.2  # weaker matches are not stored as suggestions
SUGGEST_KEEP = 3  # at most this many suggestions per entry
SUGGEST_RELATIVE = 0.6  # ... and only those at least this share of the best score
CACHE_DIR = "cache"


@dataclass(frozen=True)
class Suggestion:
    criterion_id: str
    name: str
    score: float
    level: str | None = None


@dataclass
class CaptureFeedback:
    evidence_id: int
    verdict: Any  # EvidenceVerdict | None (None for testimony)
    suggestions: list[Suggestion] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "evidence_id": self.evidence_id,
            "verdict": self.verdict.verdict if self.verdict else None,
            "missing": list(self.verdict.missing) if self.verdict else [],
            "prompts": list(self.verdict.prompts) if self.verdict else [],
            "suggestions": [
                {"criterion_id": s.criterion_id, "name": s.name, "score": s.score, "level": s.level}
                for s in self.suggestions
            ],
            "signals": self.signals,
        }


# -- the suggester, cached per ladder version in memory and on disk --------------------------
_MEMORY: dict[str, Any] = {}


def _code_stamp() -> str:
    """Changes whenever the vocabulary or the matching code changes (size and mtime: no reads)."""
    from promocase.analysis import concepts, mapping, text, vocabulary

    parts = []
    files = [module.__file__ or "" for module in (vocabulary, concepts, mapping, text)]
    files.append(
        os.path.join(os.path.dirname(mapping.__file__ or ""), "..", "data", "affinity.json")
    )
    for name in files:
        try:
            st = os.stat(name)
        except FileNotFoundError:
            continue
        parts.append(f"{st.st_size}:{st.st_mtime_ns}")
    return f"{zlib.crc32('|'.join(parts).encode()):08x}"


def _ladder_key(ladder: Ladder | None, stored: StoredLadder | LadderRef | None = None) -> str:
    # A stored ladder version never changes, so its id and version name it; a loose ladder is
    # named by its content.
    if stored is not None:
        return f"{stored.id}-v{stored.version}-{_code_stamp()}"
    import hashlib

    assert ladder is not None, "a ladder or its stored version names the index"
    digest = hashlib.sha256(json.dumps(ladder.to_mapping(), sort_keys=True).encode())
    return f"{digest.hexdigest()[:20]}-{_code_stamp()}"


def _memory_key(key: str, cache_dir: Path | None) -> str:
    """The in-process cache key: a stored ladder's id and version are numbered per workspace
    (ladder 1 version 1 in two workspaces are different ladders), so its workspace is part of
    the key."""
    return key if cache_dir is None else f"{cache_dir}|{key}"


def suggester_for(
    ladder: Ladder, *, cache_dir: Path | None = None, stored: StoredLadder | None = None
) -> Any:
    """A Suggester for this ladder, built once and kept (in memory, and pickled in cache_dir).

    The pickle spares the next `promocase add` the index build; it is only ever read from
    the person's own private workspace directory.
    """
    from promocase.analysis.mapping import Suggester

    key = _ladder_key(ladder, stored)
    memo = _memory_key(key, cache_dir)
    found = _MEMORY.get(memo)
    if found is not None:
        return found
    path = cache_dir / f"suggester-{key}.pickle" if cache_dir is not None else None
    if cache_dir is not None:
        found = _load_cached(cache_dir, key)
        if found is not None:
            _MEMORY[memo] = found
            return found
    found = Suggester(ladder)
    _MEMORY[memo] = found
    if path is not None:
        try:
            cache_dir.mkdir(mode=0o700, exist_ok=True)  # type: ignore[union-attr]
            for old in cache_dir.glob("suggester-*.pickle"):  # type: ignore[union-attr]
                old.unlink(missing_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(found, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.chmod(tmp, 0o600)
            tmp.replace(path)
        except OSError:
            pass
    return found


def workspace_suggester(ws: Workspace, stored: Any) -> Any:
    """The Suggester for a stored ladder version. `stored` may be a LadderRef: the ladder is
    then parsed only when the cache has no index for that version yet."""
    if isinstance(stored, LadderRef):
        key = _ladder_key(None, stored)
        memo = _memory_key(key, ws.home / CACHE_DIR)
        found = _MEMORY.get(memo) or _load_cached(ws.home / CACHE_DIR, key)
        if found is not None:
            _MEMORY[memo] = found
            return found
        from promocase.store import ladders as ladder_store

        full = ladder_store.get_by_id(ws.conn, stored.id)
        assert full is not None
        stored = full
    return suggester_for(stored.ladder, cache_dir=ws.home / CACHE_DIR, stored=stored)


@dataclass(frozen=True)
class LadderRef:
    """The active ladder's identity without its content (enough to find a cached index)."""

    id: int
    slug: str
    version: int


def active_ladder_ref(ws: Workspace) -> LadderRef | None:
    row = ws.conn.execute(
        "SELECT l.id, l.slug, MAX(v.version) FROM setting s JOIN ladder l ON l.slug = s.value "
        "JOIN ladder_version v ON v.ladder_id = l.id WHERE s.key = 'active_ladder' "
        "GROUP BY l.id"
    ).fetchone()
    return None if row is None else LadderRef(int(row[0]), row[1], int(row[2]))


def _load_cached(cache_dir: Path, key: str) -> Any:
    from promocase.analysis.mapping import Suggester

    path = cache_dir / f"suggester-{key}.pickle"
    try:
        with path.open("rb") as fh:
            found = pickle.load(fh)  # noqa: S301 - our own file in the private workspace
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a stale or broken cache is rebuilt
        path.unlink(missing_ok=True)
        return None
    return found if isinstance(found, Suggester) else None


# -- judging one entry ------------------------------------------------------------------------
def verdict_for(evidence: Evidence) -> Any:
    """The measurability verdict of an entry, using its structured fields too."""
    from promocase.analysis.measurability import check_evidence

    return check_evidence(
        evidence.text,
        outcome=evidence.outcome,
        metric=evidence.metric,
        role=evidence.role,
        scope=evidence.scope,
        links=evidence.links,
    )


def _entry_text(evidence: Evidence) -> str:
    """What the suggester and the signals read of an entry: its text, without a git import's
    size note (which ends the text, so it would sit in the middle once an outcome follows),
    then its outcome."""
    from promocase.analysis.text import without_size_note

    return " ".join(p for p in (without_size_note(evidence.text), evidence.outcome or "") if p)


def suggestions_for(
    ws: Workspace,
    stored: StoredLadder,
    text: str,
    k: int = SUGGEST_KEEP,
    *,
    scope: str | None = None,
) -> list[Suggestion]:
    suggester = workspace_suggester(ws, stored)
    out = []
    for cid, score in suggester.suggest(text, k):
        if score < SUGGEST_MIN_SCORE and out:
            break
        crit = suggester.ladder.criterion(cid)
        out.append(
            Suggestion(
                cid,
                crit.name if crit else cid,
                score,
                suggester.suggest_level(text, cid, scope=scope),
            )
        )
    # Keep only suggestions close to the best one: a long tail is noise to review.
    floor = max(SUGGEST_MIN_SCORE, SUGGEST_RELATIVE * out[0].score) if out else 1.0
    return [s for s in out if s.score >= floor]


def _store_judgement(
    conn: sqlite3.Connection,
    evidence: Evidence,
    stored: StoredLadder | None,
    verdict: Any,
    suggestions: list[Suggestion],
    signals: list[str],
) -> None:
    from promocase.store import evidence as store
    from promocase.store.evidence import CriterionLink

    assert evidence.id is not None
    at = now_iso()
    if verdict is not None:
        conn.execute(
            "INSERT OR REPLACE INTO evidence_verdict(evidence_id, verdict, missing, checked_at) "
            "VALUES (?, ?, ?, ?)",
            (evidence.id, verdict.verdict, json.dumps(verdict.missing), at),
        )
    conn.execute("DELETE FROM evidence_signal WHERE evidence_id = ?", (evidence.id,))
    conn.executemany(
        "INSERT OR IGNORE INTO evidence_signal(evidence_id, signal) VALUES (?, ?)",
        [(evidence.id, s) for s in signals],
    )
    if stored is None:
        return
    existing = {
        (link.ladder_id, link.criterion_id)
        for link in store.criterion_links(conn, evidence.id, include_rejected=True)
    }
    for s in suggestions:
        if (stored.id, s.criterion_id) in existing:
            continue
        store.set_criterion_link(
            conn,
            evidence.id,
            CriterionLink(stored.id, s.criterion_id, "suggested", "suggester", s.score, s.level),
            at=at,
        )


def _judge(ws: Workspace, evidence: Evidence) -> tuple[Any, Any, list[Suggestion], list[str]]:
    from promocase.analysis.signals import detect_signals

    stored = active_ladder_ref(ws)
    text = _entry_text(evidence)
    verdict = verdict_for(evidence) if evidence.kind == "work" else None
    signals = detect_signals(text)
    suggestions = (
        suggestions_for(ws, stored, text, scope=evidence.scope) if stored is not None else []
    )
    return stored, verdict, suggestions, signals


def judge_edit(ws: Workspace, evidence: Evidence) -> Any:
    """The judgement of an edited entry, made before its write transaction; `store_edit`
    stores it inside that transaction."""
    return _judge(ws, evidence)


def store_edit(conn: sqlite3.Connection, evidence: Evidence, judged: Any) -> None:
    """Replace an edited entry's judgement: its verdict and signals, and the suggester's
    pending suggestions (links the person accepted or rejected stay as they are)."""
    stored, verdict, suggestions, signals = judged
    conn.execute(
        "DELETE FROM evidence_criterion WHERE evidence_id = ? AND status = 'suggested' "
        "AND made_by = 'suggester'",
        (evidence.id,),
    )
    if verdict is None:
        conn.execute("DELETE FROM evidence_verdict WHERE evidence_id = ?", (evidence.id,))
    _store_judgement(conn, evidence, stored, verdict, suggestions, signals)


def capture(ws: Workspace, data: Any) -> tuple[Evidence, CaptureFeedback]:
    """Add an entry and its judgement in one transaction (one sync to disk for `add`)."""
    from promocase.services.evidence import build_evidence, resolve_criteria
    from promocase.store import evidence as store

    evidence = build_evidence(data)
    links = resolve_criteria(ws, data.criteria)
    stored, verdict, suggestions, signals = _judge(ws, evidence)
    with write_transaction(ws.conn):
        store.insert(ws.conn, evidence, links)
        _store_judgement(ws.conn, evidence, stored, verdict, suggestions, signals)
    assert evidence.id is not None
    # Criteria the person linked themselves are not suggested back to them for confirmation.
    linked = {link.criterion_id for link in links}
    shown = [s for s in suggestions if s.criterion_id not in linked]
    return evidence, CaptureFeedback(evidence.id, verdict, shown, signals)


def judge_all(ws: Workspace, *, suggest: bool = True) -> dict[str, int]:
    """Judge every live entry that has not been judged yet (after an import, for instance)."""
    from promocase.analysis.signals import detect_signals
    from promocase.services.ladders import active_ladder
    from promocase.store import evidence as store

    stored = active_ladder(ws)
    conn = ws.conn
    ids = [
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM evidence e WHERE deleted_at IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM evidence_verdict v WHERE v.evidence_id = e.id) ORDER BY id"
        )
    ]
    suggested = 0
    with write_transaction(conn):
        for eid in ids:
            evidence = store.get(conn, eid)
            if evidence is None:
                continue
            text = _entry_text(evidence)
            verdict = verdict_for(evidence) if evidence.kind == "work" else None
            if verdict is None:
                from promocase.analysis.measurability import EvidenceVerdict

                verdict = EvidenceVerdict("specific")
            linked = store.criterion_links(conn, eid, include_rejected=True)
            suggestions = (
                suggestions_for(ws, stored, text, scope=evidence.scope)
                if (stored and suggest and not linked)
                else []
            )
            suggested += len(suggestions)
            _store_judgement(conn, evidence, stored, verdict, suggestions, detect_signals(text))
    return {"judged": len(ids), "suggested": suggested}


# -- reviewing suggestions --------------------------------------------------------------------
@dataclass(frozen=True)
class PendingSuggestion:
    evidence_id: int
    date: str
    text: str
    criterion_id: str
    name: str
    score: float | None
    level: str | None


def pending_suggestions(ws: Workspace, *, limit: int | None = None) -> list[PendingSuggestion]:
    """Suggested links on the active ladder still waiting for a yes or no, newest first."""
    from promocase.services.ladders import require_active

    stored = require_active(ws)
    sql = (
        "SELECT c.evidence_id, e.date, e.text, c.criterion_id, c.score, c.level_id "
        "FROM evidence_criterion c JOIN evidence e ON e.id = c.evidence_id "
        "WHERE c.ladder_id = ? AND c.status = 'suggested' AND e.deleted_at IS NULL "
        "ORDER BY e.date DESC, e.id DESC, c.score DESC"
    )
    params: list[Any] = [stored.id]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    out = []
    for r in ws.conn.execute(sql, params):
        crit = stored.ladder.criterion(r[3])
        out.append(
            PendingSuggestion(int(r[0]), r[1], r[2], r[3], crit.name if crit else r[3], r[4], r[5])
        )
    return out


def _set_status(ws: Workspace, evidence_id: int, criterion_id: str, status: str) -> None:
    from promocase.services.ladders import require_active
    from promocase.store import evidence as store
    from promocase.store.evidence import CriterionLink

    stored = require_active(ws)
    if store.get(ws.conn, evidence_id) is None:
        raise NotFound(
            f"There is no entry #{evidence_id}.", hint="See pending suggestions: promocase review"
        )
    crit = stored.ladder.criterion(criterion_id)
    if crit is None:
        raise stored.ladder.unknown_criterion(criterion_id)
    row = ws.conn.execute(
        "SELECT made_by, score, level_id FROM evidence_criterion "
        "WHERE evidence_id = ? AND ladder_id = ? AND criterion_id = ?",
        (evidence_id, stored.id, crit.id),
    ).fetchone()
    made_by = row[0] if row else "user"
    with write_transaction(ws.conn):
        store.set_criterion_link(
            ws.conn,
            evidence_id,
            CriterionLink(
                stored.id,
                crit.id,
                status,
                made_by,
                row[1] if row else None,
                row[2] if row else None,
            ),
        )


def accept_suggestion(ws: Workspace, evidence_id: int, criterion_id: str) -> None:
    """Accept a link (a suggested one keeps made_by='suggester'; a new one is the user's)."""
    _set_status(ws, evidence_id, criterion_id, "accepted")


def reject_suggestion(ws: Workspace, evidence_id: int, criterion_id: str) -> None:
    """Reject a link; it will not be suggested again for this entry."""
    _set_status(ws, evidence_id, criterion_id, "rejected")
