"""Goals, Eisenhower triage and plans: one page, three sections, each a thin face over its
service (services/goals.py, triage.py, plan.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from promocase.core.errors import NotFound, PromocaseError
from promocase.web.messages import web_message
from promocase.web.pages import redirect, render, service, ws_of

router = APIRouter()

GOAL_FIELDS = ("title", "baseline", "target", "unit", "due", "note")
TRIAGE_FIELDS = ("title", "urgency", "importance", "hours", "kind")
PLAN_FIELDS = ("title", "horizon", "measure", "due")
# What a redirect's `notice` flag says, in the section it names (fixed texts: nothing from the
# query string reaches the page).
NOTICES = {
    "goal-added": ("goals", "Goal added."),
    "value-recorded": ("goals", "Value recorded; the goal's verdict is updated."),
    "triage-added": ("triage", "Added to triage."),
    "decided": ("triage", "Decision saved."),
    "plan-added": ("plan", "Added to the plan."),
    "status-set": ("plan", "Status saved."),
}


def _field_for(exc: PromocaseError, fields: tuple[str, ...]) -> str:
    """The field an error names (its message mentions it), else the first field."""
    text = exc.message.lower()
    for name in fields[1:]:
        if name in text or (name == "due" and "date" in text):
            return name
    return fields[0]


def _goal_errors(goals: Any, v: dict[str, str]) -> dict[str, str]:
    """Each goal field checked on its own by the service, so a bad baseline and a bad target
    are both flagged, each under its field."""
    found = goals.goal_field_errors(v["title"], v["baseline"], v["target"], v["due"])
    return {name: web_message(exc) for name, exc in found.items()}


def _int(raw: str) -> int:
    if not raw.isdigit():
        raise NotFound(f"There is no item '{raw}'.")
    return int(raw)


def _context(request: Request, forms: dict[str, Any] | None = None) -> dict[str, Any]:
    ws = ws_of(request)
    goals, triage, plan = service("goals"), service("triage"), service("plan")
    ctx: dict[str, Any] = {"forms": {"goal": {}, "triage": {}, "plan": {}, **(forms or {})}}
    if goals:
        ctx["goals"] = [goals.evaluate(g) for g in goals.list_goals(ws)]
        ctx["with_unit"] = goals.with_unit
    if triage:
        summary = triage.summarise(ws)
        ctx["triage"] = summary
        ctx["decisions"] = triage.DECISIONS
        ctx["quadrants"] = {
            q: [i for i in summary.items if i.quadrant == q]
            for q in ("do", "schedule", "delegate", "eliminate")
        }
    if plan:
        ctx["plan_items"] = plan.list_items(ws)
        ctx["priorities"] = {p.id: p for p in plan.list_priorities(ws)}
        ctx["horizons"] = plan.HORIZONS
        ctx["statuses"] = plan.STATUSES
    return ctx


def _form(values: dict[str, str], errors: dict[str, str] | None = None) -> dict[str, Any]:
    return {"values": values, "errors": errors or {}}


async def _values(request: Request, fields: tuple[str, ...]) -> dict[str, str]:
    form = await request.form()
    return {name: str(form.get(name) or "").strip() for name in fields}


def _retry(
    request: Request, which: str, values: dict[str, str], errors: dict[str, str]
) -> Response:
    forms = {which: _form(values, errors)}
    return render(request, "goals.html", _context(request, forms), status_code=400)


@router.get("/goals")
async def goals_page(request: Request) -> Response:
    if not (service("goals") or service("triage") or service("plan")):
        raise NotFound("Goals are not available in this version.")
    ctx = _context(request)
    ctx["notice"] = NOTICES.get(request.query_params.get("notice", ""))
    ctx["notice_at"] = request.query_params.get("at", "")  # the item it is about; only compared
    return render(request, "goals.html", ctx)


@router.post("/goals")
async def add_goal(request: Request) -> Response:
    goals = service("goals")
    if goals is None:
        raise NotFound("Goals are not available in this version.")
    v = await _values(request, GOAL_FIELDS)
    try:
        goals.add_goal(
            ws_of(request),
            v["title"],
            baseline=v["baseline"],
            target=v["target"],
            due=v["due"],
            unit=v["unit"] or None,
            note=v["note"] or None,
        )
    except PromocaseError as exc:
        errors = _goal_errors(goals, v) or {_field_for(exc, GOAL_FIELDS): web_message(exc)}
        return _retry(request, "goal", v, errors)
    return redirect("/goals?notice=goal-added#goals")


@router.post("/goals/{goal_id}/actual")
async def record_actual(request: Request, goal_id: str) -> Response:
    goals = service("goals")
    if goals is None:
        raise NotFound("Goals are not available in this version.")
    v = await _values(request, ("value", "date"))
    gid = _int(goal_id)
    try:
        goals.update_goal(
            ws_of(request),
            gid,
            goals.GoalChanges(actual=v["value"], actual_date=v["date"] or None),
        )
    except PromocaseError as exc:
        forms = {f"actual-{gid}": _form(v, {"value": web_message(exc)})}
        return render(request, "goals.html", _context(request, forms), status_code=400)
    return redirect(f"/goals?notice=value-recorded&at=goal-{gid}#goal-{gid}")


@router.post("/triage")
async def add_triage(request: Request) -> Response:
    triage = service("triage")
    if triage is None:
        raise NotFound("Triage is not available in this version.")
    v = await _values(request, TRIAGE_FIELDS)
    try:
        triage.add_item(
            ws_of(request),
            v["title"],
            urgency=v["urgency"],
            importance=v["importance"],
            hours=v["hours"],
            kind=v["kind"] or "recurring",
        )
    except PromocaseError as exc:
        return _retry(request, "triage", v, {_field_for(exc, TRIAGE_FIELDS): web_message(exc)})
    return redirect("/goals?notice=triage-added#triage")


@router.post("/triage/{item_id}/decide")
async def decide(request: Request, item_id: str) -> Response:
    triage = service("triage")
    if triage is None:
        raise NotFound("Triage is not available in this version.")
    v = await _values(request, ("decision", "delegate_to"))
    tid = _int(item_id)
    try:
        triage.decide(
            ws_of(request), tid, v["decision"] or None, delegate_to=v["delegate_to"] or None
        )
    except PromocaseError as exc:
        forms = {f"decide-{tid}": _form(v, {"decision": web_message(exc)})}
        return render(request, "goals.html", _context(request, forms), status_code=400)
    return redirect(f"/goals?notice=decided&at=triage-{tid}#triage-{tid}")


@router.post("/plan")
async def add_plan_item(request: Request) -> Response:
    plan = service("plan")
    if plan is None:
        raise NotFound("Plans are not available in this version.")
    v = await _values(request, PLAN_FIELDS)
    try:
        plan.add_item(
            ws_of(request),
            v["title"],
            horizon=v["horizon"] or "90d",
            measure=v["measure"] or None,
            due=v["due"] or None,
        )
    except PromocaseError as exc:
        return _retry(request, "plan", v, {_field_for(exc, PLAN_FIELDS): web_message(exc)})
    return redirect("/goals?notice=plan-added#plan")


@router.post("/plan/{item_id}/status")
async def plan_status(request: Request, item_id: str) -> Response:
    plan = service("plan")
    if plan is None:
        raise NotFound("Plans are not available in this version.")
    v = await _values(request, ("status",))
    pid = _int(item_id)
    plan.update_item(ws_of(request), pid, plan.PlanChanges(status=v["status"]))
    return redirect(f"/goals?notice=status-set&at=plan-{pid}#plan-{pid}")
