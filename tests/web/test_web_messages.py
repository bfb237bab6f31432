"""Service errors are worded for the page: form fields instead of options, pages instead of
commands to type."""

from __future__ import annotations

from promocase.core.errors import PromocaseError, ValidationError
from promocase.web.messages import web_hint, web_message, web_text


def test_options_become_form_fields() -> None:
    assert web_text("Say who said it with --from 'NAME, ROLE'.") == (
        "Say who said it with “From” 'NAME, ROLE'."
    )
    assert web_text("Pass --hours with a number") == "Pass “Hours” with a number"
    assert web_text("no options here - none") == "no options here - none"


def test_commands_become_pages_or_disappear() -> None:
    assert web_hint("Start with: promocase init --ladder software-engineer") == (
        "Choose a ladder on the Ladder page."
    )
    assert web_hint("Create one with: promocase export --format json") is None
    assert web_hint("See your entries on /evidence.") == "See your entries on the Evidence page."
    assert web_hint(None) is None


def test_a_form_error_reads_as_one_sentence_for_the_page() -> None:
    exc = ValidationError("Give the starting number.", hint="Use --baseline 12.")
    assert web_message(exc) == "Give the starting number. Use “Baseline” 12."
    assert web_message(PromocaseError("No ladder.", hint="promocase export")) == "No ladder."


def test_the_praise_form_names_its_field_not_an_option(web) -> None:
    page = web.post("/evidence", {"text": "Great work", "kind": "praise"}).text
    assert "--from" not in page and "“From”" in page


def test_the_goal_form_names_its_fields_not_options(web) -> None:
    page = web.post(
        "/goals", {"title": "Cut pages", "baseline": "5", "target": "5", "due": "in 30 days"}
    ).text
    assert "equals the baseline" in page and "--baseline" not in page and "“Baseline”" in page
