"""Self-assessment: the person's own verdict per target-level criterion, kept with its date."""

from __future__ import annotations

from dataclasses import dataclass

from promocase.core.errors import ValidationError
from promocase.store.clock import now_iso
from promocase.store.connection import write_transaction
from promocase.workspace import Workspace

VERDICTS = ("meets", "partially", "not-yet", "n/a")
_ALIASES = {
    "met": "meets",
    "meet": "meets",
    "yes": "meets",
    "partial": "partially",
    "part": "partially",
    "not yet": "not-yet",
    "notyet": "not-yet",
    "no": "not-yet",
    "na": "n/a",
    "n.a.": "n/a",
    "not applicable": "n/a",
}


def normalise_verdict(raw: str) -> str:
    value = raw.strip().lower()
    value = _ALIASES.get(value, value)
    if value not in VERDICTS:
        raise ValidationError(
            f"'{raw}' is not a verdict.", hint="Use one of: " + ", ".join(VERDICTS)
        )
    return value


@dataclass(frozen=True)
class AssessmentItem:
    criterion_id: str
    verdict: str
    note: str | None = None


@dataclass(frozen=True)
class AssessmentRecord:
    session: int
    criterion_id: str
    level_id: str
    verdict: str
    note: str | None
    assessed_at: str


def criteria_to_assess(ws: Workspace) -> list[tuple[str, str, str | None]]:
    """(criterion id, name, expectation at the target level) for the target level."""
    from promocase.services.ladders import profile, require_active
    from promocase.services.status import target_criteria

    stored = require_active(ws)
    prof = profile(ws)
    return [(c.id, c.name, e) for c, e in target_criteria(stored.ladder, prof.target_level)]


def save_assessment(ws: Workspace, items: list[AssessmentItem]) -> int:
    """Store one assessment session (all items share the session number); return it.

    'n/a' needs a reason in the note. Criteria left out keep their earlier verdicts.
    """
    from promocase.services.ladders import profile, require_active

    stored = require_active(ws)
    prof = profile(ws)
    level = prof.target_level or stored.ladder.levels[-1].id
    known = {cid for cid, _, _ in criteria_to_assess(ws)} | {c.id for c in stored.ladder.criteria}
    checked = []
    for item in items:
        verdict = normalise_verdict(item.verdict)
        if item.criterion_id not in known:
            raise stored.ladder.unknown_criterion(item.criterion_id, sorted(known))
        note = (item.note or "").strip() or None
        if verdict == "n/a" and not note:
            raise ValidationError(
                f"'n/a' for {item.criterion_id} needs a reason.",
                hint=f"Example: --verdict '{item.criterion_id}=n/a:not part of this role here'",
            )
        checked.append((item.criterion_id, verdict, note))
    if not checked:
        raise ValidationError(
            "Nothing to record.", hint="Give at least one --verdict CRITERION=VERDICT."
        )
    at = now_iso()
    with write_transaction(ws.conn):
        session = int(
            ws.conn.execute("SELECT COALESCE(MAX(session), 0) + 1 FROM assessment").fetchone()[0]
        )
        ws.conn.executemany(
            "INSERT INTO assessment(session, ladder_id, level_id, criterion_id, verdict, note, "
            "assessed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(session, stored.id, level, cid, v, n, at) for cid, v, n in checked],
        )
    return session


def assessment_history(ws: Workspace) -> list[AssessmentRecord]:
    """Every recorded verdict on the active ladder, oldest first."""
    from promocase.services.ladders import require_active

    stored = require_active(ws)
    return [
        AssessmentRecord(int(r[0]), r[1], r[2], r[3], r[4], r[5])
        for r in ws.conn.execute(
            "SELECT session, criterion_id, level_id, verdict, note, assessed_at FROM assessment "
            "WHERE ladder_id = ? ORDER BY id",
            (stored.id,),
        )
    ]


def lower_level_defaults(ws: Workspace) -> list[str]:
    """Criteria that only have expectations below the target level: they count as met
    unless the person says otherwise."""
    from promocase.services.ladders import profile, require_active

    stored = require_active(ws)
    prof = profile(ws)
    if not prof.target_level:
        return []
    ladder = stored.ladder
    at_target = {c.id for c, _ in ladder.criteria_at(prof.target_level)}
    return [c.id for c in ladder.criteria if c.id not in at_target and c.expectations]
