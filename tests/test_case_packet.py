"""The packet and the conversation kit: golden Markdown, HTML structure, PDF and DOCX, the
citation check, redaction, and hostile user text in every format."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from promocase.services.evidence import EvidenceInput, add_evidence, praise_input
from promocase.workspace import Workspace

pytest.importorskip("promocase.services.status")

GOLDEN = Path(__file__).parent / "golden"
UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)


def unsafe_markup(html: str) -> list[str]:
    """Live markup that could run or fetch something: script/iframe/object/img elements,
    on* handlers, and javascript:/data:/file: URLs in attributes. Escaped text is not markup."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Probe(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "iframe", "object", "embed", "img", "link", "base"):
                found.append(f"<{tag}>")
            for name, value in attrs:
                if name.startswith("on") or UNSAFE_URL.match(value or ""):
                    found.append(f"{tag} {name}={value}")

    Probe().feed(html)
    return found


PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](file:///etc/passwd)",
    "<a href='data:text/html,<b>x</b>'>y</a>",
    '"><svg onload=alert(1)>',
]


@pytest.fixture
def demo_ws(demo_home, tmp_path):
    """A private copy of the demo, so tests can write to it."""
    home = tmp_path / "demo"
    shutil.copytree(demo_home, home)
    ws = Workspace(home)
    yield ws
    ws.close()


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("PROMOCASE_UPDATE_GOLDEN") or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; if the change is intended, rerun with PROMOCASE_UPDATE_GOLDEN=1"
    )


def test_markdown_packet_matches_golden(demo_home, run):
    out = run("--home", str(demo_home), "packet", "--format", "md").output
    _golden("packet_demo.md", out)
    for heading in (
        "## The ask",
        "### 1. Will I be an A-player for the long term?",
        "### 2. Am I already doing next-level work?",
        "### 3. Is promoting me a good business decision?",
        "## Achievements: goals against targets",
        "## Readiness: the SE4",
        "## Company benefit",
        "### The 90-day plan",
        "### The 1-year plan",
        "## Honest gaps and how each is being closed",
        "## Appendix: cited evidence",
    ):
        assert heading in out


def test_kit_markdown_matches_golden(demo_home, run):
    out = run("--home", str(demo_home), "prep").output
    _golden("kit_demo.md", out)
    assert "Based on the leveling guidelines for SE4" in out
    assert "## Likely objections" in out and "**Not yet**" in out


def test_every_citation_resolves_on_the_demo(demo_home, run):
    out = run("--home", str(demo_home), "packet", "--check").output
    assert "0 unresolved" in out and "Every claim cites evidence or criteria." in out
    import json

    data = json.loads(run("--home", str(demo_home), "packet", "--check", "--json").output)
    assert data["ok"] and data["citations"] > 50 and data["uncited"] == []


def test_check_reports_broken_citations(demo_ws):
    from promocase.services import packet as svc

    built = svc.build_packet(demo_ws)
    cited = built.questions[0].claims[1].evidence_ids[0]
    from promocase.services.evidence import delete_evidence

    delete_evidence(demo_ws, cited)
    built.questions[0].claims.append(svc.Claim("An unsupported boast.", section="a-player"))
    result = svc.check_packet(demo_ws, built)
    assert {"ref": f"#{cited}", "claim": built.questions[0].claims[1].text} in result["unresolved"]
    assert result["uncited"] == [{"section": "a-player", "text": "An unsupported boast."}]


def test_html_structure(demo_home, run, tmp_path):
    out = tmp_path / "packet.html"
    run("--home", str(demo_home), "packet", "--format", "html", "--output", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.count("<h2>") == 7
    assert html.count('class="criterion"') == 14
    for q in ("Will I be an A-player", "already doing next-level work", "good business decision"):
        assert re.search(rf"<h3>\d\. [^<]*{q}", html)
    # Every citation link points at an appendix anchor.
    targets = set(re.findall(r'href="#(e\d+)"', html))
    anchors = set(re.findall(r'<li id="(e\d+)"', html))
    assert targets and targets <= anchors
    assert "http://" not in html.split("<body")[0] and "<link" not in html  # self-contained


def test_docx_has_headings_and_tables(demo_home, run, tmp_path):
    import docx

    out = tmp_path / "packet.docx"
    run("--home", str(demo_home), "packet", "--output", str(out))
    doc = docx.Document(io.BytesIO(out.read_bytes()))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "The three questions" in headings
    assert "Achievements: goals against targets" in headings
    assert "Appendix: cited evidence" in headings
    assert any(h.startswith("1. Will I be an A-player") for h in headings)
    assert len(doc.tables) == 4  # goals, readiness, 90-day plan, 1-year plan
    assert doc.tables[0].rows[0].cells[5].text == "Result"
    assert {r.cells[5].text for r in doc.tables[0].rows[1:]} >= {"Exceeded", "Met", "Missed"}


@pytest.fixture
def hostile_ws(acme_ws):
    for i, payload in enumerate(PAYLOADS):
        add_evidence(
            acme_ws,
            EvidenceInput(
                text=f"Shipped {payload} for Globex",
                outcome=payload,
                metric="latency: 800 -> 200 ms",
                role="led",
                scope="org",
                links=["file:///etc/passwd", "javascript:alert(1)"],
                criteria=["technical-craft", "delivery", "mentoring"][: 1 + i % 3],
                date=f"2026-0{1 + i}-10",
            ),
        )
    add_evidence(
        acme_ws,
        praise_input(PAYLOADS[0], source_person=PAYLOADS[1], verified=True, criteria=["mentoring"]),
    )
    from promocase.services import goals, plan

    goals.add_goal(acme_ws, PAYLOADS[1], baseline=1, target=2, due="in 30 days", unit=PAYLOADS[0])
    plan.add_priority(acme_ws, PAYLOADS[3], scope="company", description=PAYLOADS[2])
    plan.add_item(
        acme_ws,
        PAYLOADS[4],
        horizon="90d",
        priority_id=1,
        measure=PAYLOADS[5],
        criteria=["delivery"],
    )
    return acme_ws


def test_hostile_text_is_inert_in_every_format(hostile_ws):
    from promocase.render import packet as render
    from promocase.services import packet as svc
    from promocase.services.prep import build_kit

    built = svc.build_packet(hostile_ws)
    html = render.packet_html(built, for_pdf=True)
    assert "Globex" in html and "&lt;script&gt;" in html
    assert unsafe_markup(html) == []
    assert unsafe_markup(render.kit_html(build_kit(hostile_ws, packet=built))) == []
    md = render.packet_markdown(built)
    assert not re.search(r"(?<!\\)<script", md)
    assert "![x](" not in md and "](javascript:" not in md
    from promocase.render.markdown import markdown_to_html

    assert unsafe_markup(markdown_to_html(md)) == []

    pdf = render.render_packet(built, "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    assert b"root:x:0" not in pdf
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "<script>alert(1)</script>" in text  # shown as text, not run
        assert "root:x:0" not in text


def test_redaction_replaces_listed_terms_and_drops_links(hostile_ws, run):
    config = hostile_ws.config()
    config["redact"] = {"terms": ["Globex"], "numbers": True}
    hostile_ws.write_config(config)
    out = run("packet", "--redact").output
    assert [line for line in out.splitlines() if "Globex" in line] == []
    assert "[redacted]" in out
    assert "800" not in out and "  - Links:" not in out
    assert "redacted for sharing" in out


def test_pdf_packet_and_kit_from_the_demo(demo_home, run, tmp_path):
    pdf = tmp_path / "packet.pdf"
    kit = tmp_path / "kit.pdf"
    run("--home", str(demo_home), "packet", "--output", str(pdf))
    run("--home", str(demo_home), "prep", "--format", "pdf", "--output", str(kit))
    assert pdf.read_bytes().startswith(b"%PDF") and kit.read_bytes().startswith(b"%PDF")
    assert oct(pdf.stat().st_mode & 0o777) == "0o600"
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode()
        for heading in (
            "Will I be an A-player",
            "already doing next-level work",
            "good business decision",
            "Achievements",
            "Readiness",
            "Company benefit",
            "The 90-day plan",
            "The 1-year plan",
        ):
            assert heading in text
        pages = subprocess.run(
            ["pdfinfo", str(kit)], capture_output=True, check=True
        ).stdout.decode()
        assert re.search(r"Pages:\s+1\n", pages), "the conversation kit should fit one page"


def test_packet_explains_what_is_missing(ws, run):
    run("add", "Cut p95 checkout latency from 820 ms to 240 ms")  # a workspace, no ladder yet
    bad = run("packet", ok=False)
    assert bad.exit_code == 1 and "no ladder yet" in bad.output


def test_a_pdf_packet_asks_for_a_file_instead_of_writing_binary_to_the_terminal(acme_ws, run):
    acme_ws.close()
    bad = run("packet", "--format", "pdf", ok=False)
    assert bad.exit_code != 0 and "needs a file" in bad.output and "--output" in bad.output


def test_status_packet_and_kit_say_a_target_level_is_needed_with_this_ladders_levels(acme_ws, run):
    acme_ws.conn.execute("DELETE FROM setting WHERE key = 'target_level'")
    acme_ws.close()
    for cmd, what in (
        ("status", "Status"),
        ("packet", "The packet"),
        ("prep", "The conversation kit"),
    ):
        out = run(cmd, ok=False).output
        assert f"{what} needs a target level, and none is set." in out
        assert "--target L4" in out and "SE4" not in out  # the ladder's own level ids
