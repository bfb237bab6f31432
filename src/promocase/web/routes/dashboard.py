"""The dashboard: readiness per criterion, top gaps, due actions and reminders, quick capture."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from promocase.services import evidence as svc
from promocase.services.ladders import active_ladder
from promocase.store.evidence import EvidenceFilter
from promocase.web.messages import web_step
from promocase.web.pages import optional, render, service, ws_of
from promocase.web.routes.evidence import entry_views, form_context
from promocase.web.routes.outcomes import READING_TITLES, cached_outlook, prompt_views

router = APIRouter()


def _readiness(ws: Any) -> dict[str, Any] | None:
    """The status report and its chart, once the judgement work has landed."""
    status = service("status")
    if status is None:
        return None
    report = status.build_status(ws)
    charts = optional("promocase.render.charts")
    # The chart is SVG built by our own code from numbers and escaped names.
    chart = Markup(charts.readiness_chart_svg(report)) if charts else None  # noqa: S704
    # The next steps name CLI commands; on the page they are sentences with links.
    steps = {c.criterion_id: web_step(c.next_action) for c in report.criteria}
    gaps = [(g, web_step(g.next_action)) for g in report.gaps[:5]]
    return {"report": report, "chart": chart, "gaps": gaps, "steps": steps}


def _coverage(ws: Any) -> list[Any]:
    from promocase.services.summary import coverage

    return coverage(ws)


@router.get("/")
async def dashboard(request: Request) -> Response:
    ws = ws_of(request)
    has_ladder = active_ladder(ws) is not None
    outcomes = service("outcomes")
    cadence = service("cadence")
    recent = svc.list_evidence(ws, EvidenceFilter(limit=5))
    outlook = cached_outlook(request)
    return render(
        request,
        "dashboard.html",
        {
            "has_ladder": has_ladder,
            "readiness": _readiness(ws) if has_ladder else None,
            "coverage": _coverage(ws) if has_ladder else [],
            "due": outcomes.due_actions(ws) if outcomes else [],
            "nudge": cadence.nudge_line(ws) if cadence else None,
            "prompts": prompt_views(request),
            "outlook": outlook,
            "outlook_title": READING_TITLES.get(outlook.reading, "") if outlook else "",
            "recent": entry_views(request, recent),
            "stats": svc.stats(ws),
            **form_context(request),
        },
    )
