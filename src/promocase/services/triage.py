"""Eisenhower triage: place recurring work in the matrix, propose what to hand off, and count
the hours that frees for next-level work. Decisions are kept, with their history."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from promocase.core.errors import NotFound, ValidationError
from promocase.store.clock import now_iso
from promocase.store.connection import write_transaction
from promocase.workspace import Workspace

DECISIONS = ("do", "schedule", "delegate", "automate", "eliminate")
FREES_TIME = ("delegate", "automate", "eliminate")
KINDS = ("recurring", "task")
# A rating of 3 or more out of 5 counts as urgent / important.
THRESHOLD = 3
QUADRANTS = {
    (True, True): ("do", "Urgent and important: do it yourself."),
    (False, True): (
        "schedule",
        "Important, not urgent: plan time for it; next-level work lives here.",
    ),
    (True, False): ("delegate", "Urgent, not important: hand it to someone."),
    (False, False): ("eliminate", "Neither: stop doing it."),
}
# Work that is the same every time is a candidate for a script rather than a person.
_AUTOMATABLE = re.compile(
    r"\b(report|reports|status update|copy|copying|export|sync|checklist|manual|manually|"
    r"spreadsheet|dashboard|reminder|reminders|rota|renew|renewal|backfill|"
    r"collect|collecting|compile|compiling|weekly numbers|release notes)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TriageItem:
    id: int
    title: str
    kind: str
    urgency: int
    importance: int
    hours_per_week: float
    evidence_id: int | None
    decision: str | None
    delegate_to: str | None
    note: str | None
    decided_at: str | None

    @property
    def urgent(self) -> bool:
        return self.urgency >= THRESHOLD

    @property
    def important(self) -> bool:
        return self.importance >= THRESHOLD

    @property
    def quadrant(self) -> str:
        """do | schedule | delegate | eliminate: where the ratings place it."""
        return QUADRANTS[(self.urgent, self.important)][0]

    @property
    def proposal(self) -> str:
        """What promocase proposes: the quadrant's action, or automate for repeatable chores."""
        quadrant = self.quadrant
        if (
            quadrant in ("delegate", "eliminate")
            and self.kind == "recurring"
            and _AUTOMATABLE.search(self.title)
        ):
            return "automate"
        return quadrant

    @property
    def reason(self) -> str:
        if self.proposal == "automate":
            return "Repeats the same steps each time: a script or tool can take it over."
        return QUADRANTS[(self.urgent, self.important)][1]

    @property
    def effective(self) -> str:
        """The decision if one was made, else the proposal."""
        return self.decision or self.proposal


@dataclass(frozen=True)
class TriageSummary:
    items: list[TriageItem]
    hours_total: float
    hours_freed_decided: float  # by decisions already taken
    hours_freed_proposed: float  # if every open proposal were accepted too
    delegations: list[TriageItem]  # decided delegations (mentoring opportunities)


def _row(r: sqlite3.Row) -> TriageItem:
    return TriageItem(
        id=int(r["id"]),
        title=r["title"],
        kind=r["kind"],
        urgency=int(r["urgency"]),
        importance=int(r["importance"]),
        hours_per_week=float(r["hours_per_week"]),
        evidence_id=r["evidence_id"],
        decision=r["decision"],
        delegate_to=r["delegate_to"],
        note=r["note"],
        decided_at=r["decided_at"],
    )


def list_items(ws: Workspace) -> list[TriageItem]:
    rows = ws.conn.execute(
        "SELECT * FROM triage_item WHERE archived_at IS NULL ORDER BY id"
    ).fetchall()
    return [_row(r) for r in rows]


def get_item(ws: Workspace, item_id: int) -> TriageItem:
    row = ws.conn.execute(
        "SELECT * FROM triage_item WHERE id = ? AND archived_at IS NULL", (item_id,)
    ).fetchone()
    if row is None:
        raise NotFound(
            f"There is no triage item #{item_id}.", hint="See them with: promocase triage"
        )
    return _row(row)


def _rating(value: Any, what: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 5 or str(value).strip() not in {str(number)}:
        raise ValidationError(
            f"The {what} rating '{value}' is not a whole number from 1 to 5.",
            hint=f"Rate {what} from 1 (low) to 5 (high); 3 or more counts as {what}.",
        )
    return number


def _hours(value: Any) -> float:
    try:
        hours = float(value)
    except (TypeError, ValueError):
        hours = -1
    if not 0 <= hours <= 80:
        raise ValidationError(
            f"'{value}' is not a number of hours per week between 0 and 80.",
            hint="Estimate the hours it takes in a typical week, e.g. --hours 2.5.",
        )
    return hours


def _decision(value: str) -> str:
    lowered = value.strip().lower()
    if lowered not in DECISIONS:
        raise ValidationError(
            f"'{value}' is not a triage decision.", hint="Use one of: " + ", ".join(DECISIONS)
        )
    return lowered


def add_item(
    ws: Workspace,
    title: str,
    *,
    urgency: Any,
    importance: Any,
    hours: Any,
    kind: str = "recurring",
    evidence_id: int | None = None,
    note: str | None = None,
) -> TriageItem:
    """List a piece of recurring work or a task with its ratings and weekly hours."""
    if evidence_id is not None:
        row = ws.conn.execute(
            "SELECT text FROM evidence WHERE id = ? AND deleted_at IS NULL", (evidence_id,)
        ).fetchone()
        if row is None:
            raise NotFound(
                f"There is no entry #{evidence_id} to triage.",
                hint="Pick from recent entries: promocase triage candidates",
            )
        title = title or row[0]
    clean = " ".join((title or "").split())
    if not clean:
        raise ValidationError(
            "The work to triage has no description.",
            hint='e.g. promocase triage add "Weekly status report" -u 4 -i 2 --hours 2',
        )
    if kind not in KINDS:
        raise ValidationError(f"'{kind}' is not a kind of work.", hint="Use recurring or task.")
    values = (
        clean[:300],
        kind,
        _rating(urgency, "urgency"),
        _rating(importance, "importance"),
        _hours(hours),
        evidence_id,
        note,
    )
    at = now_iso()
    with write_transaction(ws.conn):
        cur = ws.conn.execute(
            "INSERT INTO triage_item(title, kind, urgency, importance, hours_per_week, "
            "evidence_id, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, at, at),
        )
    return get_item(ws, int(cur.lastrowid or 0))


def rate_item(
    ws: Workspace,
    item_id: int,
    *,
    urgency: Any = None,
    importance: Any = None,
    hours: Any = None,
    title: str | None = None,
) -> TriageItem:
    """Change the ratings or hours of an item; its decision stays."""
    item = get_item(ws, item_id)
    with write_transaction(ws.conn):
        ws.conn.execute(
            "UPDATE triage_item SET title=?, urgency=?, importance=?, hours_per_week=?, "
            "updated_at=? WHERE id=?",
            (
                " ".join(title.split()) if title else item.title,
                _rating(urgency, "urgency") if urgency is not None else item.urgency,
                _rating(importance, "importance") if importance is not None else item.importance,
                _hours(hours) if hours is not None else item.hours_per_week,
                now_iso(),
                item_id,
            ),
        )
    return get_item(ws, item_id)


def decide(
    ws: Workspace,
    item_id: int,
    decision: str | None = None,
    *,
    delegate_to: str | None = None,
    note: str | None = None,
) -> TriageItem:
    """Record a decision (the proposal when none is given); earlier ones stay in the history."""
    item = get_item(ws, item_id)
    chosen = _decision(decision) if decision else item.proposal
    person = " ".join((delegate_to or "").split()) or None
    if chosen == "delegate" and person is None:
        raise ValidationError(
            f"Say who will take over #{item_id} ('{item.title}').",
            hint="Add --to 'NAME': handing work to someone who grows from it is also "
            "mentoring evidence for your readiness story.",
        )
    if chosen != "delegate":
        person = None
    at = now_iso()
    with write_transaction(ws.conn):
        ws.conn.execute(
            "UPDATE triage_item SET decision=?, delegate_to=?, note=COALESCE(?, note), "
            "decided_at=?, updated_at=? WHERE id=?",
            (chosen, person, note, at, at, item_id),
        )
        ws.conn.execute(
            "INSERT INTO triage_decision(item_id, at, decision, delegate_to, note) "
            "VALUES (?, ?, ?, ?, ?)",
            (item_id, at, chosen, person, note),
        )
    return get_item(ws, item_id)


def reopen(ws: Workspace, item_id: int) -> TriageItem:
    """Clear the decision so the item can be revisited; the history keeps what it was."""
    get_item(ws, item_id)
    at = now_iso()
    with write_transaction(ws.conn):
        ws.conn.execute(
            "UPDATE triage_item SET decision=NULL, delegate_to=NULL, decided_at=NULL, "
            "updated_at=? WHERE id=?",
            (at, item_id),
        )
        ws.conn.execute(
            "INSERT INTO triage_decision(item_id, at, decision, note) VALUES (?, ?, 'reopened', NULL)",
            (item_id, at),
        )
    return get_item(ws, item_id)


def remove_item(ws: Workspace, item_id: int) -> TriageItem:
    item = get_item(ws, item_id)
    with write_transaction(ws.conn):
        ws.conn.execute("UPDATE triage_item SET archived_at=? WHERE id=?", (now_iso(), item_id))
    return item


def decision_history(ws: Workspace, item_id: int) -> list[dict[str, Any]]:
    get_item(ws, item_id)
    return [
        dict(r)
        for r in ws.conn.execute(
            "SELECT at, decision, delegate_to, note FROM triage_decision WHERE item_id = ? "
            "ORDER BY id",
            (item_id,),
        )
    ]


def summarise(ws: Workspace) -> TriageSummary:
    items = list_items(ws)
    decided = sum(i.hours_per_week for i in items if i.decision in FREES_TIME)
    proposed = sum(i.hours_per_week for i in items if i.effective in FREES_TIME)
    return TriageSummary(
        items=items,
        hours_total=sum(i.hours_per_week for i in items),
        hours_freed_decided=decided,
        hours_freed_proposed=proposed,
        delegations=[i for i in items if i.decision == "delegate"],
    )


def candidates(ws: Workspace, *, days: int = 30, limit: int = 15) -> list[dict[str, Any]]:
    """Recent work entries not yet triaged, as picks for `triage add --from-evidence ID`."""
    from datetime import timedelta

    from promocase.store.clock import today

    since = (today() - timedelta(days=days)).isoformat()
    rows = ws.conn.execute(
        "SELECT e.id, e.date, e.text FROM evidence e WHERE e.kind = 'work' "
        "AND e.deleted_at IS NULL AND e.date >= ? AND NOT EXISTS (SELECT 1 FROM triage_item t "
        "WHERE t.evidence_id = e.id AND t.archived_at IS NULL) ORDER BY e.date DESC, e.id DESC "
        "LIMIT ?",
        (since, limit),
    ).fetchall()
    return [{"id": r[0], "date": r[1], "text": r[2]} for r in rows]


def item_json(item: TriageItem) -> dict[str, Any]:
    """The stable JSON shape of a triage item."""
    return {
        "id": item.id,
        "title": item.title,
        "kind": item.kind,
        "urgency": item.urgency,
        "importance": item.importance,
        "hours_per_week": item.hours_per_week,
        "quadrant": item.quadrant,
        "proposal": item.proposal,
        "reason": item.reason,
        "decision": item.decision,
        "delegate_to": item.delegate_to,
        "decided_at": item.decided_at,
        "evidence_id": item.evidence_id,
        "note": item.note,
    }


def summary_json(summary: TriageSummary) -> dict[str, Any]:
    return {
        "items": [item_json(i) for i in summary.items],
        "hours_total": summary.hours_total,
        "hours_freed_decided": summary.hours_freed_decided,
        "hours_freed_proposed": summary.hours_freed_proposed,
        "delegations": [
            {"id": i.id, "title": i.title, "to": i.delegate_to} for i in summary.delegations
        ],
    }
