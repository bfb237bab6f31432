"""Ladders import from YAML, JSON, CSV, Markdown and pasted text; bad files change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from promocase.core.errors import PromocaseImportError
from promocase.importers.ladder_formats import load_ladder_file, parse_ladder
from promocase.services import ladders as svc
from promocase.workspace import Workspace


def _table_counts(ws: Workspace) -> dict[str, int]:
    names = [
        r[0]
        for r in ws.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'evidence_fts%'"
        )
    ]
    return {
        n: ws.conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0]  # noqa: S608
        for n in names
    }


def test_generic_yaml_imports_into_an_empty_home_via_env(tmp_path, acme_file, monkeypatch):
    from click.testing import CliRunner

    from promocase.cli import cli

    home = tmp_path / "empty"
    home.mkdir()
    monkeypatch.setenv("PROMOCASE_HOME", str(home))
    runner = CliRunner()
    result = runner.invoke(cli, ["ladder", "import", str(acme_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == {
        "ladder": "acme-engineering",
        "version": 1,
        "changed": True,
        "active": True,
        "levels": 3,
        "criteria": 3,
    }
    shown = json.loads(runner.invoke(cli, ["ladder", "show", "--json"]).output)
    assert [lv["id"] for lv in shown["levels"]] == ["L3", "L4", "L5"]
    assert shown["criteria"][0]["expectations"]["L4"] == "Designs components other teams build on."


def test_json_ladder_has_the_same_shape(tmp_path, acme_yaml):
    import yaml

    path = tmp_path / "acme.json"
    path.write_text(json.dumps(yaml.safe_load(acme_yaml)), encoding="utf-8")
    ladder = load_ladder_file(path)
    assert ladder.name == "Acme Engineering"
    assert [c.id for c in ladder.criteria] == ["technical-craft", "mentoring", "delivery"]


def test_expectations_written_as_bullet_lists_or_level_items_import(tmp_path):
    # Frameworks often list a level's expectations as bullets; both shapes used to be refused
    # with "must be text, not list", so a held-out ladder written that way would not load.
    doc = {
        "name": "Listed",
        "levels": [{"id": 1, "name": "Engineer"}, {"id": 2, "name": "Senior"}],
        "criteria": [
            {
                "id": "Technical Skills",
                "description": ["Builds software", "Keeps it running"],
                "expectations": {1: ["Writes tested code", "Debugs production issues."], 2: "x"},
            },
            {
                "id": "people",
                "expectations": [
                    {"level": 1, "text": "Helps onboard newcomers."},
                    {"level": "2", "text": ["Mentors engineers", "Runs interviews"]},
                    {"level": 2, "expectation": "Sponsors leaders"},
                ],
            },
        ],
    }
    path = tmp_path / "listed.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    ladder = load_ladder_file(path)
    craft, people = ladder.criteria
    assert craft.id == "Technical Skills" and [lv.id for lv in ladder.levels] == ["1", "2"]
    assert craft.description == "Builds software. Keeps it running."
    assert craft.expectations["1"] == "Writes tested code. Debugs production issues."
    assert people.expectations == {
        "1": "Helps onboard newcomers.",
        "2": "Mentors engineers. Runs interviews. Sponsors leaders.",
    }


def test_levels_and_criteria_keyed_by_id_and_expectations_with_examples_import(tmp_path):
    path = tmp_path / "keyed.yaml"
    path.write_text(
        "name: Keyed\n"
        "levels:\n  E1: Engineer\n  E2: {name: Senior Engineer}\n"
        "criteria:\n"
        "  technical_craft:\n    name: Technical craft\n    expectations:\n"
        "      E1: {summary: Writes code with tests, examples: [Fixed a flaky test]}\n"
        "      E2: Designs services.\n"
        "  people:\n    expectations: {E2: Mentors engineers.}\n",
        encoding="utf-8",
    )
    ladder = load_ladder_file(path)
    assert [(lv.id, lv.name) for lv in ladder.levels] == [
        ("E1", "Engineer"),
        ("E2", "Senior Engineer"),
    ]
    craft, people = ladder.criteria
    assert (craft.id, craft.name, people.id, people.name) == (
        "technical_craft",
        "Technical craft",
        "people",
        "people",
    )
    assert craft.expectations["E1"] == "Writes code with tests. Fixed a flaky test."


@pytest.mark.parametrize(
    "expectations, message",
    [
        ([{"level": 1}], "must map level ids to text"),
        ({1: [["nested"]]}, "must be text, not list"),
        ([{"level": 9, "text": "x"}], "names level '9'"),
    ],
)
def test_malformed_expectation_lists_name_the_field(tmp_path, expectations, message):
    doc = {"name": "L", "levels": [1], "criteria": [{"id": "c", "expectations": expectations}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(PromocaseImportError) as err:
        load_ladder_file(path)
    assert message in str(err.value) and "criteria[0].expectations" in str(err.value)


def test_csv_columns_are_matched_leniently(tmp_path):
    path = tmp_path / "levels.csv"
    path.write_text(
        "Level ID;Competency;Category;What good looks like\n"
        "L3;Technical craft;Technical;Ships tested features.\n"
        "L4;Technical craft;Technical;Designs components.\n"
        "L4;Mentoring;People;Mentors two engineers.\n",
        encoding="utf-8",
    )
    ladder = load_ladder_file(path, name="Acme")
    assert [lv.id for lv in ladder.levels] == ["L3", "L4"]
    craft = ladder.criterion("technical-craft")
    assert craft and craft.area == "Technical" and craft.expectations["L4"] == "Designs components."


def test_csv_criterion_id_column_is_kept_as_written(tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text(
        "level,criterion id,criterion,expectation\n"
        "L1,working_together,Working together,Shares updates.\n"
        "L2,working_together,Working together,Aligns teams.\n"
        "L1,,Technical craft,Ships tested code.\n",
        encoding="utf-8",
    )
    ladder = load_ladder_file(path, name="Ids")
    assert [c.id for c in ladder.criteria] == ["working_together", "technical-craft"]
    assert ladder.criteria[0].expectations == {"L1": "Shares updates.", "L2": "Aligns teams."}


def test_csv_with_a_missing_column_names_it(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("level,criterion,notes\nL3,Craft,x\n", encoding="utf-8")
    with pytest.raises(PromocaseImportError, match=r"bad\.csv, line 1: .*expectation"):
        load_ladder_file(path)


def test_markdown_with_level_headings_and_labelled_bullets():
    text = """# Acme Engineering

## L3: Engineer II
- **Technical craft**: Ships tested features.
- **Delivery**: Ships tasks on time.

## L4: Senior Engineer
- **Technical craft**: Designs components other teams build on.
- **Mentoring**: Mentors engineers on the team.
"""
    ladder = parse_ladder(text, "md")
    assert ladder.name == "Acme Engineering"
    assert [lv.id for lv in ladder.levels] == ["L3", "L4"]
    assert [lv.name for lv in ladder.levels] == ["Engineer II", "Senior Engineer"]
    assert ladder.criterion("mentoring").expectations == {"L4": "Mentors engineers on the team."}


def test_markdown_with_criterion_headings_and_level_bullets():
    text = """# Product ladder

## Customer insight
- PM1: Talks to customers every sprint.
- PM2: Runs discovery for a product area.

## Execution
- PM1: Ships well-specified features.
- PM2: Ships a roadmap quarter on time.
"""
    ladder = parse_ladder(text, "md")
    assert [lv.id for lv in ladder.levels] == ["PM1", "PM2"]
    assert ladder.criterion("execution").expectations["PM2"] == "Ships a roadmap quarter on time."


def test_pasted_text_on_stdin_imports(run):
    text = """Engineer II
- Technical craft: Ships tested features.
- Delivery: Ships tasks on time.

Senior Engineer
- Technical craft: Designs components other teams build on.
- Delivery: Leads projects to completion.
"""
    result = run("ladder", "import", "-", "--name", "Pasted Ladder", "--json", input=text)
    data = json.loads(result.output)
    assert data["levels"] == 2 and data["criteria"] == 2
    shown = json.loads(run("ladder", "show", "--json").output)
    assert shown["name"] == "Pasted Ladder"
    assert [lv["name"] for lv in shown["levels"]] == ["Engineer II", "Senior Engineer"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name: X\nlevels: []\ncriteria: []\n", "levels"),
        (
            "name: X\nlevels: [L1]\ncriteria:\n  - {id: a, name: A, expectations: {L9: hi}}\n",
            "level 'L9'",
        ),
        ("name: X\nlevels: [L1, L1]\ncriteria: [{name: A}]\n", "duplicate level id"),
        (
            "name: X\nlevels: [L1]\ncriteria:\n  - {id: a, name: A}\n  - {id: a, name: B}\n",
            "duplicate criterion id 'a'",
        ),
        ("name: X\nlevels: [L1\n", "not valid YAML"),
        ("- just\n- a list\n", "top level must be a mapping"),
        ("name: X\nlevels: [L1]\ncriteria:\n  - {id: a, name: A, weight: many}\n", "weight"),
    ],
)
def test_bad_yaml_gets_a_clear_error_and_changes_nothing(tmp_path, acme_ws, content, message):
    before = _table_counts(acme_ws)
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PromocaseImportError, match=message) as info:
        ladder, source = svc.load_ladder_arg(str(path))
        svc.import_ladder(acme_ws, ladder, source=source)
    assert "bad.yaml" in str(info.value)
    assert _table_counts(acme_ws) == before


def test_yaml_error_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: X\nlevels:\n  - {id: L1\ncriteria: []\n", encoding="utf-8")
    with pytest.raises(PromocaseImportError, match=r"line \d"):
        load_ladder_file(path)


def test_deeply_nested_yaml_is_refused_cleanly(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("name: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(PromocaseImportError):
        load_ladder_file(path)


def test_cli_error_is_one_message_with_exit_1_and_no_traceback(run, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: X\nlevels: [L1]\ncriteria: nope\n", encoding="utf-8")
    result = run("ladder", "import", str(path), ok=False)
    assert result.exit_code == 1
    assert "bad.yaml" in result.output and "criteria" in result.output
    assert "Traceback" not in result.output


def test_reimporting_a_changed_ladder_adds_a_version_and_keeps_links(
    acme_ws, acme_file, run, acme_yaml
):
    run("add", "Designed the plugin API", "--criterion", "technical-craft")
    acme_file.write_text(
        acme_yaml.replace("Ships tasks on time.", "Ships tasks predictably."), encoding="utf-8"
    )
    data = json.loads(run("ladder", "import", str(acme_file), "--json").output)
    assert data["version"] == 2 and data["changed"] is True
    again = json.loads(run("ladder", "import", str(acme_file), "--json").output)
    assert again["version"] == 2 and again["changed"] is False
    # A later version without the criterion keeps the evidence's link (shown as retired).
    acme_file.write_text(acme_yaml.split("  - id: mentoring")[0], encoding="utf-8")
    run("ladder", "import", str(acme_file))
    entries = json.loads(run("log", "--json").output)
    assert entries[0]["criteria"][0]["criterion_id"] == "technical-craft"
    assert [
        v[0]
        for v in __import__("promocase.store.ladders", fromlist=["x"]).versions(
            acme_ws.conn, "acme-engineering"
        )
    ] == [1, 2, 3]


def test_samples_ship_three_ladders_with_several_levels():
    names = svc.sample_names()
    assert {"software-engineer", "engineering-manager", "product-manager"} <= set(names)
    for name in names:
        ladder = svc.load_sample(name)
        assert len(ladder.levels) >= 3, name
        assert len(ladder.criteria) >= 8, name
        for crit in ladder.criteria:
            assert crit.expectations, (name, crit.id)


def test_init_with_a_sample_sets_levels_and_defaults_the_target(run):
    data = json.loads(
        run("init", "--ladder", "software-engineer", "--current", "SE3", "--json").output
    )
    assert data["current_level"] == "SE3" and data["target_level"] == "SE4"


def test_init_with_an_unknown_level_changes_nothing(run, home):
    result = run("init", "--ladder", "software-engineer", "--current", "SE9", ok=False)
    assert result.exit_code == 1 and "SE9" in result.output and "SE1" in result.output
    ws = Workspace(home)
    assert ws.conn.execute("SELECT COUNT(*) FROM ladder").fetchone()[0] == 0
    ws.close()


def test_ladder_show_one_level(run, acme_ws):
    out = run("ladder", "show", "--level", "L5").output
    assert "Sets technical direction across several teams." in out
    assert "Ships tasks on time." not in out


def test_target_must_be_above_current(run, acme_ws):
    result = run("ladder", "levels", "--current", "L4", "--target", "L3", ok=False)
    assert result.exit_code == 1 and "above" in result.output


def test_ladder_list_marks_the_active_one(run, acme_ws):
    run("ladder", "import", "product-manager")
    items = json.loads(run("ladder", "list", "--json").output)
    assert [(i["slug"], i["active"]) for i in items] == [
        ("acme-engineering", True),
        ("product-manager-sample", False),
    ]
    run("ladder", "use", "product-manager-sample")
    items = json.loads(run("ladder", "list", "--json").output)
    assert [i["active"] for i in items] == [False, True]


def test_path_that_is_a_directory_is_refused(tmp_path):
    with pytest.raises(PromocaseImportError, match="not a regular file"):
        load_ladder_file(Path(tmp_path))


def test_a_documents_own_criterion_ids_are_kept_and_bad_ones_refused():
    from promocase.core.ladder import ladder_from_mapping

    def ladder(*ids: str) -> dict:
        return {
            "name": "Ids",
            "levels": [{"id": "L1", "name": "One"}],
            "criteria": [{"id": i, "name": f"Criterion {n}"} for n, i in enumerate(ids)],
        }

    kept = ladder_from_mapping(ladder("working_together", "Tech", "3.b"), source="ids.yaml")
    assert [c.id for c in kept.criteria] == ["working_together", "Tech", "3.b"]
    assert kept.find_criterion("Working-Together").id == "working_together"
    assert kept.find_criterion("tech").id == "Tech"
    # no id: one is made from the name
    named = ladder_from_mapping(
        {"name": "N", "levels": ["L1"], "criteria": [{"name": "System design"}]}, source="n"
    )
    assert named.criteria[0].id == "system-design"
    with pytest.raises(PromocaseImportError, match="slash"):
        ladder_from_mapping(ladder("a/b"), source="ids.yaml")
    with pytest.raises(PromocaseImportError, match="duplicate criterion id 'tech'"):
        ladder_from_mapping(ladder("Tech", "tech"), source="ids.yaml")
