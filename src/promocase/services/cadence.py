"""The rhythm: weekly or monthly reviews, the nudge when one is overdue, reminder calendar files,
and outcome follow-ups 30 and 90 days after an entry that has no measured result yet.

This module imports only the standard library and the store at load time, because `nudge_line`
runs after ordinary commands such as `promocase add`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, datetime, timedelta
from typing import Any

from promocase.core.errors import ValidationError
from promocase.services.nudge import CADENCES, _days_since, cadence_of, nudge_line  # noqa: F401
from promocase.store.clock import now_iso, today
from promocase.store.connection import write_transaction

PERIODS = {"week": 7, "month": 30}
FOLLOW_UP_STAGES = ((30, 90), (90, 180))  # (stage, ask until this age in days)
SHOWN = 10  # items listed per section; the total is always given


@dataclass
class FollowUp:
    evidence_id: int
    date: str
    text: str
    stage: int  # 30 or 90: days after the entry
    age_days: int


@dataclass
class PeriodicReview:
    period: str  # week | month
    start: str
    end: str
    cadence: str
    last_review: str | None
    captured: list[dict[str, Any]] = field(default_factory=list)
    by_source: dict[str, int] = field(default_factory=dict)
    # Imported during the period but dated before it (a year of brag bullets, last quarter's
    # issues): per source, {"source", "count", "first", "last", "vague"}.
    imported_earlier: list[dict[str, Any]] = field(default_factory=list)
    vague: list[dict[str, Any]] = field(default_factory=list)
    vague_total: int = 0
    follow_ups: list[FollowUp] = field(default_factory=list)
    follow_ups_total: int = 0
    goals_due: list[dict[str, Any]] | None = None  # None: goals are not available
    actions_due: list[dict[str, Any]] | None = None  # None: actions are not available
    prompts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def follow_ups_later(self) -> int:
        """Follow-ups due but not listed: they come up in the next reviews."""
        return self.follow_ups_total - len(self.follow_ups)


def check_period(period: str) -> str:
    if period not in PERIODS:
        raise ValidationError(
            f"'{period}' is not a review period.", hint="Use week or month (review --week)."
        )
    return period


def _last_review(conn: Any) -> str | None:
    row = conn.execute("SELECT max(at) FROM review_log").fetchone()
    return row[0] if row and row[0] else None


def due_follow_ups(ws: Any, *, on: date | None = None) -> tuple[list[FollowUp], int]:
    """Work entries without a measured result (no metric, no number in the outcome, and no
    number the judgement found in the text), 30 to 89 or 90 to 179 days old, not yet asked
    about at that stage; the most recent first (at most SHOWN), and the total."""
    day = on or today()
    found: list[FollowUp] = []
    total = 0
    for stage, until in FOLLOW_UP_STAGES:
        newest = (day - timedelta(days=stage)).isoformat()
        oldest = (day - timedelta(days=until - 1)).isoformat()
        base = (
            "FROM evidence e WHERE e.kind = 'work' AND e.deleted_at IS NULL "
            "AND e.date <= ? AND e.date >= ? AND e.metric_value IS NULL "
            "AND e.metric_before IS NULL AND e.metric_after IS NULL "
            "AND (e.outcome IS NULL OR e.outcome NOT GLOB '*[0-9]*') "
            # a result measured in the text itself ("cut CI from 22 to 9 minutes")
            "AND NOT EXISTS (SELECT 1 FROM evidence_verdict v WHERE v.evidence_id = e.id "
            "AND v.verdict = 'specific' AND v.missing NOT LIKE '%\"metric\"%') "
            "AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.evidence_id = e.id AND f.stage >= ?)"
        )
        params = (newest, oldest, stage)
        total += int(ws.conn.execute("SELECT count(*) " + base, params).fetchone()[0])
        for row in ws.conn.execute(
            "SELECT e.id, e.date, e.text " + base + " ORDER BY e.date DESC, e.id DESC LIMIT ?",
            (*params, SHOWN),
        ):
            age = (day - date.fromisoformat(row[1])).days
            found.append(FollowUp(int(row[0]), row[1], row[2], stage, age))
    found.sort(key=lambda f: f.date, reverse=True)
    return found[:SHOWN], total


def _goals_due(ws: Any, start: date, horizon: date) -> list[dict[str, Any]] | None:
    try:
        from promocase.services.goals import evaluate, list_goals
    except ImportError:  # goals are optional in this section
        return None
    out = []
    for goal in list_goals(ws):
        status = evaluate(goal)
        due = date.fromisoformat(goal.due_date)
        if start <= due <= horizon or status.verdict in ("behind", "no-data"):
            out.append(
                {
                    "id": goal.id,
                    "title": goal.title,
                    "due_date": goal.due_date,
                    "verdict": status.verdict,
                    "explanation": status.explanation,
                }
            )
    return out


def _actions_due(ws: Any) -> list[dict[str, Any]] | None:
    try:
        from promocase.services.outcomes import due_actions
    except ImportError:  # actions are optional in this section
        return None
    out = []
    for item in due_actions(ws, within_days=14):
        if is_dataclass(item) and not isinstance(item, type):
            data = asdict(item)
        else:
            data = dict(getattr(item, "__dict__", {}))
        out.append({k: v for k, v in data.items() if isinstance(v, str | int | float | None)})
    return out


def periodic_review(ws: Any, period: str) -> PeriodicReview:
    """What the last week or month holds: entries captured or imported, the vague ones, outcome
    follow-ups, goals and actions due, and prompts for what is missing."""
    from promocase.services.judgement import verdict_for
    from promocase.store import evidence as store
    from promocase.store.evidence import EvidenceFilter

    check_period(period)
    day = today()
    start = day - timedelta(days=PERIODS[period] - 1)
    review = PeriodicReview(
        period=period,
        start=start.isoformat(),
        end=day.isoformat(),
        cadence=cadence_of(ws),
        last_review=_last_review(ws.conn),
    )
    entries = store.list_evidence(
        ws.conn, EvidenceFilter(since=review.start, until=review.end, newest_first=False)
    )
    vague = []
    praise = 0
    for e in entries:
        review.by_source[e.source] = review.by_source.get(e.source, 0) + 1
        item = {"id": e.id, "date": e.date, "kind": e.kind, "text": e.text, "source": e.source}
        if e.kind == "praise":
            praise += 1
            review.captured.append(item)
            continue
        verdict = verdict_for(e)
        item["verdict"] = verdict.verdict
        review.captured.append(item)
        if verdict.verdict == "vague":
            vague.append(
                {
                    "id": e.id,
                    "date": e.date,
                    "text": e.text,
                    "missing": list(verdict.missing),
                    "prompt": verdict.prompts[0] if verdict.prompts else None,
                }
            )
    review.vague_total = len(vague)
    review.vague = vague[-SHOWN:][::-1]
    review.imported_earlier = _imported_earlier(ws, start)
    review.follow_ups, review.follow_ups_total = due_follow_ups(ws, on=day)
    review.goals_due = _goals_due(ws, start, day + timedelta(days=PERIODS[period]))
    review.actions_due = _actions_due(ws)
    if review.goals_due is None:
        review.notes.append("Goals are not available in this version, so none are listed.")
    if review.actions_due is None:
        review.notes.append(
            "Follow-up actions are not available in this version, so none are listed."
        )
    review.prompts = _prompts(ws, review, praise, entries)
    return review


def _imported_earlier(ws: Any, start: date) -> list[dict[str, Any]]:
    """Entries an import added during the period that are dated before it, per source: the
    period's list goes by date, so without this a year of brag bullets imported today would
    not show in today's review at all."""
    marks = ", ".join("?" * len(OWN_SOURCES))  # placeholders only: the values are bound
    sql = (
        "SELECT e.source, count(*), min(e.date), max(e.date), "
        "sum(CASE WHEN v.verdict = 'vague' THEN 1 ELSE 0 END) "
        "FROM evidence e LEFT JOIN evidence_verdict v ON v.evidence_id = e.id "
        "WHERE e.deleted_at IS NULL AND e.created_at >= ? "
        "AND e.date < ? AND e.source NOT IN (" + marks + ") "
        "GROUP BY e.source ORDER BY count(*) DESC, e.source"
    )
    # No upper bound on created_at: it is UTC, `day` is the local date, and an import made
    # this evening in America is already tomorrow in UTC.
    rows = ws.conn.execute(sql, (start.isoformat(), start.isoformat(), *OWN_SOURCES)).fetchall()
    return [
        {"source": r[0], "count": int(r[1]), "first": r[2], "last": r[3], "vague": int(r[4] or 0)}
        for r in rows
    ]


# Entries the person wrote themselves (`promocase add` and the web form, and the demo's sample
# log, which stands for such a log); every other source is an importer's (git, issues,
# calendar, brag, ...).
OWN_SOURCES = ("cli", "web", "demo")


def _prompts(ws: Any, review: PeriodicReview, praise: int, entries: list[Any]) -> list[str]:
    span = "this week" if review.period == "week" else "this month"
    prompts = []
    work = [e for e in entries if e.kind == "work"]
    if not work:
        prompts.append(
            f"Nothing captured {span}. What did you ship, unblock, decide or teach? "
            'One line each: promocase add "…"'
        )
    elif all(e.source not in OWN_SOURCES for e in work):
        prompts.append(
            f"Everything {span} came from imports. Add what only you know: why it mattered and "
            "what changed (promocase edit ID --outcome …)."
        )
    if review.vague_total:
        prompts.append(
            f"{review.vague_total} {'entry reads' if review.vague_total == 1 else 'entries read'} "
            "as vague: add the result, a number or who it helped."
        )
    if review.follow_ups_total:
        prompts.append(
            f"{review.follow_ups_total} earlier "
            f"{'entry has' if review.follow_ups_total == 1 else 'entries have'} no measured result "
            'yet; the numbers may be in by now: promocase edit ID --metric "NAME: BEFORE -> AFTER".'
        )
    if not praise and review.period == "month":
        prompts.append(
            "No praise recorded this month. Did anyone thank you in chat, email or a review? "
            'promocase praise "…" --from "NAME, ROLE"'
        )
    prompts += _criteria_prompts(ws, review, work)
    return prompts


def _criteria_prompts(ws: Any, review: PeriodicReview, work: list[Any]) -> list[str]:
    from promocase.services.ladders import profile

    prof = profile(ws)
    if prof.ladder is None or review.period != "month":
        return []
    ids = [e.id for e in work]
    shown: set[str] = set()
    if ids:
        marks = ",".join("?" * len(ids))
        shown = {
            r[0]
            for r in ws.conn.execute(
                "SELECT DISTINCT criterion_id FROM evidence_criterion WHERE status != 'rejected' "  # noqa: S608
                f"AND ladder_id = ? AND evidence_id IN ({marks})",
                (prof.ladder.id, *ids),
            )
        }
    missing = [
        c
        for c in prof.ladder.ladder.criteria
        if c.id not in shown
        and (not prof.target_level or prof.ladder.ladder.expectation_for(c, prof.target_level))
    ]
    if not missing:
        return []
    names = ", ".join(c.name for c in missing[:3])
    more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
    return [
        f"Nothing this month shows {names}{more}. Is there work you did not log, or a chance "
        "coming up to show it?"
    ]


def record_review(ws: Any, review: PeriodicReview) -> None:
    """Log that the review was done and that its follow-ups were asked (they come back at the
    next stage, or not at all once the entry has a measured result)."""
    at = now_iso()
    with write_transaction(ws.conn):
        ws.conn.execute(
            "INSERT INTO review_log(period, start_date, end_date, at) VALUES (?, ?, ?, ?)",
            (review.period, review.start, review.end, at),
        )
        ws.conn.executemany(
            "INSERT OR IGNORE INTO follow_up(evidence_id, stage, asked_at) VALUES (?, ?, ?)",
            [(f.evidence_id, f.stage, at) for f in review.follow_ups],
        )


def review_json(review: PeriodicReview) -> dict[str, Any]:
    data = asdict(review)
    data["follow_ups"] = [asdict(f) for f in review.follow_ups]
    return data


# -- reminder calendar file --------------------------------------------------------------------
WEEKDAYS = {
    "mon": "MO",
    "tue": "TU",
    "wed": "WE",
    "thu": "TH",
    "fri": "FR",
    "sat": "SA",
    "sun": "SU",
}
DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


def _day_key(weekday: str) -> str:
    """'Friday', 'fri ' and 'FRI' all name the same day."""
    return weekday.strip().lower()[:3]


def weekday_name(weekday: str) -> str:
    """The day as people write it ('fri' -> 'Friday'), read as reminder_ics reads it."""
    return DAY_NAMES.get(_day_key(weekday), weekday)


def reminder_ics(
    cadence: str,
    *,
    weekday: str = "fri",
    at: str = "16:00",
    start: date | None = None,
    tz: str | None = None,
) -> bytes:
    """A calendar with one recurring review event: weekly on `weekday`, or monthly on the last
    `weekday` of the month, at `at` local time (floating, or in the `tz` time zone)."""
    from icalendar import Alarm, Calendar, Event, vRecur

    if cadence not in CADENCES:
        raise ValidationError(f"'{cadence}' is not a cadence.", hint="Use weekly or monthly.")
    day_code = WEEKDAYS.get(_day_key(weekday))
    if day_code is None:
        raise ValidationError(f"'{weekday}' is not a weekday.", hint="Use mon, tue … sun.")
    try:
        hour, minute = (int(p) for p in at.split(":"))
        clock = datetime(2000, 1, 1, hour, minute).time()
    except ValueError:
        raise ValidationError(f"'{at}' is not a time.", hint="Use HH:MM, e.g. 16:00.") from None
    zone = None
    if tz:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            zone = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                f"'{tz}' is not a time zone I know.", hint="Use a name like Europe/Berlin."
            ) from None
    period, _ = CADENCES[cadence]
    target = list(WEEKDAYS.values()).index(day_code)
    # DTSTART is the first occurrence (RFC 5545), so it must be a date the rule matches
    first = _first_review_day(cadence, target, start or today())
    rule: dict[str, Any] = {"FREQ": "WEEKLY", "BYDAY": day_code}
    if cadence == "monthly":
        rule = {"FREQ": "MONTHLY", "BYDAY": f"-1{day_code}"}
    cal = Calendar()
    cal.add("prodid", "-//promocase//review reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "promocase reviews")
    event = Event()
    event.add("uid", f"promocase-{cadence}-review@promocase.local")
    event.add("dtstamp", datetime.fromisoformat(now_iso().replace("Z", "+00:00")))
    begins = datetime.combine(first, clock, tzinfo=zone)
    event.add("dtstart", begins)
    event.add("dtend", begins + timedelta(minutes=20))
    event.add("rrule", vRecur(rule))
    event.add("summary", f"promocase {cadence} review")
    event.add(
        "description",
        f"Run: promocase review --{period}\n"
        "Look at what was captured or imported, make vague entries specific, and add the "
        "results that have come in since.",
    )
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"promocase {cadence} review")
    alarm.add("trigger", timedelta(minutes=-10))
    event.add_component(alarm)
    cal.add_component(event)
    if zone is not None:
        cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _first_review_day(cadence: str, weekday: int, start: date) -> date:
    """The first day on or after `start` that is `weekday` (weekly) or the last `weekday` of
    its month (monthly)."""
    if cadence == "weekly":
        return start + timedelta(days=(weekday - start.weekday()) % 7)
    month = start.replace(day=1)
    while True:
        following = (month + timedelta(days=31)).replace(day=1)
        last = following - timedelta(days=1)
        last -= timedelta(days=(last.weekday() - weekday) % 7)
        if last >= start:
            return last
        month = following
