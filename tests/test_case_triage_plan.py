"""Eisenhower triage (matrix, proposals, hours freed, kept decisions) and the plans."""

from __future__ import annotations

import json

import pytest

from promocase.core.errors import ValidationError
from promocase.services import plan as plan_svc
from promocase.services import triage as svc
from promocase.services.evidence import EvidenceInput, add_evidence


def test_matrix_proposals_and_hours_freed(ws):
    report = svc.add_item(ws, "Weekly status report", urgency=4, importance=2, hours=2)
    tickets = svc.add_item(ws, "First-line partner tickets", urgency=4, importance=2, hours=4)
    design = svc.add_item(ws, "Cross-team design reviews", urgency=2, importance=5, hours=3)
    old = svc.add_item(ws, "Legacy dashboards", urgency=1, importance=1, hours=1.5)
    fire = svc.add_item(ws, "Incident follow-ups", urgency=5, importance=5, hours=2)
    assert (report.quadrant, report.proposal) == ("delegate", "automate")
    assert (tickets.quadrant, tickets.proposal) == ("delegate", "delegate")
    assert design.proposal == "schedule" and fire.proposal == "do" and old.proposal == "eliminate"

    summary = svc.summarise(ws)
    assert summary.hours_freed_decided == 0
    assert summary.hours_freed_proposed == 2 + 4 + 1.5

    with pytest.raises(ValidationError, match="who will take over"):
        svc.decide(ws, tickets.id, "delegate")
    svc.decide(ws, tickets.id, "delegate", delegate_to="Sam")
    svc.decide(ws, old.id)  # accepts the proposal
    summary = svc.summarise(ws)
    assert summary.hours_freed_decided == 4 + 1.5
    assert [i.delegate_to for i in summary.delegations] == ["Sam"]


def test_decisions_are_kept_and_can_be_revisited(ws):
    item = svc.add_item(ws, "Release notes", urgency=3, importance=2, hours=1)
    svc.decide(ws, item.id, "automate")
    svc.reopen(ws, item.id)
    svc.decide(ws, item.id, "eliminate", note="Nobody reads them")
    history = [h["decision"] for h in svc.decision_history(ws, item.id)]
    assert history == ["automate", "reopened", "eliminate"]
    assert svc.get_item(ws, item.id).decision == "eliminate"


def test_ratings_are_checked(ws):
    for bad in ({"urgency": 0}, {"importance": "high"}, {"hours": -1}):
        args = {"urgency": 3, "importance": 3, "hours": 1, **bad}
        with pytest.raises(ValidationError):
            svc.add_item(ws, "x", **args)
    assert svc.list_items(ws) == []


def test_triage_commands_and_picking_from_evidence(run, home):
    from promocase.workspace import Workspace

    with Workspace(home) as ws:
        entry = add_evidence(ws, EvidenceInput(text="Compiled the weekly numbers", date="today"))
    picks = json.loads(run("triage", "candidates", "--json").output)
    assert picks[0]["id"] == entry.id
    out = run(
        "triage", "add", "--from-evidence", str(entry.id), "-u", "4", "-i", "2", "--hours", "2"
    ).output
    assert "Proposal: automate" in out
    run("triage", "add", "Vendor calls", "-u", "4", "-i", "1", "--hours", "3")
    run("triage", "decide", "2", "delegate", "--to", "Ana")
    matrix = run("triage").output
    assert "DELEGATE" in matrix and "Hours freed for next-level work: 3 h/week" in matrix
    data = json.loads(run("triage", "--json").output)
    assert data["hours_freed_decided"] == 3 and data["hours_freed_proposed"] == 5
    assert data["items"][0]["title"] == "Compiled the weekly numbers"


def test_plans_tie_items_to_priorities_and_criteria(acme_ws):
    prio = plan_svc.add_priority(acme_ws, "Lower cost per order", scope="company")
    item = plan_svc.add_item(
        acme_ws,
        "Shared build cache",
        horizon="90d",
        priority_id=prio.id,
        criteria=["delivery", "Mentoring"],
        measure="CI time halved",
    )
    assert item.criterion_ids == ["delivery", "mentoring"]
    assert item.due_date == "2027-02-18"  # 90 days from the pinned today
    with pytest.raises(ValidationError, match="not a criterion"):
        plan_svc.add_item(acme_ws, "x", horizon="1y", criteria=["cooking"])
    with pytest.raises(ValidationError, match="horizon"):
        plan_svc.add_item(acme_ws, "x", horizon="5y")
    updated = plan_svc.update_item(
        acme_ws, item.id, plan_svc.PlanChanges(status="done", remove_criteria=["mentoring"])
    )
    assert updated.status == "done" and updated.criterion_ids == ["delivery"]


def test_plan_commands(acme_ws, run):
    run("plan", "priority", "add", "Ship faster", "--scope", "team")
    run(
        "plan",
        "add",
        "Own the release train",
        "-H",
        "1y",
        "-p",
        "P1",
        "-c",
        "delivery",
        "-m",
        "Weekly releases",
    )
    out = run("plan").output
    assert "1-year plan" in out and "Own the release train" in out and "P1" in out
    data = json.loads(run("plan", "--json").output)
    assert data["plan_1y"][0]["criteria"] == ["delivery"] and data["plan_90d"] == []


def test_demo_case_loads_with_every_verdict_kind(demo_home):
    from promocase.services import goals
    from promocase.workspace import Workspace

    with Workspace(demo_home) as ws:
        verdicts = {goals.evaluate(g).verdict for g in goals.list_goals(ws)}
        assert {"exceeded", "met", "missed"} <= verdicts
        assert svc.summarise(ws).hours_freed_decided > 0
        assert plan_svc.list_items(ws, "90d") and plan_svc.list_items(ws, "1y")
