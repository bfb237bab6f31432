"""Import summaries and notes read as English for one item as for many."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from promocase.cli.importers import _report
from promocase.services.importing import ImportedEntry, ImportSummary

ONE_MEETING = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:talk
SUMMARY:Tech talk: retries
DTSTART:20261001T150000Z
END:VEVENT
BEGIN:VEVENT
UID:standup
SUMMARY:Standup
DTSTART:20261002T150000Z
END:VEVENT
END:VCALENDAR
"""


def _file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_one_issue_one_row(tmp_path, run, ws):
    out = run("import", "issues", _file(tmp_path, "i.csv", "Title,State\nShip it,closed\n")).output
    assert "from 1 issue;" in out and "read 1 row as" in out


def test_one_meeting_and_one_ordinary_meeting(tmp_path, run, ws):
    out = run("import", "calendar", _file(tmp_path, "c.ics", ONE_MEETING)).output
    assert "from 1 meeting;" in out
    assert "read 2 events; 1 ordinary meeting left out" in out


def test_one_bullet(tmp_path, run, ws):
    out = run("import", "brag", _file(tmp_path, "b.md", "## 2026-03\n- Shipped it\n")).output
    assert "from 1 bullet;" in out


def _summary(verdicts: list[str]) -> ImportSummary:
    summary = ImportSummary(source="brag", dry_run=False, found=len(verdicts))
    summary.added = summary.new = summary.items = len(verdicts)
    for n, verdict in enumerate(verdicts, 1):
        entry = ImportedEntry("added", "2026-03-01", f"Did thing {n}", f"r{n}", 1, id=n)
        entry.verdict = verdict
        summary.entries.append(entry)
    return summary


def test_vague_entries_are_counted_in_english(capsys):
    _report(_summary(["vague"]), False, "bullet", "bullets")
    assert "It says what you did" in capsys.readouterr().out
    _report(_summary(["vague", "specific"]), False, "bullet", "bullets")
    assert "1 of them says what you did" in capsys.readouterr().out
    _report(_summary(["vague", "vague", "specific"]), False, "bullet", "bullets")
    assert "2 of them say what you did" in capsys.readouterr().out


def test_large_counts_are_grouped_in_thousands(capsys):
    """'Added 20016 entries from 100000 commits' is hard to read at a glance."""
    summary = _summary(["vague"] * 1200 + ["specific"] * 800)
    summary.items, summary.skipped = 100_000, 1_500
    _report(summary, False, "commit", "commits")
    out = capsys.readouterr().out
    assert "Added 2,000 entries from 100,000 commits; 1,500 already imported." in out
    assert "and 1,985 more" in out and "1,200 of them say" in out


@given(
    texts=st.lists(st.text(), max_size=4),
    notes=st.lists(st.text(), max_size=2),
    encoded_ahead=st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_json_text_is_json_dumps_of_the_summary(texts, notes, encoded_ahead):
    """The compact text --json prints, with or without entries encoded ahead, is exactly
    json.dumps of to_json(): any text, notes, counts and skipped entries."""
    summary = ImportSummary(source="git", dry_run=False, found=len(texts) + 1, notes=notes)
    summary.detected = {"commits": 7, "new_commits": 5, "merges": 0}
    summary.entries.append(ImportedEntry("exists", "2026-01-02", "Old — one", "r0", 2))
    for n, text in enumerate(texts, 1):
        entry = ImportedEntry("added", "2026-03-01", text, f"r{n}", n, id=n, verdict="vague")
        entry.missing = ["metric", "outcome"]
        entry.suggestions = [{"criterion_id": "impact", "score": 0.125 * n}]
        if encoded_ahead[n - 1]:
            entry.encode()
        summary.entries.append(entry)
    assert summary.json_text() == json.dumps(summary.to_json(), ensure_ascii=False)


def test_echo_json_takes_the_compact_text_and_indents_only_small_documents(capsys, monkeypatch):
    """Given the compact text, a small document is still indented (from data(), called only
    then); a huge one is printed as given, without building the document."""
    from promocase.cli import output

    doc = {"entries": [{"id": 1, "text": "Cut p95 — 1.4 s → 380 ms"}]}
    calls: list[int] = []

    def data() -> dict:
        calls.append(1)
        return doc

    output.echo_json(data, compact=json.dumps(doc, ensure_ascii=False))
    printed = capsys.readouterr().out
    assert printed.startswith('{\n  "entries"') and json.loads(printed) == doc and calls == [1]
    monkeypatch.setattr(output, "COMPACT_JSON_OVER", 20)
    output.echo_json(data, compact=json.dumps(doc, ensure_ascii=False))
    printed = capsys.readouterr().out
    assert printed == json.dumps(doc, ensure_ascii=False) + "\n" and calls == [1]
