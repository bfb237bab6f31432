"""The pipeline every importer shares: skip what is already in the log, preview or write in one
transaction, run the judgement on each new entry, and summarise.

An importer turns a source into `Candidate`s; `known_items` tells it which source items an
earlier run already took, so it can leave them out before grouping; `run_import` does the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from promocase.importers.candidate import Candidate
from promocase.store import evidence as store
from promocase.store.clock import now_iso
from promocase.store.connection import write_transaction
from promocase.workspace import Workspace

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class ImportedEntry:
    """One candidate and what happened to it."""

    status: str  # added | new (dry run) | exists
    date: str
    text: str
    source_ref: str
    items: int
    id: int | None = None
    verdict: str | None = None  # specific | vague (measurability), None when not judged
    missing: list[str] = field(default_factory=list)
    suggestions: list[dict[str, Any]] = field(default_factory=list)  # {criterion_id, score}


@dataclass
class ImportSummary:
    source: str
    dry_run: bool
    found: int = 0  # candidates the source yielded
    new: int = 0  # not yet in the log
    added: int = 0  # written (0 on a dry run)
    skipped: int = 0  # already imported earlier
    items: int = 0  # source items behind the new candidates (commits, issues, meetings…)
    entries: list[ImportedEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    detected: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "found": self.found,
            "new": self.new,
            "added": self.added,
            "skipped": self.skipped,
            "items": self.items,
            "detected": self.detected,
            "notes": self.notes,
            "entries": [
                {
                    "status": e.status,
                    "id": e.id,
                    "date": e.date,
                    "text": e.text,
                    "source_ref": e.source_ref,
                    "items": e.items,
                    "verdict": e.verdict,
                    "missing": e.missing,
                    "suggestions": e.suggestions,
                }
                for e in self.entries
            ],
        }


def known_items(ws: Workspace, source: str) -> set[str]:
    """Refs of the source items earlier runs imported (commit hashes, issue keys…)."""
    rows = ws.conn.execute("SELECT ref FROM import_item WHERE source = ?", (source,))
    return {r[0] for r in rows}


def _known_entries(ws: Workspace, source: str) -> set[str]:
    rows = ws.conn.execute(
        "SELECT source_ref FROM evidence WHERE source = ? AND source_ref IS NOT NULL", (source,)
    )
    return {r[0] for r in rows}


class _Judge:
    """Criteria suggestions and the measurability verdict for each new entry.

    Writing runs go through services.judgement.after_capture (which stores the suggestions,
    signals and verdict); dry runs compute the same and store nothing.
    """

    def __init__(self, ws: Workspace) -> None:
        from promocase.services.ladders import active_ladder

        self.ws = ws
        self.stored = active_ladder(ws)
        self._suggester: Any = None

    def preview(self, entry: ImportedEntry, candidate: Candidate) -> None:
        from promocase.services import judgement

        evidence = candidate.to_evidence()
        verdict = judgement.verdict_for(evidence)
        entry.verdict, entry.missing = verdict.verdict, list(verdict.missing)
        entry.suggestions = [_suggestion_json(s) for s in self._suggest(evidence.text)]

    def capture(self, entry: ImportedEntry, evidence: Any) -> None:
        """What after_capture does, with the ladder and its Suggester looked up once per run
        instead of once per entry (that lookup cost more than the judging itself), and
        without the level guess on each suggestion."""
        from promocase.analysis.signals import detect_signals
        from promocase.services import judgement

        text = " ".join(p for p in (evidence.text, evidence.outcome or "") if p)
        verdict = judgement.verdict_for(evidence)
        suggestions = self._suggest(text)
        judgement._store_judgement(  # noqa: SLF001 - the same write after_capture makes
            self.ws.conn, evidence, self.stored, verdict, suggestions, detect_signals(text)
        )
        entry.verdict, entry.missing = verdict.verdict, list(verdict.missing)
        entry.suggestions = [_suggestion_json(s) for s in suggestions]

    def _suggest(self, text: str) -> list[Any]:
        from promocase.services import judgement

        if self.stored is None:
            return []
        if self._suggester is None:
            self._suggester = judgement.workspace_suggester(self.ws, self.stored)
        out = []
        for cid, score in self._suggester.suggest(text, judgement.SUGGEST_KEEP):
            if score < judgement.SUGGEST_MIN_SCORE:
                break
            crit = self.stored.ladder.criterion(cid)
            # No level guess: it cost more than everything else per entry, and `promocase
            # review` shows the criteria without it.
            out.append(judgement.Suggestion(cid, crit.name if crit else cid, score, None))
        return out


def _suggestion_json(s: Any) -> dict[str, Any]:
    return {"criterion_id": s.criterion_id, "score": round(float(s.score), 3)}


def run_import(
    ws: Workspace,
    candidates: list[Candidate],
    *,
    source: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    judge: bool = True,
) -> ImportSummary:
    """Add the candidates not yet in the log, all in one transaction (or none on a dry run).

    Re-running with the same input adds nothing: a candidate is skipped when its source_ref is
    already in the log (even as a deleted entry) or when every item behind it was imported.
    """
    summary = ImportSummary(source=source, dry_run=dry_run, found=len(candidates))
    existing = _known_entries(ws, source)
    items_seen = known_items(ws, source)
    fresh: list[Candidate] = []
    for cand in candidates:
        if cand.source_ref in existing or (
            cand.item_refs and all(ref in items_seen for ref in cand.item_refs)
        ):
            summary.skipped += 1
            summary.entries.append(
                ImportedEntry("exists", cand.date, cand.text, cand.source_ref, len(cand.item_refs))
            )
            continue
        existing.add(cand.source_ref)
        fresh.append(cand)
    summary.new = len(fresh)
    summary.items = sum(len(c.item_refs) for c in fresh)
    judgement = _Judge(ws) if judge else None
    total = len(fresh)
    if dry_run:
        for done, cand in enumerate(fresh, 1):
            entry = ImportedEntry("new", cand.date, cand.text, cand.source_ref, len(cand.item_refs))
            if judgement is not None:
                judgement.preview(entry, cand)
            summary.entries.append(entry)
            if progress is not None:
                progress(done, total)
        return summary
    if not fresh:
        return summary
    conn = ws.conn
    at = now_iso()
    with write_transaction(conn):
        run_id = conn.execute(
            "INSERT INTO import_run(source, at, found, added, skipped) VALUES (?, ?, ?, ?, ?)",
            (source, at, summary.found, total, summary.skipped),
        ).lastrowid
        for done, cand in enumerate(fresh, 1):
            evidence = store.insert(conn, cand.to_evidence())
            entry = ImportedEntry(
                "added", evidence.date, evidence.text, cand.source_ref, len(cand.item_refs)
            )
            entry.id = evidence.id
            conn.executemany(
                "INSERT OR IGNORE INTO import_item(source, ref, evidence_id, run_id) "
                "VALUES (?, ?, ?, ?)",
                [(source, ref, evidence.id, run_id) for ref in cand.item_refs],
            )
            if judgement is not None:
                judgement.capture(entry, evidence)
            summary.entries.append(entry)
            if progress is not None:
                progress(done, total)
    summary.added = total
    return summary
