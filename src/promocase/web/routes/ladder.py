"""Ladder pages: start from a sample, import by upload or paste, view by level, set levels,
and the self-assessment once that service exists."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from promocase.core.errors import PromocaseError
from promocase.services import ladders as svc
from promocase.web.messages import web_message
from promocase.web.pages import redirect, render, service, ws_of

router = APIRouter()
FORMATS = ("auto", "yaml", "json", "csv", "md", "text")


def _ladder_context(request: Request, *, slug: str | None, level: str | None) -> dict[str, Any]:
    ws = ws_of(request)
    stored = svc.get_ladder(ws, slug) if slug else svc.active_ladder(ws)
    prof = svc.profile(ws)
    ctx: dict[str, Any] = {
        "stored": stored,
        "ladders": svc.list_ladders(ws),
        "samples": svc.sample_names(),
        "level": None,
        "rows": [],
    }
    if stored is None:
        return ctx
    ladder = stored.ladder
    chosen = (
        ladder.level(level)
        if level
        else ladder.level(prof.target_level or "") or (ladder.levels[0] if ladder.levels else None)
    )
    if chosen is None and ladder.levels:
        chosen = ladder.levels[0]
    if chosen is not None:
        ctx["level"] = chosen
        own = {c.id for c, _ in ladder.criteria_at(chosen.id)}
        # (criterion, expectation at this level or the nearest lower one, set at this level?)
        rows = [(c, ladder.expectation_for(c, chosen.id), c.id in own) for c in ladder.criteria]
        ctx["rows"] = [row for row in rows if row[1]]
    active = svc.active_ladder(ws)
    ctx["is_active"] = active is not None and active.slug == stored.slug
    ctx["assess"] = service("assess") is not None
    return ctx


@router.get("/ladder")
async def ladder_page(request: Request) -> Response:
    q = request.query_params
    ctx = _ladder_context(request, slug=q.get("ladder") or None, level=q.get("level") or None)
    return render(request, "ladder.html", {**ctx, "errors": {}, "values": {}})


@router.post("/ladder/start")
async def start(request: Request) -> Response:
    """Set up the workspace from a sample ladder with the current and target level."""
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in ("sample", "current", "target")}
    try:
        svc.init_workspace(
            ws_of(request),
            values["sample"],
            current=values["current"] or None,
            target=values["target"] or None,
        )
    except PromocaseError as exc:
        ctx = _ladder_context(request, slug=None, level=None)
        field = "sample"
        for name in ("current", "target"):
            if values[name] and f"'{values[name]}'" in exc.message:
                field = name
        if "target level" in exc.message:
            field = "target"
        return render(
            request,
            "ladder.html",
            {**ctx, "errors": {field: web_message(exc)}, "values": values},
            status_code=400,
        )
    return redirect("/ladder")


@router.post("/ladder/levels")
async def set_levels(request: Request) -> Response:
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in ("current", "target")}
    try:
        svc.set_levels(
            ws_of(request), current=values["current"] or None, target=values["target"] or None
        )
    except PromocaseError as exc:
        ctx = _ladder_context(request, slug=None, level=None)
        return render(
            request,
            "ladder.html",
            {**ctx, "errors": {"levels": web_message(exc)}, "values": values},
            status_code=400,
        )
    return redirect("/ladder")


@router.post("/ladder/active")
async def set_active(request: Request) -> Response:
    form = await request.form()
    stored = svc.set_active(ws_of(request), str(form.get("slug") or ""))
    return redirect(f"/ladder?ladder={stored.slug}")


@router.get("/ladder/import")
async def import_page(request: Request) -> Response:
    return render(
        request,
        "ladder_import.html",
        {"formats": FORMATS, "values": {"format": "auto"}, "errors": {}},
    )


@router.post("/ladder/import")
async def import_ladder(request: Request) -> Response:
    from promocase.importers.files import decode_text
    from promocase.importers.ladder_formats import MAX_LADDER_BYTES

    form = await request.form()
    values = {k: str(form.get(k) or "") for k in ("text", "format", "name")}
    values["activate"] = "on" if form.get("activate") else ""
    upload = form.get("file")
    fmt = values["format"] if values["format"] in FORMATS else "auto"
    errors: dict[str, str] = {}
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(MAX_LADDER_BYTES + 1)
            if len(data) > MAX_LADDER_BYTES:
                errors["file"] = (
                    f"{upload.filename} is larger than the 2 MiB limit for a ladder. "
                    "Check that this is the ladder document you meant."
                )
                raise _FormError
            text = decode_text(data, source=upload.filename)
            if fmt == "auto":
                fmt = _format_from_name(upload.filename)
            name = values["name"] or _name_from_filename(upload.filename)
            source_field = "file"
        elif values["text"].strip():
            text, name, source_field = values["text"], values["name"] or None, "text"
        else:
            errors["text"] = "Paste the ladder text here, or choose a file above."
            raise _FormError
        try:
            ladder, _ = svc.load_ladder_arg("-", fmt, name=name, stdin_text=text)
            result = svc.import_ladder(
                ws_of(request),
                ladder,
                source=f"web:{upload.filename}" if source_field == "file" else "web:paste",
                activate=True if values["activate"] else None,
            )
        except PromocaseError as exc:
            errors[source_field] = web_message(exc)
            raise _FormError from None
    except PromocaseError as exc:  # decoding the upload
        errors["file"] = web_message(exc)
    except _FormError:
        pass
    if errors:
        return render(
            request,
            "ladder_import.html",
            {"formats": FORMATS, "values": values, "errors": errors},
            status_code=400,
        )
    return redirect(f"/ladder?ladder={result.stored.slug}&imported=1")


class _FormError(Exception):
    """A field error is recorded; show the form again."""


def _format_from_name(filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return {
        "yaml": "yaml",
        "yml": "yaml",
        "json": "json",
        "csv": "csv",
        "tsv": "csv",
        "md": "md",
        "markdown": "md",
        "txt": "text",
    }.get(suffix, "auto")


def _name_from_filename(filename: str) -> str:
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("-", " ").replace("_", " ").strip().title() or "Ladder"
