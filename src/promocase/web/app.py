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

from promocase.core.errors import NotFound, PromocaseError
from promocase.web.security import Secrets, SecurityMiddleware
from promocase.workspace import Workspace

HERE = Path(__file__).resolve().parent


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
        shown = {"message": web_text(exc.message), "hint": web_hint(exc.hint)}
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

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    app.add_middleware(
        SecurityMiddleware,  # type: ignore[arg-type]
        secrets_=app.state.secrets,
        extra_hosts=extra_hosts,
    )
    return app
