"""The resume for an external move: a preview and downloads (JSON Resume, Markdown, PDF),
redacted or not, optionally re-ranked against a pasted job description.

Built by services/resume.py and rendered by render/resume.py, the code `promocase resume` uses.
A pasted job description travels in a POST body (it is long and private), never in a URL."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from promocase.core.errors import NotFound, PromocaseError, ValidationError
from promocase.web.messages import web_message
from promocase.web.pages import off_loop, optional, render, service, ws_of
from promocase.web.routes.redaction import redaction_context

router = APIRouter()
FORMATS = ("json", "md", "pdf")
MEDIA = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
}
MAX_JOB = 100_000
DEFAULT_HIGHLIGHTS = 5


def _modules() -> tuple[Any, Any]:
    svc, render_mod = service("resume"), optional("promocase.render.resume")
    if svc is None or render_mod is None:
        raise NotFound("The resume export is not available in this version.")
    return svc, render_mod


def _highlights(raw: str) -> int:
    cleaned = raw.strip()
    if not cleaned:
        return DEFAULT_HIGHLIGHTS
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= 20:
        raise ValidationError(
            f"'{raw}' is not a number of highlights.", hint="Use a whole number from 1 to 20."
        )
    return int(cleaned)


def _job(raw: str) -> str | None:
    if len(raw) > MAX_JOB:
        raise ValidationError(
            f"The job description is {len(raw):,} characters; the limit is {MAX_JOB:,}.",
            hint="Paste the posting's text only: the role, the duties and the requirements.",
        )
    if "\x00" in raw:
        raise ValidationError(
            "The job description contains a NUL character.", hint="Paste it as plain text."
        )
    return raw.strip() or None


def _format(raw: str) -> str:
    if raw not in FORMATS:
        raise ValidationError(f"'{raw}' is not a download format.", hint="Use json, md or pdf.")
    return raw


async def _download(render_mod: Any, built: Any, fmt: str) -> Response:
    content = await off_loop(render_mod.render_resume, built, fmt)
    body = content.encode("utf-8") if isinstance(content, str) else content
    return Response(
        body,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="resume.{fmt}"'},
    )


def _page(
    request: Request,
    built: Any,
    render_mod: Any,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    from promocase.render.markdown import markdown_to_html

    preview = markdown_to_html(render_mod.render_resume(built, "md")) if built else ""
    return render(
        request,
        "resume.html",
        {
            "built": built,
            # Newest role first, as the resume reads.
            "roles": list(zip(built.roles, built.highlights, strict=True))[::-1] if built else [],
            "preview": preview,
            "formats": FORMATS,
            "form": {"values": values, "errors": errors or {}},
            "redact": values.get("redact") == "1",
            "job_given": bool(values.get("job", "").strip()),
            **redaction_context(request, "/resume"),
        },
        status_code=status_code,
    )


@router.get("/resume")
async def resume_page(request: Request) -> Response:
    svc, render_mod = _modules()
    redact = request.query_params.get("redact") == "1"
    built = svc.build_resume(ws_of(request), redact=redact, per_role=DEFAULT_HIGHLIGHTS)
    values = {"redact": "1" if redact else "", "highlights": str(DEFAULT_HIGHLIGHTS), "job": ""}
    return _page(request, built, render_mod, values)


@router.get("/resume/download")
async def resume_download(request: Request) -> Response:
    svc, render_mod = _modules()
    fmt = _format(request.query_params.get("format", "json"))
    per_role = _highlights(request.query_params.get("highlights", ""))
    redact = request.query_params.get("redact") == "1"
    built = svc.build_resume(ws_of(request), redact=redact, per_role=per_role)
    return await _download(render_mod, built, fmt)


@router.post("/resume")
async def resume_post(request: Request) -> Response:
    """Preview (action=preview) or download (action=json|md|pdf) with the form's options."""
    svc, render_mod = _modules()
    form = await request.form()
    values = {
        "job": str(form.get("job") or ""),
        "highlights": str(form.get("highlights") or "").strip(),
        "redact": "1" if form.get("redact") else "",
    }
    action = str(form.get("action") or "preview")
    errors: dict[str, str] = {}
    job: str | None = None
    per_role = DEFAULT_HIGHLIGHTS
    try:
        job = _job(values["job"])
    except PromocaseError as exc:
        errors["job"] = web_message(exc)
    try:
        per_role = _highlights(values["highlights"])
    except PromocaseError as exc:
        errors["highlights"] = web_message(exc)
    if errors:
        return _page(request, None, render_mod, values, errors, status_code=400)
    built = svc.build_resume(
        ws_of(request), redact=bool(values["redact"]), job_text=job, per_role=per_role
    )
    if action == "preview":
        return _page(request, built, render_mod, values)
    return await _download(render_mod, built, _format(action))
