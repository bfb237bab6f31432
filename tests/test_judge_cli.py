"""The judgement commands through the real CLI, against real workspaces."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import Cli


def test_add_shows_verdict_and_stores_suggestions(acme_ws, run):
    out = run("add", "Mentored two engineers through their first on-call week").output
    assert "Vague" in out
    assert "Suggested criteria: Mentoring" in out
    pending = json.loads(run("review", "--list", "--json").output)["pending"]
    assert pending[0]["criterion_id"] == "mentoring"
    row = acme_ws.conn.execute(
        "SELECT status, made_by FROM evidence_criterion WHERE criterion_id = 'mentoring'"
    ).fetchone()
    assert tuple(row) == ("suggested", "suggester")


def test_review_flags_accept_and_reject(acme_ws, run):
    run("add", "Mentored two engineers through their first on-call week")
    run("review", "--accept", "1:mentoring")
    row = acme_ws.conn.execute(
        "SELECT status, made_by FROM evidence_criterion WHERE evidence_id = 1 "
        "AND criterion_id = 'mentoring'"
    ).fetchone()
    assert tuple(row) == ("accepted", "suggester")
    run("review", "--reject", "1:delivery")
    assert json.loads(run("review", "--json").output)["pending"] == []
    bad = run("review", "--accept", "nonsense", ok=False)
    assert bad.exit_code == 1 and "ID:CRITERION" in bad.output


def test_an_edit_is_judged_again_and_keeps_what_the_person_decided(acme_ws, run):
    """Editing what an entry says re-judges it in the same transaction: the verdict the
    reviews and status read, and the suggester's pending suggestions. A link the person
    accepted stays."""
    run("add", "Mentored two engineers through their first on-call week")
    run("review", "--accept", "1:mentoring")

    def stored():
        verdict = acme_ws.conn.execute(
            "SELECT verdict, missing FROM evidence_verdict WHERE evidence_id = 1"
        ).fetchone()
        links = acme_ws.conn.execute(
            "SELECT criterion_id, status FROM evidence_criterion WHERE evidence_id = 1"
        ).fetchall()
        return tuple(verdict), {tuple(r) for r in links}

    (verdict, _), links = stored()
    assert verdict == "vague" and ("mentoring", "accepted") in links
    text = "Cut p95 checkout latency from 820 to 240 ms by caching the tax tables"
    run("edit", "1", "--text", text)
    (verdict, missing), links = stored()
    assert verdict == "specific" and "metric" not in json.loads(missing)
    assert ("mentoring", "accepted") in links  # the person's decision stays
    pending = {c for c, status in links if status == "suggested"}
    assert pending and "mentoring" not in pending
    # an edit that leaves what the entry says alone does not touch its judgement
    acme_ws.conn.execute("UPDATE evidence_verdict SET checked_at = 'then' WHERE evidence_id = 1")
    acme_ws.conn.commit()
    run("edit", "1", "--tag", "perf")
    assert (
        acme_ws.conn.execute(
            "SELECT checked_at FROM evidence_verdict WHERE evidence_id = 1"
        ).fetchone()[0]
        == "then"
    )


def test_suggest_jsonl_contract(acme_ws, run, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "a", "text": "Mentored a junior engineer"}\n\n{"text": "Shipped the feature on time"}\n',
        encoding="utf-8",
    )
    lines = [json.loads(x) for x in run("suggest", "--jsonl", str(path)).output.splitlines()]
    assert [x["id"] for x in lines] == ["a", 3]
    assert lines[0]["criteria"][0]["id"] == "mentoring"
    assert set(lines[0]) == {"id", "criteria", "level"}
    assert all(set(c) == {"id", "score"} for c in lines[0]["criteria"])


def test_suggest_other_ladder_and_bad_input(acme_ws, run, tmp_path):
    run("ladder", "import", "software-engineer", ok=False)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    result = run("suggest", "--jsonl", str(bad), ok=False)
    assert result.exit_code == 1 and "line 1" in result.output
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\x00\x01")
    assert "binary" in run("suggest", "--jsonl", str(binary), ok=False).output
    missing = run("suggest", "x", "--ladder", "nope", ok=False)
    assert missing.exit_code == 1 and "no ladder" in missing.output


def test_check_evidence_jsonl_contract(run, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": 7, "text": "Helped with the migration"}\n'
        '{"id": 8, "text": "Cut p95 latency from 1.4s to 380ms"}\n',
        encoding="utf-8",
    )
    lines = [
        json.loads(x) for x in run("check", "evidence", "--jsonl", str(path)).output.splitlines()
    ]
    assert [(x["id"], x["verdict"]) for x in lines] == [(7, "vague"), (8, "specific")]
    assert set(lines[0]) == {"id", "verdict", "missing", "prompts"}
    one = json.loads(run("check", "evidence", "Greatly improved things", "--json").output)
    assert one["verdict"] == "vague" and one["prompts"]


def test_check_group_lists_feedback(run):
    out = run("check", "--help").output
    assert "evidence" in out and "feedback" in out


def test_assess_flags_history_and_na_reason(acme_ws, run):
    run("assess", "--verdict", "mentoring=partially:one mentee", "--verdict", "delivery=meets")
    missing_reason = run("assess", "--verdict", "technical-craft=n/a", ok=False)
    assert missing_reason.exit_code == 1 and "reason" in missing_reason.output
    run("assess", "--verdict", "mentoring=meets")
    history = json.loads(run("assess", "--history", "--json").output)
    assert [(h["session"], h["criterion_id"], h["verdict"]) for h in history] == [
        (1, "mentoring", "partially"),
        (1, "delivery", "meets"),
        (2, "mentoring", "meets"),
    ]
    status = json.loads(run("status", "--json").output)
    mentoring = next(c for c in status["criteria"] if c["criterion_id"] == "mentoring")
    assert mentoring["self_verdict"] == "meets"
    assert mentoring["supported_verdict"] == "not-yet"
    assert mentoring["disagreement"]


def test_assess_without_terminal_or_flags_explains(acme_ws, run):
    result = run("assess", ok=False)
    assert result.exit_code == 1 and "--verdict" in result.output


@pytest.fixture
def demo_copy(demo_home: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo_home, target)
    return target


def test_demo_status_lists_every_target_criterion_and_ranked_gaps(demo_copy):
    run = Cli(demo_copy)
    data = json.loads(run("status", "--json").output)
    from promocase.services.ladders import load_sample

    ladder = load_sample("software-engineer")
    expected = {c.id for c, _ in ladder.criteria_at("SE4")}
    assert {c["criterion_id"] for c in data["criteria"]} >= expected
    for c in data["criteria"]:
        assert c["readiness"] in ("ready", "close", "gap", "no-evidence")
        assert 0 <= c["score"] <= 1 and c["next_action"]
    ranks = [g["rank"] for g in data["gaps"]]
    assert ranks == sorted(ranks, reverse=True) and data["gaps"]
    assert data["gaps"][0]["criterion_id"] == "hiring"  # the demo's thin, vague area
    assert len(data["history"]) >= 6
    text = run("status").output
    assert "Close these first" in text and "Hiring" in text


def test_status_chart_is_svg_with_escaped_text(demo_copy, tmp_path):
    run = Cli(demo_copy)
    out = tmp_path / "r.svg"
    run("status", "--chart", str(out))
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "<script" not in svg and "href" not in svg


def test_charts_escape_names():
    from promocase.render.charts import (
        coverage_chart_svg,
        readiness_chart_svg,
        readiness_history_svg,
    )
    from promocase.services.status import CriterionStatus, StatusReport

    c = CriterionStatus(
        "x",
        "<script>alert(1)</script>",
        None,
        None,
        [1],
        [1],
        [],
        0.5,
        None,
        "partially",
        "close",
        0.5,
        [],
        "do it",
    )
    report = StatusReport("s", "S", "L1", "L2", [c], [], 0.5, [("2026-10", {"x": 0.4})])
    for fn in (readiness_chart_svg, coverage_chart_svg, readiness_history_svg):
        svg = fn(report)
        assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_echo_json_indents_for_reading_and_stays_compact_when_huge(capsys, monkeypatch) -> None:
    """JSON output is indented; a document over the limit is printed compact (the indenting
    encoder is pure Python), and both parse to the same data."""
    import json

    from promocase.cli import output

    small = {"entries": [{"id": 1, "text": "Cut p95 — 1.4 s → 380 ms"}]}
    output.echo_json(small)
    printed = capsys.readouterr().out
    assert printed.startswith('{\n  "entries"') and json.loads(printed) == small
    monkeypatch.setattr(output, "COMPACT_JSON_OVER", 20)
    output.echo_json(small)
    printed = capsys.readouterr().out
    assert "\n " not in printed and json.loads(printed) == small


def test_empty_text_hints_name_the_command_that_was_run(run, acme_ws):
    acme_ws.close()
    check = run("check", "evidence", "", ok=False).output
    assert "promocase check evidence" in check and "promocase suggest" not in check
    suggest = run("suggest", "", ok=False).output
    assert "promocase suggest" in suggest


def test_missing_priority_hint_is_a_command_that_exists(run, acme_ws):
    acme_ws.close()
    out = run("plan", "add", "Move returns", "-H", "90d", "-p", "7", ok=False).output
    assert "promocase plan priority list" in out
    assert run("plan", "priority", "list").exit_code == 0


def test_conflicting_options_are_usage_errors_not_silently_ignored(run, acme_ws, tmp_path):
    acme_ws.close()
    cases = tmp_path / "c.jsonl"
    cases.write_text('{"text": "Ran 12 phone screens"}\n')
    both = run("review", "--week", "--month", ok=False)
    assert both.exit_code == 2 and "--week or --month" in both.output
    score = run("review", "--list", "--min-score", "0.5", ok=False)
    assert score.exit_code == 2 and "--accept-all" in score.output
    for cmd in (["suggest"], ["check", "evidence"]):
        mixed = run(*cmd, "some text", "--jsonl", str(cases), ok=False)
        assert mixed.exit_code == 2 and "not both" in mixed.output
    assert run("review", "--accept-all", "--min-score", "0.5").exit_code == 0


def test_a_criterion_linked_at_capture_is_not_suggested_back(run, acme_ws):
    acme_ws.close()
    plain = run("add", "Mentored two new engineers through their first on-call rotation").output
    assert "Suggested criteria: Mentoring" in plain
    linked = run(
        "add", "Mentored two new engineers through their first on-call rotation", "-c", "mentoring"
    ).output
    assert "Suggested criteria: Mentoring" not in linked


def test_accepting_a_criterion_that_was_not_suggested_says_so(run, acme_ws):
    acme_ws.close()
    run("add", "Mentored two engineers through their first on-call week")
    out = run("review", "--accept", "1:mentoring", "--accept", "1:delivery").output
    assert "Not suggested, linked as you asked: #1 → delivery" in out
    assert "#1 → mentoring" not in out


def test_two_workspaces_in_one_process_never_share_a_suggester(tmp_path):
    """Both workspaces' first ladder is ladder 1, version 1; the in-process cache keyed only
    by that gave the second workspace the first one's criteria (seen in the web tests)."""
    from promocase.services import judgement
    from promocase.services.ladders import active_ladder, import_ladder, load_sample
    from promocase.workspace import Workspace

    ids = []
    for name, sample in (("a", "software-engineer"), ("b", "product-manager")):
        with Workspace(tmp_path / name) as w:
            import_ladder(w, load_sample(sample), source=sample)
            stored = active_ladder(w)
            suggester = judgement.workspace_suggester(w, stored)
            ids.append({c.id for c in suggester.ladder.criteria})
            assert {c.id for c in stored.ladder.criteria} == ids[-1]
    assert ids[0] != ids[1]


UNDERSCORE_LADDER = """\
name: Underscore Ladder
levels: [{id: E1, name: Engineer}, {id: E2, name: Senior}]
criteria:
  - id: working_together
    name: Working together
    description: Communication, collaboration and feedback with peers and partners.
    expectations: {E1: Shares updates and asks for feedback., E2: Aligns several teams.}
  - id: Growing_People
    name: Growing people
    description: Mentoring, coaching, onboarding and hiring.
    expectations: {E1: Helps new joiners., E2: Mentors several engineers.}
"""


def test_suggest_prints_a_ladders_own_ids_exactly_as_written(run, tmp_path):
    """Held-out ladders are scored by their own ids: 'working_together' must not come back
    as 'working-together', nor 'Growing_People' as 'growing-people'."""
    ladder = tmp_path / "underscore.yaml"
    ladder.write_text(UNDERSCORE_LADDER, encoding="utf-8")
    run("init", "--ladder", str(ladder), "--current", "E1", "--target", "E2")
    cases = tmp_path / "in.jsonl"
    cases.write_text(
        '{"id": 1, "text": "Mentored two new hires through their first month"}\n'
        '{"id": 2, "text": "Wrote the weekly update for our partner teams"}\n',
        encoding="utf-8",
    )
    lines = [json.loads(x) for x in run("suggest", "--jsonl", str(cases)).output.splitlines()]
    ids = {c["id"] for line in lines for c in line["criteria"]}
    assert ids <= {"working_together", "Growing_People"}
    assert lines[0]["criteria"][0]["id"] == "Growing_People"
    status = json.loads(run("status", "--json").output)
    assert {c["criterion_id"] for c in status["criteria"]} == {
        "working_together",
        "Growing_People",
    }
    # people may type the id loosely: case and '-' for '_' do not matter
    run("add", "Paired with the design team on the checkout flow", "-c", "working-together")
    run("add", "Onboarded a new hire", "-c", "growing_people")
    linked = json.loads(run("log", "--json").output)
    accepted = sorted(
        c["criterion_id"] for e in linked for c in e["criteria"] if c["status"] == "accepted"
    )
    assert accepted == ["Growing_People", "working_together"]


def test_suggest_ladder_by_display_name_or_as_a_file(run, tmp_path):
    """--ladder takes a stored ladder's slug, its display name typed loosely, or a ladder
    file used as it is (nothing imported)."""
    ladder = tmp_path / "underscore.yaml"
    ladder.write_text(UNDERSCORE_LADDER, encoding="utf-8")
    cases = tmp_path / "in.jsonl"
    cases.write_text('{"id": "a", "text": "Mentored two new hires"}\n', encoding="utf-8")
    from_file = json.loads(run("suggest", "--jsonl", str(cases), "--ladder", str(ladder)).output)
    assert from_file["criteria"][0]["id"] == "Growing_People"
    assert json.loads(run("ladder", "list", "--json").output) == []  # nothing was imported
    run("ladder", "import", str(ladder), "--no-activate")
    for name in ("underscore-ladder", "Underscore Ladder", "underscore_ladder"):
        line = json.loads(run("suggest", "--jsonl", str(cases), "--ladder", name).output)
        assert line == from_file
    missing = run("suggest", "x", "--ladder", "no-such-ladder.yaml", ok=False)
    assert missing.exit_code == 1 and "no ladder 'no-such-ladder.yaml'" in missing.output


def test_suggest_json_ranks_weak_criteria_the_human_view_leaves_out(run, tmp_path):
    """The JSON contract ranks every criterion with any signal (a third choice still counts
    for top-3); the terminal view drops scores under 0.05 as noise."""
    ladder = Path(__file__).parents[1] / "benchmarks/devsets/ladders/tidewater.yaml"
    text = "Ran 6 interview loops for the data team"
    data = json.loads(run("suggest", text, "--json", "--ladder", str(ladder)).output)
    weak = [c for c in data["criteria"] if c["score"] < 0.05]
    assert weak and len(data["criteria"]) >= 3
    assert [c["score"] for c in data["criteria"]] == sorted(
        (c["score"] for c in data["criteria"]), reverse=True
    )
    human = run("suggest", text, "--ladder", str(ladder)).output
    assert all(f"({c['id']})" not in human for c in weak)


def test_suggest_ladder_takes_the_sample_name_init_took(run):
    run("init", "--ladder", "software-engineer", "--current", "SE3", "--target", "SE4")
    data = json.loads(
        run("suggest", "Ran 12 phone screens", "--json", "--ladder", "software-engineer").output
    )
    assert data["criteria"] and data["criteria"][0]["id"]
