"""The FastAPI application: wiring only. Pages live in web/routes/, rules in web/security.py.

Routes are `async def` on purpose: they all run on the event loop's one thread, so the
workspace's single SQLite connection is never used by two threads at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from promocase.core.errors import NotFound, PromocaseError
from promocase.web.security import Secrets, SecurityMiddleware
from promocase.workspace import Workspace

HERE = Path(__file__).resolve().parent


def _here(request: Request) -> str:
    """The page the user is on: the page an htmx request came from, else the request's own."""
    from urllib.parse import urlsplit

    current = request.headers.get("hx-current-url")
    return urlsplit(current).path if current else request.url.path


def create_app(
    home: Path | str | None,
    *,
    secrets_: Secrets | None = None,
    extra_hosts: frozenset[str] = frozenset(),
) -> FastAPI:
    """The web UI over the workspace at `home`. `secrets_` holds the launch token."""
    from promocase.web import pages
    from promocase.web.routes import ROUTERS

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.ws.close()

    app = FastAPI(
        title="promocase", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.ws = Workspace(home)
    app.state.secrets = secrets_ or Secrets()
    app.state.templates = pages.make_templates(HERE / "templates")
    app.state.verdicts = {}  # (entry id, updated_at) -> measurability verdict
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)
    # The navigation links only to pages that exist in this build.
    app.state.page_paths = {getattr(r, "path", None) for router in ROUTERS for r in router.routes}

    @app.exception_handler(PromocaseError)
    async def user_error(request: Request, exc: PromocaseError) -> Response:
        from promocase.web.messages import web_hint, web_text

        status = 404 if isinstance(exc, NotFound) else 400
        shown = {"message": web_text(exc.message), "hint": web_hint(exc.hint, _here(request))}
        if request.headers.get("hx-request"):
            # htmx swaps error answers only when told to; show it in the page's message area.
            return pages.render(
                request,
                "partials/error.html",
                shown,
                status_code=200,
                headers={"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"},
            )
        return pages.render(request, "error.html", shown, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """Unknown pages and wrong methods get the app's own page, not FastAPI's JSON."""
        from fastapi.exception_handlers import http_exception_handler

        messages = {
            404: ("Page not found", "There is no page at this address."),
            405: ("Not a page", "This address only takes a form's answer; it is not a page."),
        }
        if exc.status_code not in messages:
            return await http_exception_handler(request, exc)
        heading, message = messages[exc.status_code]
        shown = {"heading": heading, "message": message, "hint": None}
        return pages.render(
            request, "error.html", shown, status_code=exc.status_code, headers=exc.headers
        )

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)  # the pages link /static/favicon.svg

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    app.add_middleware(
        SecurityMiddleware,  # type: ignore[arg-type]
        secrets_=app.state.secrets,
        extra_hosts=extra_hosts,
    )
    return app
