"""Conversations, their asks as dated actions, and the outlook: a thin face over
services/outcomes.py (the same functions `promocase conversation|action|outlook` call)."""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from promocase.core.errors import NotFound, PromocaseError, ValidationError
from promocase.web.messages import web_message, web_step
from promocase.web.pages import profile_of, redirect, render, service, ws_of

router = APIRouter()

ASK_ROWS = 3
CONVERSATION_FIELDS = (
    "with",
    "decision",
    "date",
    "words",
    "notes",
    "decision_date",
    "level",
    *(f"{kind}_{n}" for n in range(1, ASK_ROWS + 1) for kind in ("ask", "due")),
)
ACTION_FIELDS = ("text", "due", "conversation")
READING_TITLES = {
    "structural-block": "Structural block",
    "watch": "Watch",
    "on-track": "On track",
    "promoted": "Promoted",
    "not-enough-history": "Not enough history",
}


def _svc() -> ModuleType:
    svc = service("outcomes")
    if svc is None:
        raise NotFound("Conversations and the outlook are not available in this version.")
    return svc


def _id(raw: str, what: str) -> int:
    cleaned = raw.strip().lstrip("#")
    if not cleaned.isdigit():
        raise NotFound(f"There is no {what} '{raw}'.", hint="Ids look like 3 or #3.")
    return int(cleaned)


def _form(values: dict[str, Any] | None = None, errors: dict[str, str] | None = None) -> Any:
    return {"values": values or {}, "errors": errors or {}}


async def _values(request: Request, fields: tuple[str, ...]) -> tuple[dict[str, Any], Any]:
    form = await request.form()
    values: dict[str, Any] = {name: str(form.get(name) or "").strip() for name in fields}
    values["criteria"] = [str(c) for c in form.getlist("criteria")]
    values["goals"] = [str(g) for g in form.getlist("goals")]
    return values, form


def _choices(request: Request) -> dict[str, Any]:
    """Criteria, levels and goals the forms offer (nothing when there is no ladder)."""
    prof = profile_of(request)
    ladder = prof.ladder.ladder if prof.ladder else None
    goals = service("goals")
    return {
        "criteria_choices": list(ladder.criteria) if ladder else [],
        "criterion_names": _criterion_names(request),
        "level_choices": [lv.id for lv in ladder.levels] if ladder else [],
        "goal_choices": goals.list_goals(ws_of(request)) if goals else [],
    }


def _criterion_names(request: Request) -> dict[str, str]:
    """Criterion id -> its name, so a page shows the name and never the id."""
    stored = profile_of(request).ladder
    return {c.id: c.name for c in stored.ladder.criteria} if stored else {}


def _conversation_field(exc: PromocaseError, values: dict[str, Any]) -> str:
    """The form field a service error is about, read from the words of its message."""
    text = exc.message.lower()
    for n in range(1, ASK_ROWS + 1):
        due = values.get(f"due_{n}")
        if due and "due date" in text and f"'{due.lower()}'" in text:
            return f"due_{n}"
    rules = (
        ("decision date", "decision_date"),
        ("conversation date", "date"),
        ("'with'", "with"),
        ("who", "with"),
        ("decision", "decision"),
        ("manager's words", "words"),
        ("notes", "notes"),
        ("not a level", "level"),
        ("criterion", "criteria"),
        ("goal", "goals"),
    )
    for needle, name in rules:
        if needle in text:
            return name
    if "ask" in text:
        for n in range(1, ASK_ROWS + 1):
            if len(values.get(f"ask_{n}", "")) > 20_000 or "\x00" in values.get(f"ask_{n}", ""):
                return f"ask_{n}"
        return "ask_1"
    return "with"


def _goal_ids(raw: list[str]) -> list[int]:
    return [int(g) for g in raw if g.isdigit()]


# -- conversations --------------------------------------------------------------------------------


def _conversations_context(request: Request, form: Any | None = None) -> dict[str, Any]:
    svc = _svc()
    ws = ws_of(request)
    if form is None:
        # A follow-up prompt links here with who and what to prefill.
        q = request.query_params
        form = _form({"with": q.get("with", ""), "decision": q.get("decision", "")})
    return {
        "conversations": list(reversed(svc.list_conversations(ws))),
        "prompts": prompt_views(request),
        "decisions": svc.DECISIONS,
        "ask_rows": range(1, ASK_ROWS + 1),
        "form": form,
        **_choices(request),
    }


@router.get("/conversations")
async def conversations_page(request: Request) -> Response:
    return render(request, "conversations.html", _conversations_context(request))


@router.post("/conversations")
async def add_conversation(request: Request) -> Response:
    svc = _svc()
    v, _ = await _values(request, CONVERSATION_FIELDS)
    asks = [
        svc.AskInput(
            text=v[f"ask_{n}"],
            due=v[f"due_{n}"] or None,
            criteria=list(v["criteria"]),
            goals=_goal_ids(v["goals"]),
        )
        for n in range(1, ASK_ROWS + 1)
        if v[f"ask_{n}"]
    ]
    try:
        stored, _check = svc.add_conversation(
            ws_of(request),
            svc.ConversationInput(
                with_whom=v["with"],
                decision=v["decision"],
                date=v["date"] or None,
                words=v["words"] or None,
                notes=v["notes"] or None,
                asks=asks,
                decision_date=v["decision_date"] or None,
                level=v["level"] or None,
            ),
        )
    except PromocaseError as exc:
        form = _form(v, {_conversation_field(exc, v): web_message(exc)})
        return render(
            request, "conversations.html", _conversations_context(request, form), status_code=400
        )
    return redirect(f"/conversations/{stored.id}?logged=1")


@router.get("/conversations/{conversation_id}")
async def conversation_page(request: Request, conversation_id: str) -> Response:
    svc = _svc()
    c = svc.get_conversation(ws_of(request), _id(conversation_id, "conversation"))
    return render(
        request,
        "conversation.html",
        {
            "c": c,
            "logged": request.query_params.get("logged") == "1",
            "not_promoted": c.decision in svc.NOT_PROMOTED,
            "criterion_names": _criterion_names(request),
        },
    )


# -- actions --------------------------------------------------------------------------------------

VIEWS = ("open", "due", "all")


def _actions_context(
    request: Request, forms: dict[str, Any] | None = None, view: str | None = None
) -> dict[str, Any]:
    svc = _svc()
    ws = ws_of(request)
    view = view or request.query_params.get("view", "open")
    if view not in VIEWS:
        view = "open"
    if view == "due":
        items = svc.due_actions(ws)
    else:
        items = svc.list_actions(ws, include_closed=view == "all")
    return {
        "actions": items,
        "notice": _action_notice(request, svc, ws),
        "view": view,
        "views": VIEWS,
        # A conversation without asks links here to add one to it.
        "forms": {"add": _prefill_action(request), **(forms or {})},
        "conversation_choices": svc.list_conversations(ws),
        **_choices(request),
    }


def _action_notice(request: Request, svc: Any, ws: Any) -> str | None:
    """What the last add or close did, from the id the redirect names (the text is ours,
    built from the stored action; nothing from the address is shown)."""
    from promocase.core.words import agree

    for key in ("added", "closed"):
        raw = request.query_params.get(key, "")
        if not raw.isdigit():
            continue
        try:
            a = svc.get_action(ws, int(raw))
        except NotFound:
            return None
        if key == "closed":
            shown = (
                f" with {agree(len(a.evidence_ids), 'entry', 'entries')} "
                + ", ".join(f"#{i}" for i in a.evidence_ids)
                if a.evidence_ids
                else ""
            )
            return f"Closed action #{a.id} as {a.status}{shown}."
        late = " It is already past its due date." if a.state == "overdue" else ""
        return f"Added action #{a.id}, due {a.due_date}.{late}"
    return None


def _prefill_action(request: Request) -> Any:
    raw = request.query_params.get("conversation", "")
    return _form({"conversation": raw} if raw.isdigit() else {})


@router.get("/actions")
async def actions_page(request: Request) -> Response:
    return render(request, "actions.html", _actions_context(request))


@router.post("/actions")
async def add_action(request: Request) -> Response:
    svc = _svc()
    v, _ = await _values(request, ACTION_FIELDS)
    try:
        conversation_id = _id(v["conversation"], "conversation") if v["conversation"] else None
        a = svc.add_action(
            ws_of(request),
            v["text"],
            due=v["due"] or None,
            criteria=list(v["criteria"]),
            goals=_goal_ids(v["goals"]),
            conversation_id=conversation_id,
        )
    except PromocaseError as exc:
        text = exc.message.lower()
        name = next(
            (
                field
                for needle, field in (
                    ("due date", "due"),
                    ("criterion", "criteria"),
                    ("goal", "goals"),
                    ("conversation", "conversation"),
                )
                if needle in text
            ),
            "text",
        )
        forms = {"add": _form(v, {name: web_message(exc)})}
        return render(request, "actions.html", _actions_context(request, forms), status_code=400)
    return redirect(f"/actions?added={a.id}#action-{a.id}")


def _evidence_ids(raw: str) -> list[int]:
    ids = []
    for part in re.split(r"[\s,]+", raw):
        if not part:
            continue
        cleaned = part.lstrip("#")
        if not cleaned.isdigit():
            raise ValidationError(
                f"'{part}' is not an entry id.", hint="Entry ids look like 118 or #118."
            )
        ids.append(int(cleaned))
    return ids


@router.post("/actions/{action_id}/close")
async def close_action(request: Request, action_id: str) -> Response:
    svc = _svc()
    aid = _id(action_id, "action")
    form = await request.form()
    v = {
        "evidence": str(form.get("evidence") or "").strip(),
        "note": str(form.get("note") or "").strip(),
    }
    status = "dropped" if form.get("status") == "dropped" else "done"
    try:
        svc.close_action(
            ws_of(request),
            aid,
            evidence_ids=_evidence_ids(v["evidence"]),
            note=v["note"] or None,
            status=status,
        )
    except NotFound as exc:
        if "action" in exc.message.lower():
            raise
        forms = {f"close-{aid}": _form(v, {"evidence": web_message(exc)})}
        return render(
            request, "actions.html", _actions_context(request, forms, "all"), status_code=400
        )
    except PromocaseError as exc:
        name = "note" if "note" in exc.message.lower() else "evidence"
        forms = {f"close-{aid}": _form(v, {name: web_message(exc)})}
        return render(
            request, "actions.html", _actions_context(request, forms, "all"), status_code=400
        )
    return redirect(f"/actions?view=all&closed={aid}#action-{aid}")


@router.post("/actions/{action_id}/reopen")
async def reopen_action(request: Request, action_id: str) -> Response:
    svc = _svc()
    aid = _id(action_id, "action")
    svc.reopen_action(ws_of(request), aid)
    return redirect(f"/actions#action-{aid}")


# -- outlook --------------------------------------------------------------------------------------


def cached_outlook(request: Request) -> Any:
    """The outlook, rebuilt only when the workspace changed (or the day did).

    The key is the connection's own write count, SQLite's data_version (moves when another
    process such as the CLI commits) and today's date, so a cached reading is never stale."""
    svc = service("outcomes")
    if svc is None:
        return None
    from promocase.store.clock import today

    ws = ws_of(request)
    key = (
        ws.conn.total_changes,
        ws.conn.execute("PRAGMA data_version").fetchone()[0],
        today().isoformat(),
    )
    cache = getattr(request.app.state, "outlook_cache", None)
    if cache is None:
        cache = request.app.state.outlook_cache = {}
    if cache.get("key") != key:
        cache["value"] = svc.build_outlook(ws)
        cache["key"] = key
    return cache["value"]


@router.get("/outlook")
async def outlook_page(request: Request) -> Response:
    _svc()
    o = cached_outlook(request)
    return render(
        request,
        "outlook.html",
        {
            "o": o,
            "title": READING_TITLES.get(o.reading, o.reading),
            # the service's next steps name CLI commands; on the page they link instead
            "next_steps": [web_step(step) for step in o.next_steps],
        },
    )


def prompt_views(request: Request) -> list[dict[str, str]]:
    """Follow-up prompts with a link to the conversation form, prefilled with who it was."""
    svc = service("outcomes")
    if svc is None:
        return []
    ws = ws_of(request)
    prompts = svc.follow_up_prompts(ws)
    views = []
    for p in prompts:
        who = svc.get_conversation(ws, p.conversation_id).with_whom
        href = "/conversations?" + urlencode({"with": who, "decision": "unclear"}) + "#log"
        views.append({"message": p.message, "href": href, "due": p.due})
    return views
