"""The periodic review (`promocase review --week|--month`) and the reminder calendar
(`promocase remind --ics`), from services/cadence.py, the code the CLI uses."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from promocase.core.errors import NotFound
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


@router.get("/review")
async def review_page(request: Request) -> Response:
    from promocase.services.nudge import cadence_of

    svc = _cadence()
    ws = ws_of(request)
    period = _period(request, request.query_params.get("period"))
    review = svc.periodic_review(ws, period)  # type: ignore[attr-defined]
    return render(
        request,
        "review.html",
        {
            "review": review,
            "period": period,
            "other": "month" if period == "week" else "week",
            "recorded": request.query_params.get("recorded") == "1",
            "cadence": cadence_of(ws),
        },
    )


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
    data = svc.reminder_ics(  # type: ignore[attr-defined]
        q.get("cadence") or cadence_of(ws_of(request)),
        weekday=q.get("day") or "fri",
        at=q.get("time") or "16:00",
        tz=q.get("tz") or None,
    )
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="promocase-reviews.ics"'},
    )
