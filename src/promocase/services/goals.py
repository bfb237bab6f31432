"""Achievements: goals with a baseline, a target, a due date and measured actuals over time.

Whether a goal was exceeded, met or missed is computed from its numbers, never typed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from promocase.core.dates import parse_when
from promocase.core.errors import NotFound, ValidationError
from promocase.core.words import number
from promocase.store.clock import now_iso, today
from promocase.store.connection import write_transaction
from promocase.workspace import Workspace

# exceeded: past the target; met: reached it exactly; missed: due date passed short of it;
# on-track / behind: before the due date, compared with the time elapsed; no-data: no actual yet.
VERDICTS = ("exceeded", "met", "missed", "on-track", "behind", "no-data")
MAX_TITLE = 300


@dataclass(frozen=True)
class Actual:
    date: str
    value: float
    note: str | None = None


@dataclass
class Goal:
    id: int
    title: str
    unit: str | None
    baseline: float
    target: float
    start_date: str
    due_date: str
    note: str | None = None
    actuals: list[Actual] = field(default_factory=list)
    evidence_ids: list[int] = field(default_factory=list)

    @property
    def direction(self) -> str:
        """'up' when a higher number is better, 'down' when lower is better."""
        return "up" if self.target > self.baseline else "down"

    def value_on(self, day: str) -> float | None:
        """The latest actual measured on or before `day`."""
        found = [a for a in self.actuals if a.date <= day]
        return found[-1].value if found else None

    def progress_of(self, value: float) -> float:
        """How far `value` is from the baseline towards the target (1.0 = at the target)."""
        return (value - self.baseline) / (self.target - self.baseline)


@dataclass(frozen=True)
class GoalStatus:
    goal: Goal
    verdict: str
    latest: float | None
    progress: float | None  # 0 = baseline, 1 = target, >1 past it
    expected: float  # the share of the time between start and due that has passed (0..1)
    explanation: str


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    # four significant digits, written out: 12345.6 reads "12,350", never "1.235e+04"
    return number(float(f"{value:.4g}"))


def with_unit(value: float | None, unit: str | None) -> str:
    text = _num(value)
    if value is None or not unit:
        return text
    return f"{text}{unit}" if unit in ("%",) else f"{text} {unit}"


def evaluate(goal: Goal, *, on: date | None = None) -> GoalStatus:
    """The computed verdict of a goal as of `on` (today by default)."""
    day = on or today()
    start, due = date.fromisoformat(goal.start_date), date.fromisoformat(goal.due_date)
    span = max((due - start).days, 1)
    expected = min(max((day - start).days / span, 0.0), 1.0)
    past_due = day > due
    value = goal.value_on(goal.due_date if past_due else day.isoformat())
    target = with_unit(goal.target, goal.unit)
    if value is None:
        when = f"by {goal.due_date}" if past_due else "yet"
        return GoalStatus(goal, "no-data", None, None, expected, f"No actual recorded {when}.")
    progress = goal.progress_of(value)
    shown = with_unit(value, goal.unit)
    if progress > 1:
        verdict, why = "exceeded", f"{shown} beats the target of {target}."
    elif progress == 1:
        verdict, why = "met", f"{shown} reached the target of {target}."
    elif past_due:
        verdict, why = "missed", f"{shown} by {goal.due_date}, short of the target of {target}."
    elif progress >= expected:
        verdict = "on-track"
        why = f"{shown}: {progress:.0%} of the way with {expected:.0%} of the time gone."
    elif progress < 0:
        verdict = "behind"
        baseline = with_unit(goal.baseline, goal.unit)
        why = f"{shown}: further from the target than the baseline of {baseline}."
    else:
        verdict = "behind"
        why = f"{shown}: {progress:.0%} of the way with {expected:.0%} of the time gone."
    return GoalStatus(goal, verdict, value, progress, expected, why)


def _goal_from_row(conn: sqlite3.Connection, row: sqlite3.Row) -> Goal:
    gid = int(row["id"])
    actuals = [
        Actual(r[0], float(r[1]), r[2])
        for r in conn.execute(
            "SELECT date, value, note FROM goal_actual WHERE goal_id = ? ORDER BY date, id", (gid,)
        )
    ]
    evidence_ids = [
        int(r[0])
        for r in conn.execute(
            "SELECT g.evidence_id FROM goal_evidence g JOIN evidence e ON e.id = g.evidence_id "
            "WHERE g.goal_id = ? AND e.deleted_at IS NULL ORDER BY e.date DESC, e.id DESC",
            (gid,),
        )
    ]
    return Goal(
        id=gid,
        title=row["title"],
        unit=row["unit"],
        baseline=float(row["baseline"]),
        target=float(row["target"]),
        start_date=row["start_date"],
        due_date=row["due_date"],
        note=row["note"],
        actuals=actuals,
        evidence_ids=evidence_ids,
    )


def list_goals(ws: Workspace) -> list[Goal]:
    """Every goal that is not archived, soonest due first."""
    conn = ws.conn
    rows = conn.execute(
        "SELECT * FROM goal WHERE archived_at IS NULL ORDER BY due_date, id"
    ).fetchall()
    return [_goal_from_row(conn, r) for r in rows]


def get_goal(ws: Workspace, goal_id: int) -> Goal:
    row = ws.conn.execute(
        "SELECT * FROM goal WHERE id = ? AND archived_at IS NULL", (goal_id,)
    ).fetchone()
    if row is None:
        raise NotFound(
            f"There is no goal #{goal_id}.", hint="See your goals with: promocase goal list"
        )
    return _goal_from_row(ws.conn, row)


def _title(text: str) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise ValidationError(
            "The goal has no title.",
            hint='Say what you will move, e.g. promocase goal add "Cut p95 latency" '
            "--baseline 820 --target 300 --unit ms --due 2027-03-31",
        )
    if len(cleaned) > MAX_TITLE:
        raise ValidationError(f"The goal title is longer than {MAX_TITLE} characters.")
    return cleaned


def _number(value: Any, what: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        raise ValidationError(
            f"The {what} '{value}' is not a number.", hint=f"Give the {what} as a number, e.g. 42."
        ) from None


def _day(value: str | None, what: str, default: date) -> str:
    if value is None or not str(value).strip():
        return default.isoformat()
    return parse_when_or_ahead(str(value), what).isoformat()


def parse_when_or_ahead(text: str, what: str) -> date:
    """A date as people type it, also 'in N days|weeks|months' for due dates."""
    import re

    match = re.match(r"^\s*in\s+(\d+)\s*(day|week|month|year)s?\s*$", text, re.IGNORECASE)
    if match:
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[match.group(2).lower()]
        return today() + timedelta(days=int(match.group(1)) * days)
    try:
        return parse_when(text, today=today())
    except ValidationError as exc:
        raise ValidationError(
            f"The {what} '{text}' is not a date I understand.",
            hint="Use YYYY-MM-DD, 'today', '3 weeks ago' or 'in 90 days'.",
        ) from exc


def goal_field_errors(
    title: str, baseline: Any, target: Any, due: str | None = None
) -> dict[str, ValidationError]:
    """Each field of a new goal checked on its own, as `add_goal` checks it, so a form can
    show every problem at once, each under its field (an empty due date is left to the
    caller's default). Empty when every field is well formed; `add_goal` still checks how
    the fields fit together (a target equal to the baseline, a due date before the start)."""
    checks: dict[str, Callable[[], object]] = {
        "title": lambda: _title(title),
        "baseline": lambda: _number(baseline, "baseline"),
        "target": lambda: _number(target, "target"),
        "due": lambda: due and parse_when_or_ahead(due, "due date"),
    }
    errors: dict[str, ValidationError] = {}
    for name, check in checks.items():
        try:
            check()
        except ValidationError as exc:
            errors[name] = exc
    return errors


def _check_span(baseline: float, target: float, start: str, due: str) -> None:
    if baseline == target:
        raise ValidationError(
            f"The target ({_num(target)}) equals the baseline; there is nothing to move.",
            hint="Give the starting number as --baseline and where you aim to get as --target.",
        )
    if due <= start:
        raise ValidationError(
            f"The due date {due} is not after the start date {start}.",
            hint="Pass --due with a later date, e.g. --due 'in 90 days'.",
        )


def add_goal(
    ws: Workspace,
    title: str,
    *,
    baseline: Any,
    target: Any,
    due: str,
    unit: str | None = None,
    start: str | None = None,
    note: str | None = None,
    evidence_ids: list[int] | None = None,
) -> Goal:
    """Create a goal; `start` defaults to today. Returns it with its id."""
    clean = _title(title)
    base, tgt = _number(baseline, "baseline"), _number(target, "target")
    start_day = _day(start, "start date", today())
    due_day = _day(due, "due date", today())
    _check_span(base, tgt, start_day, due_day)
    at = now_iso()
    conn = ws.conn
    with write_transaction(conn):
        cur = conn.execute(
            "INSERT INTO goal(title, unit, baseline, target, start_date, due_date, note, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (clean, (unit or "").strip() or None, base, tgt, start_day, due_day, note, at, at),
        )
        goal_id = int(cur.lastrowid or 0)
        for eid in evidence_ids or []:
            _link(conn, goal_id, eid)
    return get_goal(ws, goal_id)


def _link(conn: sqlite3.Connection, goal_id: int, evidence_id: int) -> None:
    row = conn.execute("SELECT deleted_at FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
    if row is None or row[0] is not None:
        raise NotFound(
            f"There is no entry #{evidence_id} to link to goal #{goal_id}.",
            hint="Find the entry's id with: promocase log or promocase search WORDS",
        )
    conn.execute(
        "INSERT OR IGNORE INTO goal_evidence(goal_id, evidence_id) VALUES (?, ?)",
        (goal_id, evidence_id),
    )


@dataclass
class GoalChanges:
    title: str | None = None
    unit: str | None = None
    baseline: Any = None
    target: Any = None
    due: str | None = None
    note: str | None = None
    actual: Any = None
    actual_date: str | None = None
    actual_note: str | None = None
    link_evidence: list[int] = field(default_factory=list)
    unlink_evidence: list[int] = field(default_factory=list)
    archive: bool = False


def update_goal(ws: Workspace, goal_id: int, changes: GoalChanges) -> Goal:
    """Record an actual, edit the goal, or (un)link evidence, all in one transaction."""
    goal = get_goal(ws, goal_id)
    title = _title(changes.title) if changes.title is not None else goal.title
    base = _number(changes.baseline, "baseline") if changes.baseline is not None else goal.baseline
    tgt = _number(changes.target, "target") if changes.target is not None else goal.target
    due = _day(changes.due, "due date", today()) if changes.due is not None else goal.due_date
    _check_span(base, tgt, goal.start_date, due)
    unit = goal.unit if changes.unit is None else (changes.unit.strip() or None)
    note = goal.note if changes.note is None else (changes.note.strip() or None)
    conn = ws.conn
    at = now_iso()
    with write_transaction(conn):
        conn.execute(
            "UPDATE goal SET title=?, unit=?, baseline=?, target=?, due_date=?, note=?, "
            "updated_at=?, archived_at=? WHERE id=?",
            (title, unit, base, tgt, due, note, at, at if changes.archive else None, goal_id),
        )
        if changes.actual is not None:
            value = _number(changes.actual, "actual")
            day = _day(changes.actual_date, "date of the actual", today())
            conn.execute(
                "INSERT INTO goal_actual(goal_id, date, value, note, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (goal_id, day, value, changes.actual_note, at),
            )
        for eid in changes.link_evidence:
            _link(conn, goal_id, eid)
        for eid in changes.unlink_evidence:
            conn.execute(
                "DELETE FROM goal_evidence WHERE goal_id = ? AND evidence_id = ?", (goal_id, eid)
            )
    if changes.archive:
        return goal
    return get_goal(ws, goal_id)


@dataclass(frozen=True)
class PeriodPoint:
    period: str  # 2026-W47 or 2026-11
    value: float | None  # latest actual up to the end of the period
    progress: float | None
    expected: float


def progress_by_period(goal: Goal, by: str, *, on: date | None = None) -> list[PeriodPoint]:
    """Progress at the end of each week or month from the start date to today or the due date."""
    if by not in ("week", "month"):
        raise ValidationError(f"'{by}' is not a view.", hint="Use --by week or --by month.")
    start, due = date.fromisoformat(goal.start_date), date.fromisoformat(goal.due_date)
    end = min(on or today(), due) if (on or today()) >= start else start
    span = max((due - start).days, 1)
    points: list[PeriodPoint] = []
    cursor = start
    while cursor <= end:
        if by == "week":
            period_end = cursor + timedelta(days=6 - cursor.weekday())
            iso = cursor.isocalendar()
            label = f"{iso.year}-W{iso.week:02d}"
        else:
            nxt = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
            period_end = nxt - timedelta(days=1)
            label = f"{cursor.year}-{cursor.month:02d}"
        upto = min(period_end, end)
        value = goal.value_on(upto.isoformat())
        points.append(
            PeriodPoint(
                label,
                value,
                None if value is None else goal.progress_of(value),
                min(max((upto - start).days / span, 0.0), 1.0),
            )
        )
        cursor = period_end + timedelta(days=1)
    return points


def goal_json(status: GoalStatus) -> dict[str, Any]:
    """The stable JSON shape of a goal and its computed verdict."""
    g = status.goal
    return {
        "id": g.id,
        "title": g.title,
        "unit": g.unit,
        "baseline": g.baseline,
        "target": g.target,
        "direction": g.direction,
        "start_date": g.start_date,
        "due_date": g.due_date,
        "note": g.note,
        "latest": status.latest,
        "progress": None if status.progress is None else round(status.progress, 4),
        "expected": round(status.expected, 4),
        "verdict": status.verdict,
        "explanation": status.explanation,
        "actuals": [{"date": a.date, "value": a.value, "note": a.note} for a in g.actuals],
        "evidence_ids": g.evidence_ids,
    }
