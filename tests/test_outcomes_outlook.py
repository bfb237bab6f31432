"""The structural-block reading, on scripted histories: ones that must trigger and ones that must not.

Each history is a list of conversations (with their actions) and a readiness series; the rules
are those in docs/outlook-rules.md.
"""

from __future__ import annotations

import json
from datetime import date

from promocase.services import outcomes as svc
from promocase.services.outcomes import ActionItem, Conversation, read_outlook

TODAY = date(2026, 11, 20)
VAGUE = {"verdict": "vague", "gaps": [], "deadline": None, "follow_up": ["?"]}
CONCRETE = {"verdict": "concrete", "gaps": ["lead the audit"], "deadline": None, "follow_up": []}
AT_BAR = [(f"2026-{m:02d}", 0.86) for m in range(5, 12)]  # seven months at the bar
BELOW_BAR = [(f"2026-{m:02d}", 0.45 + m / 100) for m in range(5, 12)]


def talk(
    day: str, decision: str = "not-yet", feedback: dict | None = None, actions=()
) -> Conversation:  # type: ignore[no-untyped-def]
    return Conversation(
        id=0,
        date=day,
        with_whom="Dana",
        decision=decision,
        words="words",
        notes=None,
        decision_date=None,
        level=None,
        feedback=feedback,
        actions=list(actions),
    )


def act(due: str, *, closed: str | None = None, text: str = "ask") -> ActionItem:
    return ActionItem(
        id=0,
        conversation_id=0,
        text=text,
        due_date=due,
        status="done" if closed else "open",
        state="done" if closed else "open",
        days_left=0,
        closed_at=closed,
    )


def reading(conversations: list[Conversation], readiness=()) -> svc.Outlook:  # type: ignore[no-untyped-def]
    return read_outlook(conversations, list(readiness), on=TODAY)


def triggered(o: svc.Outlook) -> set[str]:
    return {r.id for r in o.rules if r.triggered}


# -- must trigger ---------------------------------------------------------------------------------


def test_three_vague_not_yets_with_the_bar_met_read_as_structural() -> None:
    history = [talk(d, feedback=VAGUE) for d in ("2025-11-10", "2026-04-02", "2026-10-15")]
    o = reading(history, AT_BAR)
    assert o.reading == "structural-block"
    assert triggered(o) == {"repeated-vague-not-yet", "at-the-bar-for-months"}
    assert "not to your performance" in o.summary
    assert any("resume" in step for step in o.next_steps)
    vague_rule = next(r for r in o.rules if r.id == "repeated-vague-not-yet")
    assert len(vague_rule.evidence) == 3


def test_asks_met_then_moved_read_as_structural_without_readiness_data() -> None:
    history = [
        talk("2026-01-10", feedback=CONCRETE, actions=[act("2026-05-01", closed="2026-04-20")]),
        talk("2026-06-01", feedback=CONCRETE, actions=[act("2026-10-01", text="a new ask")]),
    ]
    o = reading(history)
    assert triggered(o) == {"asks-met-no-decision", "moving-asks"}
    assert o.reading == "structural-block"


def test_deadline_met_and_the_promised_decision_never_came() -> None:
    first = talk("2026-03-01", feedback=VAGUE, actions=[act("2026-06-01", closed="2026-05-20")])
    first.decision_date = "2026-07-01"
    second = talk("2025-12-01", feedback=VAGUE)
    o = reading([second, first], AT_BAR)
    assert "asks-met-no-decision" in triggered(o)
    assert o.reading == "structural-block"
    lines = [e for r in o.rules for e in r.evidence]
    assert any("ask was done by" in e or "asks were done by" in e for e in lines), lines
    assert not any(" all 1 ask" in e for e in lines)


# -- must not trigger -----------------------------------------------------------------------------


def test_concrete_feedback_with_the_bar_met_is_not_structural() -> None:
    history = [
        talk(d, feedback=CONCRETE, actions=[act("2027-01-31")])
        for d in ("2025-11-10", "2026-04-02", "2026-10-15")
    ]
    o = reading(history, AT_BAR)
    assert o.reading == "watch"
    assert "repeated-vague-not-yet" not in triggered(o)


def test_vague_not_yets_while_below_the_bar_are_a_watch_not_a_block() -> None:
    history = [talk(d, feedback=VAGUE) for d in ("2025-11-10", "2026-04-02", "2026-10-15")]
    o = reading(history, BELOW_BAR)
    assert o.reading == "watch"
    assert "evidence does not yet show you at the bar" in o.summary


def test_one_not_yet_is_not_a_pattern() -> None:
    assert reading([talk("2026-10-01", feedback=VAGUE)], AT_BAR).reading == "not-enough-history"
    assert reading([], []).reading == "not-enough-history"


def test_a_promotion_ends_the_reading() -> None:
    history = [talk(d, feedback=VAGUE) for d in ("2025-11-10", "2026-04-02")]
    history.append(talk("2026-10-15", decision="promoted"))
    assert reading(history, AT_BAR).reading == "promoted"


def test_old_not_yets_outside_two_years_do_not_count() -> None:
    history = [talk(d, feedback=VAGUE) for d in ("2022-01-10", "2023-06-02", "2024-10-15")]
    o = reading(history, AT_BAR)
    assert "repeated-vague-not-yet" not in triggered(o)
    assert o.reading != "structural-block"


def test_asks_met_late_do_not_count_as_met() -> None:
    history = [
        talk("2026-01-10", feedback=CONCRETE, actions=[act("2026-03-01", closed="2026-05-20")]),
        talk("2026-06-01", feedback=CONCRETE, actions=[act("2026-12-01")]),
    ]
    o = reading(history)
    assert not triggered(o) & {"asks-met-no-decision", "moving-asks"}
    assert o.reading == "on-track"


def test_a_short_run_at_the_bar_is_not_months() -> None:
    series = BELOW_BAR[:-2] + [("2026-10", 0.9), ("2026-11", 0.9)]
    history = [talk(d, feedback=VAGUE) for d in ("2026-04-02", "2026-10-15")]
    o = reading(history, series)
    assert "at-the-bar-for-months" not in triggered(o)
    assert o.reading == "watch"


# -- through the command line ---------------------------------------------------------------------


def _log(run, words: str, day: str, ask: str | None = None) -> None:  # type: ignore[no-untyped-def]
    args = ["conversation", "add", "--with", "Dana", "--decision", "not-yet", "--date", day]
    args += ["--words", words] + (["--ask", ask, "--by", "2027-06-01"] if ask else [])
    run(*args)


def test_cli_outlook_json_structural_vs_concrete(run, acme_ws, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(svc, "readiness_series", lambda ws: AT_BAR)
    for words, day in (
        ("Keep doing great work, you're almost there.", "2025-12-01"),
        ("The committee felt it wasn't the right time; budget is tight.", "2026-05-01"),
        ("Be more strategic and more visible, then we'll see next cycle.", "2026-10-20"),
    ):
        _log(run, words, day)
    data = json.loads(run("outlook", "--json").output)
    assert data["reading"] == "structural-block" and data["structural_block"] is True
    assert {"reading", "summary", "rules", "next_steps", "not_yets"} <= set(data)
    human = run("outlook").output
    assert "Structural block" in human and "promocase resume" in human

    other = type(run)(tmp_path / "concrete")
    other("init", "--ladder", "software-engineer", "--current", "SE3", "--target", "SE4")
    for words, day in (
        ("Lead the accessibility audit and get the critical issues fixed.", "2025-12-01"),
        ("Write the onboarding guide, then onboard the next hire with it.", "2026-05-01"),
        ("Run the design review for the caching proposal with the platform team.", "2026-10-20"),
    ):
        _log(other, words, day, ask=words)
    data = json.loads(other("outlook", "--json").output)
    assert data["reading"] != "structural-block" and data["structural_block"] is False


def test_demo_outlook_reads_the_demo_story(demo_home) -> None:  # type: ignore[no-untyped-def]
    from promocase.workspace import Workspace

    ws = Workspace(demo_home)
    try:
        o = svc.build_outlook(ws)
    finally:
        ws.close()
    assert o.reading == "structural-block"
    assert {"repeated-vague-not-yet", "moving-asks"} <= triggered(o)


def test_counts_read_as_words_not_with_a_bracketed_s(demo_home, tmp_path) -> None:
    """'0 month(s)', '1 ask(s)', '3 suggestion(s)' read as unfinished text."""
    import shutil

    from click.testing import CliRunner

    from promocase.cli import cli

    home = tmp_path / "ws"
    shutil.copytree(demo_home, home)
    runner = CliRunner()
    for args in (
        ["outlook"],
        ["review", "--list"],
        ["resume", "--format", "md", "-o", str(tmp_path / "r.md")],
        ["assess", "--verdict", "technical-craft=meets"],
    ):
        result = runner.invoke(cli, ["--home", str(home), *args])
        assert result.exit_code == 0, (args, result.output)
        assert "(s)" not in result.output, (args, result.output)
