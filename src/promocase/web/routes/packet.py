"""The promotion packet and the conversation kit: a preview and downloads in every format.

Both are assembled by services/packet.py and services/prep.py and rendered by
render/packet.py, the same code the CLI uses."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from promocase.core.errors import NotFound, ValidationError
from promocase.web.pages import off_loop, optional, render, service, ws_of
from promocase.web.routes.redaction import redaction_context

router = APIRouter()
MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
KIT_FORMATS = ("md", "html", "pdf")


def _modules(name: str) -> tuple[object, object]:
    svc, render_mod = service(name), optional("promocase.render.packet")
    if svc is None or render_mod is None:
        raise NotFound("This page is not available in this version.")
    return svc, render_mod


def _redact(request: Request) -> bool:
    return request.query_params.get("redact") == "1"


def _download(content: str | bytes, fmt: str, stem: str) -> Response:
    body = content.encode("utf-8") if isinstance(content, str) else content
    return Response(
        body,
        media_type=MEDIA[fmt],
        # An attachment: the HTML export is a document to keep, not a page of this app.
        headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'},
    )


def _format(request: Request, allowed: tuple[str, ...]) -> str:
    fmt = request.query_params.get("format", "md")
    if fmt not in allowed:
        raise ValidationError(
            f"'{fmt}' is not a download format.", hint="Use " + ", ".join(allowed)
        )
    return fmt


@router.get("/packet")
async def packet_page(request: Request) -> Response:
    from promocase.render.markdown import markdown_to_html

    svc, render_mod = _modules("packet")
    built = svc.build_packet(ws_of(request), redact=_redact(request))  # type: ignore[attr-defined]
    preview = markdown_to_html(render_mod.packet_markdown(built))  # type: ignore[attr-defined]
    return render(
        request,
        "document.html",
        {
            "title": "Promotion packet",
            "base": "/packet",
            "formats": tuple(MEDIA),
            "redact": _redact(request),
            "preview": preview,
            **redaction_context(request, "/packet"),
        },
    )


@router.get("/packet/download")
async def packet_download(request: Request) -> Response:
    svc, render_mod = _modules("packet")
    fmt = _format(request, tuple(MEDIA))
    built = svc.build_packet(ws_of(request), redact=_redact(request))  # type: ignore[attr-defined]
    content = await off_loop(render_mod.render_packet, built, fmt)  # type: ignore[attr-defined]
    return _download(content, fmt, "promotion-packet")


@router.get("/prep")
async def prep_page(request: Request) -> Response:
    from promocase.render.markdown import markdown_to_html

    svc, render_mod = _modules("prep")
    kit = svc.build_kit(ws_of(request), redact=_redact(request))  # type: ignore[attr-defined]
    preview = markdown_to_html(render_mod.kit_markdown(kit))  # type: ignore[attr-defined]
    return render(
        request,
        "document.html",
        {
            "title": "Conversation kit",
            "base": "/prep",
            "formats": KIT_FORMATS,
            "redact": _redact(request),
            "preview": preview,
            **redaction_context(request, "/prep"),
        },
    )


@router.get("/prep/download")
async def prep_download(request: Request) -> Response:
    svc, render_mod = _modules("prep")
    fmt = _format(request, KIT_FORMATS)
    kit = svc.build_kit(ws_of(request), redact=_redact(request))  # type: ignore[attr-defined]
    content = await off_loop(render_mod.render_kit, kit, fmt)  # type: ignore[attr-defined]
    return _download(content, fmt, "conversation-kit")
