"""Import a tracker export, a calendar, a brag document or a git repository from the browser: a
preview of what would be added (the dry run), then the import, through services/importing.py
as on the CLI.

The upload is kept between the two steps as a private file in the workspace (uploads/, named
by a random token; nothing from the browser becomes a path) and removed after the import or
within an hour.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from promocase.core.errors import PromocaseError, ValidationError
from promocase.services.backup import write_private
from promocase.web.pages import render, ws_of

router = APIRouter()
KINDS = {  # kind -> (label, file suffix, size limit in MiB)
    "issues": ("Issues and pull requests (GitHub, Jira, Linear export: CSV or JSON)", "", 20),
    "calendar": ("Calendar (.ics)", ".ics", 20),
    "brag": ("Brag document (Markdown)", ".md", 5),
}
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
KEEP_SECONDS = 3600
SHOWN = 50  # entries listed in the preview


def _uploads(request: Request) -> Path:
    folder = ws_of(request).home / "uploads"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():  # what was previewed and never imported
        try:
            if now - old.stat().st_mtime > KEEP_SECONDS:
                old.unlink()
        except OSError:
            pass
    return folder


def _run(request: Request, kind: str, path: Path, options: dict[str, str], dry_run: bool) -> Any:
    from promocase.services import importing

    ws = ws_of(request)
    if kind == "issues":
        return importing.import_issues_file(
            ws,
            str(path),
            assignee=options.get("assignee") or None,
            include_open=options.get("include_open") == "on",
            dry_run=dry_run,
            label=options.get("filename") or path.name,
        )
    if kind == "calendar":
        return importing.import_calendar_file(ws, str(path), dry_run=dry_run)
    return importing.import_brag_file(ws, str(path), dry_run=dry_run)


def _file_values(form: Any) -> dict[str, str]:
    """What the file form sent, as it is shown back (preview and confirm read the same)."""
    return {
        "kind": str(form.get("kind") or ""),
        "assignee": str(form.get("assignee") or ""),
        "include_open": "on" if form.get("include_open") else "",
        "filename": str(form.get("filename") or ""),
    }


def _page(request: Request, **context: Any) -> Response:
    status = context.pop("status_code", 200)
    base = {"kinds": KINDS, "values": {}, "errors": {}, "summary": None, "token": None}
    return render(request, "import.html", {**base, **context}, status_code=status)


@router.get("/import")
async def import_page(request: Request) -> Response:
    return _page(request, values={"kind": "issues"})


@router.post("/import")
async def preview(request: Request) -> Response:
    """Keep the upload and show what importing it would add (nothing changes yet)."""
    from promocase.web.messages import web_message

    form = await request.form()
    values = _file_values(form)
    kind = values["kind"]
    if kind not in KINDS:
        return _page(
            request, values=values, errors={"kind": "Choose what to import."}, status_code=400
        )
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _page(
            request, values=values, errors={"file": "Choose a file to import."}, status_code=400
        )
    limit = KINDS[kind][2] << 20
    data = await upload.read(limit + 1)
    if len(data) > limit:
        message = (
            f"{upload.filename} is larger than the {KINDS[kind][2]} MiB limit for this import."
        )
        return _page(request, values=values, errors={"file": message}, status_code=400)
    suffix = Path(upload.filename).suffix.lower() if kind == "issues" else KINDS[kind][1]
    if suffix not in ("", ".csv", ".json", ".ics", ".md", ".markdown", ".txt"):
        suffix = ""
    token = secrets.token_urlsafe(24)
    path = _uploads(request) / f"{token}{suffix}"
    write_private(path, data)
    values["filename"] = upload.filename
    try:
        summary = _run(request, kind, path, values, dry_run=True)
    except PromocaseError as exc:
        path.unlink(missing_ok=True)
        return _page(request, values=values, errors={"file": web_message(exc)}, status_code=400)
    return _page(request, values=values, summary=summary, token=f"{token}{suffix}", shown=SHOWN)


@router.post("/import/confirm")
async def confirm(request: Request) -> Response:
    """Import the previewed upload (one transaction), then forget the file."""
    from promocase.web.messages import web_message

    form = await request.form()
    values = _file_values(form)
    kind, name = values["kind"], str(form.get("token") or "")
    stem, _, suffix = name.partition(".")
    path = _uploads(request) / name
    if kind not in KINDS or not _TOKEN.fullmatch(stem) or "/" in suffix or not path.is_file():
        error = ValidationError(
            "That preview is no longer available.", hint="Choose the file again to import it."
        )
        return _page(request, values=values, errors={"file": web_message(error)}, status_code=400)
    try:
        summary = _run(request, kind, path, values, dry_run=False)
    except PromocaseError as exc:
        return _page(request, values=values, errors={"file": web_message(exc)}, status_code=400)
    finally:
        path.unlink(missing_ok=True)
    return _page(request, values={"kind": kind}, summary=summary, done=True, shown=SHOWN)


# -- git repositories on this machine ---------------------------------------------------------
def _git_values(form: Any) -> dict[str, str]:
    return {
        "kind": "git",
        "repos": str(form.get("repos") or ""),
        "authors": str(form.get("authors") or ""),
        "since": str(form.get("since") or ""),
    }


def _run_git(request: Request, values: dict[str, str], dry_run: bool) -> Any:
    from promocase.core.dates import parse_when
    from promocase.services import importing
    from promocase.store.clock import today
    from promocase.web.pages import split_list

    repos = [line.strip() for line in values["repos"].splitlines() if line.strip()]
    authors = split_list(values["authors"])
    if not repos:
        raise ValidationError("Give the folder of at least one git repository.")
    if not authors:
        raise ValidationError("Give your commit email, e.g. you@example.com.")
    since = parse_when(values["since"], today=today()).isoformat() if values["since"] else None
    return importing.import_git_repos(ws_of(request), repos, authors, since=since, dry_run=dry_run)


def _git_field(exc: PromocaseError) -> str:
    text = exc.message.lower()
    if "email" in text or "author" in text or "commits by" in text:
        return "authors"
    if "date" in text:
        return "since"
    return "repos"


async def _git_step(request: Request, *, dry_run: bool) -> Response:
    from promocase.web.messages import web_message

    values = _git_values(await request.form())
    try:
        summary = _run_git(request, values, dry_run=dry_run)
    except PromocaseError as exc:
        errors = {_git_field(exc): web_message(exc)}
        return _page(request, values=values, errors=errors, status_code=400)
    if dry_run:
        return _page(request, values=values, summary=summary, shown=SHOWN)
    return _page(request, values={"kind": "git"}, summary=summary, done=True, shown=SHOWN)


@router.post("/import/git")
async def git_preview(request: Request) -> Response:
    """Show what importing the commits would add (nothing changes yet)."""
    return await _git_step(request, dry_run=True)


@router.post("/import/git/confirm")
async def git_confirm(request: Request) -> Response:
    """Import the commits (one transaction)."""
    return await _git_step(request, dry_run=False)
