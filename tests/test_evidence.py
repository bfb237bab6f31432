"""Capturing and finding evidence through the CLI; deleting never destroys."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from promocase.core.dates import parse_when
from promocase.core.errors import ValidationError
from promocase.core.evidence import parse_metric


def test_added_entries_show_in_log_json(run):
    run(
        "add",
        "Cut p95 checkout latency",
        "--metric",
        "p95 latency: 820 -> 240 ms",
        "--role",
        "led",
        "--scope",
        "org",
        "--tag",
        "perf",
        "--link",
        "https://x.example/pr/1",
        "--date",
        "2026-11-01",
        "--outcome",
        "Conversion up 2%",
    )
    run("add", "Wrote the queue RFC", "--date", "yesterday")
    entries = json.loads(run("log", "--json").output)
    assert isinstance(entries, list) and len(entries) == 2
    newest, oldest = entries
    assert {"id", "date", "text"} <= set(newest)
    assert newest["date"] == "2026-11-19" and newest["text"] == "Wrote the queue RFC"
    assert oldest["metric"] == {
        "name": "p95 latency",
        "unit": "ms",
        "value": None,
        "before": 820.0,
        "after": 240.0,
    }
    assert (oldest["role"], oldest["scope"], oldest["tags"]) == ("led", "org", ["perf"])
    assert oldest["links"] == ["https://x.example/pr/1"]
    assert oldest["outcome"] == "Conversion up 2%"


def test_add_reads_text_from_stdin_when_not_a_terminal(run):
    run("add", input="Mentored Sam through his first on-call week\n")
    assert json.loads(run("log", "--json").output)[0]["text"].startswith("Mentored Sam")


def test_empty_text_is_refused(run):
    result = run("add", "   ", ok=False)
    assert result.exit_code == 1 and "empty" in result.output


def test_bad_role_is_a_usage_error_listing_choices(run):
    result = run("add", "x", "--role", "boss", ok=False)
    assert result.exit_code == 2 and "led" in result.output


def test_unknown_criterion_lists_the_known_ones(run, acme_ws):
    result = run("add", "x", "--criterion", "nope", ok=False)
    assert result.exit_code == 1 and "technical-craft" in result.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-11-20"),
        ("yesterday", "2026-11-19"),
        ("3 days ago", "2026-11-17"),
        ("2 weeks ago", "2026-11-06"),
        ("2026-01-31", "2026-01-31"),
    ],
)
def test_dates_people_type(text, expected):
    from datetime import date

    assert parse_when(text, today=date(2026, 11, 20)).isoformat() == expected


def test_unreadable_date_explains_the_forms():
    from datetime import date

    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        parse_when("last tuesday-ish", today=date(2026, 11, 20))


@pytest.mark.parametrize(
    ("text", "name", "value", "before", "after", "unit"),
    [
        ("p95 latency: 820 -> 240 ms", "p95 latency", None, 820, 240, "ms"),
        ("35%", None, 35, None, None, "%"),
        ("tickets closed: 120", "tickets closed", 120, None, None, None),
        ("revenue: 1,200 to 1,500 USD", "revenue", None, 1200, 1500, "USD"),
        ("build time: 14 min → 3 min", "build time", None, 14, 3, "min"),
    ],
)
def test_metric_forms(text, name, value, before, after, unit):
    m = parse_metric(text)
    assert (m.name, m.value, m.before, m.after, m.unit) == (name, value, before, after, unit)


def test_unreadable_metric_shows_an_example():
    with pytest.raises(ValidationError, match="BEFORE -> AFTER"):
        parse_metric("a lot faster")


def test_praise_records_who_and_whether_verified(run):
    run(
        "praise",
        "Her design review saved us a quarter",
        "--from",
        "Ana Ruiz, Director",
        "--verified",
    )
    entry = json.loads(run("log", "--kind", "praise", "--json").output)[0]
    assert entry["kind"] == "praise" and entry["from"] == "Ana Ruiz, Director"
    assert entry["verified"] is True


def test_search_is_ranked_and_matches_prefixes(run):
    run("add", "Migrated billing to Postgres 15")
    run("add", "Postgres upgrade runbook; postgres failover drill with postgres team")
    run("add", "Ran the hiring loop")
    hits = json.loads(run("search", "postgres", "--json").output)
    assert len(hits) == 2
    assert hits[0]["score"] >= hits[1]["score"]
    assert json.loads(run("search", "migrat", "--json").output)[0]["text"].startswith("Migrated")
    assert json.loads(run("search", 'weird "quotes" AND (', "--json").output) == []


def test_log_filters_by_date_tag_and_criterion(run, acme_ws):
    run("add", "Old thing", "--date", "2026-01-01", "--tag", "infra")
    run("add", "New thing", "--date", "2026-11-01", "--tag", "infra", "-c", "mentoring")
    run("add", "Other", "--date", "2026-11-02")
    assert [
        e["text"]
        for e in json.loads(run("log", "--since", "2026-10-01", "--tag", "infra", "--json").output)
    ] == ["New thing"]
    assert [
        e["text"] for e in json.loads(run("log", "--criterion", "mentoring", "--json").output)
    ] == ["New thing"]
    assert [
        e["text"] for e in json.loads(run("log", "--until", "2026-06-01", "--json").output)
    ] == ["Old thing"]


def test_edit_keeps_history_and_delete_restore_round_trip(run):
    run("add", "Helped with the migration")
    run(
        "edit",
        "1",
        "--text",
        "Led the billing migration",
        "--role",
        "led",
        "--metric",
        "downtime: 0 min",
    )
    shown = json.loads(run("show", "#1", "--history", "--json").output)
    assert shown["text"] == "Led the billing migration" and shown["role"] == "led"
    assert [h["action"] for h in shown["history"]] == ["create", "update"]
    assert shown["history"][0]["snapshot"]["text"] == "Helped with the migration"
    run("edit", "1", "--role", "")
    assert json.loads(run("show", "1", "--json").output)["role"] is None
    run("delete", "1")
    assert json.loads(run("log", "--json").output) == []
    assert json.loads(run("log", "--deleted", "--json").output)[0]["id"] == 1
    assert "deleted" in run("edit", "1", "--text", "x", ok=False).output
    run("restore", "1")
    entry = json.loads(run("show", "1", "--history", "--json").output)
    assert [h["action"] for h in entry["history"]] == [
        "create",
        "update",
        "update",
        "delete",
        "restore",
    ]


def test_edit_without_changes_in_a_pipe_explains_itself(run):
    run("add", "x")
    result = run("edit", "1", ok=False, input="")
    assert result.exit_code == 2 and "$EDITOR" in result.output


def test_show_missing_entry_says_how_to_find_ids(run):
    run("add", "x")
    result = run("show", "42", ok=False)
    assert result.exit_code == 1 and "promocase log" in result.output


def test_every_command_has_help_with_an_example(run):
    from promocase.cli import COMMANDS, cli

    for name in COMMANDS:
        cmd = cli.get_command(None, name)  # type: ignore[arg-type]
        assert cmd is not None
        text = cmd.help or ""
        assert "promocase" in text or "Example" in text, f"{name} help lacks an example"


def test_real_subprocess_capture_and_log(tmp_path):
    env = {
        "PROMOCASE_HOME": str(tmp_path / "ws"),
        "PATH": "/usr/bin:/bin",
        "PROMOCASE_TODAY": "2026-11-20",
    }
    exe = [sys.executable, "-m", "promocase"]
    added = subprocess.run(
        [*exe, "add", "Shipped the export", "-q"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    assert added.stdout.strip() == "1"
    out = subprocess.run(
        [*exe, "log", "--json"], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout)[0]["text"] == "Shipped the export"


def test_version_flag(run):
    from promocase import __version__

    assert __version__ in run("--version").output


def test_praise_is_judged_like_any_capture(acme_ws, run):
    """Testimony gets suggested criteria and next-level signals, as `add` does, but no
    measurability verdict (it is someone else's words about the work)."""
    acme_ws.close()
    result = run(
        "praise",
        "Priya mentored two new engineers through their first on-call rotation",
        "--from",
        "Dana Lee, Engineering Manager",
        "--json",
    )
    judged = json.loads(result.output)["judgement"]
    assert judged["verdict"] is None and "mentoring" in judged["signals"]
    assert judged["suggestions"][0]["criterion_id"] == "mentoring"
    human = run("praise", "She led the incident review", "--from", "Ana, Director").output
    assert "Recorded praise" in human and "Vague" not in human


def test_long_lists_go_through_the_pager_only_in_a_terminal(run, monkeypatch):
    """`log` in a terminal pages more than a screenful, as git log does; piped, it prints."""
    from promocase.cli import output

    for n in range(40):
        run("add", f"Shipped change {n}")
    paged: list[str] = []
    monkeypatch.setattr(output.click, "echo_via_pager", lambda text: paged.append(text))
    piped = run("log").output
    assert piped.count("Shipped change") == 40 and not paged
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    assert run("log").output == "" and paged[0].count("Shipped change") == 40
    assert run("log", "-n", "5").output.count("Shipped change") == 5  # a screenful: no pager


def test_help_lists_every_command_once_by_workflow_in_80_columns(run):
    import re

    from promocase.cli import COMMANDS, SECTIONS

    out = run("--help", terminal_width=80).output
    for title, _ in SECTIONS:
        assert f"\n{title}:\n" in out
    listed = re.findall(r"^  ([a-z]+)  +\S", out.split("Set up:", 1)[1], flags=re.M)
    assert sorted(listed) == sorted(COMMANDS)  # each once, none missing
    assert "..." not in out.split("Set up:", 1)[1]  # nothing cut short
    assert max(len(line) for line in out.splitlines()) <= 80
    sub = run("import", "--help", terminal_width=80).output
    assert "calendar" in sub and "git" in sub and "..." not in sub.split("Commands:", 1)[1]


def test_future_dates_are_refused_but_old_entries_stay_editable(run, acme_ws):
    acme_ws.close()
    out = run("add", "Shipped the thing", "-d", "2099-01-01", ok=False).output
    assert "in the future" in out
    run("add", "Shipped the other thing", "-d", "yesterday")


def test_log_refuses_filters_that_are_typos(run, acme_ws):
    acme_ws.close()
    run("add", "Cut p95 latency from 820 to 240 ms", "-c", "delivery")
    typo = run("log", "-c", "delivry", ok=False).output
    assert "not a criterion" in typo and "delivery" in typo
    swapped = run("log", "--since", "2026-12-01", "--until", "2026-01-01", ok=False).output
    assert "after the end date" in swapped
    assert "Cut p95" in run("log", "-c", "delivery").output


def test_log_shows_testimony_with_who_said_it(run, acme_ws):
    acme_ws.close()
    run("praise", "Her design review saved us a quarter", "--from", "Ana Ruiz, Director")
    line = run("log").output
    assert "“Her design review saved us a quarter” — Ana Ruiz, Director" in line


def test_show_history_says_what_each_edit_changed(run, acme_ws):
    acme_ws.close()
    run("add", "Cut p95 latency", "--metric", "p95: 820 -> 240 ms")
    run("edit", "1", "--outcome", "Checkout conversion up 2%", "--role", "led")
    run("edit", "1", "--metric", "p95: 820 -> 200 ms")
    out = run("show", "1", "--history").output
    assert "create: Cut p95 latency" in out
    assert "outcome (none) → “Checkout conversion up 2%”; role (none) → “led”" in out
    assert "metric “p95: 820 ms → 240 ms” → “p95: 820 ms → 200 ms”" in out


@pytest.mark.parametrize(
    "args",
    [
        ("log",),
        ("status",),
        ("search", "latency"),
        ("show", "1"),
        ("export", "--format", "json"),
        ("packet",),
        ("backup", "{tmp}/copy.db"),
    ],
)
def test_reading_a_folder_without_a_workspace_says_so_and_creates_nothing(run, home, args):
    # A mistyped --home used to get a new empty workspace and an empty log: it read as data lost.
    result = run(*(a.format(tmp=home.parent) for a in args), ok=False)
    assert result.exit_code == 1
    assert f"No workspace at {home} (--home)" in result.output
    assert "nothing was created" in result.output and "promocase init" in result.output
    assert not home.exists() and not (home.parent / "copy.db").exists()


def test_the_environment_variable_is_named_when_it_chose_the_missing_folder(home):
    from click.testing import CliRunner

    from promocase.cli import cli

    result = CliRunner().invoke(cli, ["log"], env={"PROMOCASE_HOME": str(home)})
    assert result.exit_code == 1 and f"No workspace at {home} (PROMOCASE_HOME)" in result.output
    assert not home.exists()


def test_capture_still_starts_a_workspace_in_a_new_folder(run, home):
    run("add", "Cut p95 checkout latency from 820 ms to 240 ms")
    assert (home / "promocase.db").exists()
    assert "Cut p95 checkout latency" in run("log").output


def test_metric_numbers_read_as_people_write_them_and_parse_back_exactly():
    assert parse_metric("revenue: 1,234,567.5 USD").describe() == "revenue: 1,234,567.5 USD"
    cost = parse_metric("cost: 14200 -> 4800 USD")
    assert cost.describe() == "cost: 14,200 USD → 4,800 USD"
    assert parse_metric(cost.describe().replace("→", "->")) == cost
    assert parse_metric("p95: 0.4 ms").describe() == "p95: 0.4 ms"


@hyp_settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e18, max_value=1e18))
def test_every_number_is_written_without_an_exponent_and_reads_back_the_same(value):
    from promocase.core.words import number

    text = number(value)
    assert "e" not in text.lower()
    assert float(text.replace(",", "")) == value


def test_goal_figures_keep_four_digits_without_an_exponent():
    from promocase.services.goals import _num

    assert (
        _num(12345.6) == "12,350" and _num(0.12345) == "0.1235" and _num(2_000_000) == "2,000,000"
    )
