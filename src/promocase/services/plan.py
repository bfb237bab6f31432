"""Company benefit: company and team priorities, and the 90-day and 1-year plans for the
next-level role, each item tied to a priority and to target-level criteria with a measure."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import resources
from typing import Any

from promocase.core.errors import NotFound, ValidationError
from promocase.store.clock import now_iso, today
from promocase.store.connection import write_transaction
from promocase.workspace import Workspace

HORIZONS = {"90d": ("90-day plan", 90), "1y": ("1-year plan", 365)}
STATUSES = ("planned", "in-progress", "done", "dropped")
SCOPES = ("company", "team")


@dataclass(frozen=True)
class Priority:
    id: int
    scope: str
    title: str
    description: str | None


@dataclass
class PlanItem:
    id: int
    horizon: str
    title: str
    priority_id: int | None
    measure: str | None
    due_date: str | None
    status: str
    criterion_ids: list[str] = field(default_factory=list)


def _clean(text: str | None, what: str, example: str) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise ValidationError(f"The {what} is empty.", hint=f"e.g. {example}")
    if len(cleaned) > 500:
        raise ValidationError(f"The {what} is longer than 500 characters.")
    return cleaned


# -- priorities ------------------------------------------------------------------------------
def add_priority(
    ws: Workspace, title: str, *, scope: str = "team", description: str | None = None
) -> Priority:
    """Record a company or team priority the plans can serve."""
    if scope not in SCOPES:
        raise ValidationError(f"'{scope}' is not a scope.", hint="Use company or team.")
    clean = _clean(
        title, "priority", 'promocase plan priority add "Cut support cost" --scope company'
    )
    with write_transaction(ws.conn):
        cur = ws.conn.execute(
            "INSERT INTO priority(scope, title, description, created_at) VALUES (?, ?, ?, ?)",
            (scope, clean, (description or "").strip() or None, now_iso()),
        )
    return get_priority(ws, int(cur.lastrowid or 0))


def list_priorities(ws: Workspace) -> list[Priority]:
    rows = ws.conn.execute(
        "SELECT id, scope, title, description FROM priority WHERE archived_at IS NULL "
        "ORDER BY CASE scope WHEN 'company' THEN 0 ELSE 1 END, id"
    ).fetchall()
    return [Priority(int(r[0]), r[1], r[2], r[3]) for r in rows]


def get_priority(ws: Workspace, priority_id: int) -> Priority:
    row = ws.conn.execute(
        "SELECT id, scope, title, description FROM priority WHERE id = ? AND archived_at IS NULL",
        (priority_id,),
    ).fetchone()
    if row is None:
        raise NotFound(
            f"There is no priority #{priority_id}.",
            hint="See them with: promocase plan priority list",
        )
    return Priority(int(row[0]), row[1], row[2], row[3])


def remove_priority(ws: Workspace, priority_id: int) -> Priority:
    found = get_priority(ws, priority_id)
    with write_transaction(ws.conn):
        ws.conn.execute(
            "UPDATE priority SET archived_at = ? WHERE id = ?", (now_iso(), priority_id)
        )
    return found


# -- plan items ------------------------------------------------------------------------------
def _criteria(ws: Workspace, raw: list[str]) -> list[str]:
    """Criterion ids of the active ladder; names are accepted too."""
    if not raw:
        return []
    from promocase.services.ladders import require_active

    ladder = require_active(ws).ladder
    out: list[str] = []
    for text in raw:
        crit = ladder.find_criterion(text)
        if crit.id not in out:
            out.append(crit.id)
    return out


def _horizon(value: str) -> str:
    lowered = value.strip().lower().replace("-", "").replace(" ", "")
    aliases = {"90d": "90d", "90": "90d", "90day": "90d", "1y": "1y", "1year": "1y", "year": "1y"}
    if lowered not in aliases:
        raise ValidationError(f"'{value}' is not a plan horizon.", hint="Use 90d or 1y.")
    return aliases[lowered]


def _due(value: str | None, horizon: str) -> str:
    from promocase.services.goals import parse_when_or_ahead

    if value is None or not value.strip():
        return (today() + timedelta(days=HORIZONS[horizon][1])).isoformat()
    return parse_when_or_ahead(value, "due date").isoformat()


def add_item(
    ws: Workspace,
    title: str,
    *,
    horizon: str,
    priority_id: int | None = None,
    criteria: list[str] | None = None,
    measure: str | None = None,
    due: str | None = None,
    status: str = "planned",
) -> PlanItem:
    """Add an item to the 90-day or 1-year plan; due defaults to the end of the horizon."""
    hz = _horizon(horizon)
    clean = _clean(
        title,
        "plan item",
        'promocase plan add "Move Returns to the event platform" --horizon 90d '
        "--priority 1 --criterion influence --measure 'Returns live by March'",
    )
    if priority_id is not None:
        get_priority(ws, priority_id)
    if status not in STATUSES:
        raise ValidationError(f"'{status}' is not a status.", hint="Use: " + ", ".join(STATUSES))
    crits = _criteria(ws, criteria or [])
    at = now_iso()
    with write_transaction(ws.conn):
        cur = ws.conn.execute(
            "INSERT INTO plan_item(horizon, title, priority_id, measure, due_date, status, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                hz,
                clean,
                priority_id,
                (measure or "").strip() or None,
                _due(due, hz),
                status,
                at,
                at,
            ),
        )
        item_id = int(cur.lastrowid or 0)
        ws.conn.executemany(
            "INSERT INTO plan_item_criterion(plan_item_id, criterion_id) VALUES (?, ?)",
            [(item_id, c) for c in crits],
        )
    return get_item(ws, item_id)


def get_item(ws: Workspace, item_id: int) -> PlanItem:
    row = ws.conn.execute("SELECT * FROM plan_item WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no plan item #{item_id}.", hint="See them with: promocase plan")
    return _item(ws, row)


def _item(ws: Workspace, row: Any) -> PlanItem:
    crits = [
        r[0]
        for r in ws.conn.execute(
            "SELECT criterion_id FROM plan_item_criterion WHERE plan_item_id = ? "
            "ORDER BY criterion_id",
            (row["id"],),
        )
    ]
    return PlanItem(
        id=int(row["id"]),
        horizon=row["horizon"],
        title=row["title"],
        priority_id=row["priority_id"],
        measure=row["measure"],
        due_date=row["due_date"],
        status=row["status"],
        criterion_ids=crits,
    )


def list_items(
    ws: Workspace, horizon: str | None = None, *, include_dropped: bool = False
) -> list[PlanItem]:
    sql = "SELECT * FROM plan_item"
    clauses, params = [], []
    if horizon:
        clauses.append("horizon = ?")
        params.append(_horizon(horizon))
    if not include_dropped:
        clauses.append("status != 'dropped'")
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY CASE horizon WHEN '90d' THEN 0 ELSE 1 END, due_date, id"
    return [_item(ws, r) for r in ws.conn.execute(sql, params).fetchall()]


@dataclass
class PlanChanges:
    title: str | None = None
    horizon: str | None = None
    priority_id: int | None = None
    measure: str | None = None
    due: str | None = None
    status: str | None = None
    add_criteria: list[str] = field(default_factory=list)
    remove_criteria: list[str] = field(default_factory=list)


def update_item(ws: Workspace, item_id: int, changes: PlanChanges) -> PlanItem:
    item = get_item(ws, item_id)
    if changes.status is not None and changes.status not in STATUSES:
        raise ValidationError(
            f"'{changes.status}' is not a status.", hint="Use: " + ", ".join(STATUSES)
        )
    if changes.priority_id is not None:
        get_priority(ws, changes.priority_id)
    horizon = _horizon(changes.horizon) if changes.horizon else item.horizon
    add = _criteria(ws, changes.add_criteria)
    remove = _criteria(ws, changes.remove_criteria)
    with write_transaction(ws.conn):
        ws.conn.execute(
            "UPDATE plan_item SET title=?, horizon=?, priority_id=?, measure=?, due_date=?, "
            "status=?, updated_at=? WHERE id=?",
            (
                _clean(changes.title, "plan item", "a short title")
                if changes.title is not None
                else item.title,
                horizon,
                changes.priority_id if changes.priority_id is not None else item.priority_id,
                (changes.measure.strip() or None) if changes.measure is not None else item.measure,
                _due(changes.due, horizon) if changes.due is not None else item.due_date,
                changes.status or item.status,
                now_iso(),
                item_id,
            ),
        )
        ws.conn.executemany(
            "INSERT OR IGNORE INTO plan_item_criterion(plan_item_id, criterion_id) VALUES (?, ?)",
            [(item_id, c) for c in add],
        )
        ws.conn.executemany(
            "DELETE FROM plan_item_criterion WHERE plan_item_id = ? AND criterion_id = ?",
            [(item_id, c) for c in remove],
        )
    return get_item(ws, item_id)


def priority_json(p: Priority) -> dict[str, Any]:
    return {"id": p.id, "scope": p.scope, "title": p.title, "description": p.description}


def item_json(item: PlanItem) -> dict[str, Any]:
    """The stable JSON shape of a plan item."""
    return {
        "id": item.id,
        "horizon": item.horizon,
        "title": item.title,
        "priority_id": item.priority_id,
        "criteria": item.criterion_ids,
        "measure": item.measure,
        "due_date": item.due_date,
        "status": item.status,
    }


def plan_json(ws: Workspace) -> dict[str, Any]:
    items = list_items(ws, include_dropped=True)
    return {
        "priorities": [priority_json(p) for p in list_priorities(ws)],
        "plan_90d": [item_json(i) for i in items if i.horizon == "90d"],
        "plan_1y": [item_json(i) for i in items if i.horizon == "1y"],
    }


# -- demo ------------------------------------------------------------------------------------
def load_demo_case(ws: Workspace) -> None:
    """Goals with actuals, triage items, priorities and plans for the demo person.

    Evidence is named by a phrase of its text, so the demo stays readable; a phrase that matches
    nothing is a bug in demo_case.json and raises.
    """
    from promocase.services import goals as goal_svc
    from promocase.services import triage as triage_svc

    raw = (resources.files("promocase") / "data" / "demo_case.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    base = today()

    def day(spec: dict[str, Any], key: str) -> str:
        if f"{key}_days_ago" in spec:
            return (base - timedelta(days=int(spec[f"{key}_days_ago"]))).isoformat()
        return (base + timedelta(days=int(spec[f"{key}_days_ahead"]))).isoformat()

    def entry(phrase: str) -> int:
        row = ws.conn.execute(
            "SELECT id FROM evidence WHERE instr(text, ?) > 0 ORDER BY id LIMIT 1", (phrase,)
        ).fetchone()
        if row is None:
            raise NotFound(f"demo_case.json names an entry '{phrase}' that the demo lacks.")
        return int(row[0])

    for g in data["goals"]:
        goal = goal_svc.add_goal(
            ws,
            g["title"],
            baseline=g["baseline"],
            target=g["target"],
            unit=g.get("unit"),
            start=day(g, "start"),
            due=day(g, "due"),
            note=g.get("note"),
            evidence_ids=[entry(p) for p in g.get("evidence", [])],
        )
        for actual in g.get("actuals", []):
            goal_svc.update_goal(
                ws,
                goal.id,
                goal_svc.GoalChanges(actual=actual["value"], actual_date=day(actual, "date")),
            )
    for t in data["triage"]:
        item = triage_svc.add_item(
            ws,
            t["title"],
            urgency=t["urgency"],
            importance=t["importance"],
            hours=t["hours"],
            kind=t.get("kind", "recurring"),
            evidence_id=entry(t["evidence"]) if t.get("evidence") else None,
        )
        if t.get("decision"):
            triage_svc.decide(
                ws, item.id, t["decision"], delegate_to=t.get("to"), note=t.get("note")
            )
    ids: dict[str, int] = {}
    for p in data["priorities"]:
        ids[p["key"]] = add_priority(
            ws, p["title"], scope=p["scope"], description=p.get("description")
        ).id
    for item in data["plan"]:
        add_item(
            ws,
            item["title"],
            horizon=item["horizon"],
            priority_id=ids[item["priority"]],
            criteria=item.get("criteria", []),
            measure=item.get("measure"),
            due=day(item, "due"),
            status=item.get("status", "planned"),
        )
