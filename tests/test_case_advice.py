"""The packet and the conversation kit as a manager reads them: honest goal counts, a why-now
without zeros, entry citations that cannot be read as goal numbers, and no commands."""

from __future__ import annotations

import io
import re

import pytest

from test_status_advice import qa_home  # noqa: F401  (the QA scenario, shared)

pytest.importorskip("promocase.services.status")

COMMAND = re.compile(r"promocase (add|edit|review|praise|assess|goal|plan)\b|\(s\)")


@pytest.mark.usefixtures("qa_home")
def test_packet_ask_and_goals_say_what_is_true(run):
    out = run("packet", "--format", "md").output
    ask = out.split("## The ask", 1)[1].split("##", 1)[0]
    assert "on 0 of" not in ask
    assert "1 of 1 goals" not in ask and "of my 2 goals" in ask and "1 still running" in ask
    assert "measured to their end" not in out and "measured to its end" not in out
    assert "p95 checkout latency: already exceeded, due 2027-03-31." in out
    assert "1 goal is still running (on track)." in out
    assert not re.search(r"\b1 goals\b", out)
    # Entry citations cannot be read as goal numbers.
    assert "(#1" not in out and "(entry #1; criteria: Technical craft)" in out


@pytest.mark.usefixtures("qa_home")
def test_packet_and_kit_for_a_manager_hold_no_commands(home, run, tmp_path):
    md = run("packet", "--format", "md").output
    kit = run("prep").output
    html = tmp_path / "p.html"
    run("packet", "--format", "html", "--output", str(html))
    from promocase.render.packet import kit_html
    from promocase.services.prep import build_kit
    from promocase.workspace import Workspace

    ws = Workspace(home)
    try:
        kit_page = kit_html(build_kit(ws), for_pdf=True)
    finally:
        ws.close()
    for name, text in (
        ("packet.md", md),
        ("kit.md", kit),
        ("packet.html", html.read_text(encoding="utf-8")),
        ("kit.html", kit_page),
    ):
        assert not COMMAND.search(text), f"{name}: {COMMAND.search(text)}"
        assert "Next step:" not in text, name
    import docx

    out = tmp_path / "p.docx"
    run("packet", "--output", str(out))
    doc = docx.Document(io.BytesIO(out.read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert not COMMAND.search(text) and "Next step:" not in text
    # The terminal keeps its next steps.
    assert "promocase" in run("status").output


def test_kit_answers_objections_with_evidence_or_the_plan(demo_home, run):
    kit = run("--home", str(demo_home), "prep").output
    objections = kit.split("## Likely objections", 1)[1].split("\n## ", 1)[0]
    assert not COMMAND.search(objections)
    answers = [line for line in objections.splitlines() if line.startswith("  ")]
    assert answers and all("What I have so far" in a or "What would close it" in a for a in answers)
    assert all("(entry #" in a for a in answers if "What I have so far" in a)
