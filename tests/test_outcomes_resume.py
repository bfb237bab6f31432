"""The resume: valid JSON Resume, a role per level, strongest specific highlights, redaction, job."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from promocase.workspace import Workspace

SCHEMA = json.loads((Path(__file__).parent / "data" / "resume-schema.json").read_text("utf-8"))


@pytest.fixture
def demo_copy(demo_home: Path, tmp_path: Path) -> Path:
    home = tmp_path / "demo"
    shutil.copytree(demo_home, home)
    return home


def _validate(data: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_demo_resume_json_validates_against_the_official_schema(demo_home: Path) -> None:
    from click.testing import CliRunner

    from promocase.cli import cli

    result = CliRunner().invoke(cli, ["--home", str(demo_home), "resume", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    _validate(data)
    work = data["work"]
    assert [w["position"] for w in work] == ["Senior Software Engineer", "Software Engineer II"]
    assert {w["name"] for w in work} == {"Brightwharf Logistics"}
    assert work[0]["startDate"] == work[1]["endDate"]  # the promotion date joins the roles
    assert "Promoted to Senior Software Engineer" in work[1]["summary"]
    assert 3 <= len(work[0]["highlights"]) <= 5
    assert data["basics"]["name"] == "Noor Haddad"


def test_highlights_are_specific_entries_never_vague_ones(demo_home: Path) -> None:
    from promocase.services.resume import build_resume

    ws = Workspace(demo_home)
    try:
        built = build_resume(ws)
        vague = ws.conn.execute(
            "SELECT id FROM evidence WHERE text IN ('Meetings about the RFC.', "
            "'Started thinking about strategy for next year.')"
        ).fetchall()
    finally:
        ws.close()
    chosen = {h.evidence_id for role in built.highlights for h in role}
    assert chosen and not chosen & {int(r[0]) for r in vague}
    assert all(any(ch.isdigit() for ch in h.text) for h in built.highlights[-1])


def test_a_promotion_logged_later_adds_a_role(run, acme_ws) -> None:  # type: ignore[no-untyped-def]
    run("add", "Cut p95 checkout latency", "--metric", "p95: 820 -> 240 ms", "--date", "2026-01-10")
    run(
        "add",
        "Led the billing migration",
        "--outcome",
        "Old cluster retired",
        "--date",
        "2026-09-01",
    )
    run(
        "conversation",
        "add",
        "--with",
        "Committee",
        "--decision",
        "promoted",
        "--level",
        "L4",
        "--date",
        "2026-06-01",
    )
    data = json.loads(run("resume", "--format", "json").output)
    _validate(data)
    assert [w["position"] for w in data["work"]] == ["Senior Engineer", "Engineer II"]
    assert data["work"][0]["startDate"] == "2026-06"
    assert "billing" in data["work"][0]["highlights"][0]
    assert "latency" in data["work"][1]["highlights"][0]


def test_redact_uses_the_packet_list(demo_copy: Path, run) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace(demo_copy)
    config = ws.config()
    config["redact"] = {"terms": ["Brightwharf Logistics", "Returns", "Noor Haddad"]}
    ws.write_config(config)
    ws.close()
    run.home = demo_copy
    out = run("resume", "--format", "json", "--redact").output
    data = json.loads(out)
    _validate(data)
    assert "Brightwharf" not in out and "Noor Haddad" not in out and "Returns" not in out
    assert "[redacted]" in out


def test_job_description_reranks_highlights(demo_home: Path, tmp_path: Path) -> None:
    from promocase.services.resume import build_resume

    ws = Workspace(demo_home)
    try:
        plain = build_resume(ws, per_role=3)
        job = "Staff engineer, data platform: Kafka, consumer lag, load testing and peak traffic."
        tailored = build_resume(ws, per_role=3, job_text=job)
    finally:
        ws.close()
    first = tailored.highlights[-1][0].text.lower()
    assert "consumer" in first or "kafka" in first or "load" in first
    assert [h.evidence_id for h in plain.highlights[-1]] != [
        h.evidence_id for h in tailored.highlights[-1]
    ]
    assert "kafka" in tailored.job_keywords or "consumer" in tailored.job_keywords


def test_markdown_and_job_from_stdin(run, demo_home: Path) -> None:  # type: ignore[no-untyped-def]
    run.home = demo_home
    out = run(
        "resume", "--format", "md", "--job", "-", input="We need Kafka and load testing."
    ).output
    assert out.startswith("# Noor Haddad") and "## Experience" in out and "## Skills" in out


def test_markdown_escapes_user_text(run, acme_ws) -> None:  # type: ignore[no-untyped-def]
    run(
        "add",
        "Shipped <script>alert(1)</script> [x](javascript:y) **bold**",
        "--metric",
        "3 -> 9 ms",
    )
    md = run("resume", "--format", "md").output
    assert "\\<script" in md and "[x](javascript" not in md and "\\*\\*bold" in md
    from promocase.render.resume import render_resume
    from promocase.services.resume import build_resume

    html = render_resume(build_resume(acme_ws), "html")
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_pdf_resume_is_written_and_private(run, demo_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run.home = demo_home
    target = tmp_path / "out" / "resume.pdf"
    out = run("resume", "--output", str(target)).output
    assert "PDF resume" in out
    assert target.read_bytes()[:5] == b"%PDF-"
    assert target.stat().st_mode & 0o077 == 0


def test_bad_job_files_are_refused(run, acme_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    binary = tmp_path / "job.bin"
    binary.write_bytes(b"\x00\x01\x02")
    result = run("resume", "--job", str(binary), ok=False)
    assert result.exit_code == 1 and "not a text file" in result.output
    latin = tmp_path / "job.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    result = run("resume", "--job", str(latin), ok=False)
    assert result.exit_code == 1 and "UTF-8" in result.output
    result = run("resume", "--format", "pdf", ok=False)
    assert result.exit_code == 1 and "--output" in result.output


def test_markdown_resume_keeps_paragraphs_apart(demo_home, tmp_path):
    """The header line, the summary and each role's dates stay separate paragraphs."""
    from click.testing import CliRunner

    from promocase.cli import cli

    out = tmp_path / "r.md"
    result = CliRunner().invoke(
        cli, ["--home", str(demo_home), "resume", "--format", "md", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[2].endswith("@example.com") and lines[3] == "", lines[2:4]
    for block in text.split("\n### ")[1:]:
        rows = block.split("\n")
        assert "–" in rows[2] and rows[3] == "", rows[2:4]  # dates stand as their own paragraph


def test_name_and_employer_are_set_once_and_placeholders_are_explained(run, acme_ws):
    acme_ws.close()
    first = run("resume", "--format", "md")
    assert "# Your name" in first.output and "--name and --employer" in first.output
    named = run("resume", "--format", "md", "--name", "Noor  Haddad", "--employer", "Acme")
    assert "# Noor Haddad" in named.output and " at Acme" in named.output
    again = run("resume", "--format", "json").output
    assert '"name": "Noor Haddad"' in again and "Tip:" not in again
    cleared = run("resume", "--format", "md", "--employer", "").output
    assert "Current employer" in cleared and "--employer" in cleared
    assert "Tip:" not in run("resume", "--format", "json", "--employer", "").output
