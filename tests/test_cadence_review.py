"""Periodic reviews, outcome follow-ups at 30 and 90 days, the overdue nudge, reminder ICS."""

from __future__ import annotations

import json

from promocase.services import cadence


def _add(run, text, date, *extra):
    run("add", text, "--date", date, *extra)


def test_monthly_review_lists_vague_entries_and_due_follow_ups(run, acme_ws):
    _add(run, "Helped with various improvements to the build", "2026-11-10")
    _add(run, "Cut p95 checkout latency", "2026-11-12", "--metric", "p95: 820 -> 240 ms")
    _add(run, "Shipped the new invoice service", "2026-10-15")  # 36 days: first follow-up
    _add(run, "Moved search to the new cluster", "2026-08-15")  # 97 days: second follow-up
    _add(run, "Rewrote the pager rota", "2026-10-10", "--metric", "pages per week: 30 -> 6")
    # the measured result is in the text itself: nothing to ask for
    _add(run, "Cut CI time from 22 to 9 minutes by caching Docker layers", "2026-10-12")
    data = json.loads(run("review", "--month", "--json").stdout)
    assert (
        data["period"] == "month" and data["start"] == "2026-10-22" and data["end"] == "2026-11-20"
    )
    assert [v["text"] for v in data["vague"]] == ["Helped with various improvements to the build"]
    assert data["vague"][0]["missing"]
    stages = {f["text"]: f["stage"] for f in data["follow_ups"]}
    assert stages == {"Shipped the new invoice service": 30, "Moved search to the new cluster": 90}
    assert any("no measured result" in p for p in data["prompts"])
    # asked once per stage: the next review does not ask again
    again = json.loads(run("review", "--month", "--json").stdout)
    assert again["follow_ups"] == []


def test_human_review_reads_as_a_guide(run, acme_ws):
    _add(run, "Shipped the new invoice service", "2026-10-15")
    out = run("review", "--week").output
    assert "Your week in review: 2026-11-14 to 2026-11-20" in out
    assert "Results to follow up (1)" in out and "promocase edit" in out
    assert "asked once at 30 days and again at 90 days" in out  # why it will not show again
    assert "Nothing captured this week" in out and "Review recorded" in out


def test_nudge_appears_on_stderr_when_a_review_is_overdue_but_never_with_json(run, monkeypatch):
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-01T09:00:00Z")
    run("add", "Wrote the queue RFC")
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T09:00:00Z")
    result = run("log")
    assert "not done a weekly review yet" in result.stderr and "review" not in result.stdout
    assert "review --week" not in run("log", "--json").stderr
    run("review", "--week")
    assert "review" not in run("log").stderr
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-29T09:00:00Z")
    assert "weekly review is due (last one 9 days ago)" in run("log").stderr


def test_monthly_cadence_waits_a_month(run, ws, monkeypatch):
    ws.write_config({"review": {"cadence": "monthly"}})
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-01T09:00:00Z")
    run("add", "Wrote the queue RFC")
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T09:00:00Z")
    assert run("log").stderr == ""
    monkeypatch.setenv("PROMOCASE_NOW", "2026-12-05T09:00:00Z")
    assert "review --month" in run("log").stderr


def test_no_nudge_for_an_empty_workspace(ws):
    assert cadence.nudge_line(ws) is None


def test_reminder_ics_parses_with_the_right_recurrence(tmp_path, run):
    from icalendar import Calendar

    path = tmp_path / "r.ics"
    said = run(
        "remind", "--ics", str(path), "--day", "thu", "--time", "15:30", "--tz", "Europe/Berlin"
    ).output
    assert "a weekly review every Thursday at 15:30 Europe/Berlin." in said
    cal = Calendar.from_ical(path.read_bytes())
    (event,) = cal.walk("VEVENT")
    assert not event.errors
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TH"]
    start = event["DTSTART"].dt
    assert start.weekday() == 3 and (start.hour, start.minute) == (15, 30)
    assert str(start.tzinfo) == "Europe/Berlin" and cal.walk("VTIMEZONE")
    assert "promocase review --week" in str(event["DESCRIPTION"])
    assert (path.stat().st_mode & 0o777) == 0o600
    monthly = tmp_path / "m.ics"
    run("remind", "--ics", str(monthly), "--cadence", "monthly", "--save")
    rule = Calendar.from_ical(monthly.read_bytes()).walk("VEVENT")[0]["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYDAY"] == ["-1FR"]
    assert "refuse" not in run("remind", "--ics", str(monthly), ok=False).output
    assert run("remind", "--ics", str(monthly), ok=False).exit_code == 1


def test_the_review_lists_actions_due_with_their_dates(demo_home, tmp_path):
    """The demo has an ask due within two weeks; the review names it and its due date."""
    import shutil

    from click.testing import CliRunner

    from promocase.cli import cli

    home = tmp_path / "ws"
    shutil.copytree(demo_home, home)
    out = CliRunner().invoke(cli, ["--home", str(home), "review", "--month"]).output
    section = out.split("Actions due (", 1)[1].split("\n\n", 1)[0]
    assert not section.startswith("0)") and "(due 20" in section


def test_entries_typed_in_the_web_form_are_not_called_imports(acme_ws):
    from promocase.services import evidence as ev

    for text in ("Cut p95 checkout latency", "Mentored Sam", "Ran the incident review"):
        ev.add_evidence(acme_ws, ev.EvidenceInput(text=text, source="web"))
    review = cadence.periodic_review(acme_ws, "week")
    assert review.by_source == {"web": 3}
    assert not any("came from imports" in p for p in review.prompts)


def test_the_demo_log_is_not_called_imports(demo_home, tmp_path, monkeypatch):
    """The demo's entries stand for a log the person wrote; its review must not tell a new
    user that everything came from imports they never ran."""
    import shutil

    monkeypatch.setenv("PROMOCASE_TODAY", "2026-11-20")  # the day the demo was built for

    from promocase.workspace import Workspace

    home = tmp_path / "ws"
    shutil.copytree(demo_home, home)
    ws = Workspace(home)
    try:
        review = cadence.periodic_review(ws, "month")
    finally:
        ws.close()
    assert set(review.by_source) == {"demo"} and review.captured
    assert not any("came from imports" in p for p in review.prompts)


def test_a_week_of_imports_alone_is_called_so(ws):
    from promocase.services import evidence as ev

    ev.add_evidence(ws, ev.EvidenceInput(text="Merged PR 12 for the checkout", source="git"))
    review = cadence.periodic_review(ws, "week")
    assert any("came from imports" in p for p in review.prompts)


def test_large_counts_in_a_review_are_grouped_in_thousands(run, acme_ws):
    """An import can bring thousands of entries into one week."""
    from promocase.core.evidence import Evidence
    from promocase.store import evidence as store
    from promocase.store.connection import write_transaction

    with write_transaction(acme_ws.conn):
        store.insert_many(
            acme_ws.conn,
            [
                Evidence(text=f"Closed ticket {n}", date="2026-11-18", source="git")
                for n in range(1234)
            ],
        )
    out = run("review", "--week").output
    assert "Captured (1,234: 1,234 git)" in out and "… and 1,224 more" in out


BRAG_OF_THE_YEAR = """# Brag 2026

## 2026-03
- Cut p95 checkout latency from 820 to 240 ms
- Helped with the billing migration

## 2026-06
- Ran 12 interview loops for the platform team
"""


def test_a_year_imported_this_week_shows_in_this_weeks_review(run, acme_ws, tmp_path, monkeypatch):
    """The review's list goes by entry date, so a brag document of the whole year imported today
    would not show at all; it is named apart, per source, with its vague count and the command
    that lists it. Entries typed in are never counted as imports."""
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-19T10:00:00Z")  # inside the week to 2026-11-20
    brag = tmp_path / "brag.md"
    brag.write_text(BRAG_OF_THE_YEAR, encoding="utf-8")
    run("import", "brag", str(brag))
    _add(run, "Wrote the queue RFC", "2026-02-02")  # typed in, dated earlier: not an import
    data = json.loads(run("review", "--week", "--json").stdout)
    assert data["captured"] == []
    assert data["imported_earlier"] == [
        {"source": "brag", "count": 3, "first": "2026-03-01", "last": "2026-06-01", "vague": 1}
    ]
    out = run("review", "--week").output
    assert "Imported this week, dated before it (3)" in out
    assert "promocase log --source brag --until 2026-11-13" in out
    listed = run("log", "--source", "brag", "--until", "2026-11-13").output
    assert "Cut p95" in listed and "interview loops" in listed and "queue RFC" not in listed
    # imported before this week: no longer this week's news
    monkeypatch.setenv("PROMOCASE_TODAY", "2026-12-20")
    later = json.loads(run("review", "--week", "--json").stdout)
    assert later["imported_earlier"] == []


def test_the_human_review_says_when_follow_ups_not_shown_come_up(run, acme_ws):
    for day in range(1, 13):
        _add(run, f"Shipped feature {day}", f"2026-09-{day:02}")
    out = run("review", "--month").output
    assert "Results to follow up (12)" in out
    assert "These are the 10 most recent; the other 2 come up in your next reviews." in out
