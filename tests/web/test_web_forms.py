"""Forms say what happened: every bad field gets its own error under it, in-page actions move
the focus to what they changed, and each add or record is confirmed."""

from __future__ import annotations

import re

from tests.web.test_web_pages import field_error

HTMX = {"HX-Request": "true"}


def htmx_post(web, url: str, data: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return web.client.post(
        url,
        data={"csrf_token": web.csrf, **(data or {})},
        headers={**HTMX, "X-CSRF-Token": web.csrf},
    )


def add(web, text: str) -> int:
    """Capture an entry by the plain form; its id from the redirect to /evidence/ID?added=1."""
    location = web.post("/evidence", {"text": text}).headers["location"]
    return int(location.split("/")[2].split("?")[0])


def autofocused(html: str) -> list[str]:
    """The tags that carry autofocus (htmx focuses the first in what it swaps in)."""
    return re.findall(r"<[^>]*\sautofocus[^>]*>", html)


def test_two_bad_fields_each_show_their_own_error_and_keep_what_was_typed(web):
    typed = {"text": "Shipped search", "date": "last blursday", "metric": "a whole lot"}
    for response in (web.post("/evidence", typed), htmx_post(web, "/evidence", typed)):
        assert "not a date" in (field_error(response.text, "date") or "")
        assert "not a metric" in (field_error(response.text, "metric") or "")
        assert 'value="last blursday"' in response.text and 'value="a whole lot"' in response.text


def test_the_edit_page_shows_an_empty_text_and_a_bad_metric_together(web):
    eid = add(web, "Cut latency")
    response = web.post(f"/evidence/{eid}/edit", {"text": "", "metric": "a whole lot"})
    assert response.status_code == 400
    assert "empty" in (field_error(response.text, "text") or "")
    assert "not a metric" in (field_error(response.text, "metric") or "")


def test_a_capture_error_takes_the_focus_and_is_announced(web):
    response = htmx_post(web, "/evidence", {"text": "Shipped search", "date": "last blursday"})
    focus = autofocused(response.text)
    assert len(focus) == 1 and 'role="alert"' in focus[0] and 'tabindex="-1"' in focus[0]
    assert 'href="#f-date"' in response.text  # the summary leads to the field


def test_a_saved_entry_takes_the_focus_and_is_announced(web):
    response = htmx_post(web, "/evidence", {"text": "Mentored two new engineers"})
    focus = autofocused(response.text)
    assert focus and 'role="status"' in focus[0] and 'id="capture-saved"' in focus[0]
    assert not autofocused(web.get("/evidence").text)  # a plain list takes no focus


def test_delete_and_restore_say_what_happened_where_the_button_was(web):
    eid = add(web, "Temporary")
    deleted = htmx_post(web, f"/evidence/{eid}/delete")
    assert 'role="status"' in autofocused(deleted.text)[0]
    assert f"Entry #{eid} deleted" in deleted.text
    restored = htmx_post(web, f"/evidence/{eid}/restore")
    assert f"Entry #{eid} restored" in restored.text and autofocused(restored.text)


def test_accepting_a_suggestion_says_so_and_takes_the_focus(web):
    eid = add(web, "Designed the payments architecture and led the review")
    page = web.get(f"/evidence/{eid}").text
    match = re.search(rf"/evidence/{eid}/suggestions/([\w-]+)/accept", page)
    assert match, "the entry got no suggestion to review"
    response = htmx_post(web, match.group(0))
    assert 'role="status"' in autofocused(response.text)[0]
    assert "Accepted:" in response.text


def test_a_bad_baseline_and_a_bad_target_are_both_flagged(web):
    typed = {"title": "Cut latency", "baseline": "lots", "target": "few", "due": "in 90 days"}
    response = web.post("/goals", typed)
    assert response.status_code == 400
    assert "not a number" in (field_error(response.text, "goal-baseline") or "")
    assert "not a number" in (field_error(response.text, "goal-target") or "")
    assert 'value="lots"' in response.text and 'value="few"' in response.text


def test_adding_a_goal_and_recording_a_value_are_confirmed(web):
    typed = {"title": "Cut latency", "baseline": "820", "target": "300", "due": "in 90 days"}
    added = web.post("/goals", typed)
    assert added.status_code == 303
    assert "Goal added." in web.get(added.headers["location"]).text
    recorded = web.post("/goals/1/actual", {"value": "600"})
    page = web.get(recorded.headers["location"]).text
    assert re.search(r'id="goal-1".*Value recorded', page, re.S)
    assert "Goal added." not in page
    assert "Goal added" not in web.get("/goals?notice=<b>hi</b>").text  # fixed texts only


def test_the_hand_to_box_keeps_the_current_delegate(web):
    item = {"title": "Weekly report", "urgency": "5", "importance": "1", "hours": "2"}
    assert web.post("/triage", item).status_code == 303
    assert (
        web.post("/triage/1/decide", {"decision": "delegate", "delegate_to": "Aiko"}).status_code
        == 303
    )
    page = web.get("/goals").text
    box = re.search(r'<input id="to-1"[^>]*>', page)
    assert box and 'value="Aiko"' in box.group(0)
    decided = web.post("/triage/1/decide", {"decision": "delegate", "delegate_to": "Aiko"})
    assert "Decision saved." in web.get(decided.headers["location"]).text


def test_a_bad_time_zone_shows_by_its_field_on_the_review_page_with_the_choices_kept(web):
    response = web.get("/review/reminders.ics?cadence=monthly&day=tue&time=09:30&tz=Mars/Olympus")
    assert response.status_code == 400
    assert "not a time zone" in (field_error(response.text, "rem-tz") or "")
    assert "in review" in response.text  # the review page, not an error page
    assert 'value="Mars/Olympus"' in response.text and 'value="09:30"' in response.text
    assert re.search(r'<option value="monthly" selected>', response.text)
    assert re.search(r'<option value="tue" selected>', response.text)


def test_a_conversation_dated_in_the_future_is_refused_by_its_date(web):
    typed = {"with": "Dana", "decision": "not-yet", "date": "2027-02-01"}
    response = web.post("/conversations", typed)
    assert response.status_code == 400
    assert "in the future" in (field_error(response.text, "conv-date") or "")
    assert web.post("/conversations", {**typed, "date": "yesterday"}).status_code == 303


def test_a_metric_with_an_arrow_but_no_after_value_is_refused_with_an_example(web):
    response = web.post("/evidence", {"text": "Cut latency", "metric": "latency: 820 -> ms"})
    assert response.status_code == 400
    error = field_error(response.text, "metric") or ""
    assert "before and an after" in error and "820 -&gt; 240 ms" in error
    fine = web.post("/evidence", {"text": "Cut latency", "metric": "latency: 820 -> 240 ms"})
    assert fine.status_code == 303


def test_a_saved_entry_has_one_suggestions_block(web):
    """The feedback and the new row in the list both held id="review-N" (duplicate ids)."""
    page = htmx_post(
        web, "/evidence", {"text": "Mentored two engineers through their first on-call week"}
    ).text
    ids = re.findall(r'id="(review-\d+)"', page)
    assert ids and len(ids) == len(set(ids)), ids
    assert len(re.findall(r'id="(entry-\d+)"', page)) == 1


def test_a_ladders_own_ids_with_underscores_and_spaces_work_in_the_review_links(ws, tmp_path):
    """Ids are kept as the document writes them, so the accept/reject links must encode them."""
    from tests.web.conftest import Web

    from promocase.services.ladders import init_workspace

    ladder = tmp_path / "ids.yaml"
    ladder.write_text(
        "name: Ids\nlevels: [E1, E2]\ncriteria:\n"
        "  - {id: growing_people, name: Growing people, description: Mentoring and coaching.}\n"
        "  - {id: Ship It, name: Shipping, description: Planning and delivery of projects.}\n",
        encoding="utf-8",
    )
    init_workspace(ws, str(ladder), current="E1", target="E2")
    home = ws.home
    ws.close()
    web = Web(home)
    try:
        for text in ("Mentored two new engineers", "Planned and delivered the billing project"):
            eid = add(web, text)
            page = web.get(f"/evidence/{eid}").text
            match = re.search(rf"/evidence/{eid}/suggestions/([^/\"]+)/accept", page)
            assert match, "the entry got no suggestion to review"
            assert " " not in match.group(1)  # 'Ship It' is encoded in the link
            response = htmx_post(web, match.group(0))
            assert "Accepted:" in response.text
    finally:
        web.app.state.ws.close()
