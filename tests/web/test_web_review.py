"""The periodic review and the reminder calendar on the web: same services as the CLI."""

from __future__ import annotations

import pytest
from icalendar import Calendar


def _add(web, text: str, **fields: str) -> None:
    assert web.post("/evidence", {"text": text, **fields}).status_code == 303


def test_the_review_shows_the_period_and_what_is_still_vague(web):
    _add(web, "Helped with the billing migration")
    _add(web, "Cut checkout p95 from 820 ms to 240 ms by caching prices")
    page = web.get("/review")
    assert page.status_code == 200
    assert "Your week in review" in page.text and "Captured (2" in page.text
    assert "Still vague (1)" in page.text and "Helped with the billing migration" in page.text
    assert "promocase " not in page.text.split("<main", 1)[-1].split("Put the review")[0]
    month = web.get("/review?period=month")
    assert "Your month in review" in month.text
    bad = web.get("/review?period=decade")
    assert bad.status_code == 400 and "not a review period" in bad.text


def test_marking_the_review_done_records_it_and_stops_the_nudge(web, monkeypatch):
    _add(web, "Shipped the new search page")
    ws = web.app.state.ws
    before = ws.conn.execute("SELECT count(*) FROM review_log").fetchone()[0]
    done = web.post("/review", {"period": "month"})
    assert done.status_code == 303 and done.headers["location"] == "/review?period=month&recorded=1"
    assert ws.conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == before + 1
    assert "Review recorded" in web.get(done.headers["location"]).text
    assert web.client.post("/review", data={"period": "week"}).status_code == 403  # no CSRF


def test_the_reminder_calendar_parses_and_recurs(web):
    weekly = web.get("/review/reminders.ics?cadence=weekly&day=thu&time=15:30")
    assert weekly.status_code == 200 and weekly.headers["content-type"].startswith("text/calendar")
    assert "attachment" in weekly.headers["content-disposition"]
    event = next(c for c in Calendar.from_ical(weekly.content).walk("VEVENT"))
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["TH"]
    monthly = web.get("/review/reminders.ics?cadence=monthly&day=fri&tz=Europe/Berlin")
    event = next(c for c in Calendar.from_ical(monthly.content).walk("VEVENT"))
    assert event["RRULE"]["FREQ"] == ["MONTHLY"] and event["RRULE"]["BYDAY"] == ["-1FR"]
    bad = web.get("/review/reminders.ics?day=someday")
    assert bad.status_code == 400 and "not a weekday" in bad.text


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_entry_text_in_the_review_is_escaped(web, payload):
    from tests.web.test_web_xss import assert_safe

    _add(web, f"Helped with {payload}")
    assert_safe(web.get("/review").text, "/review")


def test_the_review_names_what_was_imported_with_older_dates(web, monkeypatch):
    """A brag document of the year imported this week: the review names it per source, and
    'See them' opens the evidence list filtered to that source."""
    from promocase.services import evidence as ev

    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-19T10:00:00Z")
    ws = web.app.state.ws
    for text, day in (
        ("Cut p95 from 820 to 240 ms", "2026-03-02"),
        ("Led <b>the</b> RFC", "2026-06-01"),
    ):
        ev.add_evidence(ws, ev.EvidenceInput(text=text, date=day, source="brag"))
    _add(web, "Typed in this week")
    page = web.get("/review").text
    assert "Imported this week, dated before it (2)" in page
    assert 'href="/evidence?source=brag&amp;until=2026-06-01"' in page
    listed = web.get("/evidence?source=brag&until=2026-06-01").text
    assert "Cut p95 from 820 to 240 ms" in listed and "Typed in this week" not in listed
    assert "Led &lt;b&gt;the&lt;/b&gt; RFC" in listed
    assert '<option value="brag" selected>' in listed
    everything = web.get("/evidence?source=nonsense").text  # an unknown source filters nothing
    assert "Typed in this week" in everything


def test_more_follow_ups_than_shown_say_when_the_rest_come(web, monkeypatch):
    """Twelve entries due a follow-up: the review lists the ten most recent and says the
    other two come up next time; recording the review asks only those ten."""
    from promocase.services import evidence as ev

    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-19T10:00:00Z")
    ws = web.app.state.ws
    for day in range(1, 13):
        ev.add_evidence(
            ws, ev.EvidenceInput(text=f"Shipped feature {day}", date=f"2026-09-{day:02}")
        )
    page = web.get("/review?period=month").text
    assert "Results to follow up (12)" in page
    assert "These are the 10 most recent; the other 2 come up in your next reviews." in page
    web.post("/review", {"period": "month"})
    again = web.get("/review?period=month").text
    assert "Results to follow up (2)" in again and "come up in your next reviews" not in again
