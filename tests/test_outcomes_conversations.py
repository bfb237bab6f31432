"""The conversation log and the "not yet" loop: asks become dated actions that evidence closes."""

from __future__ import annotations

import json

import pytest

from promocase.core.errors import NotFound, ValidationError
from promocase.services import outcomes as svc
from promocase.services.evidence import EvidenceInput, add_evidence
from promocase.workspace import Workspace

VAGUE = "Keep doing great work, you're almost there. Be more strategic."


def _not_yet(ws: Workspace, **kw: object) -> svc.Conversation:
    data = svc.ConversationInput(with_whom="Dana Li", decision="not-yet", words=VAGUE)
    for key, value in kw.items():
        setattr(data, key, value)
    stored, _ = svc.add_conversation(ws, data)
    return stored


def test_vague_not_yet_is_flagged_and_its_asks_show_in_status(run, acme_ws) -> None:  # type: ignore[no-untyped-def]
    """The acceptance path, as a new user types it (stdin is not a terminal)."""
    out = run(
        "conversation",
        "add",
        "--with",
        "Dana Li (manager)",
        "--decision",
        "not yet",
        "--words",
        VAGUE,
        "--ask",
        "Present the platform roadmap at the all-hands",
        "--by",
        "2026-12-01",
        "--ask",
        "Mentor Sam through his first on-call",
        "--by",
        "2027-02-01",
    ).output
    assert "Vague" in out and "Ask back" in out and "?" in out
    assert "#1" in out and "2026-12-01" in out and "#2" in out
    status = json.loads(run("status", "--json").output)
    assert [a["id"] for a in status["actions"]] == [1]  # only the one due within 14 days
    assert status["actions"][0]["state"] == "due-soon"
    human = run("status").output
    assert "Asks due" in human and "Present the platform roadmap" in human


def test_due_dates_fall_back_to_written_deadline_then_decision_date_then_90_days(acme_ws) -> None:  # type: ignore[no-untyped-def]
    written = _not_yet(
        acme_ws,
        words="Ship the checkout revamp by March 31, 2027.",
        asks=[svc.AskInput("Ship the checkout revamp")],
    )
    assert written.actions[0].due_date == "2027-03-31"
    assert written.feedback and written.feedback["verdict"] == "concrete"
    promised = _not_yet(acme_ws, decision_date="2027-05-01", asks=[svc.AskInput("Run the retro")])
    assert promised.actions[0].due_date == "2027-05-01"
    default = _not_yet(acme_ws, asks=[svc.AskInput("Write the guide")])
    assert default.actions[0].due_date == "2027-02-18"  # 2026-11-20 + 90 days
    own = _not_yet(acme_ws, asks=[svc.AskInput("Write the guide", due="in 2 weeks")])
    assert own.actions[0].due_date == "2026-12-04"


def test_asks_link_to_criteria_and_goals(acme_ws) -> None:  # type: ignore[no-untyped-def]
    from promocase.services.goals import add_goal

    goal = add_goal(acme_ws, "Cut p95", baseline=800, target=300, due="2027-03-31", unit="ms")
    stored = _not_yet(
        acme_ws,
        asks=[svc.AskInput("Lead the latency project", criteria=["delivery"], goals=[goal.id])],
    )
    action = stored.actions[0]
    assert action.criteria == ["delivery"] and action.goal_ids == [goal.id]
    with pytest.raises(ValidationError, match="not a criterion"):
        _not_yet(acme_ws, asks=[svc.AskInput("x", criteria=["nope"])])
    with pytest.raises(NotFound, match="goal #99"):
        _not_yet(acme_ws, asks=[svc.AskInput("x", goals=[99])])


def test_later_evidence_is_suggested_and_closes_the_action(run, acme_ws) -> None:  # type: ignore[no-untyped-def]
    stored = _not_yet(
        acme_ws, asks=[svc.AskInput("Write the onboarding guide for new hires", due="2026-12-01")]
    )
    entry = add_evidence(
        acme_ws, EvidenceInput(text="Wrote the onboarding guide; two new hires used it")
    )
    due = svc.due_actions(acme_ws)
    assert due[0].candidate_evidence_ids == [entry.id]
    assert "may be met by" in run("action", "list").output
    out = run("action", "close", str(stored.actions[0].id), "--evidence", str(entry.id)).output
    assert "done" in out
    closed = svc.get_action(acme_ws, stored.actions[0].id)
    assert closed.status == "done" and closed.evidence_ids == [entry.id]
    assert svc.due_actions(acme_ws) == []
    with pytest.raises(ValidationError, match="already done"):
        svc.close_action(acme_ws, closed.id)
    assert svc.reopen_action(acme_ws, closed.id).status == "open"


def test_closing_with_a_missing_entry_changes_nothing(run, acme_ws) -> None:  # type: ignore[no-untyped-def]
    stored = _not_yet(acme_ws, asks=[svc.AskInput("Run the retro")])
    result = run("action", "close", str(stored.actions[0].id), "--evidence", "999", ok=False)
    assert result.exit_code == 1 and "no entry #999" in result.output
    assert svc.get_action(acme_ws, stored.actions[0].id).status == "open"


def test_overdue_actions_come_first(acme_ws, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _not_yet(
        acme_ws,
        asks=[svc.AskInput("Later", due="2026-12-01"), svc.AskInput("Sooner", due="2026-11-25")],
    )
    monkeypatch.setenv("PROMOCASE_TODAY", "2026-11-28")
    due = svc.due_actions(acme_ws)
    assert [(a.text, a.state) for a in due] == [("Sooner", "overdue"), ("Later", "due-soon")]
    assert any("overdue" in line for line in svc.reminder_lines(acme_ws))


def test_follow_up_prompt_once_the_decision_date_passes(run, acme_ws, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _not_yet(acme_ws, decision_date="2027-01-15")
    assert svc.follow_up_prompts(acme_ws) == []
    monkeypatch.setenv("PROMOCASE_TODAY", "2027-01-20")
    prompts = svc.follow_up_prompts(acme_ws)
    assert len(prompts) == 1 and "2027-01-15" in prompts[0].message
    assert "promocase conversation add" in run("conversation", "list").output
    svc.add_conversation(acme_ws, svc.ConversationInput(with_whom="Dana Li", decision="deferred"))
    assert svc.follow_up_prompts(acme_ws) == []


def test_list_and_show(run, acme_ws) -> None:  # type: ignore[no-untyped-def]
    _not_yet(acme_ws, asks=[svc.AskInput("Run the retro")], notes="She seemed rushed")
    listed = json.loads(run("conversation", "list", "--json").output)
    assert listed[0]["decision"] == "not-yet" and listed[0]["feedback"]["verdict"] == "vague"
    assert set(listed[0]) >= {"id", "date", "with", "decision", "words", "notes", "actions"}
    shown = run("conversation", "show", "1").output
    assert "She seemed rushed" in shown and "Run the retro" in shown and "Vague" in shown
    missing = run("conversation", "show", "7", ok=False)
    assert missing.exit_code == 1 and "conversation list" in missing.output


def test_bad_input_is_refused_with_a_hint(run, acme_ws) -> None:  # type: ignore[no-untyped-def]
    bad = run("conversation", "add", "--with", "Dana", "--decision", "maybe", ok=False)
    assert bad.exit_code == 1 and "not-yet" in bad.output
    counts = run(
        "conversation",
        "add",
        "--with",
        "D",
        "--decision",
        "no",
        "--ask",
        "a",
        "--ask",
        "b",
        "--by",
        "2027-01-01",
        "--by",
        "2027-01-02",
        "--by",
        "2027-01-03",
        ok=False,
    )
    assert counts.exit_code == 1 and "--by" in counts.output
    missing = run("conversation", "add", ok=False)
    assert missing.exit_code == 1 and "--with" in missing.output
    assert run("conversation", "list", "--json").output.strip() == "[]"


def test_promotion_with_level_is_checked_against_the_ladder(acme_ws) -> None:  # type: ignore[no-untyped-def]
    stored, _ = svc.add_conversation(
        acme_ws, svc.ConversationInput(with_whom="Committee", decision="promoted", level="l4")
    )
    assert stored.level == "L4"
    from promocase.services.ladders import profile

    assert (profile(acme_ws).current_level, profile(acme_ws).target_level) == ("L4", "L5")
    with pytest.raises(ValidationError, match="not a level"):
        svc.add_conversation(
            acme_ws, svc.ConversationInput(with_whom="C", decision="promoted", level="L9")
        )


def test_demo_has_the_conversation_history(demo_home) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace(demo_home)
    try:
        conversations = svc.list_conversations(ws)
        decisions = [c.decision for c in conversations]
        assert decisions[0] == "promoted" and decisions.count("not-yet") == 2
        assert all(c.vague for c in conversations if c.decision == "not-yet")
        assert any(a.status == "done" and a.evidence_ids for c in conversations for a in c.actions)
        assert any(a.status == "open" for c in conversations for a in c.actions)
    finally:
        ws.close()
