"""Render the packet and the conversation kit: Markdown here, HTML and PDF from one Jinja2
template set (render/templates/), DOCX in render/docx.py.

User text never becomes markup: Markdown output escapes the characters that would start HTML,
links or images; the templates autoescape; the PDF renderer fetches nothing."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from promocase.core.words import agree

VERDICT_WORDS = {
    "exceeded": "Exceeded",
    "met": "Met",
    "missed": "Missed",
    "on-track": "On track",
    "behind": "Behind",
    "no-data": "No data yet",
}
READINESS_WORDS = {
    "ready": "at the bar",
    "close": "close",
    "gap": "gap",
    "no-evidence": "no evidence yet",
}
HORIZON_WORDS = {"90d": "90-day plan", "1y": "1-year plan"}

_MD_SPECIAL = re.compile(r"([\\`<|])")


def md(text: str | None) -> str:
    """User text as one safe Markdown line: no raw HTML, links, images or table breaks.

    Only what would start markup is escaped (`<`, backticks, `|`, and the `](` that closes a
    link or image), so the text still reads well as plain text.
    """
    if not text:
        return ""
    out = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return out.replace("](", "]\\(").replace("![", "!\\[")


def entry_refs(ids: list[int]) -> str:
    """'entry #3' or 'entries #3, #7': goals and plan items have numbers too."""
    if not ids:
        return ""
    return agree(len(ids), "entry ", "entries ") + ", ".join(f"#{i}" for i in ids)


def cites(claim: Any, names: dict[str, str], *, criteria: bool = True) -> str:
    parts = []
    if claim.evidence_ids:
        parts.append(entry_refs(claim.evidence_ids))
    if criteria and claim.criterion_ids:
        parts.append("criteria: " + ", ".join(names.get(c, c) for c in claim.criterion_ids))
    return f" ({'; '.join(parts)})" if parts else ""


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


# -- Markdown --------------------------------------------------------------------------------
def packet_markdown(p: Any) -> str:
    names = p.criterion_names
    person = p.person
    out: list[str] = []
    add = out.append
    add(f"# Promotion case{': ' + md(person['name']) if person.get('name') else ''}")
    add("")
    sub = " · ".join(md(person[k]) for k in ("title", "team", "employer") if person.get(k))
    if sub:
        add(sub + "  ")
    add(
        f"{md(p.ladder_name)}: {md(p.current_level)} → {md(p.target_level)} · "
        f"prepared {p.generated_on}" + (" · redacted for sharing" if p.redacted else "")
    )
    add("")
    add("## The ask")
    add("")
    add(md(p.ask.text) + cites(p.ask, names))
    add("")
    add("## The three questions")
    for n, q in enumerate(p.questions, 1):
        add("")
        add(f"### {n}. {q.heading}")
        add("")
        for c in q.claims:
            add(f"- {md(c.text)}{cites(c, names)}")
    add("")
    add("## Achievements: goals against targets")
    add("")
    if p.achievements:
        add("| Goal | Baseline | Target | Latest | Due | Result |")
        add("|---|---|---|---|---|---|")
        for g in p.achievements:
            add(
                f"| {md(g.title)} | {md(g.baseline)} | {md(g.target)} | {md(g.latest)} | "
                f"{g.due_date} | {VERDICT_WORDS.get(g.verdict, g.verdict)} |"
            )
        add("")
        for c in p.achievements_summary:
            add(md(c.text) + cites(c, names))
            add("")
        for g in p.achievements:
            add(f"- {md(g.claim.text)}{cites(g.claim, names)}")
    else:
        add("No goals recorded yet.")
    if p.triage:
        add("")
        add("### Time freed for next-level work")
        add("")
        for c in p.triage:
            add(f"- {md(c.text)}{cites(c, names)}")
    add("")
    add(f"## Readiness: the {md(p.target_level)} criteria")
    add("")
    add(
        f"Overall readiness: {pct(p.overall)}. For each criterion: what the level expects, "
        "what the evidence supports, and the strongest entries."
    )
    entries = {e.id: e for e in p.appendix}
    for r in p.readiness:
        add("")
        add(f"### {md(r.name)}: {READINESS_WORDS.get(r.readiness, r.readiness)}")
        add("")
        if r.expectation:
            add(f"Expected at {md(p.target_level.split(' ')[0])}: {md(r.expectation)}  ")
        own = f" · my own verdict: {md(r.self_verdict)}" if r.self_verdict else ""
        add(
            f"The evidence supports: **{md(r.supported_verdict)}** · quality {pct(r.quality)}"
            f"{own}{cites(r.claim, names, criteria=False)}"
        )
        best = [entries[i] for i in r.best_ids if i in entries]
        praise = [entries[i] for i in r.praise_ids if i in entries]
        if best or praise:
            add("")
        for e in best:
            metric = f" ({md(e.metric)})" if e.metric else ""
            add(f"- #{e.id} · {e.date}: {md(e.text)}{metric}")
        for e in praise:
            add(f"- #{e.id} · “{md(e.text)}” — {md(e.praise_from)}")
        if not best and r.next_action:
            add("")
            add(md(r.next_action))
    add("")
    add("## Company benefit")
    add("")
    add("### The business case")
    add("")
    for c in p.business_case:
        add(f"- {md(c.text)}{cites(c, names)}")
    if not p.business_case:
        add("No measured business results linked yet.")
    if p.priorities:
        add("")
        add("### Company and team priorities")
        add("")
        for pr in p.priorities:
            desc = f": {md(pr['description'])}" if pr.get("description") else ""
            add(f"- **{md(pr['title'])}** ({pr['scope']}){desc}")
    for label, rows in (("The 90-day plan", p.plan_90d), ("The 1-year plan", p.plan_1y)):
        add("")
        add(f"### {label}")
        add("")
        if not rows:
            add("Nothing planned yet.")
        for n, row in enumerate(rows, 1):
            add(f"{n}. **{md(row.title)}**")
            details = []
            if row.priority:
                details.append(f"Serves: {md(row.priority)}")
            if row.criteria:
                details.append("Shows: " + ", ".join(md(c) for c in row.criteria))
            if row.measure:
                details.append(f"Success: {md(row.measure)}")
            details.append(f"Due {row.due_date or '—'}, {row.status}")
            for d in details:
                add(f"   - {d}")
    add("")
    add("## Honest gaps and how each is being closed")
    add("")
    if not p.gaps:
        add("No gaps found against the target level.")
    for gap in p.gaps:
        add(f"- **{md(gap.name)}**: {md(gap.reason)}")
        for item in gap.closing:
            add(f"  - Closing it: {md(item)}")
        if not gap.closing and gap.next_action:
            add(f"  - {md(gap.next_action)}")
    add("")
    add("## Appendix: cited evidence")
    add("")
    for e in p.appendix:
        add(appendix_markdown(e))
    add("")
    return "\n".join(out)


def appendix_markdown(e: Any) -> str:
    meta = [e.date]
    if e.kind == "praise":
        meta.append("testimony" + (", verified" if e.verified else ""))
    meta += [x for x in (e.role, e.scope) if x]
    head = f"- **#{e.id}** · {' · '.join(meta)}: "
    body = f"“{md(e.text)}” — {md(e.praise_from)}" if e.kind == "praise" else md(e.text)
    lines = [head + body]
    if e.outcome:
        lines.append(f"  - Outcome: {md(e.outcome)}")
    if e.metric:
        lines.append(f"  - Measured: {md(e.metric)}")
    if e.criteria:
        lines.append("  - Criteria: " + ", ".join(md(c) for c in e.criteria))
    if e.links:
        lines.append("  - Links: " + ", ".join(md(link) for link in e.links))
    return "\n".join(lines)


def kit_markdown(k: Any) -> str:
    out: list[str] = []
    add = out.append
    who = f" for {md(k.person['name'])}" if k.person.get("name") else ""
    add(f"# Conversation kit{who}")
    add("")
    add(
        f"{md(k.current_level)} → {md(k.target_level)} · prepared {k.generated_on}"
        + (" · redacted" if k.redacted else "")
    )
    add("")
    add("## The ask, in my words")
    add("")
    add(f"> {md(k.ask.text)}")
    if k.ask.evidence_ids:
        add("")
        add("Evidence: " + entry_refs(k.ask.evidence_ids))
    if k.highlights:
        add("")
        add("## If asked about business value")
        add("")
        for c in k.highlights:
            add(f"- {md(c.text)}" + (f" ({entry_refs(c.evidence_ids)})" if c.evidence_ids else ""))
    add("")
    add("## Questions to ask")
    add("")
    for n, q in enumerate(k.questions, 1):
        add(f"{n}. {md(q)}")
    add("")
    add("## Likely objections, and what answers them")
    add("")
    if not k.objections:
        add("No gaps stand out; expect questions about timing and scope.")
    for o in k.objections:
        add(f"- {md(o.objection)}  ")
        add(f"  {md(o.answer)}")
    add("")
    add("## What to do with each answer")
    add("")
    for answer, todo in k.answers:
        add(f"- **{md(answer)}**: {md(todo)}")
    add("")
    return "\n".join(out)


# -- HTML and PDF (one template set) ---------------------------------------------------------
@lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment over render/templates/, autoescaping every template."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("promocase.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        VERDICT_WORDS=VERDICT_WORDS,
        READINESS_WORDS=READINESS_WORDS,
        HORIZON_WORDS=HORIZON_WORDS,
        pct=pct,
        entry_refs=entry_refs,
    )
    return env


def packet_html(p: Any, *, for_pdf: bool = False) -> str:
    from markupsafe import Markup

    entries = {e.id: e for e in p.appendix}
    # Chart SVG comes from render/charts.py, which escapes the names it draws.
    charts = {k: Markup(v) for k, v in p.charts.items()}  # noqa: S704
    return str(
        environment()
        .get_template("packet.html.j2")
        .render(p=p, entries=entries, charts=charts, for_pdf=for_pdf)
    )


def kit_html(k: Any, *, for_pdf: bool = False) -> str:
    return str(environment().get_template("kit.html.j2").render(k=k, for_pdf=for_pdf))


def render_packet(p: Any, fmt: str) -> str | bytes:
    """The packet as md or html text, or pdf or docx bytes."""
    if fmt == "md":
        return packet_markdown(p)
    if fmt == "html":
        return packet_html(p)
    if fmt == "pdf":
        from promocase.render.pdf import html_to_pdf

        return html_to_pdf(packet_html(p, for_pdf=True))
    if fmt == "docx":
        from promocase.render.docx import packet_docx

        return packet_docx(p)
    raise ValueError(fmt)


def render_kit(k: Any, fmt: str) -> str | bytes:
    if fmt == "md":
        return kit_markdown(k)
    if fmt == "html":
        return kit_html(k)
    if fmt == "pdf":
        from promocase.render.pdf import html_to_pdf

        return html_to_pdf(kit_html(k, for_pdf=True))
    raise ValueError(fmt)
