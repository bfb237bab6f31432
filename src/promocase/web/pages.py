"""Helpers the page routes share: templates, rendering, form values, optional services."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from promocase.workspace import Workspace

# (path, label, service module that must exist for the page to show; None = always)
NAV: tuple[tuple[str, str, str | None], ...] = (
    ("/", "Dashboard", None),
    ("/evidence", "Evidence", None),
    ("/ladder", "Ladder", None),
    ("/goals", "Goals", "goals"),
    ("/packet", "Packet", "packet"),
    ("/prep", "Prep kit", "prep"),
    ("/conversations", "Conversations", "outcomes"),
    ("/actions", "Actions", "outcomes"),
    ("/outlook", "Outlook", "outcomes"),
    ("/resume", "Resume", "resume"),
    ("/review", "Review", "cadence"),
    ("/import", "Import", "importing"),
)


def service(name: str) -> ModuleType | None:
    """`promocase.services.<name>` if that service exists yet, else None (its page hides)."""
    module = f"promocase.services.{name}"
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


def optional(dotted: str) -> ModuleType | None:
    """Any promocase module by dotted name, or None when it has not been written yet."""
    try:
        return importlib.import_module(dotted)
    except ModuleNotFoundError as exc:
        if exc.name == dotted:
            return None
        raise


def _markdown(text: str | None) -> Markup:
    from promocase.render.markdown import markdown_to_html

    # Safe: js-default preset escapes raw HTML and drops javascript:/data: links.
    return Markup(markdown_to_html(text or ""))  # noqa: S704


def make_templates(folder: Path) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(folder))
    templates.env.autoescape = True
    templates.env.auto_reload = False  # templates ship with the package; skip per-include stat()
    templates.env.filters["markdown"] = _markdown
    from promocase.web.messages import web_prompt, web_text

    templates.env.filters["web_text"] = web_text
    templates.env.filters["web_prompt"] = web_prompt
    templates.env.trim_blocks = True
    templates.env.lstrip_blocks = True
    return templates


def ws_of(request: Request) -> Workspace:
    return request.app.state.ws  # type: ignore[no-any-return]


def profile_of(request: Request) -> Any:
    """The workspace profile (active ladder, levels), loaded once per request."""
    cached = getattr(request.state, "profile", None)
    if cached is None:
        from promocase.services.ladders import profile

        cached = request.state.profile = profile(ws_of(request))
    return cached


def nav_items(request: Request) -> list[tuple[str, str]]:
    """Pages whose route exists and whose service has landed."""
    routes = request.app.state.page_paths
    return [
        (path, label)
        for path, label, needs in NAV
        if path in routes and (needs is None or service(needs))
    ]


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a template with what every page needs: CSRF token, navigation, profile."""
    ctx: dict[str, Any] = {
        "csrf_token": request.app.state.secrets.csrf_token(),
        "nav": nav_items(request),
        "path": request.url.path,
        "profile": profile_of(request),
    }
    ctx.update(context or {})
    response = request.app.state.templates.TemplateResponse(
        request, name, ctx, status_code=status_code, headers=headers
    )
    response.headers.setdefault("cache-control", "no-store")
    return response  # type: ignore[no-any-return]


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def split_list(text: str | None, *, sep: str = ",") -> list[str]:
    """'a, b,,c' -> ['a', 'b', 'c']; newlines separate too."""
    if not text:
        return []
    parts = text.replace("\n", sep).split(sep)
    return [p.strip() for p in parts if p.strip()]


async def off_loop(func: Any, *args: Any) -> Any:
    """Run a slow or blocking step (rendering a PDF from data already read, waiting for an
    import job) on a worker thread, so other pages keep answering meanwhile. Only for work
    that does not touch the workspace connection, which stays on the event loop's thread."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(func, *args)
