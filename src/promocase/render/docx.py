"""The packet as a Word document with the same structure as the HTML: headings and tables.

python-docx writes text runs, so user text is never interpreted as markup."""

from __future__ import annotations

import io
from typing import Any

from promocase.render.packet import (
    HORIZON_WORDS,
    READINESS_WORDS,
    VERDICT_WORDS,
    entry_refs,
    pct,
)


def _cite(claim: Any, names: dict[str, str]) -> str:
    parts = []
    if claim.evidence_ids:
        parts.append(entry_refs(claim.evidence_ids))
    if claim.criterion_ids:
        parts.append(", ".join(names.get(c, c) for c in claim.criterion_ids))
    return f" ({'; '.join(parts)})" if parts else ""


def _para(doc: Any, text: str, cite: str = "", style: str | None = None) -> Any:
    from docx.shared import Pt, RGBColor

    para = doc.add_paragraph(style=style)
    para.add_run(text)
    if cite:
        run = para.add_run(cite)
        run.font.size = Pt(8.5)
        run.font.color.rgb = RGBColor(0x5B, 0x67, 0x76)
    return para


def _table(doc: Any, header: list[str], rows: list[list[str]]) -> Any:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    return table


def packet_docx(p: Any) -> bytes:
    """DOCX bytes with the packet's headings, claims with citations, and tables."""
    from docx import Document
    from docx.shared import Pt

    names = p.criterion_names
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    title = "Promotion case" + (f": {p.person['name']}" if p.person.get("name") else "")
    doc.add_heading(title, level=0)
    sub = " · ".join(p.person[k] for k in ("title", "team", "employer") if p.person.get(k))
    if sub:
        _para(doc, sub)
    _para(
        doc,
        f"{p.ladder_name}: {p.current_level} → {p.target_level} · prepared {p.generated_on}"
        + (" · redacted for sharing" if p.redacted else ""),
    )

    doc.add_heading("The ask", level=1)
    _para(doc, p.ask.text, _cite(p.ask, names))

    doc.add_heading("The three questions", level=1)
    for n, q in enumerate(p.questions, 1):
        doc.add_heading(f"{n}. {q.heading}", level=2)
        for c in q.claims:
            _para(doc, c.text, _cite(c, names), style="List Bullet")

    doc.add_heading("Achievements: goals against targets", level=1)
    if p.achievements:
        _table(
            doc,
            ["Goal", "Baseline", "Target", "Latest", "Due", "Result", "Evidence"],
            [
                [
                    g.title,
                    g.baseline,
                    g.target,
                    g.latest,
                    g.due_date,
                    VERDICT_WORDS.get(g.verdict, g.verdict),
                    ", ".join(f"#{i}" for i in g.claim.evidence_ids),
                ]
                for g in p.achievements
            ],
        )
        for c in p.achievements_summary:
            _para(doc, c.text, _cite(c, names))
    else:
        _para(doc, "No goals recorded yet.")
    if p.triage:
        doc.add_heading("Time freed for next-level work", level=2)
        for c in p.triage:
            _para(doc, c.text, _cite(c, names), style="List Bullet")

    doc.add_heading(f"Readiness: the {p.target_level} criteria", level=1)
    _para(doc, f"Overall readiness: {pct(p.overall)}.")
    _table(
        doc,
        ["Criterion", "Readiness", "Evidence supports", "Quality", "Best evidence"],
        [
            [
                r.name,
                READINESS_WORDS.get(r.readiness, r.readiness),
                r.supported_verdict,
                pct(r.quality),
                ", ".join(f"#{i}" for i in r.best_ids + r.praise_ids) or "—",
            ]
            for r in p.readiness
        ],
    )
    entries = {e.id: e for e in p.appendix}
    for r in p.readiness:
        doc.add_heading(f"{r.name}: {READINESS_WORDS.get(r.readiness, r.readiness)}", level=2)
        if r.expectation:
            _para(doc, f"Expected: {r.expectation}")
        for i in r.best_ids:
            if i in entries:
                e = entries[i]
                _para(
                    doc,
                    f"#{i} · {e.date}: {e.text}" + (f" ({e.metric})" if e.metric else ""),
                    style="List Bullet",
                )
        for i in r.praise_ids:
            if i in entries:
                e = entries[i]
                _para(doc, f"#{i} · “{e.text}” — {e.praise_from}", style="List Bullet")
        if not r.best_ids and r.next_action:
            _para(doc, r.next_action)

    doc.add_heading("Company benefit", level=1)
    doc.add_heading("The business case", level=2)
    for c in p.business_case:
        _para(doc, c.text, _cite(c, names), style="List Bullet")
    if p.priorities:
        doc.add_heading("Company and team priorities", level=2)
        for pr in p.priorities:
            desc = f": {pr['description']}" if pr.get("description") else ""
            _para(doc, f"{pr['title']} ({pr['scope']}){desc}", style="List Bullet")
    for horizon, rows in (("90d", p.plan_90d), ("1y", p.plan_1y)):
        doc.add_heading(f"The {HORIZON_WORDS[horizon]}", level=2)
        if rows:
            _table(
                doc,
                ["Item", "Serves", "Shows (criteria)", "Measure of success", "Due"],
                [
                    [
                        row.title + ("" if row.status == "planned" else f" ({row.status})"),
                        row.priority or "—",
                        ", ".join(row.criteria) or "—",
                        row.measure or "—",
                        row.due_date or "—",
                    ]
                    for row in rows
                ],
            )
        else:
            _para(doc, "Nothing planned yet.")

    doc.add_heading("Honest gaps and how each is being closed", level=1)
    for gap in p.gaps:
        _para(doc, f"{gap.name}: {gap.reason}", style="List Bullet")
        for item in [f"Closing it: {i}" for i in gap.closing] or (
            [gap.next_action] if gap.next_action else []
        ):
            _para(doc, item, style="List Bullet 2")
    if not p.gaps:
        _para(doc, "No gaps found against the target level.")

    doc.add_heading("Appendix: cited evidence", level=1)
    for e in p.appendix:
        meta = [e.date] + [x for x in (e.role, e.scope) if x]
        if e.kind == "praise":
            body = f"“{e.text}” — {e.praise_from}"
        else:
            body = e.text
        para = _para(doc, "", style="List Bullet")
        para.add_run(f"#{e.id} ").bold = True
        para.add_run(f"({' · '.join(meta)}) {body}")
        extra = []
        if e.outcome:
            extra.append(f"Outcome: {e.outcome}")
        if e.metric:
            extra.append(f"Measured: {e.metric}")
        if e.criteria:
            extra.append("Criteria: " + ", ".join(e.criteria))
        if e.links:
            extra.append("Links: " + ", ".join(e.links))
        if extra:
            para.add_run("\n" + " · ".join(extra)).italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
