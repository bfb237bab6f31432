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
    assert page.status_code == 200 and "Would add" in page.text and "Merged pull request #40" in page.text
    assert _count(web) == before
    done = web.post("/import/git/confirm", {"repos": str(repo), "authors": ME, "since": ""})
    assert done.status_code == 200 and "Added 6 entries" in done.text
    assert _count(web) == before + 6
    again = web.post("/import/git", {"repos": str(repo), "authors": ME})
    assert "Nothing new to add" in again.text


def test_git_form_errors_name_the_field_and_change_nothing(web, tmp_path):
    before = _count(web)
    plain = tmp_path / "not-a-repo"
    plain.mkdir()
    not_repo = web.post("/import/git", {"repos": str(plain), "authors": "me@example.com"})
    assert not_repo.status_code == 400 and 'id="git-repos-error"' in not_repo.text
    option = web.post("/import/git", {"repos": "--upload-pack=touch /tmp/x", "authors": "a@b.c"})
    assert option.status_code == 400 and 'id="git-repos-error"' in option.text
    no_author = web.post("/import/git", {"repos": str(plain), "authors": " "})
    assert no_author.status_code == 400 and 'id="git-authors-error"' in no_author.text
    bad_since = web.post("/import/git", {"repos": str(plain), "authors": "a@b.c", "since": "soon"})
    assert bad_since.status_code == 400
    assert web.client.post("/import/git", data={"repos": "x", "authors": "y"}).status_code == 403
    assert _count(web) == before
