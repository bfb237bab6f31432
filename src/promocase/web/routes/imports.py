"""Import a tracker export, a calendar, a brag document or a git repository from the browser: a
preview of what would be added (the dry run), then the import, through services/importing.py
as on the CLI.

The upload is kept between the two steps as a private file in the workspace (uploads/, named
by a random token; nothing from the browser becomes a path) and removed after the import or
within an hour.

Each step runs as a job (web/jobs.py) off the request: a small import answers at once, a long
one (a big repository) shows a progress page that updates itself until the result is ready,
and the rest of the site keeps answering meanwhile.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from promocase.core.errors import PromocaseError, ValidationError
from promocase.services.backup import write_private
from promocase.web import jobs
from promocase.web.pages import is_htmx, off_loop, profile_of, render, ws_of
from promocase.workspace import Workspace

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


def _run(ws: Workspace, job: jobs.Job, kind: str, path: Path) -> Any:
    """The file import of one step (on the job's thread); a failed preview or any import
    forgets the upload."""
    from promocase.services import importing

    options, dry_run, progress = job.values, job.dry_run, job.on_progress
    try:
        if kind == "issues":
            return importing.import_issues_file(
                ws,
                str(path),
                assignee=options.get("assignee") or None,
                include_open=options.get("include_open") == "on",
                dry_run=dry_run,
                label=options.get("filename") or path.name,
                progress=progress,
            )
        if kind == "calendar":
            me = options.get("me") or ""
            return importing.import_calendar_file(
                ws, str(path), me=[me] if me.strip() else None, dry_run=dry_run, progress=progress
            )
        return importing.import_brag_file(ws, str(path), dry_run=dry_run, progress=progress)
    except PromocaseError:
        path.unlink(missing_ok=True)
        raise
    finally:
        if not dry_run:
            path.unlink(missing_ok=True)


def _file_values(form: Any) -> dict[str, str]:
    """What the file form sent, as it is shown back (preview and confirm read the same)."""
    return {
        "kind": str(form.get("kind") or ""),
        "assignee": str(form.get("assignee") or ""),
        "include_open": "on" if form.get("include_open") else "",
        "filename": str(form.get("filename") or ""),
        "me": str(form.get("me") or "").strip(),
    }


def _page(request: Request, **context: Any) -> Response:
    status = context.pop("status_code", 200)
    base = {"kinds": KINDS, "values": {}, "errors": {}, "summary": None, "token": None}
    stored = profile_of(request).ladder  # the preview names criteria, never their ids
    base["criterion_names"] = {c.id: c.name for c in stored.ladder.criteria} if stored else {}
    return render(request, "import.html", {**base, **context}, status_code=status)


@router.get("/import")
async def import_page(request: Request) -> Response:
    return _page(request, values={"kind": "issues"})


@router.post("/import")
async def preview(request: Request) -> Response:
    """Keep the upload and show what importing it would add (nothing changes yet)."""

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
    values["token"] = f"{token}{suffix}"
    return await _start(request, f"Previewing {upload.filename}", values, True, kind, path)


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
    label = values["filename"] or "the file"
    return await _start(request, f"Importing {label}", values, False, kind, path)


# -- git repositories on this machine ---------------------------------------------------------
def _git_values(form: Any) -> dict[str, str]:
    return {
        "kind": "git",
        "repos": str(form.get("repos") or ""),
        "authors": str(form.get("authors") or ""),
        "since": str(form.get("since") or ""),
        "coauthored": "on" if form.get("coauthored") else "",
    }


def _git_args(values: dict[str, str]) -> tuple[list[str], list[str], str | None]:
    """Repositories, authors (none: each repository's git user.email) and since date from
    the git form (checked before the job)."""
    from promocase.core.dates import parse_when
    from promocase.store.clock import today
    from promocase.web.pages import split_list

    repos = [line.strip() for line in values["repos"].splitlines() if line.strip()]
    authors = split_list(values["authors"])
    if not repos:
        raise ValidationError("Give the folder of at least one git repository.")
    since = parse_when(values["since"], today=today()).isoformat() if values["since"] else None
    return repos, authors, since


def _run_git(ws: Workspace, job: jobs.Job) -> Any:
    from promocase.services import importing

    repos, authors, since = _git_args(job.values)
    return importing.import_git_repos(
        ws,
        repos,
        authors,
        since=since,
        dry_run=job.dry_run,
        on_read=job.on_read,
        progress=job.on_progress,
        coauthored=job.values.get("coauthored") == "on",
    )


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
        _git_args(values)
    except PromocaseError as exc:
        errors = {_git_field(exc): web_message(exc)}
        return _page(request, values=values, errors=errors, status_code=400)
    title = "Previewing your commits" if dry_run else "Importing your commits"
    return await _start(request, title, values, dry_run, "git", None)


# -- jobs: each step runs off the request ------------------------------------------------------
def _jobs(request: Request) -> jobs.Jobs:
    found = getattr(request.app.state, "jobs", None)
    if found is None:
        found = request.app.state.jobs = jobs.Jobs()
    return found  # type: ignore[no-any-return]


async def _start(
    request: Request,
    title: str,
    values: dict[str, str],
    dry_run: bool,
    kind: str,
    path: Path | None,
) -> Response:
    """Start the step as a job; its result at once if it is quick, else its progress page."""

    def work(ws: Workspace, job: jobs.Job) -> Any:
        if kind == "git":
            return _run_git(ws, job)
        assert path is not None
        return _run(ws, job, kind, path)

    job = _jobs(request).start(ws_of(request).home, title, values, dry_run, work)
    # Wait on a worker thread, so other requests are answered meanwhile.
    if not await off_loop(job.wait, jobs.WAIT_SECONDS):
        return RedirectResponse(f"/import/jobs/{job.id}", status_code=303)
    return _result(request, job)


def _result(request: Request, job: jobs.Job) -> Response:
    """A finished job's page: the preview with its confirm button, the import done, or the
    error next to the field it concerns."""
    from promocase.web.messages import web_message

    values = job.values
    kind = values.get("kind", "")
    if job.error is not None:
        field = _git_field(job.error) if kind == "git" else "file"
        shown = {k: v for k, v in values.items() if k != "token"}
        error = _named_upload(request, job.error, values)
        return _page(request, values=shown, errors={field: web_message(error)}, status_code=400)
    if job.dry_run:
        return _page(
            request, values=values, summary=job.result, token=values.get("token"), shown=SHOWN
        )
    return _page(request, values={"kind": kind}, summary=job.result, done=True, shown=SHOWN)


def _named_upload(request: Request, exc: PromocaseError, values: dict[str, str]) -> PromocaseError:
    """The error with the upload's private path replaced by the name of the file the user
    chose: the workspace's uploads/ folder is never shown."""
    token = values.get("token")
    if not token:
        return exc
    name = values.get("filename") or "the uploaded file"
    private = str(ws_of(request).home / "uploads" / token)
    message = exc.message.replace(private, name).replace(token, name)
    return PromocaseError(message, hint=exc.hint) if message != exc.message else exc


def _missing_job(request: Request) -> Response:
    from promocase.web.messages import web_message

    error = ValidationError(
        "That import is no longer shown here (the server restarted, or it finished over an "
        "hour ago).",
        hint="Your evidence page has everything that was imported; start again to import more.",
    )
    return _page(
        request, values={"kind": "issues"}, errors={"job": web_message(error)}, status_code=404
    )


@router.get("/import/jobs/{job_id}")
async def job_page(request: Request, job_id: str) -> Response:
    """A job's progress while it runs (the page updates itself), then its result."""
    job = _jobs(request).get(job_id)
    if job is None:
        return _missing_job(request)
    if job.running:
        return render(request, "import_job.html", {"job": job})
    return _result(request, job)


@router.get("/import/jobs/{job_id}/progress")
async def job_progress(request: Request, job_id: str) -> Response:
    """The progress card alone, for the page's polling; asks for a reload once finished."""
    job = _jobs(request).get(job_id)
    if job is None or not job.running:
        if is_htmx(request):
            return Response(status_code=200, headers={"HX-Refresh": "true"})
        return RedirectResponse(f"/import/jobs/{job_id}", status_code=303)
    return render(request, "partials/import_progress.html", {"job": job})


@router.post("/import/git")
async def git_preview(request: Request) -> Response:
    """Show what importing the commits would add (nothing changes yet)."""
    return await _git_step(request, dry_run=True)


@router.post("/import/git/confirm")
async def git_confirm(request: Request) -> Response:
    """Import the commits (one transaction)."""
    return await _git_step(request, dry_run=False)
