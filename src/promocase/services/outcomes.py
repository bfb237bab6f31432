"""Outcomes: the conversation log, the "not yet" loop and the structural-block reading.

A conversation records what was decided and said. Its feedback is checked (concrete or vague),
and each ask becomes an action item with a due date, linked to criteria and goals, that later
evidence closes. `due_actions` feeds `promocase status` and the reminders; `follow_up_prompts`
asks for the next conversation once a promised decision date passes; `build_outlook` reads the
whole history with the rules documented in docs/outlook-rules.md.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from promocase.core.errors import NotFound, ValidationError
from promocase.core.words import plural
from promocase.store.clock import now_iso, today
from promocase.store.connection import write_transaction
from promocase.workspace import Workspace

DECISIONS = ("promoted", "yes-pending", "not-yet", "no", "deferred", "unclear")
NOT_PROMOTED = ("not-yet", "no", "deferred", "unclear")
DEFAULT_DUE_DAYS = 90
MAX_TEXT = 20_000
MAX_WHO = 200


# -- data -----------------------------------------------------------------------------------------


@dataclass
class AskInput:
    """One ask as the user typed it; `due` is any date people type ('2027-03-31', 'in 6 weeks')."""

    text: str
    due: str | None = None
    criteria: list[str] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)


@dataclass
class ConversationInput:
    with_whom: str
    decision: str
    date: str | None = None
    words: str | None = None
    notes: str | None = None
    asks: list[AskInput] = field(default_factory=list)
    decision_date: str | None = None
    level: str | None = None  # the level reached, for 'promoted'


@dataclass
class ActionItem:
    id: int
    conversation_id: int | None
    text: str
    due_date: str
    status: str  # open | done | dropped
    state: str  # overdue | due-soon | open | done | dropped
    days_left: int
    criteria: list[str] = field(default_factory=list)
    goal_ids: list[int] = field(default_factory=list)
    evidence_ids: list[int] = field(default_factory=list)
    candidate_evidence_ids: list[int] = field(default_factory=list)
    closed_at: str | None = None
    note: str | None = None
    opened_on: str | None = None  # the conversation's date (or the day the action was added)


@dataclass
class Conversation:
    id: int
    date: str
    with_whom: str
    decision: str
    words: str | None
    notes: str | None
    decision_date: str | None
    level: str | None
    feedback: dict[str, Any] | None
    actions: list[ActionItem] = field(default_factory=list)

    @property
    def vague(self) -> bool:
        return bool(self.feedback) and self.feedback.get("verdict") == "vague"  # type: ignore[union-attr]


@dataclass(frozen=True)
class FollowUpPrompt:
    conversation_id: int
    due: str
    message: str
    command: str


# -- conversations --------------------------------------------------------------------------------


def normalise_decision(value: str) -> str:
    cleaned = re.sub(r"[\s_]+", "-", (value or "").strip().lower())
    aliases = {"yes": "yes-pending", "pending": "yes-pending", "notyet": "not-yet"}
    cleaned = aliases.get(cleaned, cleaned)
    if cleaned not in DECISIONS:
        raise ValidationError(
            f"'{value}' is not a decision promocase knows.",
            hint="Use one of: " + ", ".join(DECISIONS) + ".",
        )
    return cleaned


def _day(value: str | None, what: str, *, default: date | None = None) -> str | None:
    from promocase.services.goals import parse_when_or_ahead

    if value is None or not str(value).strip():
        return default.isoformat() if default else None
    from promocase.analysis.feedback import find_deadline

    written = find_deadline(str(value))  # "March 31, 2027", "31 March 2027"
    if written:
        return written
    try:
        return parse_when_or_ahead(str(value), what).isoformat()
    except ValidationError as exc:
        raise ValidationError(
            f"The {what} '{value}' is not a date.",
            hint="Write it as 2027-03-31, 'March 31, 2027', 'in 6 weeks' or 'yesterday'.",
        ) from exc


def _text(value: str | None, what: str, limit: int = MAX_TEXT) -> str | None:
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    if len(cleaned) > limit:
        raise ValidationError(f"The {what} is longer than {limit:,} characters; shorten it.")
    if "\x00" in cleaned:
        raise ValidationError(f"The {what} contains a NUL character; paste it as plain text.")
    return cleaned


def _resolve_criteria(ws: Workspace, raw: list[str]) -> list[str]:
    if not raw:
        return []
    from promocase.services.ladders import require_active

    ladder = require_active(ws).ladder
    out = []
    for item in raw:
        out.append(ladder.find_criterion(item).id)
    return sorted(set(out))


def _suggest_criteria(ws: Workspace, text: str) -> list[str]:
    """The best-matching criterion for an ask, when the suggester is confident enough."""
    try:
        from promocase.services.judgement import workspace_suggester
        from promocase.services.ladders import active_ladder

        stored = active_ladder(ws)
        if stored is None:
            return []
        ranked = workspace_suggester(ws, stored).suggest(text, 2)
    except (ImportError, AttributeError):
        return []
    return [cid for cid, score in ranked[:1] if score >= 0.35]


def _check_goals(ws: Workspace, goal_ids: list[int]) -> list[int]:
    for gid in goal_ids:
        if ws.conn.execute("SELECT 1 FROM goal WHERE id = ?", (gid,)).fetchone() is None:
            raise NotFound(f"There is no goal #{gid}.", hint="See your goals: promocase goal list")
    return sorted(set(goal_ids))


def add_conversation(ws: Workspace, data: ConversationInput) -> tuple[Conversation, Any]:
    """Log one conversation; check its feedback; turn each ask into a dated action.

    Returns the stored conversation and the feedback check (None when no words were given).
    Asks without their own date get the deadline written in the feedback, else the promised
    decision date, else 90 days after the conversation.
    """
    from promocase.analysis.feedback import check_feedback

    who = _text(data.with_whom, "'with' name", MAX_WHO)
    if not who:
        raise ValidationError(
            "Say who the conversation was with.",
            hint="e.g. promocase conversation add --with 'Dana (manager)' --decision not-yet",
        )
    decision = normalise_decision(data.decision)
    when = _day(data.date, "conversation date", default=today())
    assert when is not None
    if when > today().isoformat():
        # As with evidence: a conversation is logged after it happened.
        raise ValidationError(
            f"The conversation date {when} is in the future; log a conversation after it happened.",
            hint="Give the day you talked (YYYY-MM-DD, 'yesterday', '3 days ago'); plan the "
            "next one as an action with a due date.",
        )
    words = _text(data.words, "manager's words")
    notes = _text(data.notes, "notes")
    decision_date = _day(data.decision_date, "decision date")
    level = _resolve_level(ws, data.level) if data.level else None
    check = check_feedback(words) if words else None
    fallback_due = (
        (check.deadline if check and check.deadline else None)
        or decision_date
        or (date.fromisoformat(when) + timedelta(days=DEFAULT_DUE_DAYS)).isoformat()
    )
    asks = []
    for ask in data.asks:
        text = _text(ask.text, "ask")
        if not text:
            continue
        due = _day(ask.due, "due date") or _deadline_in(text) or fallback_due
        criteria = _resolve_criteria(ws, ask.criteria) or _suggest_criteria(ws, text)
        asks.append((text, due, criteria, _check_goals(ws, ask.goals)))
    at = now_iso()
    conn = ws.conn
    with write_transaction(conn):
        cur = conn.execute(
            "INSERT INTO conversation(date, with_whom, decision, words, notes, decision_date, "
            "level_id, feedback_verdict, feedback_json, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                when,
                who,
                decision,
                words,
                notes,
                decision_date,
                level,
                check.verdict if check else None,
                json.dumps(check.as_dict(), ensure_ascii=False) if check else None,
                at,
                at,
            ),
        )
        conversation_id = int(cur.lastrowid or 0)
        for text, due, criteria, goals in asks:
            _insert_action(conn, conversation_id, text, due, criteria, goals, at)
        if decision == "promoted" and level:
            _record_promotion(ws, level)
    return get_conversation(ws, conversation_id), check


def _record_promotion(ws: Workspace, level: str) -> None:
    """A logged promotion moves the current level up, and the target one level beyond it."""
    from promocase.services.ladders import CURRENT, TARGET, require_active
    from promocase.store import settings

    ladder = require_active(ws).ladder
    current = settings.get(ws.conn, CURRENT)
    index = ladder.level_index(level)
    if current and ladder.level(current) and ladder.level_index(current) >= index:
        return  # an older promotion logged late: the profile is already past it
    settings.put(ws.conn, CURRENT, level)
    target = settings.get(ws.conn, TARGET)
    if not target or not ladder.level(target) or ladder.level_index(target) <= index:
        beyond = ladder.levels[index + 1].id if index + 1 < len(ladder.levels) else None
        settings.put(ws.conn, TARGET, beyond)


def _deadline_in(text: str) -> str | None:
    from promocase.analysis.feedback import find_deadline

    return find_deadline(text)


def _resolve_level(ws: Workspace, raw: str) -> str:
    from promocase.services.ladders import require_active

    ladder = require_active(ws).ladder
    level = ladder.level(raw)
    if level is None:
        raise ValidationError(
            f"'{raw}' is not a level of {ladder.name}.",
            hint="Levels: " + ", ".join(lv.id for lv in ladder.levels),
        )
    return level.id


def _insert_action(
    conn: sqlite3.Connection,
    conversation_id: int | None,
    text: str,
    due: str,
    criteria: list[str],
    goals: list[int],
    at: str,
) -> int:
    cur = conn.execute(
        "INSERT INTO action_item(conversation_id, text, due_date, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (conversation_id, text, due, at, at),
    )
    action_id = int(cur.lastrowid or 0)
    conn.executemany(
        "INSERT INTO action_criterion(action_id, criterion_id) VALUES (?, ?)",
        [(action_id, c) for c in criteria],
    )
    conn.executemany(
        "INSERT INTO action_goal(action_id, goal_id) VALUES (?, ?)", [(action_id, g) for g in goals]
    )
    return action_id


def add_action(
    ws: Workspace,
    text: str,
    *,
    due: str | None = None,
    criteria: list[str] | None = None,
    goals: list[int] | None = None,
    conversation_id: int | None = None,
) -> ActionItem:
    """An action that did not come from a logged conversation (or one added to it later)."""
    body = _text(text, "action")
    if not body:
        raise ValidationError("The action has no text.", hint='e.g. promocase action add "..."')
    if conversation_id is not None:
        get_conversation(ws, conversation_id)
    when = _day(due, "due date") or _deadline_in(body)
    when = when or (today() + timedelta(days=DEFAULT_DUE_DAYS)).isoformat()
    crit = _resolve_criteria(ws, criteria or []) or _suggest_criteria(ws, body)
    goal_ids = _check_goals(ws, goals or [])
    with write_transaction(ws.conn):
        action_id = _insert_action(ws.conn, conversation_id, body, when, crit, goal_ids, now_iso())
    return get_action(ws, action_id)


def _conversation_from_row(ws: Workspace, row: sqlite3.Row) -> Conversation:
    feedback = json.loads(row["feedback_json"]) if row["feedback_json"] else None
    actions = [
        _action_from_row(ws, r)
        for r in ws.conn.execute(
            "SELECT * FROM action_item WHERE conversation_id = ? ORDER BY due_date, id",
            (row["id"],),
        )
    ]
    return Conversation(
        id=int(row["id"]),
        date=row["date"],
        with_whom=row["with_whom"],
        decision=row["decision"],
        words=row["words"],
        notes=row["notes"],
        decision_date=row["decision_date"],
        level=row["level_id"],
        feedback=feedback,
        actions=actions,
    )


def list_conversations(ws: Workspace) -> list[Conversation]:
    """Every conversation, oldest first."""
    rows = ws.conn.execute(
        "SELECT * FROM conversation WHERE deleted_at IS NULL ORDER BY date, id"
    ).fetchall()
    return [_conversation_from_row(ws, r) for r in rows]


def get_conversation(ws: Workspace, conversation_id: int) -> Conversation:
    row = ws.conn.execute(
        "SELECT * FROM conversation WHERE id = ? AND deleted_at IS NULL", (conversation_id,)
    ).fetchone()
    if row is None:
        raise NotFound(
            f"There is no conversation #{conversation_id}.",
            hint="See the log with: promocase conversation list",
        )
    return _conversation_from_row(ws, row)


def conversation_json(c: Conversation) -> dict[str, Any]:
    """The stable JSON shape of a conversation."""
    return {
        "id": c.id,
        "date": c.date,
        "with": c.with_whom,
        "decision": c.decision,
        "words": c.words,
        "notes": c.notes,
        "decision_date": c.decision_date,
        "level": c.level,
        "feedback": c.feedback,
        "actions": [action_json(a) for a in c.actions],
    }


# -- actions --------------------------------------------------------------------------------------


def _state(status: str, due: str, on: date, within_days: int) -> tuple[str, int]:
    days_left = (date.fromisoformat(due) - on).days
    if status != "open":
        return status, days_left
    if days_left < 0:
        return "overdue", days_left
    if days_left <= within_days:
        return "due-soon", days_left
    return "open", days_left


def _action_from_row(ws: Workspace, row: sqlite3.Row, within_days: int = 14) -> ActionItem:
    conn = ws.conn
    aid = int(row["id"])
    state, days_left = _state(row["status"], row["due_date"], today(), within_days)
    return ActionItem(
        id=aid,
        conversation_id=row["conversation_id"],
        text=row["text"],
        due_date=row["due_date"],
        status=row["status"],
        state=state,
        days_left=days_left,
        criteria=[
            r[0]
            for r in conn.execute(
                "SELECT criterion_id FROM action_criterion WHERE action_id = ? ORDER BY 1", (aid,)
            )
        ],
        goal_ids=[
            int(r[0])
            for r in conn.execute(
                "SELECT goal_id FROM action_goal WHERE action_id = ? ORDER BY 1", (aid,)
            )
        ],
        evidence_ids=[
            int(r[0])
            for r in conn.execute(
                "SELECT evidence_id FROM action_evidence WHERE action_id = ? ORDER BY linked_at",
                (aid,),
            )
        ],
        closed_at=row["closed_at"],
        note=row["note"],
        opened_on=_opened_on(conn, row),
    )


def _opened_on(conn: sqlite3.Connection, row: sqlite3.Row) -> str:
    if row["conversation_id"] is not None:
        found = conn.execute(
            "SELECT date FROM conversation WHERE id = ?", (row["conversation_id"],)
        ).fetchone()
        if found:
            return str(found[0])
    return str(row["created_at"])[:10]


def get_action(ws: Workspace, action_id: int) -> ActionItem:
    row = ws.conn.execute("SELECT * FROM action_item WHERE id = ?", (action_id,)).fetchone()
    if row is None:
        raise NotFound(
            f"There is no action #{action_id}.", hint="See your actions: promocase action list"
        )
    return _action_from_row(ws, row)


def list_actions(ws: Workspace, *, include_closed: bool = False) -> list[ActionItem]:
    """Actions soonest due first; open ones only unless `include_closed`."""
    rows = ws.conn.execute(
        "SELECT * FROM action_item WHERE ? OR status = 'open' ORDER BY due_date, id",
        (1 if include_closed else 0,),
    ).fetchall()
    actions = [_action_from_row(ws, r) for r in rows]
    for action in actions:
        if action.status == "open":
            action.candidate_evidence_ids = candidate_evidence(ws, action)
    return actions


def due_actions(ws: Workspace, *, within_days: int = 14) -> list[ActionItem]:
    """Open actions that are overdue or due within `within_days`, most urgent first."""
    horizon = (today() + timedelta(days=within_days)).isoformat()
    rows = ws.conn.execute(
        "SELECT * FROM action_item WHERE status = 'open' AND due_date <= ? ORDER BY due_date, id",
        (horizon,),
    ).fetchall()
    actions = [_action_from_row(ws, r, within_days) for r in rows]
    for action in actions:
        action.candidate_evidence_ids = candidate_evidence(ws, action)
    return actions


_STOP = frozenset(
    "a an and the of to for in on at with by from your you our it its is be as or that this "
    "into over under more less next".split()
)


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {w[:6] for w in words if len(w) > 2 and w not in _STOP}


def candidate_evidence(ws: Workspace, action: ActionItem, limit: int = 3) -> list[int]:
    """Entries logged since the action was created that look like they answer it: they share a
    criterion with it, or at least two content words."""
    since = action.opened_on or ""
    rows = ws.conn.execute(
        "SELECT id, text, COALESCE(outcome, '') FROM evidence WHERE deleted_at IS NULL "
        "AND kind = 'work' AND date >= ? ORDER BY date DESC, id DESC LIMIT 500",
        (since,),
    ).fetchall()
    if not rows:
        return []
    linked: dict[int, set[str]] = {}
    if action.criteria:
        wanted_criteria = set(action.criteria)
        for eid, cid in ws.conn.execute(
            "SELECT evidence_id, criterion_id FROM evidence_criterion WHERE status = 'accepted'"
        ):
            if cid not in wanted_criteria:
                continue
            linked.setdefault(int(eid), set()).add(cid)
    wanted = _content_words(action.text)
    scored = []
    for eid, text, outcome in rows:
        if int(eid) in action.evidence_ids:
            continue
        overlap = len(wanted & _content_words(f"{text} {outcome}"))
        score = overlap + (1.5 if int(eid) in linked else 0)
        if overlap >= 2 or (int(eid) in linked and overlap >= 1):
            scored.append((score, int(eid)))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    return [eid for _, eid in scored[:limit]]


def close_action(
    ws: Workspace,
    action_id: int,
    *,
    evidence_ids: list[int] | None = None,
    note: str | None = None,
    status: str = "done",
) -> ActionItem:
    """Mark an action done (or dropped), linking the evidence that shows it was met."""
    from promocase.services.evidence import get_evidence

    if status not in ("done", "dropped"):
        raise ValidationError(f"An action closes as done or dropped, not '{status}'.")
    action = get_action(ws, action_id)
    if action.status != "open":
        raise ValidationError(
            f"Action #{action_id} is already {action.status}.",
            hint=f"Reopen it first: promocase action reopen {action_id}",
        )
    for eid in evidence_ids or []:
        get_evidence(ws, eid)
    at = now_iso()
    with write_transaction(ws.conn):
        ws.conn.execute(
            "UPDATE action_item SET status = ?, closed_at = ?, note = COALESCE(?, note), "
            "updated_at = ? WHERE id = ?",
            (status, today().isoformat(), _text(note, "note"), at, action_id),
        )
        ws.conn.executemany(
            "INSERT OR IGNORE INTO action_evidence(action_id, evidence_id, linked_at) "
            "VALUES (?, ?, ?)",
            [(action_id, eid, at) for eid in evidence_ids or []],
        )
    return get_action(ws, action_id)


def reopen_action(ws: Workspace, action_id: int) -> ActionItem:
    action = get_action(ws, action_id)
    if action.status == "open":
        raise ValidationError(f"Action #{action_id} is already open.")
    with write_transaction(ws.conn):
        ws.conn.execute(
            "UPDATE action_item SET status = 'open', closed_at = NULL, updated_at = ? WHERE id = ?",
            (now_iso(), action_id),
        )
    return get_action(ws, action_id)


def action_json(a: ActionItem) -> dict[str, Any]:
    """The stable JSON shape of an action item."""
    return asdict(a)


# -- follow-ups and reminders ---------------------------------------------------------------------


def follow_up_prompts(ws: Workspace) -> list[FollowUpPrompt]:
    """A prompt for each conversation whose promised decision date has passed with no later
    conversation logged (and for a 'yes, pending' left without news for 30 days)."""
    conversations = list_conversations(ws)
    now = today()
    prompts = []
    for index, c in enumerate(conversations):
        if any(later.date > c.date for later in conversations[index + 1 :]):
            continue
        due = c.decision_date
        if due is None and c.decision == "yes-pending":
            due = (date.fromisoformat(c.date) + timedelta(days=30)).isoformat()
        if due is None or due >= now.isoformat():
            continue
        who = c.with_whom
        prompts.append(
            FollowUpPrompt(
                conversation_id=c.id,
                due=due,
                message=(
                    f"The decision promised for {due} (conversation #{c.id} with {who}) has "
                    "passed. Log what happened, even if nothing did."
                ),
                command=(
                    f'promocase conversation add --with "{who}" --decision unclear '
                    '--words "WHAT WAS SAID"'
                ),
            )
        )
    return prompts


def reminder_lines(ws: Workspace, *, within_days: int = 14) -> list[str]:
    """One line per overdue or approaching action and per follow-up to log (for reminders)."""
    lines = []
    for a in due_actions(ws, within_days=within_days):
        when = f"{-a.days_left} days overdue" if a.days_left < 0 else f"due in {a.days_left} days"
        lines.append(f"Action #{a.id} {when} ({a.due_date}): {a.text}")
    for p in follow_up_prompts(ws):
        lines.append(p.message)
    return lines


# -- outlook --------------------------------------------------------------------------------------

BAR = 0.8  # mean readiness score at which the target level's criteria count as met
MONTHS_AT_BAR = 3
LOOKBACK_DAYS = 730
MIN_VAGUE = 2


@dataclass
class OutlookRule:
    id: str
    name: str
    side: str  # "organisation" | "performance"
    triggered: bool
    explanation: str
    evidence: list[str] = field(default_factory=list)


@dataclass
class Outlook:
    reading: str  # structural-block | watch | on-track | promoted | not-enough-history
    summary: str
    rules: list[OutlookRule]
    next_steps: list[str]
    conversations: int
    not_yets: int
    readiness_months_at_bar: int


def _short(text: str | None, width: int = 90) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _asks_done(n: int) -> str:
    """'the 1 ask was done', 'all 3 asks were done'."""
    return "the 1 ask was done" if n == 1 else f"all {n} asks were done"


def _all_met(c: Conversation) -> tuple[bool, str | None]:
    """Whether every ask of a conversation was done by its due date, and when the last was."""
    if not c.actions:
        return False, None
    last = None
    for a in c.actions:
        if a.status != "done" or a.closed_at is None or a.closed_at[:10] > a.due_date:
            return False, None
        last = max(last or a.closed_at[:10], a.closed_at[:10])
    return True, last


def read_outlook(
    conversations: list[Conversation],
    readiness: list[tuple[str, float]],
    *,
    on: date | None = None,
    bar: float = BAR,
) -> Outlook:
    """Apply the outlook rules (docs/outlook-rules.md) to a history. Pure: no I/O.

    `conversations` oldest first; `readiness` as (YYYY-MM, mean score 0..1) oldest first.
    """
    now = on or today()
    since = (now - timedelta(days=LOOKBACK_DAYS)).isoformat()
    recent = [c for c in conversations if c.date >= since]
    declined = [c for c in recent if c.decision in NOT_PROMOTED]

    # R1: repeated not-yets whose feedback named nothing to change.
    vague = [c for c in declined if c.vague]
    r1 = OutlookRule(
        "repeated-vague-not-yet",
        "Repeated not-yets with vague feedback",
        "organisation",
        len(vague) >= MIN_VAGUE,
        f"{len(vague)} of {len(declined)} not-yets in the last two years named nothing "
        "specific to show or change.",
        [f"{c.date} {c.decision} ({c.with_whom}): “{_short(c.words)}” — vague" for c in vague],
    )

    # R2: asks met on time, and still no promotion.
    met_evidence = []
    for index, c in enumerate(recent):
        met, last = _all_met(c)
        if not met or last is None:
            continue
        later = [x for x in recent[index + 1 :] if x.date >= last]
        if later and later[0].decision in NOT_PROMOTED:
            met_evidence.append(
                f"{c.date}: {_asks_done(len(c.actions))} by {last}; the next conversation "
                f"({later[0].date}) was {later[0].decision}."
            )
        elif not later and c.decision_date and c.decision_date < now.isoformat():
            met_evidence.append(
                f"{c.date}: {_asks_done(len(c.actions))} by {last}; the decision promised for "
                f"{c.decision_date} has not come."
            )
    r2 = OutlookRule(
        "asks-met-no-decision",
        "Deadlines met without a decision",
        "performance",
        bool(met_evidence),
        "You did what was asked, on time, and the answer did not follow."
        if met_evidence
        else "No conversation whose asks were all met on time was followed by a not-yet.",
        met_evidence,
    )

    # R3: readiness at the bar for months (the latest consecutive run).
    run = 0
    for _, score in reversed(readiness):
        if score >= bar:
            run += 1
        else:
            break
    r3 = OutlookRule(
        "at-the-bar-for-months",
        "Readiness at the bar for months",
        "performance",
        run >= MONTHS_AT_BAR,
        (
            f"Readiness has been at or above {bar:.0%} for the last {plural(run, 'month')}."
            if run
            else f"Readiness has not been at or above {bar:.0%} in the latest month."
            if readiness
            else "No readiness history yet (promocase status records one each month)."
        ),
        [f"{m}: {s:.0%}" for m, s in readiness[-run:]] if run else [],
    )

    # R4: asks that move once met: a later not-yet brings new asks after the old ones were met.
    moved = []
    for index, c in enumerate(recent):
        met, last = _all_met(c)
        if not met or last is None:
            continue
        for later in recent[index + 1 :]:
            if later.date < last:
                continue
            if later.decision in NOT_PROMOTED and later.actions:
                new = [a.text for a in later.actions]
                moved.append(
                    f"{c.date} asks met by {last}; {later.date} brought new asks: "
                    + "; ".join(_short(t, 60) for t in new[:3])
                )
            break
    r4 = OutlookRule(
        "moving-asks",
        "Asks that move once met",
        "organisation",
        bool(moved),
        "The bar moved after you reached it." if moved else "No ask moved after being met.",
        moved,
    )

    rules = [r1, r2, r3, r4]
    organisation = r1.triggered or r4.triggered
    performance = r2.triggered or r3.triggered
    latest = conversations[-1] if conversations else None
    steps: list[str]
    if latest is not None and latest.decision == "promoted":
        reading = "promoted"
        summary = "Your latest conversation was a promotion. Nothing to read here."
        steps = ["Set the next target level: promocase ladder levels --target LEVEL"]
    elif len(declined) < 2 and not (performance and organisation):
        reading = "not-enough-history"
        summary = (
            "One not-yet is not a pattern. Log each conversation as it happens; the reading needs "
            "at least two."
        )
        steps = [
            "After each conversation: promocase conversation add",
            'Ask for concrete asks with dates: promocase check feedback "WHAT WAS SAID"',
        ]
    elif organisation and performance:
        reading = "structural-block"
        summary = (
            f"The pattern points to a structural block, not to your performance: "
            f"{len(declined)} not-yets in two years"
            + (f", {len(vague)} of them with vague feedback" if r1.triggered else "")
            + (
                f", while your readiness has been at the bar for {run} months"
                if r3.triggered
                else ""
            )
            + (", after you met the asks on time" if r2.triggered else "")
            + ". More of the same work is unlikely to change the answer here; the same evidence "
            "can carry you to another employer."
        )
        steps = [
            "Ask once, in writing, for the specific gap and a date; keep the answer.",
            "Export your case for an external move: promocase resume --format pdf --output resume.pdf",
            "Tailor it to a posting: promocase resume --format md --job posting.txt",
            "Keep logging: the same evidence supports a level-up offer elsewhere.",
        ]
    elif organisation or performance:
        reading = "watch"
        if organisation:
            summary = (
                "The feedback is not giving you a path (vague or moving asks), but the evidence "
                "does not yet show you at the bar. Close the gaps and press for concrete asks."
            )
        else:
            summary = (
                "You are meeting the bar or the asks; no pattern of vague refusals yet. Ask for "
                "the decision and a date."
            )
        steps = [
            'Turn vague feedback into asks: promocase check feedback "WHAT WAS SAID"',
            "See the gaps to close first: promocase status",
        ]
    else:
        reading = "on-track"
        summary = (
            "The feedback names what to change; the loop is working. Close the open actions "
            "and log the next conversation."
        )
        steps = ["See what is due: promocase action list"]
    return Outlook(
        reading=reading,
        summary=summary,
        rules=rules,
        next_steps=steps,
        conversations=len(conversations),
        not_yets=len(declined),
        readiness_months_at_bar=run,
    )


def readiness_series(ws: Workspace) -> list[tuple[str, float]]:
    """(YYYY-MM, mean readiness) per month from the status history; empty when unavailable."""
    try:
        from promocase.services.status import build_status
    except ImportError:
        return []
    from promocase.core.errors import PromocaseError

    try:
        report = build_status(ws)
    except PromocaseError:
        return []
    weights = {c.criterion_id: getattr(c, "weight", 1.0) for c in report.criteria}
    series = []
    for month, scores in report.history:
        relevant = {cid: s for cid, s in scores.items() if cid in weights}
        total = sum(weights[c] for c in relevant) or 0
        if not total:
            continue
        series.append((month, sum(weights[c] * s for c, s in relevant.items()) / total))
    return series


def build_outlook(ws: Workspace) -> Outlook:
    return read_outlook(list_conversations(ws), readiness_series(ws))


def outlook_json(o: Outlook) -> dict[str, Any]:
    """The stable JSON shape of `promocase outlook --json`."""
    return {
        "reading": o.reading,
        "structural_block": o.reading == "structural-block",
        "summary": o.summary,
        "conversations": o.conversations,
        "not_yets": o.not_yets,
        "readiness_months_at_bar": o.readiness_months_at_bar,
        "rules": [asdict(r) for r in o.rules],
        "next_steps": list(o.next_steps),
    }


# -- demo -----------------------------------------------------------------------------------------


def load_demo_outcomes(ws: Workspace) -> None:
    """The demo person's conversation history (data/demo_outcomes.json), dated from today:
    a promotion before the log starts, then two vague not-yets whose asks were met."""
    from importlib import resources

    from promocase.analysis.feedback import check_feedback
    from promocase.store import settings

    raw = (resources.files("promocase") / "data" / "demo_outcomes.json").read_text("utf-8")
    data = json.loads(raw)
    base = today()

    def ago(days: int | None) -> str | None:
        return None if days is None else (base - timedelta(days=int(days))).isoformat()

    at = now_iso()
    conn = ws.conn
    entries = conn.execute("SELECT id, text FROM evidence ORDER BY date, id").fetchall()

    def entry_id(prefix: str) -> int | None:
        return next((int(r[0]) for r in entries if str(r[1]).startswith(prefix)), None)

    with write_transaction(conn):
        person = json.loads(settings.get(conn, "person") or "{}")
        person["since"] = ago(data.get("employed_since_days_ago"))
        settings.put(conn, "person", json.dumps(person, ensure_ascii=False))
        for item in data["conversations"]:
            words = item.get("words")
            check = check_feedback(words) if words else None
            cur = conn.execute(
                "INSERT INTO conversation(date, with_whom, decision, words, notes, decision_date, "
                "level_id, feedback_verdict, feedback_json, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ago(item["days_ago"]),
                    item["with"],
                    item["decision"],
                    words,
                    item.get("notes"),
                    ago(item.get("decision_days_ago")),
                    item.get("level"),
                    check.verdict if check else None,
                    json.dumps(check.as_dict(), ensure_ascii=False) if check else None,
                    at,
                    at,
                ),
            )
            cid = int(cur.lastrowid or 0)
            for ask in item.get("asks", []):
                due = ago(ask["due_days_ago"]) or base.isoformat()
                aid = _insert_action(conn, cid, ask["text"], due, ask.get("criteria", []), [], at)
                if ask.get("closed_days_ago") is None:
                    continue
                conn.execute(
                    "UPDATE action_item SET status = 'done', closed_at = ? WHERE id = ?",
                    (ago(ask["closed_days_ago"]), aid),
                )
                for prefix in ask.get("evidence", []):
                    eid = entry_id(prefix)
                    if eid is not None:
                        conn.execute(
                            "INSERT OR IGNORE INTO action_evidence VALUES (?, ?, ?)", (aid, eid, at)
                        )
