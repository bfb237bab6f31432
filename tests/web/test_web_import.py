"""Importing files from the browser: preview (nothing changes), then import, through the same
services as `promocase import issues|calendar|brag`."""

from __future__ import annotations

import json

from tests.test_import_files import BRAG, GITHUB_JSON, ICS, JIRA_CSV
from tests.web.test_web_xss import assert_safe


def _count(web) -> int:
    return int(web.app.state.ws.conn.execute("SELECT count(*) FROM evidence").fetchone()[0])


def _preview(web, kind: str, name: str, content: str | bytes, **fields: str):
    return web.client.post(
        "/import",
        data={"csrf_token": web.csrf, "kind": kind, **fields},
        files={"file": (name, content)},
        follow_redirects=False,
    )


def _token(html: str) -> str:
    return html.split('name="token" value="', 1)[1].split('"', 1)[0]


def test_preview_changes_nothing_then_import_adds_once(web):
    before = _count(web)
    page = _preview(web, "issues", "gh.json", json.dumps(GITHUB_JSON))
    assert page.status_code == 200 and "Would add 2 entries from gh.json" in page.text
    assert "Flaky checkout test" in page.text and "Still open" not in page.text
    assert _count(web) == before
    token = _token(page.text)
    done = web.post("/import/confirm", {"kind": "issues", "token": token, "filename": "gh.json"})
    assert done.status_code == 200 and "Added 2 entries" in done.text
    assert _count(web) == before + 2
    assert not list((web.home / "uploads").iterdir())  # the upload is gone
    again = web.post("/import/confirm", {"kind": "issues", "token": token})
    assert again.status_code == 400 and "no longer available" in again.text
    second = _preview(web, "issues", "gh.json", json.dumps(GITHUB_JSON))
    assert "Nothing new to add" in second.text


def test_calendar_and_brag_and_jira_imports(web):
    ics = _preview(web, "calendar", "work.ics", ICS)
    assert ics.status_code == 200 and "Would add" in ics.text and "standup" not in ics.text.lower()
    brag = _preview(web, "brag", "brag.md", BRAG)
    assert "Mentored Sam" in brag.text
    jira = _preview(web, "issues", "jira.csv", JIRA_CSV, assignee="Noor")
    assert "Cut checkout latency" in jira.text and "Theirs" not in jira.text
    done = web.post(
        "/import/confirm",
        {"kind": "issues", "token": _token(jira.text), "assignee": "Noor", "filename": "jira.csv"},
    )
    assert "Added 1 entry" in done.text


def test_bad_uploads_get_a_clear_error_and_change_nothing(web, monkeypatch):
    from promocase.web.routes import imports

    before = _count(web)
    no_file = web.client.post(
        "/import", data={"csrf_token": web.csrf, "kind": "brag"}, follow_redirects=False
    )
    assert no_file.status_code == 400 and "Choose a file" in no_file.text
    binary = _preview(web, "brag", "brag.md", b"\x00\x01\x02PNG\xff\xfe" * 100)
    assert binary.status_code == 400 and "field-error" in binary.text
    broken = _preview(web, "calendar", "x.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x")
    assert broken.status_code == 400
    monkeypatch.setitem(imports.KINDS, "brag", ("Brag", ".md", 0))
    big = _preview(web, "brag", "brag.md", BRAG)
    assert big.status_code == 400 and "larger than" in big.text
    forged = web.post("/import/confirm", {"kind": "brag", "token": "../../promocase.db"})
    assert forged.status_code == 400 and "no longer available" in forged.text
    no_csrf = web.client.post("/import", data={"kind": "brag"}, files={"file": ("b.md", BRAG)})
    assert no_csrf.status_code == 403
    assert _count(web) == before
    assert not list((web.home / "uploads").iterdir())


def test_payloads_in_an_imported_file_are_escaped(web):
    payload = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    page = _preview(web, "brag", "brag.md", f"## 2026-03\n- Shipped {payload}\n")
    assert_safe(page.text, "import preview")
    done = web.post(
        "/import/confirm", {"kind": "brag", "token": _token(page.text), "filename": payload}
    )
    assert_safe(done.text, "import result")
    assert_safe(web.get("/evidence").text, "/evidence after import")


def test_git_repository_preview_then_import(web, tmp_path):
    from tests.test_import_git import DAY, ME, T0, _fast_repo

    history = [
        (f"Change {n}" + (f" (#{40 + n})" if n % 3 == 0 else ""), T0 + n * DAY, f"api/f{n}.py")
        for n in range(6)
    ]
    repo = _fast_repo(tmp_path / "shop", history)
    before = _count(web)
    page = web.post("/import/git", {"repos": f"{repo}\n", "authors": ME})
    assert (
        page.status_code == 200
        and "Would add" in page.text
        and "Merged pull request #40" in page.text
    )
    assert _count(web) == before
    done = web.post("/import/git/confirm", {"repos": str(repo), "authors": ME, "since": ""})
    assert done.status_code == 200 and "Added 6 entries" in done.text
    assert _count(web) == before + 6
    again = web.post("/import/git", {"repos": str(repo), "authors": ME})
    assert "Nothing new to add" in again.text


def test_git_form_without_email_uses_git_s_and_says_so(web, tmp_path, no_git_identity):
    from tests.test_import_git import ME, _git, pairing_repo

    repo = pairing_repo(tmp_path)
    before = _count(web)
    no_author = web.post("/import/git", {"repos": str(repo), "authors": " "})
    assert no_author.status_code == 400 and 'id="git-authors-error"' in no_author.text
    assert "user.email" in no_author.text and _count(web) == before
    _git(repo, "config", "user.email", ME)
    page = web.post("/import/git", {"repos": str(repo), "authors": ""})
    assert "Would add 1 entry" in page.text and f"Commits by {ME}, your git user.email" in page.text


def test_git_form_takes_the_commits_others_made_with_me(web, tmp_path):
    from tests.test_import_git import ME, pairing_repo

    repo = pairing_repo(tmp_path)
    own = web.post("/import/git", {"repos": str(repo), "authors": ME})
    assert "Would add 1 entry" in own.text and "Tune the limiter buckets" not in own.text
    assert 'name="coauthored"' in own.text  # the box, unticked
    paired = web.post("/import/git", {"repos": str(repo), "authors": ME, "coauthored": "on"})
    assert "Tune the limiter buckets" in paired.text and "Co-authored-by line" in paired.text
    assert '<input type="hidden" name="coauthored" value="on">' in paired.text
    done = web.post("/import/git/confirm", {"repos": str(repo), "authors": ME, "coauthored": "on"})
    assert "Added 2 entries" in done.text


def test_git_form_errors_name_the_field_and_change_nothing(web, tmp_path):
    before = _count(web)
    plain = tmp_path / "not-a-repo"
    plain.mkdir()
    not_repo = web.post("/import/git", {"repos": str(plain), "authors": "me@example.com"})
    assert not_repo.status_code == 400 and 'id="git-repos-error"' in not_repo.text
    option = web.post("/import/git", {"repos": "--upload-pack=touch /tmp/x", "authors": "a@b.c"})
    assert option.status_code == 400 and 'id="git-repos-error"' in option.text
    bad_since = web.post("/import/git", {"repos": str(plain), "authors": "a@b.c", "since": "soon"})
    assert bad_since.status_code == 400
    assert web.client.post("/import/git", data={"repos": "x", "authors": "y"}).status_code == 403
    assert _count(web) == before


def test_a_long_import_shows_progress_and_the_site_keeps_answering(web, tmp_path, monkeypatch):
    """A big repository takes seconds: the request answers with a progress page at once, the
    page's polling reports what was read and judged, other pages keep answering meanwhile,
    and the result replaces the progress when the job is done."""
    import threading

    from tests.test_import_git import DAY, ME, T0, _fast_repo

    from promocase.services import importing
    from promocase.web import jobs

    repo = _fast_repo(tmp_path / "big", [(f"Change {n}", T0 + n * DAY, "a.py") for n in range(3)])
    release, reached = threading.Event(), threading.Event()
    real = importing.import_git_repos

    def slow(ws, repos, authors, **kw):  # the real import, held at a known point
        kw["on_read"](1234)
        kw["progress"](5, 10)
        reached.set()
        assert release.wait(30)
        return real(ws, repos, authors, **kw)

    monkeypatch.setattr(importing, "import_git_repos", slow)
    monkeypatch.setattr(jobs, "WAIT_SECONDS", 0.0)
    before = _count(web)
    started = web.post("/import/git/confirm", {"repos": str(repo), "authors": ME, "since": ""})
    assert started.status_code == 303
    url = started.headers["location"]
    assert url.startswith("/import/jobs/")
    assert reached.wait(30)
    page = web.get(url)
    assert page.status_code == 200 and "Importing your commits" in page.text
    assert "5 of 10 entries (50%)" in page.text and 'hx-trigger="every 1s"' in page.text
    assert 'http-equiv="refresh"' in page.text  # without JavaScript the page reloads itself
    partial = web.get(url + "/progress", headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "5 of 10" in partial.text and "<html" not in partial.text
    assert web.get("/evidence").status_code == 200  # the server is not held up
    assert _count(web) == before  # one transaction, at the end
    release.set()
    job = web.app.state.jobs.get(url.rsplit("/", 1)[1])
    assert job.wait(30)
    assert web.get(url + "/progress", headers={"HX-Request": "true"}).headers["HX-Refresh"]
    done = web.get(url)
    assert done.status_code == 200 and "Added 3 entries" in done.text
    assert _count(web) == before + 3


def _held(monkeypatch, runner: str):  # type: ignore[no-untyped-def]
    """Hold the route's job runner until the returned event is set, so the request answers
    with the progress page however fast the job would have been (no race with the wait)."""
    import threading

    from promocase.web import jobs
    from promocase.web.routes import imports as routes

    release = threading.Event()
    real = getattr(routes, runner)

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(routes, runner, held)
    monkeypatch.setattr(jobs, "WAIT_SECONDS", 0.0)
    return release


def test_a_job_page_shows_errors_and_unknown_jobs_clearly(web, tmp_path, monkeypatch):
    release = _held(monkeypatch, "_run_git")
    plain = tmp_path / "plain"
    plain.mkdir()
    started = web.post("/import/git", {"repos": str(plain), "authors": "me@example.com"})
    release.set()
    url = started.headers["location"]
    web.app.state.jobs.get(url.rsplit("/", 1)[1]).wait(30)
    failed = web.get(url)
    assert failed.status_code == 400 and 'id="git-repos-error"' in failed.text
    assert "is not a git repository" in failed.text
    gone = web.get("/import/jobs/not-a-job")
    assert gone.status_code == 404 and "no longer shown here" in gone.text
    assert web.get("/import/jobs/not-a-job/progress", follow_redirects=False).status_code == 303


def test_a_hostile_file_name_is_escaped_on_the_progress_page(web, monkeypatch):
    release = _held(monkeypatch, "_run")
    payload = "<script>alert(1)</script><img src=x onerror=alert(1)>.md"
    started = _preview(web, "brag", payload, "## 2026-03\n- Shipped the thing\n")
    assert started.status_code == 303
    release.set()
    job = web.app.state.jobs.get(started.headers["location"].rsplit("/", 1)[1])
    assert job.wait(30)  # let the real job finish first: the page below must not race it
    job._event.clear()  # then show it as running, as a slow import would be
    assert_safe(web.get(started.headers["location"]).text, "import progress page")
    job._event.set()
    assert_safe(web.get(started.headers["location"]).text, "import preview from a job")


def test_a_calendar_preview_leaves_out_what_you_declined(web):
    """The file form takes the address your invitations use; the preview and the import leave
    out the meetings you declined, and the confirm step keeps the address."""
    from tests.test_import_files import DECLINED_ICS

    ics = DECLINED_ICS.replace("X-WR-CALNAME:noor@acme.example\n", "")
    page = _preview(web, "calendar", "work.ics", ics, me="noor@acme.example")
    assert page.status_code == 200 and "1 you declined" in page.text
    assert "frontend candidate" in page.text and "backend candidate" not in page.text
    assert 'name="me" value="noor@acme.example"' in page.text
    done = web.post(
        "/import/confirm",
        {"kind": "calendar", "token": _token(page.text), "me": "noor@acme.example"},
    )
    assert "Added 2 entries" in done.text
    texts = [r[0] for r in web.app.state.ws.conn.execute("SELECT text FROM evidence")]
    assert not any("backend candidate" in t for t in texts)
