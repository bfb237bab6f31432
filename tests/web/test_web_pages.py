"""Every page and form of the web UI over a real workspace, through HTTP."""

from __future__ import annotations

import re

from promocase.services import evidence as ev
from promocase.workspace import Workspace


def field_error(html: str, field: str) -> str | None:
    match = re.search(rf'id="{field}-error">([^<]*)<', html)
    return match.group(1) if match else None


def test_navigation_links_to_existing_pages_only(web):
    page = web.get("/").text
    links = re.findall(r'<nav aria-label="Pages">(.*?)</nav>', page, re.S)[0]
    hrefs = re.findall(r'href="([^"]+)"', links)
    assert {"/", "/evidence", "/ladder"} <= set(hrefs)
    for href in hrefs:
        assert web.get(href).status_code == 200, href


def test_empty_workspace_dashboard_points_to_the_ladder(empty_web):
    page = empty_web.get("/")
    assert page.status_code == 200
    assert 'href="/ladder"' in page.text
    assert "Start with your ladder" in page.text


def test_start_from_a_sample_ladder(empty_web):
    page = empty_web.get("/ladder")
    assert "software-engineer" in page.text
    response = empty_web.post(
        "/ladder/start", {"sample": "software-engineer", "current": "SE3", "target": "SE4"}
    )
    assert response.status_code == 303
    page = empty_web.get("/ladder").text
    assert "SE3" in page and "(target)" in page


def test_start_with_a_wrong_level_keeps_the_values_and_says_why(empty_web):
    response = empty_web.post(
        "/ladder/start", {"sample": "software-engineer", "current": "SE9", "target": ""}
    )
    assert response.status_code == 400
    assert 'value="SE9"' in response.text
    assert "not a level" in (field_error(response.text, "current") or "")


def test_ladder_view_by_level(web):
    page = web.get("/ladder?level=L5").text
    assert "Sets technical direction across several teams." in page
    assert "Staff Engineer" in page
    page = web.get("/ladder").text  # the target level by default
    assert "Designs components other teams build on." in page


def test_set_levels_and_refuse_a_target_below_current(web):
    assert web.post("/ladder/levels", {"current": "L4", "target": "L5"}).status_code == 303
    bad = web.post("/ladder/levels", {"current": "L5", "target": "L4"})
    assert bad.status_code == 400
    assert "must be above" in bad.text


def test_ladder_import_by_upload_and_by_paste(web, acme_yaml):
    up = web.post(
        "/ladder/import",
        files={"file": ("globex-ladder.yaml", acme_yaml.replace("Acme", "Globex").encode())},
    )
    assert up.status_code == 303
    assert "globex" in up.headers["location"]
    page = web.get(up.headers["location"]).text
    assert "Globex Engineering" in page and "Make this my active ladder" in page
    pasted = web.post(
        "/ladder/import",
        {
            "text": "# Levels\n\n## P1 Junior\n\n- Delivery: Ships small things\n",
            "format": "md",
            "name": "Pasted Ladder",
        },
    )
    assert pasted.status_code == 303, pasted.text
    assert web.post("/ladder/active", {"slug": "globex-engineering"}).status_code == 303
    assert "Globex Engineering" in web.get("/").text


def test_ladder_import_errors_stay_next_to_the_field(web):
    empty = web.post("/ladder/import", {"text": "  "})
    assert empty.status_code == 400
    assert field_error(empty.text, "text")
    broken = web.post("/ladder/import", {"text": "levels: [oops", "format": "yaml"})
    assert broken.status_code == 400
    assert "levels: [oops" in broken.text  # what was typed is kept
    assert field_error(broken.text, "text")
    binary = web.post("/ladder/import", files={"file": ("x.yaml", b"\x00\x01\x02binary")})
    assert binary.status_code == 400
    assert "binary" in (field_error(binary.text, "file") or "")


def test_capture_posts_to_evidence_with_field_text(web):
    response = web.post("/evidence", {"text": "Cut p95 latency from 820 to 240 ms"})
    assert response.status_code == 303
    assert response.headers["location"] == "/evidence/1?added=1"
    page = web.get("/evidence/1?added=1").text
    assert "Saved." in page and "Cut p95 latency" in page
    with Workspace(web.home) as w:
        assert ev.get_evidence(w, 1).source == "web"


def test_capture_with_all_fields(web):
    response = web.post(
        "/evidence",
        {
            "text": "Led the checkout rewrite",
            "date": "2026-10-01",
            "outcome": "Fewer abandoned carts",
            "metric": "abandon rate: 12 -> 8 %",
            "role": "led",
            "scope": "org",
            "tags": "checkout, perf",
            "links": "https://example.com/pr/1\nhttps://example.com/doc",
            "criteria": "delivery",
        },
    )
    assert response.status_code == 303
    with Workspace(web.home) as w:
        entry = ev.get_evidence(w, 1)
        data = ev.evidence_json(w, entry)
    assert entry.date == "2026-10-01" and entry.role == "led" and entry.scope == "org"
    assert entry.tags == ["checkout", "perf"] and len(entry.links) == 2
    assert entry.metric and entry.metric.before == 12
    accepted = [c["criterion_id"] for c in data["criteria"] if c["status"] == "accepted"]
    assert accepted == ["delivery"]


def test_capture_by_htmx_returns_a_fresh_form_and_the_new_row(web):
    response = web.client.post(
        "/evidence",
        data={"text": "Mentored two new engineers"},
        headers={"X-CSRF-Token": web.csrf, "HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="capture"' in response.text
    assert 'id="entry-1"' in response.text and "Saved as" in response.text
    assert "Mentored two new engineers</textarea>" not in response.text  # the form is cleared


def test_validation_failure_keeps_what_was_typed_with_the_error_by_the_field(web):
    typed = {"text": "Shipped search", "metric": "lots and lots", "outcome": "Happier users"}
    response = web.post("/evidence", typed)
    assert response.status_code == 400
    assert "Shipped search</textarea>" in response.text
    assert 'value="Happier users"' in response.text
    assert "not a metric" in (field_error(response.text, "metric") or "")
    bad_date = web.post("/evidence", {"text": "x", "date": "someday"})
    assert "not a date" in (field_error(bad_date.text, "date") or "")
    bad_role = web.post("/evidence", {"text": "x", "role": "hero"})
    assert field_error(bad_role.text, "role")
    empty = web.post("/evidence", {"text": "   "})
    assert "empty" in (field_error(empty.text, "text") or "")
    no_source = web.post("/evidence", {"text": "Great work", "kind": "praise"})
    assert field_error(no_source.text, "from")
    htmx = web.client.post(
        "/evidence",
        data={"text": "Shipped search", "metric": "lots"},
        headers={"X-CSRF-Token": web.csrf, "HX-Request": "true"},
    )
    assert htmx.status_code == 200 and field_error(htmx.text, "metric")


def _add(web, text: str, **fields: str) -> int:
    response = web.post("/evidence", {"text": text, **fields})
    return int(response.headers["location"].split("/")[2].split("?")[0])


def test_list_search_and_filters(web):
    _add(web, "Cut checkout latency", tags="perf", date="2026-01-10")
    _add(web, "Mentored Sam on testing", tags="people", date="2026-06-01")
    _add(web, "Sam said the launch went great", kind="praise", **{"from": "Dana, PM"})
    page = web.get("/evidence").text
    assert page.count('<li class="entry') == 3
    assert "Cut checkout" in web.get("/evidence?q=latency").text
    assert "Mentored" not in web.get("/evidence?q=latency").text
    assert "Nothing matches" in web.get("/evidence?q=zebra").text
    assert web.get("/evidence?tag=people").text.count('<li class="entry') == 1
    assert web.get("/evidence?kind=praise").text.count('<li class="entry') == 1
    assert web.get("/evidence?since=2026-05-01&kind=work").text.count('<li class="entry') == 1
    bad = web.get("/evidence?since=whenever")
    assert bad.status_code == 200 and "not a date" in bad.text
    partial = web.get("/evidence?q=sam", headers={"HX-Request": "true", "HX-Target": "results"})
    assert partial.text.lstrip().startswith('<section id="results"')


def test_list_pages_by_fifty(web):
    with Workspace(web.home) as w:
        for i in range(55):
            ev.add_evidence(w, ev.EvidenceInput(text=f"Entry number {i}"))
    first = web.get("/evidence").text
    assert first.count('<li class="entry') == 50 and "Older" in first
    second = web.get("/evidence?page=2").text
    assert second.count('<li class="entry') == 5 and "Newer" in second


def test_filter_by_criterion(web):
    _add(web, "Designed the shared auth component", criteria="technical-craft")
    _add(web, "Ran the sprint")
    page = web.get("/evidence?criterion=technical-craft").text
    assert "shared auth" in page and "Ran the sprint" not in page


def test_edit_an_entry(web):
    eid = _add(web, "Fixed a bug", tags="a, b")
    form = web.get(f"/evidence/{eid}/edit").text
    assert "Fixed a bug</textarea>" in form and 'value="a, b"' in form
    response = web.post(
        f"/evidence/{eid}/edit",
        {
            "text": "Fixed the billing bug",
            "tags": "b, c",
            "outcome": "No more double charges",
            "criteria": "delivery",
        },
    )
    assert response.status_code == 303
    with Workspace(web.home) as w:
        entry = ev.get_evidence(w, eid)
        assert entry.text == "Fixed the billing bug" and entry.tags == ["b", "c"]
        links = ev.evidence_json(w, entry)["criteria"]
        assert [c["criterion_id"] for c in links if c["status"] == "accepted"] == ["delivery"]
        assert len(ev.history(w, eid)) == 2
    bad = web.post(f"/evidence/{eid}/edit", {"text": "Still here", "metric": "??"})
    assert bad.status_code == 400
    assert "Still here</textarea>" in bad.text and field_error(bad.text, "metric")


def test_delete_and_restore(web):
    eid = _add(web, "Temporary entry")
    deleted = web.client.post(
        f"/evidence/{eid}/delete",
        headers={"X-CSRF-Token": web.csrf, "HX-Request": "true"},
        data={"csrf_token": web.csrf},
    )
    assert deleted.status_code == 200 and "deleted" in deleted.text and "Restore" in deleted.text
    assert "Temporary entry" not in web.get("/evidence").text
    assert "Temporary entry" in web.get("/evidence?show=deleted").text
    assert web.post(f"/evidence/{eid}/restore").status_code == 303
    assert "Temporary entry" in web.get("/evidence").text
    assert web.post(f"/evidence/{eid}/delete").status_code == 303


def test_unknown_entry_gives_a_helpful_404(web):
    response = web.get("/evidence/999")
    assert response.status_code == 404
    assert "There is no entry #999" in response.text
    assert web.get("/evidence/abc").status_code == 404
    restore = web.post("/evidence/999/restore")
    assert restore.status_code == 404


def test_htmx_errors_go_to_the_message_area(web):
    response = web.client.post(
        "/evidence/999/delete",
        headers={"X-CSRF-Token": web.csrf, "HX-Request": "true"},
        data={"csrf_token": web.csrf},
    )
    assert response.headers["HX-Retarget"] == "#messages"
    assert "There is no entry #999" in response.text


def test_dashboard_shows_coverage_recent_entries_and_capture(web):
    _add(web, "Mentored a new hire", criteria="mentoring")
    page = web.get("/").text
    assert 'action="/evidence"' in page and 'name="text"' in page
    assert "Mentored a new hire" in page
    assert "Mentoring" in page


def test_goals_triage_and_plans(web):
    assert web.get("/goals").status_code == 200
    ok = web.post(
        "/goals",
        {"title": "Cut p95", "baseline": "820", "target": "300", "unit": "ms", "due": "in 90 days"},
    )
    assert ok.status_code == 303
    assert web.post("/goals/1/actual", {"value": "500"}).status_code == 303
    bad = web.post(
        "/goals", {"title": "Half done", "baseline": "abc", "target": "3", "due": "in 9 days"}
    )
    assert bad.status_code == 400 and 'value="Half done"' in bad.text
    assert "not a number" in (field_error(bad.text, "goal-baseline") or "")
    assert (
        web.post(
            "/triage", {"title": "Weekly report", "urgency": "4", "importance": "2", "hours": "3"}
        ).status_code
        == 303
    )
    needs_person = web.post("/triage/1/decide", {"decision": "delegate"})
    assert needs_person.status_code == 400 and "Say who" in needs_person.text
    assert (
        web.post("/triage/1/decide", {"decision": "delegate", "delegate_to": "Sam"}).status_code
        == 303
    )
    assert web.post("/plan", {"title": "Lead the redesign", "horizon": "90d"}).status_code == 303
    assert web.post("/plan/1/status", {"status": "done"}).status_code == 303
    page = web.get("/goals").text
    assert "Cut p95" in page and "Weekly report" in page and "Lead the redesign" in page
    assert "to Sam" in page


def test_demo_workspace_pages_render(demo_home, tmp_path, make_web):
    import shutil

    home = tmp_path / "demo"
    shutil.copytree(demo_home, home)
    w = make_web(home)
    for path in ("/", "/evidence", "/evidence?q=latency", "/ladder", "/goals", "/evidence/1"):
        assert w.get(path).status_code == 200, path
    w.app.state.ws.close()


def test_packet_and_kit_preview_and_downloads(demo_home, tmp_path, make_web):
    import shutil

    home = tmp_path / "demo"
    shutil.copytree(demo_home, home)
    w = make_web(home)
    page = w.get("/packet")
    if page.status_code == 404:  # the packet service is not in this build
        return
    assert page.status_code == 200 and "download?format=pdf" in page.text
    assert w.get("/packet?redact=1").status_code == 200
    md = w.get("/packet/download?format=md")
    assert md.status_code == 200 and "attachment" in md.headers["content-disposition"]
    pdf = w.get("/packet/download?format=pdf")
    assert pdf.content.startswith(b"%PDF")
    assert w.get("/packet/download?format=exe").status_code == 400
    assert w.get("/prep").status_code == 200
    assert w.get("/prep/download?format=html").headers["content-type"].startswith("text/html")
    w.app.state.ws.close()


def test_self_assessment(web):
    page = web.get("/assess")
    if page.status_code == 404:  # no assess service in this build
        return
    assert "Mentoring" in page.text and 'name="verdict-mentoring"' in page.text
    needs_reason = web.post("/assess", {"verdict-mentoring": "n/a", "note-mentoring": ""})
    assert needs_reason.status_code == 400 and "needs a reason" in needs_reason.text
    assert 'value="n/a" checked' in needs_reason.text  # the choice is kept
    saved = web.post(
        "/assess", {"verdict-mentoring": "partially", "note-mentoring": "Two mentees so far"}
    )
    assert saved.status_code == 303
    again = web.get("/assess").text
    assert 'value="partially" checked' in again and "Two mentees so far" in again


def test_praise_from_the_form_is_judged_as_from_the_command_line(web):
    entry_id = _add(
        web,
        "Priya mentored two new engineers through their first on-call rotation",
        kind="praise",
        **{"from": "Dana Lee, EM"},
    )
    conn = web.app.state.ws.conn
    signals = [
        r[0]
        for r in conn.execute(
            "SELECT signal FROM evidence_signal WHERE evidence_id = ?", (entry_id,)
        )
    ]
    links = [
        r[0]
        for r in conn.execute(
            "SELECT criterion_id FROM evidence_criterion WHERE evidence_id = ? AND status = "
            "'suggested'",
            (entry_id,),
        )
    ]
    assert "mentoring" in signals and "mentoring" in links
    assert (
        conn.execute(
            "SELECT count(*) FROM evidence_verdict WHERE evidence_id = ?", (entry_id,)
        ).fetchone()[0]
        == 0
    )


def test_the_redaction_list_is_edited_from_the_packet_page(web):
    """Add, remove and the numbers switch, through the same service as `promocase redact`;
    the redacted preview then hides the terms."""
    _add(web, "Cut Acme's invoice costs by 40% with Dana Li", criteria="delivery")
    page = web.get("/packet").text
    assert "Private terms to hide when you share (0)" in page and "Dana Li" in page
    added = web.post("/redaction", {"action": "add", "terms": "Acme, Dana Li", "back": "/packet"})
    assert added.status_code == 303 and added.headers["location"].startswith("/packet?redact=1")
    web.post("/redaction", {"action": "numbers", "numbers": "on", "back": "/prep"})
    redacted = web.get("/packet?redact=1").text
    article = redacted.split('<article class="card document">', 1)[1]
    assert "Dana Li" not in article and "[redacted]" in article and "40%" not in article
    web.post("/redaction", {"action": "remove", "terms": "acme", "back": "/resume"})
    from promocase.services.redaction import redaction

    assert redaction(web.app.state.ws).terms == ["Dana Li"]
    assert redaction(web.app.state.ws).numbers is True


def test_redaction_form_errors_stay_on_a_page_and_never_redirect_elsewhere(web):
    empty = web.post("/redaction", {"action": "add", "terms": " , ", "back": "/packet"})
    assert empty.status_code == 400 and "Type a name" in empty.text
    unknown = web.post("/redaction", {"action": "remove", "terms": "Bob", "back": "/packet"})
    assert unknown.status_code == 400 and "Not on the redaction list" in unknown.text
    away = web.post(
        "/redaction", {"action": "add", "terms": "Acme", "back": "https://evil.example/"}
    )
    assert away.headers["location"].startswith("/packet")
    assert web.client.post("/redaction", data={"action": "add", "terms": "X"}).status_code == 403


def test_a_slow_document_render_does_not_hold_up_other_pages(web, monkeypatch):
    """Rendering a PDF takes seconds; it runs off the event loop, so the site keeps answering.
    One TestClient in a `with` block serves every request from one event loop, as a server
    does (without it each request would get a loop of its own and nothing could be held up)."""
    import threading

    from fastapi.testclient import TestClient
    from tests.web.conftest import BASE

    import promocase.render.packet as render_mod
    from promocase.web.security import COOKIE_NAME

    release, started = threading.Event(), threading.Event()
    real = render_mod.render_packet

    def slow(built, fmt):
        started.set()
        assert release.wait(30)
        return real(built, fmt)

    monkeypatch.setattr(render_mod, "render_packet", slow)
    results: dict[str, int] = {}
    with TestClient(web.app, base_url=BASE) as client:
        client.cookies.set(COOKIE_NAME, web.secrets.session)

        def download() -> None:
            results["download"] = client.get("/packet/download?format=md").status_code

        def other() -> None:
            results["evidence"] = client.get("/evidence").status_code

        first = threading.Thread(target=download)
        first.start()
        assert started.wait(30)
        second = threading.Thread(target=other)
        second.start()
        second.join(timeout=15)
        answered = not second.is_alive()
        release.set()
        first.join(timeout=30)
        second.join(timeout=30)
    assert answered, "another page waited for the render"
    assert results == {"download": 200, "evidence": 200}
