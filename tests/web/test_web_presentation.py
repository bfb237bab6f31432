"""What the pages show: fitted to small screens, worded for the page (no command lines, no
internal ids or paths), and the app's own page for unknown addresses."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from promocase.core.errors import PromocaseError, ValidationError
from promocase.web.messages import web_hint, web_message, web_step, web_text

CSV = (
    b"title,closed,state\n"
    b"Mentored two new engineers through on-call and code review,2026-03-02,closed\n"
)
COMMAND = re.compile(r"promocase (?:add|edit|praise|review|assess|resume|redact|goal)\b")


@pytest.fixture
def demo_web(
    demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_web: Any
) -> Iterator[Any]:
    """The web app over a copy of the demo workspace (its day: 2026-11-20)."""
    monkeypatch.setenv("PROMOCASE_TODAY", "2026-11-20")
    home = tmp_path / "demo"
    shutil.copytree(demo_home, home)
    w = make_web(home)
    yield w
    w.app.state.ws.close()


# -- 1. small screens ---------------------------------------------------------------------------
def test_wide_tables_scroll_inside_their_box_on_a_phone(web: Any) -> None:
    css = web.get("/static/app.css").text
    narrow = css[css.index("@media (max-width: 40rem)") :]
    assert re.search(r"table \{[^}]*display: block;[^}]*overflow-x: auto", narrow)
    assert re.search(r"code, a \{[^}]*overflow-wrap: anywhere", css)
    assert re.search(r"\.chart svg \{[^}]*min-width: 30rem", css)


# -- 2. messages through web_message ---------------------------------------------------------------
def test_a_shell_command_in_backticks_is_left_as_typed() -> None:
    note = "check the email with `git log --format=%ae | sort -u` in the repository."
    assert web_text(note) == note


def test_an_option_without_a_form_field_becomes_plain_advice() -> None:
    exc = PromocaseError(
        "notes.csv: has no title column I recognise.",
        hint="Name it with --column title=HEADER (for example --column title=Summary).",
    )
    shown = web_message(exc)
    assert "“column”" not in shown and "--column" not in shown
    assert "header such as Title or Summary" in shown


def test_the_upload_is_named_by_its_own_file_name_not_the_private_path(web: Any) -> None:
    page = web.client.post(
        "/import",
        data={"csrf_token": web.csrf, "kind": "issues"},
        files={"file": ("my-export.csv", b"a,b\n1,2\n")},
    ).text
    assert "uploads/" not in page and str(web.home) not in page
    assert "my-export.csv: has no title column" in page


def test_the_delegate_option_is_named_as_the_field_on_the_page() -> None:
    exc = ValidationError("Say who will take over #3.", hint="Add --to 'NAME': it helps.")
    shown = web_message(exc)
    assert "Delegate to" not in shown and "“Hand to”" in shown


def test_a_later_due_date_reads_as_a_sentence_for_the_form() -> None:
    exc = ValidationError(
        "The due date 2026-01-01 is not after the start date 2026-02-01.",
        hint="Pass --due with a later date, e.g. --due 'in 90 days'.",
    )
    assert web_message(exc).endswith("Choose a later due date, e.g. 'in 90 days'.")


def test_a_page_is_named_in_words_and_not_at_all_when_the_user_is_on_it() -> None:
    assert web_hint("Start with: promocase goal add 'Cut p95'") == "Add a goal on the Goals page."
    assert web_hint("Start with: promocase goal add 'Cut p95'", "/goals") is None
    assert web_hint("See your entries on /evidence.", "/evidence") is None
    example = 'Say what you will move, e.g. promocase goal add "Cut p95 latency" --due 2027-03-31'
    assert web_hint(example) == "Say what you will move."


def test_the_goal_form_error_names_no_path_or_command(web: Any) -> None:
    page = web.post("/goals", {"title": "", "baseline": "5", "target": "3"}).text
    assert "The goal has no title." in page
    assert "on /goals" not in page and "promocase goal" not in page


# -- 3. next steps link to the page that does them -------------------------------------------------
def test_next_steps_link_to_pages_instead_of_commands() -> None:
    text, links = web_step(
        "Make entry #148 checkable: add the result (promocase edit 148 --outcome … --link …)."
    )
    assert text == "Make entry #148 checkable: add the result."
    assert links == [("/evidence/148/edit", "Edit entry #148")]
    text, links = web_step("Tailor it to a posting: promocase resume --format md --job posting.txt")
    assert text == "Tailor it to a posting." and links == [("/resume", "Open the resume")]
    text, links = web_step("1 suggested link waits for you: promocase review. Add another one.")
    assert text == "1 suggested link waits for you. Add another one."
    assert links == [("/review", "Review the suggested links")]


def test_the_dashboard_shows_no_command_lines(demo_web: Any) -> None:
    page = demo_web.get("/").text
    assert not COMMAND.search(page)
    assert 'href="/evidence/148/edit">Edit entry #148</a>' in page
    assert 'href="/evidence/new">Record praise</a>' in page
    # the reason ends its sentence before the next step
    assert re.search(r"</strong>: [^<]*\. <span class=\"next\">Next: ", page)


def test_the_outlook_shows_no_command_lines(demo_web: Any) -> None:
    page = demo_web.get("/outlook").text
    assert not COMMAND.search(page)


def test_the_redaction_help_names_no_command(demo_web: Any) -> None:
    page = demo_web.get("/packet").text
    assert "promocase redact" not in page and "redaction-numbers" in page


# -- 5. favicon and error pages --------------------------------------------------------------------
def test_the_favicon_is_served(web: Any) -> None:
    assert web.get("/favicon.ico").status_code == 204
    assert '<link rel="icon" href="/static/favicon.svg"' in web.get("/").text
    svg = web.get("/static/favicon.svg")
    assert svg.status_code == 200 and svg.text.startswith("<svg")


def test_an_unknown_address_gets_the_apps_page_not_json(web: Any) -> None:
    answer = web.get("/no-such-page")
    assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html")
    assert "Page not found" in answer.text and '"detail"' not in answer.text


def test_a_get_on_a_form_address_gets_the_apps_page_not_json(web: Any) -> None:
    answer = web.get("/redaction")
    assert answer.status_code == 405 and answer.headers["content-type"].startswith("text/html")
    assert "Not a page" in answer.text and '"detail"' not in answer.text


# -- 4. names and dates, not internal ids and timestamps -----------------------------------------
def test_an_entry_shows_minutes_and_clickable_web_links_only(web: Any) -> None:
    from promocase.services import evidence as svc

    ws = web.app.state.ws
    entry = svc.add_evidence(
        ws,
        svc.EvidenceInput(
            text="Cut p95 latency from 820 to 240 ms for checkout",
            links=["https://example.com/pr/1?a=1&b=2", "javascript:alert(1)"],
        ),
    )
    page = web.get(f"/evidence/{entry.id}").text
    assert (
        '<a href="https://example.com/pr/1?a=1&amp;b=2" rel="noopener noreferrer nofollow">' in page
    )
    assert 'href="javascript:' not in page and "<code>javascript:alert(1)</code>" in page
    history = page[page.index('<ol class="history">') :]
    stamps = re.findall(r"<time datetime=\"[^\"]+\">([^<]+)</time>", history)
    assert stamps and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", s) for s in stamps)


def test_the_conversation_names_the_criteria_of_its_asks_not_ids(demo_web: Any) -> None:
    from promocase.services import outcomes
    from promocase.services.ladders import active_ladder

    ws = demo_web.app.state.ws
    action = next(a for a in outcomes.list_actions(ws, include_closed=True) if a.criteria)
    stored = active_ladder(ws)
    assert stored is not None
    cid = action.criteria[0]
    name = next(c.name for c in stored.ladder.criteria if c.id == cid)
    conversation = demo_web.get(f"/conversations/{action.conversation_id}").text
    assert f"[{cid}" not in conversation and name in conversation


def test_the_import_preview_names_suggested_criteria(web: Any) -> None:
    page = web.client.post(
        "/import",
        data={"csrf_token": web.csrf, "kind": "issues"},
        files={"file": ("issues.csv", CSV)},
    ).text
    row = re.search(r"<tr><td[^>]*>2026-03-02</td>.*?</tr>", page, re.S)
    assert row, page
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    assert cells[3] and not re.search(r"\b[a-z]+-[a-z-]+\b", cells[3])


def test_rewrite_prompts_on_a_page_hold_no_commands(web):
    """A vague entry's prompts named '(promocase praise … --from)' and '(--link)' on the page."""
    from tests.web.test_web_forms import htmx_post

    page = htmx_post(web, "/evidence", {"text": "Greatly improved the onboarding experience"}).text
    assert "Who saw the result?" in page or "What changed" in page
    assert "promocase praise" not in page and "(--link)" not in page
