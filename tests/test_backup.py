"""Nothing lost: JSON export round trips exactly, CSV is defused, backups are sound."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promocase.core.csvsafe import defuse
from promocase.core.errors import PromocaseError, PromocaseImportError
from promocase.services import backup as svc
from promocase.services.evidence import (
    EvidenceChanges,
    EvidenceInput,
    add_evidence,
    delete_evidence,
    edit_evidence,
)
from promocase.workspace import Workspace


def _fill(ws: Workspace) -> None:
    add_evidence(
        ws,
        EvidenceInput(
            text="Cut latency",
            metric="p95: 820 -> 240 ms",
            role="led",
            tags=["perf"],
            links=["https://x.example/1"],
            criteria=["technical-craft"],
        ),
    )
    add_evidence(
        ws,
        EvidenceInput(
            text="Quote “ünïcödé” 🚀 עברית\r\nsecond line",
            kind="praise",
            praise_from="Ana, Dir",
            verified=True,
        ),
    )
    add_evidence(ws, EvidenceInput(text='=HYPERLINK("http://evil")', tags=["csv"]))
    edit_evidence(ws, 1, EvidenceChanges(outcome="Conversion up"))
    delete_evidence(ws, 3)


def test_json_export_import_export_is_identical(acme_ws, tmp_path):
    _fill(acme_ws)
    first = svc.export_json(acme_ws)
    target = Workspace(tmp_path / "restored")
    counts = svc.import_json_text(target, first, source="backup.json")
    assert counts["evidence"] == 3 and counts["ladder"] == 1
    assert svc.export_json(target) == first
    # Search works in the restored workspace (the index is rebuilt, not exported).
    from promocase.services.evidence import search_evidence

    assert [e.id for e, _ in search_evidence(target, "latency")] == [1]
    target.close()


def test_cli_export_to_file_is_private_and_restores(run, acme_ws, tmp_path):
    run("add", "Shipped it", "--tag", "x")
    out = tmp_path / "backup.json"
    run("export", "--format", "json", "--output", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    from click.testing import CliRunner

    from promocase.cli import cli

    restored = CliRunner().invoke(
        cli, ["--home", str(tmp_path / "new"), "import", "json", str(out)]
    )
    assert restored.exit_code == 0, restored.output
    again = CliRunner().invoke(cli, ["--home", str(tmp_path / "new"), "export"])
    assert again.output == out.read_text(encoding="utf-8")


def test_restore_into_a_workspace_with_data_is_refused_and_changes_nothing(acme_ws, tmp_path):
    _fill(acme_ws)
    dump = svc.export_json(acme_ws)
    with pytest.raises(PromocaseError, match="already has data"):
        svc.import_json_text(acme_ws, dump, source="b.json")
    assert svc.export_json(acme_ws) == dump


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"format": "other"}', "not a promocase JSON export"),
        ('{"format": "promocase-export", "version": 99}', "export version"),
        ('{"format": "promocase-export", "version": 1, "schema": 9999, "tables": {}}', "newer"),
        (
            '{"format": "promocase-export", "version": 1, "schema": 1, "tables": {"x": []}}',
            "tables this promocase does not know",
        ),
        (
            '{"format": "promocase-export", "version": 1, "schema": 1, "tables": {"evidence": '
            '[{"id": 1, "evil": 2}]}}',
            "unknown columns: evil",
        ),
        (
            '{"format": "promocase-export", "version": 1, "schema": 1, "tables": {"evidence": '
            '[{"id": 1, "date": "2026-01-01"}]}}',
            "breaks a rule",
        ),
    ],
)
def test_bad_json_imports_explain_and_write_nothing(tmp_path, text, message):
    ws = Workspace(tmp_path / "ws")
    with pytest.raises(PromocaseImportError, match=message):
        svc.import_json_text(ws, text, source="b.json")
    assert ws.conn.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == 0
    ws.close()


_record = st.fixed_dictionaries(
    {
        "text": st.text(min_size=1, max_size=2000).filter(lambda s: s.strip()),
        "outcome": st.one_of(st.none(), st.text(max_size=300)),
        "tags": st.lists(st.text(alphabet="abcdefghij-_ü🚀", min_size=1, max_size=8), max_size=3),
    }
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=st.lists(_record, min_size=1, max_size=5))
def test_any_records_round_trip_through_json(tmp_path_factory, records):
    root = tmp_path_factory.mktemp("rt")
    ws = Workspace(root / "a")
    for r in records:
        add_evidence(ws, EvidenceInput(text=r["text"], outcome=r["outcome"], tags=r["tags"]))
    first = svc.export_json(ws)
    other = Workspace(root / "b")
    svc.import_json_text(other, first, source="x")
    assert svc.export_json(other) == first
    assert [e.text for e in svc.evidence_store.list_evidence(other.conn)] == [
        e.text for e in svc.evidence_store.list_evidence(ws.conn)
    ]
    ws.close()
    other.close()


TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n", "\0"]


@settings(max_examples=2000, deadline=None)
@given(trigger=st.sampled_from(TRIGGERS), rest=st.text(max_size=30))
def test_defused_cells_never_start_with_a_formula_trigger(trigger, rest):
    cell = defuse(trigger + rest)
    buf = io.StringIO()
    csv.writer(buf).writerow([cell])
    parsed = next(csv.reader(io.StringIO(buf.getvalue())))[0]
    assert (
        parsed.startswith("'")
        or not parsed.startswith(tuple(TRIGGERS))
        or (
            parsed.lstrip("+-")
            .replace(".", "", 1)
            .replace("e", "", 1)
            .replace("E", "", 1)
            .lstrip("+-")
            .isdigit()
        )
    )


@pytest.mark.parametrize("value", ["-3.5", "+12", "-0.25", "1e-3"])
def test_plain_numbers_stay_numeric(value):
    assert defuse(value) == value


@pytest.mark.parametrize(
    "value", ["\t=1+1", "\r=1", "=cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "+1+1", "\0=1"]
)
def test_formula_cells_are_prefixed(value):
    assert defuse(value).startswith("'")


def test_csv_export_defuses_every_cell(run, acme_ws):
    run("add", '=HYPERLINK("http://evil.example")', "--tag", "x")
    run("add", "\t=1+2 tab formula")
    run("praise", "@SUM(1)", "--from", "-2+3 evil, Dir")
    text = run("export", "--format", "csv").output
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["id", "date", "kind", "text"]
    for row in rows[1:]:
        for cell in row:
            assert (
                not cell.startswith(tuple(TRIGGERS))
                or cell.startswith("'")
                or cell.lstrip("-").replace(".", "").isdigit()
            ), cell


def test_markdown_export_reads_as_a_document_and_escapes_markup(run, acme_ws):
    run(
        "add", "Shipped <script>alert(1)</script> *fast*", "-c", "mentoring", "--date", "2026-10-02"
    )
    text = run("export", "--format", "md").output
    assert text.startswith("# Evidence log")
    assert "## 2026-10" in text and "Criteria: Mentoring" in text
    assert "<script>" not in text


def test_backup_copies_a_sound_private_database(run, acme_ws, tmp_path):
    run("add", "Something worth keeping")
    target = tmp_path / "b.db"
    run("backup", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT text FROM evidence").fetchone()[0] == "Something worth keeping"
    again = run("backup", str(target), ok=False)
    assert again.exit_code == 1 and "--force" in again.output
    folder = tmp_path / "many"
    folder.mkdir()
    run("backup", str(folder))
    assert len(list(folder.glob("promocase-*.db"))) == 1


def test_backup_during_concurrent_writes_is_sound(tmp_path, acme_ws):
    import threading

    from promocase.services.evidence import add_evidence as add

    stop = threading.Event()

    def writer() -> None:
        w = Workspace(acme_ws.home)
        while not stop.is_set():
            add(w, EvidenceInput(text="concurrent write"))
        w.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for i in range(3):
            target = svc.backup(acme_ws, tmp_path / f"b{i}.db")
            assert sqlite3.connect(target).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        stop.set()
        thread.join()


def test_restored_example_from_docs(tmp_path: Path):
    """An export made by the docs' example restores with the same counts."""
    ws = Workspace(tmp_path / "a")
    add_evidence(ws, EvidenceInput(text="one"))
    data = json.loads(svc.export_json(ws))
    assert data["format"] == "promocase-export" and data["version"] == 1
    assert "evidence_fts" not in data["tables"]
    ws.close()


def test_a_number_followed_by_a_line_break_is_defused() -> None:
    """Found by Hypothesis: '$' in the number pattern let "+0\\n" pass as a plain number."""
    assert defuse("+0\n") == "'+0\n"
    assert defuse("-3.5") == "-3.5"


def test_outputs_into_a_missing_folder_are_created_and_bad_targets_are_told(acme_ws, run, tmp_path):
    """status --chart and export -o crashed with a traceback when the folder did not exist."""
    acme_ws.close()
    chart = tmp_path / "new" / "deeper" / "readiness.svg"
    result = run("status", "--chart", str(chart))
    assert chart.read_text().startswith("<svg") and "Traceback" not in result.output
    out = tmp_path / "missing" / "log.md"
    run("export", "--format", "md", "--output", str(out))
    assert out.read_text().strip()
    packet = run("packet", "-o", str(tmp_path / "p" / "packet.md"))
    assert "Traceback" not in packet.output
    folder = run("status", "--chart", str(tmp_path), ok=False)
    assert folder.exit_code == 2 and "is a directory" in folder.output  # Click's check
    trailing = run("packet", "-o", f"{tmp_path / 'newdir'}/", ok=False)
    assert trailing.exit_code == 1 and "is a folder" in trailing.output
    blocked = tmp_path / "file"
    blocked.write_text("x")
    nested = run("export", "--format", "md", "-o", str(blocked / "x.md"), ok=False)
    assert nested.exit_code == 1 and "Cannot write" in nested.output


def test_backup_to_a_new_folder_path_and_twice_in_one_second(acme_ws, run, tmp_path):
    acme_ws.close()
    first = run("backup", f"{tmp_path / 'backups'}/").output
    second = run("backup", f"{tmp_path / 'backups'}/").output
    made = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert len(made) == 2 and all(n.endswith(".db") for n in made), (first, second, made)
