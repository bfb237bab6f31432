"""The redaction list, edited from the pages that share documents (packet, kit, resume)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from promocase.core.errors import PromocaseError, ValidationError
from promocase.services import redaction as svc
from promocase.web.pages import redirect, render, split_list, ws_of

router = APIRouter()
PAGES = ("/packet", "/prep", "/resume")  # where the form may send the user back


def redaction_context(request: Request, back: str, error: str | None = None) -> dict[str, object]:
    """What partials/redaction.html needs."""
    return {"redaction": svc.redaction(ws_of(request)), "back": back, "redaction_error": error}


@router.post("/redaction")
async def edit_redaction(request: Request) -> Response:
    from promocase.web.messages import web_message

    form = await request.form()
    back = str(form.get("back") or "/packet")
    back = back if back in PAGES else "/packet"  # never redirect to a place the form names
    action = str(form.get("action") or "")
    ws = ws_of(request)
    try:
        if action == "add":
            terms = split_list(str(form.get("terms") or ""))
            if not terms:
                raise ValidationError("Type a name or a phrase to hide.")
            svc.add_terms(ws, terms)
        elif action == "remove":
            svc.remove_terms(ws, [str(form.get("terms") or "")])
        elif action == "numbers":
            svc.set_numbers(ws, form.get("numbers") == "on")
        else:
            raise ValidationError(f"'{action}' is not something this form does.")
    except PromocaseError as exc:
        return render(
            request,
            "redaction_page.html",
            redaction_context(request, back, web_message(exc)),
            status_code=400,
        )
    return redirect(f"{back}?redact=1#redaction" if back != "/resume" else f"{back}#redaction")
