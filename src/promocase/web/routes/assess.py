"""Self-assessment against the target level: one verdict (and a note) per criterion."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from promocase.core.errors import NotFound, PromocaseError
from promocase.web.pages import redirect, render, service, ws_of

router = APIRouter()


def _latest(assess: Any, ws: Any) -> dict[str, Any]:
    latest: dict[str, Any] = {}
    for record in assess.assessment_history(ws):  # oldest first: later ones win
        latest[record.criterion_id] = record
    return latest


def _context(request: Request, values: dict[str, dict[str, str]], error: str | None) -> dict:
    assess = service("assess")
    ws = ws_of(request)
    latest = _latest(assess, ws)
    rows = []
    for cid, name, expectation in assess.criteria_to_assess(ws):  # type: ignore[union-attr]
        before = latest.get(cid)
        typed = values.get(cid, {})
        rows.append(
            {
                "id": cid,
                "name": name,
                "expectation": expectation,
                "verdict": typed.get("verdict", before.verdict if before else ""),
                "note": typed.get("note", (before.note or "") if before else ""),
                "when": before.assessed_at[:10] if before else None,
            }
        )
    return {"rows": rows, "verdicts": assess.VERDICTS, "error": error}  # type: ignore[union-attr]


@router.get("/assess")
async def assess_page(request: Request) -> Response:
    if service("assess") is None:
        raise NotFound("Self-assessment is not available in this version.")
    saved = request.query_params.get("saved")
    return render(request, "assess.html", {**_context(request, {}, None), "saved": saved})


@router.post("/assess")
async def save(request: Request) -> Response:
    assess = service("assess")
    if assess is None:
        raise NotFound("Self-assessment is not available in this version.")
    ws = ws_of(request)
    form = await request.form()
    values: dict[str, dict[str, str]] = {}
    items = []
    for cid, _, _ in assess.criteria_to_assess(ws):
        verdict = str(form.get(f"verdict-{cid}") or "")
        note = str(form.get(f"note-{cid}") or "")
        values[cid] = {"verdict": verdict, "note": note}
        if verdict:
            items.append(assess.AssessmentItem(cid, verdict, note or None))
    try:
        session = assess.save_assessment(ws, items)
    except PromocaseError as exc:
        from promocase.web.messages import web_message, web_text

        # The web form has no --verdict flag: its hint is about the command line.
        message = web_text(exc.message) if "--verdict" in (exc.hint or "") else web_message(exc)
        return render(request, "assess.html", _context(request, values, message), status_code=400)
    return redirect(f"/assess?saved={session}")
