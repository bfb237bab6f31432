"""The reminder calendar's first event: DTSTART counts as the first occurrence (RFC 5545), so
it must be a date the rule matches, or calendars show a stray extra review."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import islice

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from promocase.services import cadence

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _first_occurrences(data: bytes, n: int = 3) -> tuple[datetime, list[datetime]]:
    """DTSTART and the first dates of the rule: dateutil, unlike RFC 5545, yields only dates
    that match the rule, so a DTSTART that does not match is missing from its expansion."""
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    start = event["DTSTART"].dt
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    return start, list(islice(rule, n))


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("cadence_", ["weekly", "monthly"])
@pytest.mark.parametrize(
    "on", [date(2026, 12, 1), date(2026, 12, 31), date(2026, 11, 20), date(2027, 2, 22)]
)
def test_dtstart_is_the_first_date_the_rule_matches(cadence_, day, on):
    data = cadence.reminder_ics(cadence_, weekday=day, start=on)
    start, occurrences = _first_occurrences(data)
    assert start.date() >= on
    assert occurrences[0] == start, (start, occurrences)
    assert start.weekday() == DAYS.index(day)
    if cadence_ == "monthly":  # the last such weekday of its month
        assert (start + timedelta(days=7)).month != start.month


def test_monthly_thursday_from_early_december_starts_on_the_last_thursday(
    tmp_path, run, monkeypatch
):
    monkeypatch.setenv("PROMOCASE_TODAY", "2026-12-01")
    path = tmp_path / "m.ics"
    run("remind", "--ics", str(path), "--cadence", "monthly", "--day", "thu")
    (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert event["DTSTART"].dt.date() == date(2026, 12, 31)
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event["DTSTART"].dt)
    assert [d.date() for d in rule[:3]] == [
        date(2026, 12, 31),
        date(2027, 1, 28),
        date(2027, 2, 25),
    ]
