"""The periodic review (`promocase review --week|--month`) and the reminder calendar
(`promocase remind --ics`), from services/cadence.py, the code the CLI uses."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from promocase.core.errors import NotFound, PromocaseError
from promocase.web.messages import web_message
from promocase.web.pages import redirect, render, service, ws_of

router = APIRouter()


def _cadence() -> object:
    svc = service("cadence")
    if svc is None:
        raise NotFound("The review is not available in this version.")
    return svc


def _period(request: Request, value: str | None) -> str:
    from promocase.services.nudge import CADENCES, cadence_of

    svc = _cadence()
    if not value:
        return CADENCES[cadence_of(ws_of(request))][0]
    return str(svc.check_period(value))  # type: ignore[attr-defined]


def _review_page(
    request: Request, period: str, calendar: dict[str, Any] | None = None, status_code: int = 200
) -> Response:
    from promocase.services.nudge import cadence_of

    svc = _cadence()
    ws = ws_of(request)
    review = svc.periodic_review(ws, period)  # type: ignore[attr-defined]
    cadence = cadence_of(ws)
    return render(
        request,
        "review.html",
        {
            "review": review,
            "period": period,
            "other": "month" if period == "week" else "week",
            "recorded": request.query_params.get("recorded") == "1",
            "cadence": cadence,
            "calendar": calendar or {"values": {"cadence": cadence}, "errors": {}},
        },
        status_code=status_code,
    )


@router.get("/review")
async def review_page(request: Request) -> Response:
    return _review_page(request, _period(request, request.query_params.get("period")))


@router.post("/review")
async def record_review(request: Request) -> Response:
    """Mark the review done: its follow-ups were asked, and the nudge stops."""
    svc = _cadence()
    form = await request.form()
    period = _period(request, str(form.get("period") or ""))
    ws = ws_of(request)
    svc.record_review(ws, svc.periodic_review(ws, period))  # type: ignore[attr-defined]
    return redirect(f"/review?period={period}&recorded=1")


@router.get("/review/reminders.ics")
async def reminders(request: Request) -> Response:
    """A calendar file with the recurring review event, to open in a calendar program."""
    from promocase.services.nudge import cadence_of

    svc = _cadence()
    q = request.query_params
    values = {name: q.get(name, "").strip() for name in ("cadence", "day", "time", "tz")}
    values["cadence"] = values["cadence"] or cadence_of(ws_of(request))
    try:
        data = _ics(svc, values)
    except PromocaseError as exc:
        # The error goes next to its field on the review page, with the chosen options kept.
        errors = {}
        for name in ("cadence", "day", "time", "tz"):
            try:
                _ics(svc, {name: values[name]})
            except PromocaseError as field_exc:
                errors[name] = web_message(field_exc)
        calendar = {"values": values, "errors": errors or {"tz": web_message(exc)}}
        return _review_page(request, _period(request, None), calendar, status_code=400)
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="promocase-reviews.ics"'},
    )


def _ics(svc: Any, values: dict[str, str]) -> bytes:
    """The calendar file for the form's values (a missing one takes its default)."""
    return bytes(
        svc.reminder_ics(
            values.get("cadence") or "weekly",
            weekday=values.get("day") or "fri",
            at=values.get("time") or "16:00",
            tz=values.get("tz") or None,
        )
    )
