"""Goals: verdicts computed from numbers, period views, evidence links, and the CLI."""

from __future__ import annotations

import json

import pytest

from promocase.core.errors import NotFound, ValidationError
from promocase.services import goals as svc
from promocase.services.evidence import EvidenceInput, add_evidence


def _goal(ws, **kw):
    args = {"baseline": 100, "target": 50, "due": "2026-12-31", "start": "2026-01-01"}
    args.update(kw)
    return svc.add_goal(ws, "Cut p95 latency", unit="ms", **args)


def _actual(ws, goal, value, day):
    return svc.update_goal(ws, goal.id, svc.GoalChanges(actual=value, actual_date=day))


def test_verdict_is_computed_from_the_numbers(ws):
    g = _goal(ws, due="2026-06-30")
    assert svc.evaluate(g).verdict == "no-data"
    assert svc.evaluate(_actual(ws, g, 60, "2026-06-01")).verdict == "missed"  # past due, short
    assert svc.evaluate(_actual(ws, g, 50, "2026-06-20")).verdict == "met"
    assert svc.evaluate(_actual(ws, g, 40, "2026-06-29")).verdict == "exceeded"
    # A measurement after the due date does not change the verdict.
    assert svc.evaluate(_actual(ws, g, 90, "2026-07-15")).verdict == "exceeded"


def test_higher_is_better_goals_and_in_flight_pace(ws):
    g = svc.add_goal(
        ws, "Teams on the platform", baseline=0, target=10, due="2027-11-20", start="2025-11-20"
    )
    g = _actual(ws, g, 6, "2026-11-01")
    status = svc.evaluate(g)
    assert g.direction == "up"
    assert status.verdict == "on-track"  # 60% done with half the time gone
    g = _actual(ws, g, 2, "2026-11-10")
    assert svc.evaluate(g).verdict == "behind"


def test_bad_input_is_explained_and_changes_nothing(ws):
    with pytest.raises(ValidationError, match="equals the baseline"):
        _goal(ws, target=100)
    with pytest.raises(ValidationError, match="not a number"):
        _goal(ws, baseline="lots")
    with pytest.raises(ValidationError, match="not after the start"):
        _goal(ws, due="2025-01-01")
    with pytest.raises(NotFound, match="no entry #99"):
        _goal(ws, evidence_ids=[99])
    assert svc.list_goals(ws) == []


def test_each_bad_field_is_named_on_its_own():
    """What a form shows: every malformed field at once, each with add_goal's own message."""
    found = svc.goal_field_errors("  ", "lots", "1,200", "someday")
    assert set(found) == {"title", "baseline", "due"}
    assert "no title" in found["title"].message
    assert "'lots' is not a number" in found["baseline"].message
    assert "not a date" in found["due"].message
    assert svc.goal_field_errors("Cut p95", "820", "300", "") == {}
    assert svc.goal_field_errors("Cut p95", "820", "300", "in 90 days") == {}


def test_period_views_and_evidence_links(ws):
    entry = add_evidence(ws, EvidenceInput(text="Added an index", date="2026-03-01"))
    g = _goal(ws, evidence_ids=[entry.id])
    _actual(ws, g, 80, "2026-02-10")
    g = _actual(ws, g, 60, "2026-04-02")
    months = svc.progress_by_period(g, "month")
    assert [p.period for p in months][:4] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert [p.value for p in months][:4] == [None, 80, 80, 60]
    weeks = svc.progress_by_period(g, "week")
    assert weeks[0].period == "2026-W01" and len(weeks) > 40
    assert g.evidence_ids == [entry.id]


def test_goal_commands(run):
    run(
        "goal",
        "add",
        "Support tickets per month",
        "-b",
        "1900",
        "-T",
        "1300",
        "--unit",
        "tickets",
        "--start",
        "2026-01-01",
        "--due",
        "2026-06-30",
    )
    out = run("goal", "update", "1", "--actual", "1150", "--on", "2026-05-01").output
    assert "exceeded" in out
    listed = json.loads(run("goal", "list", "--json").output)
    assert listed[0]["verdict"] == "exceeded" and listed[0]["latest"] == 1150
    assert set(listed[0]) >= {
        "id",
        "title",
        "baseline",
        "target",
        "due_date",
        "verdict",
        "progress",
        "actuals",
        "evidence_ids",
    }
    shown = run("goal", "show", "1", "--by", "week").output
    assert "2026-W18" in shown
    bad = run("goal", "update", "7", "--actual", "3", ok=False)
    assert bad.exit_code == 1 and "no goal #7" in bad.output
    assert run("goal", "update", "1", ok=False).exit_code == 1


def test_a_value_worse_than_the_baseline_is_said_so_not_as_a_negative_percentage(run, acme_ws):
    acme_ws.close()
    run("goal", "add", "Cut p95", "-b", "800", "-T", "300", "--due", "in 90 days", "-U", "ms")
    out = run("goal", "update", "1", "--actual", "1e9").output
    assert "worse than the baseline" in out and "-%" not in out and "%)" not in out
    assert "further from the target than the baseline of 800 ms" in out
