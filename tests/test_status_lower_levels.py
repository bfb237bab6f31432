"""Criteria defined only below the target level count as met unless the person says otherwise."""

from __future__ import annotations

import json

LADDER = """\
name: Lean Ladder
levels: [L1, L2, L3]
criteria:
  - id: craft
    name: Craft
    expectations: {L1: Ships tested code., L2: Designs modules., L3: Designs systems.}
  - id: basics
    name: Basics
    expectations: {L1: Follows the team's process.}
"""


def test_lower_level_criterion_defaults_to_met_until_assessed(run, tmp_path):
    path = tmp_path / "lean.yaml"
    path.write_text(LADDER, encoding="utf-8")
    run("init", "--ladder", str(path), "--current", "L2", "--target", "L3")
    rows = {r["criterion_id"]: r for r in json.loads(run("status", "--json").output)["criteria"]}
    assert rows["basics"]["self_verdict"] == "meets"
    assert rows["basics"]["self_verdict_default"] is True
    assert rows["basics"]["disagreement"] is None
    assert rows["craft"]["self_verdict"] is None and rows["craft"]["self_verdict_default"] is False
    run("assess", "--verdict", "basics=not-yet:skipped the process twice")
    rows = {r["criterion_id"]: r for r in json.loads(run("status", "--json").output)["criteria"]}
    assert rows["basics"]["self_verdict"] == "not-yet"
    assert rows["basics"]["self_verdict_default"] is False
