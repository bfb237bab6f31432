"""Status advice: the next step is derived from what an entry actually lacks, never asks for
what it already has, and counts in words."""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("promocase.services.status")


@pytest.fixture
def qa_home(run, home):
    """The QA scenario: one measured entry I led, one design doc, one exceeded and one
    running goal, both due next year."""
    run("init", "--ladder", "software-engineer", "--current", "SE3", "--target", "SE4")
    run(
        "add", "Cut p95 checkout latency", "--metric", "p95 latency: 820 -> 240 ms",
        "--role", "led", "--scope", "team", "-c", "technical-craft",
    )  # fmt: skip
    run("add", "Reviewed pull requests for the team")
    run(
        "add",
        "Wrote the design doc for the new payments service, adopted by two teams",
        "--role",
        "owned",
        "--scope",
        "org",
        "-c",
        "system-design",
    )
    run(
        "goal", "add", "p95 checkout latency", "--baseline", "820", "--target", "300",
        "--unit", "ms", "--due", "2027-03-31", "--start", "2026-06-01",
    )  # fmt: skip
    run("goal", "update", "1", "--actual", "240", "--on", "2026-11-01")
    run(
        "goal", "add", "Teams on the platform", "--baseline", "0", "--target", "10",
        "--due", "2027-06-30", "--start", "2026-06-01",
    )  # fmt: skip
    run("goal", "update", "2", "--actual", "6", "--on", "2026-11-15")
    return home


def _gaps(run) -> dict[str, dict]:
    return {g["criterion_id"]: g for g in json.loads(run("status", "--json").output)["gaps"]}


def test_specific_entry_is_not_called_vague_nor_asked_for_what_it_has(qa_home, run):
    craft = _gaps(run)["technical-craft"]
    assert "vague entries" not in craft["reason"]
    assert "--metric" not in craft["next_action"] and "--outcome" not in craft["next_action"]
    assert "checkable" not in craft["next_action"]


def test_demo_advice_names_an_entry_that_lacks_what_it_asks_for(demo_home, run):
    gaps = {
        g["criterion_id"]: g
        for g in json.loads(run("--home", str(demo_home), "status", "--json").output)["gaps"]
    }
    for gap in gaps.values():
        found = re.search(r"promocase edit (\d+) (.*)\)", gap["next_action"])
        if not found:
            continue
        entry = json.loads(run("--home", str(demo_home), "show", found[1], "--json").output)
        if "--outcome" in found[2]:
            assert not entry.get("outcome"), gap["next_action"]
        if "--metric" in found[2]:
            assert not entry.get("metric"), gap["next_action"]
        if "--role" in found[2]:
            assert entry.get("role") not in ("led", "owned"), gap["next_action"]
    hiring = gaps["hiring"]["next_action"]
    assert "#36" not in hiring  # it has an outcome and reads as specific


def test_pending_suggestions_are_counted_in_words(qa_home, run):
    actions = " ".join(g["next_action"] for g in _gaps(run).values())
    assert "link(s)" not in actions
    assert re.search(r"\b1 suggested link waits\b", actions)
