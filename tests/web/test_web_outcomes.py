"""Conversations, actions, the outlook and the resume export through HTTP, over real workspaces."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from promocase.services import evidence as ev
from promocase.workspace import Workspace

VAGUE = "Keep doing great work, you're almost there. Be more strategic."


def field_error(html: str, field: str) -> str | None:
    match = re.search(rf'id="{field}-error">([^<]*)<', html)
    return match.group(1) if match else None


def rows(home: Path, table: str) -> int:
    with Workspace(home) as w:
        return int(w.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608


@pytest.fixture
def demo_web(demo_home: Path, tmp_path: Path, make_web) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The web app over a copy of the demo workspace (three conversations, a structural block)."""
    home = tmp_path / "demo"
    shutil.copytree(demo_home, home)
    w = make_web(home)
    yield w
    w.app.state.ws.close()


# -- conversations --------------------------------------------------------------------------------


def test_nav_links_the_new_pages(web):
    nav = re.findall(r'<nav aria-label="Pages">(.*?)</nav>', web.get("/").text, re.S)[0]
    for href in ("/conversations", "/actions", "/outlook", "/resume"):
        assert f'href="{href}"' in nav
        assert web.get(href).status_code == 200, href


def test_log_a_vague_not_yet_shows_the_check_and_the_asks(web):
    response = web.post(
        "/conversations",
        {
            "with": "Dana Li (manager)",
            "decision": "not-yet",
            "words": VAGUE,
            "ask_1": "Lead the Q3 planning",
            "due_1": "2027-03-31",
            "ask_2": "Mentor the two new hires",
            "criteria": "mentoring",
            "decision_date": "2027-05-01",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/conversations/1?logged=1"
    page = web.get(response.headers["location"]).text
    assert "Logged conversation #1: not-yet with Dana Li (manager)" in page
    assert "Vague" in page and 'class="follow-up"' in page
    assert "What is one specific thing I should do or change" in page
    assert "Lead the Q3 planning" in page and "2027-03-31" in page
    assert "2027-05-01" in page  # the asks without a date get the promised decision date
    assert "You will be asked for the follow-up after 2027-05-01" in page
    listing = web.get("/conversations").text
    assert 'href="/conversations/1"' in listing and "vague" in listing
    actions = web.get("/actions").text
    assert "Mentor the two new hires" in actions
    assert ">Mentoring<" in actions and ">mentoring<" not in actions  # the name, not the id


def test_a_concrete_ask_is_read_as_concrete(web):
    response = web.post(
        "/conversations",
        {
            "with": "Dana",
            "decision": "not-yet",
            "words": "Lead the Kafka upgrade by March 31, 2027 and write the design doc.",
        },
    )
    page = web.get(response.headers["location"]).text
    assert "Concrete" in page and "2027-03-31" in page
    # A not-yet with no ask recorded says how to add one.
    assert "/actions?conversation=1#add" in page
    prefilled = web.get("/actions?conversation=1").text
    assert re.search(r'<option value="1" selected>', prefilled)


def test_conversation_errors_keep_what_was_typed_next_to_the_field(web):
    typed = {
        "with": "Dana",
        "decision": "not-yet",
        "words": VAGUE,
        "ask_1": "Lead the Q3 planning",
        "ask_2": "Run the incident review",
        "due_2": "someday soon",
        "notes": "She was in a hurry",
    }
    response = web.post("/conversations", typed)
    assert response.status_code == 400
    assert "not a date" in (field_error(response.text, "conv-due_2") or "")
    assert 'value="someday soon"' in response.text
    assert 'value="Lead the Q3 planning"' in response.text
    assert "Keep doing great work, you&#39;re almost there" in response.text
    assert "She was in a hurry" in response.text
    assert rows(web.home, "conversation") == 0 and rows(web.home, "action_item") == 0

    for changes, field in (
        ({"with": ""}, "conv-with"),
        ({"decision": "maybe"}, "conv-decision"),
        ({"decision": ""}, "conv-decision"),
        ({"date": "the other day", "due_2": ""}, "conv-date"),
        ({"decision_date": "soonish", "due_2": ""}, "conv-decision_date"),
        ({"level": "L9", "due_2": ""}, "conv-level"),
    ):
        bad = web.post("/conversations", {**typed, **changes})
        assert bad.status_code == 400, changes
        assert field_error(bad.text, field), (changes, bad.text[-3000:])
        assert 'aria-invalid="true"' in bad.text
    bad = web.post("/conversations", {**typed, "due_2": "", "criteria": "telepathy"})
    assert "not a criterion" in (field_error(bad.text, "conv-criteria") or "")
    assert rows(web.home, "conversation") == 0


def test_unknown_conversation_is_a_helpful_404(web):
    for path in ("/conversations/42", "/conversations/abc"):
        page = web.get(path)
        assert page.status_code == 404
        assert "no conversation" in page.text


def test_a_logged_promotion_moves_the_level(web):
    response = web.post(
        "/conversations", {"with": "Committee", "decision": "promoted", "level": "L4"}
    )
    page = web.get(response.headers["location"]).text
    assert "Congratulations. Your current level is now L4; the next target is L5" in page


def test_a_passed_decision_date_prompts_for_the_follow_up(web):
    web.post(
        "/conversations",
        {
            "with": "Dana & Co",
            "decision": "not-yet",
            "date": "2026-08-01",
            "decision_date": "2026-10-01",
        },
    )
    listing = web.get("/conversations").text
    assert "The decision promised for 2026-10-01" in listing
    href = re.search(r'href="(/conversations\?with=[^"]+)"', listing)
    assert href
    prefilled = web.get(href.group(1).replace("&amp;", "&")).text
    assert 'value="Dana &amp; Co"' in prefilled
    assert '<option value="unclear" selected>' in prefilled
    assert "The decision promised for 2026-10-01" in web.get("/").text


# -- actions --------------------------------------------------------------------------------------


def test_add_close_with_evidence_and_reopen_an_action(web):
    with Workspace(web.home) as w:
        entry = ev.add_evidence(w, ev.EvidenceInput(text="Presented the roadmap at the all-hands"))
    added = web.post(
        "/actions",
        {
            "text": "Present the roadmap at the all-hands",
            "due": "in 6 weeks",
            "criteria": "delivery",
        },
    )
    assert added.status_code == 303 and added.headers["location"] == "/actions?added=1#action-1"
    page = web.get(added.headers["location"]).text
    assert "Present the roadmap" in page and "2027-01-01" in page
    assert "Added action #1, due 2027-01-01." in page and "past its due date" not in page

    closed = web.post("/actions/1/close", {"evidence": f"#{entry.id}", "status": "done"})
    assert closed.status_code == 303
    page = web.get(closed.headers["location"]).text
    assert f"Closed action #1 as done with entry #{entry.id}." in page
    assert f'href="/evidence/{entry.id}"' in page and "done 2026-11-20" in page
    assert 'id="action-1"' not in web.get("/actions").text  # open only by default

    assert web.post("/actions/1/reopen").status_code == 303
    assert 'id="action-1"' in web.get("/actions").text
    dropped = web.post("/actions/1/close", {"status": "dropped", "note": "Withdrawn"})
    assert dropped.status_code == 303
    assert "dropped" in web.get("/actions?view=all").text


def test_an_action_added_already_late_says_so(web):
    added = web.post("/actions", {"text": "Write the migration plan", "due": "2026-01-01"})
    page = web.get(added.headers["location"]).text
    assert "Added action #1, due 2026-01-01. It is already past its due date." in page
    hostile = web.get("/actions?added=<script>x</script>").text
    assert "<script>x" not in hostile and "&lt;script&gt;x" not in hostile  # never reflected


def test_action_errors_keep_what_was_typed(web):
    bad = web.post("/actions", {"text": "Run the planning", "due": "whenever"})
    assert bad.status_code == 400
    assert "not a date" in (field_error(bad.text, "action-due") or "")
    assert 'value="Run the planning"' in bad.text and 'value="whenever"' in bad.text
    empty = web.post("/actions", {"text": "", "due": ""})
    assert "no text" in (field_error(empty.text, "action-text") or "")
    assert rows(web.home, "action_item") == 0

    web.post("/actions", {"text": "Run the planning"})
    for evidence, message in (("abc", "not an entry id"), ("999", "no entry #999")):
        bad = web.post("/actions/1/close", {"evidence": evidence, "note": "kept note"})
        assert bad.status_code == 400
        assert message in (field_error(bad.text, "close-1-evidence") or "")
        assert 'value="kept note"' in bad.text
    assert web.post("/actions/1/reopen").status_code == 400  # already open
    assert web.post("/actions/7/close", {}).status_code == 404
    assert web.get("/actions?view=due").status_code == 200
    assert web.get("/actions?view=nonsense").status_code == 200


# -- outlook and dashboard ------------------------------------------------------------------------


def test_outlook_reads_the_demo_as_a_structural_block(demo_web):
    page = demo_web.get("/outlook").text
    assert "Structural block" in page
    assert "Repeated not-yets with vague feedback" in page
    assert "— vague" in page  # the evidence lines behind a rule
    assert 'href="/resume"' in page
    dash = demo_web.get("/").text
    assert "Outlook: Structural block." in dash
    conversations = demo_web.get("/conversations").text
    assert "Daniel Okafor" in conversations and "The decision promised for" in conversations


def test_dashboard_reading_follows_new_conversations(web):
    assert "Outlook:" not in web.get("/").text  # nothing logged, nothing to read
    web.post("/conversations", {"with": "Dana", "decision": "not-yet", "words": VAGUE})
    assert "Outlook: Not enough history." in web.get("/").text
    assert "Not enough history" in web.get("/outlook").text
    web.post("/conversations", {"with": "Committee", "decision": "promoted", "level": "L4"})
    assert "Outlook: Promoted." in web.get("/").text


# -- resume ---------------------------------------------------------------------------------------


def test_resume_preview_and_downloads(demo_web):
    page = demo_web.get("/resume")
    assert page.status_code == 200
    assert "Noor Haddad" in page.text and "Why these highlights" in page.text
    data = demo_web.get("/resume/download?format=json")
    assert (
        data.status_code == 200 and 'filename="resume.json"' in data.headers["content-disposition"]
    )
    parsed = json.loads(data.text)
    assert parsed["basics"]["name"] == "Noor Haddad" and parsed["work"]
    md = demo_web.get("/resume/download?format=md&highlights=2")
    assert md.headers["content-type"].startswith("text/markdown") and "# Noor Haddad" in md.text
    pdf = demo_web.get("/resume/download?format=pdf&redact=1")
    assert pdf.content.startswith(b"%PDF")
    assert demo_web.get("/resume?redact=1").status_code == 200
    assert demo_web.get("/resume/download?format=exe").status_code == 400
    assert demo_web.get("/resume/download?format=md&highlights=99").status_code == 400


def test_resume_with_a_pasted_job_description(demo_web):
    job = "Staff engineer to lead our Kafka migration and own latency and reliability."
    preview = demo_web.post("/resume", {"job": job, "action": "preview"})
    assert preview.status_code == 200
    assert "Re-ranked for the job" in preview.text and "kafka" in preview.text
    assert "Kafka migration and own latency" in preview.text  # the pasted text is kept
    download = demo_web.post("/resume", {"job": job, "action": "json", "redact": "1"})
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    assert json.loads(download.text)["meta"]["promocase"]["job_keywords"]
    bad = demo_web.post("/resume", {"job": job, "highlights": "0", "action": "md"})
    assert bad.status_code == 400
    assert "1 to 20" in (field_error(bad.text, "resume-highlights") or "")
    assert 'value="0"' in bad.text and "Kafka migration" in bad.text
    huge = demo_web.post("/resume", {"job": "x" * 100_001, "action": "preview"})
    assert huge.status_code == 400 and field_error(huge.text, "resume-job")
    assert demo_web.post("/resume", {"action": "docx"}).status_code == 400
