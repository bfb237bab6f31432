"""Self-contained SVG charts of a StatusReport (no scripts, no external references).

Used by the packet (HTML/PDF) and the web UI. All text is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

COLOURS = {
    "ready": "#2e7d32",
    "close": "#f9a825",
    "gap": "#c62828",
    "no-evidence": "#9e9e9e",
}
FONT = "font-family='DejaVu Sans, Helvetica, Arial, sans-serif'"
LINE_COLOURS = (
    "#1565c0",
    "#2e7d32",
    "#c62828",
    "#6a1b9a",
    "#ef6c00",
    "#00838f",
    "#5d4037",
    "#ad1457",
    "#558b2f",
    "#283593",
    "#00695c",
    "#4e342e",
    "#827717",
    "#37474f",
    "#d84315",
    "#7b1fa2",
)


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' role='img' aria-label='{escape(title, quote=True)}'>"
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


NAME_MAX = 44  # characters of a criterion name shown beside its bar


def _label(text: str, limit: int = 26) -> str:
    text = " ".join(text.split())
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def readiness_chart_svg(report: Any) -> str:
    """Horizontal bars: each criterion's score against the bar (1.0), coloured by readiness."""
    rows = report.criteria
    # The label column fits the longest name (up to NAME_MAX characters at about 6 px each at
    # 11 px type), so "System design and architecture" is not cut to "System design and archite…".
    longest = max((len(" ".join(c.name.split())) for c in rows), default=10)
    row_h, bar_w = 24, 300
    left = max(120, round(6.2 * min(longest, NAME_MAX)) + 18)
    height = 40 + row_h * max(1, len(rows))
    width = left + bar_w + 70
    body = [
        f"<text x='8' y='18' {FONT} font-size='13' font-weight='bold'>"
        f"Readiness for {escape(str(report.target_level or 'the next level'))}</text>"
    ]
    for i, c in enumerate(rows):
        y = 30 + i * row_h
        w = max(2, round(bar_w * max(0.0, min(1.0, c.score))))
        colour = COLOURS.get(c.readiness, "#9e9e9e")
        body.append(
            f"<text x='{left - 8}' y='{y + 15}' {FONT} font-size='11' text-anchor='end'>"
            f"{_label(c.name, NAME_MAX)}</text>"
            f"<rect x='{left}' y='{y + 4}' width='{bar_w}' height='14' fill='#eeeeee'/>"
            f"<rect x='{left}' y='{y + 4}' width='{w}' height='14' fill='{colour}'>"
            f"<title>{_label(c.name, 80)}: {c.score:.2f} ({escape(c.readiness)})</title></rect>"
            f"<text x='{left + bar_w + 6}' y='{y + 15}' {FONT} font-size='11'>"
            f"{c.score:.2f}</text>"
        )
    body.append(
        f"<line x1='{left + bar_w}' y1='26' x2='{left + bar_w}' y2='{height - 6}' "
        "stroke='#424242' stroke-dasharray='3,3'/>"
    )
    return _svg(width, height, body, "Readiness per criterion")


def coverage_chart_svg(report: Any) -> str:
    """Columns: linked work entries (dark) and testimony (light) per criterion, with a legend."""
    rows = report.criteria
    # top: the tallest column's count sits below the title, not against it
    col_w, gap, top, plot_h = 22, 10, 42, 120
    # The last label slants right of its column: leave it room (18 characters at 55°).
    width = max(240, 30 + len(rows) * (col_w + gap) + 70)
    height = top + plot_h + 130
    peak = max([len(c.evidence_ids) + len(c.praise_ids) for c in rows] + [1])
    body = [
        f"<text x='8' y='18' {FONT} font-size='13' font-weight='bold'>Evidence per criterion</text>"
    ]
    base = top + plot_h
    for i, c in enumerate(rows):
        x = 30 + i * (col_w + gap)
        work_h = round(plot_h * len(c.evidence_ids) / peak)
        praise_h = round(plot_h * len(c.praise_ids) / peak)
        body.append(
            f"<rect x='{x}' y='{base - work_h}' width='{col_w}' height='{work_h}' fill='#1565c0'>"
            f"<title>{_label(c.name, 80)}: {len(c.evidence_ids)} entries</title></rect>"
            f"<rect x='{x}' y='{base - work_h - praise_h}' width='{col_w}' height='{praise_h}' "
            f"fill='#90caf9'><title>{_label(c.name, 80)}: {len(c.praise_ids)} testimony"
            "</title></rect>"
            f"<text x='{x + col_w / 2}' y='{base - work_h - praise_h - 3}' {FONT} font-size='10' "
            f"text-anchor='middle'>{len(c.evidence_ids) + len(c.praise_ids)}</text>"
            f"<text transform='translate({x + col_w / 2 + 4},{base + 8}) rotate(55)' {FONT} "
            f"font-size='10'>{_label(c.name, 18)}</text>"
        )
    body.append(f"<line x1='24' y1='{base}' x2='{width - 6}' y2='{base}' stroke='#424242'/>")
    legend_y = height - 10
    for x, colour, name in ((30, "#1565c0", "Work entries"), (140, "#90caf9", "Testimony")):
        body.append(
            f"<rect x='{x}' y='{legend_y - 9}' width='10' height='10' fill='{colour}'/>"
            f"<text x='{x + 14}' y='{legend_y}' {FONT} font-size='10'>{name}</text>"
        )
    return _svg(width, height, body, "Evidence per criterion")


def readiness_history_svg(report: Any) -> str:
    """Lines: each criterion's readiness month by month, plus the overall (thick)."""
    history = list(report.history)
    left, top, plot_w, plot_h = 40, 30, 460, 180
    names = {c.criterion_id: c.name for c in report.criteria}
    ids = [c.criterion_id for c in report.criteria]
    legend_h = 16 * ((len(ids) + 2) // 3 + 1)
    width, height = left + plot_w + 20, top + plot_h + 40 + legend_h
    body = [
        f"<text x='8' y='18' {FONT} font-size='13' font-weight='bold'>Readiness over time</text>"
    ]
    for frac in (0.0, 0.5, 1.0):
        y = top + plot_h - frac * plot_h
        body.append(
            f"<line x1='{left}' y1='{y:.1f}' x2='{left + plot_w}' y2='{y:.1f}' stroke='#e0e0e0'/>"
            f"<text x='{left - 4}' y='{y + 4:.1f}' {FONT} font-size='10' text-anchor='end'>"
            f"{frac:.1f}</text>"
        )
    if not history:
        body.append(
            f"<text x='{left + 10}' y='{top + plot_h / 2}' {FONT} font-size='12'>"
            "No history yet: it grows each month you run promocase status.</text>"
        )
        return _svg(width, height, body, "Readiness over time")
    n = len(history)

    def x_at(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y_at(v: float) -> float:
        return top + plot_h - max(0.0, min(1.0, v)) * plot_h

    for i, (month, _) in enumerate(history):
        if n <= 12 or i % 2 == 0:
            body.append(
                f"<text x='{x_at(i):.1f}' y='{top + plot_h + 14}' {FONT} font-size='9' "
                f"text-anchor='middle'>{escape(month[2:])}</text>"
            )
    weights = {c.criterion_id: c.weight for c in report.criteria}
    for k, cid in enumerate(ids):
        colour = LINE_COLOURS[k % len(LINE_COLOURS)]
        points = " ".join(
            f"{x_at(i):.1f},{y_at(scores.get(cid, 0.0)):.1f}"
            for i, (_, scores) in enumerate(history)
        )
        body.append(
            f"<polyline points='{points}' fill='none' stroke='{colour}' stroke-width='1.3' "
            f"opacity='0.8'><title>{_label(names[cid], 80)}</title></polyline>"
        )
        lx = 10 + (k % 3) * 160
        ly = top + plot_h + 34 + (k // 3) * 16
        body.append(
            f"<rect x='{lx}' y='{ly - 8}' width='10' height='3' fill='{colour}'/>"
            f"<text x='{lx + 14}' y='{ly - 3}' {FONT} font-size='10'>{_label(names[cid], 24)}</text>"
        )
    total = sum(weights.values()) or 1.0
    overall = " ".join(
        f"{x_at(i):.1f},{y_at(sum(weights[c] * s.get(c, 0.0) for c in ids) / total):.1f}"
        for i, (_, s) in enumerate(history)
    )
    body.append(
        f"<polyline points='{overall}' fill='none' stroke='#000000' stroke-width='3'>"
        "<title>Overall</title></polyline>"
    )
    k = len(ids)
    lx, ly = 10 + (k % 3) * 160, top + plot_h + 34 + (k // 3) * 16
    body.append(
        f"<rect x='{lx}' y='{ly - 9}' width='10' height='4' fill='#000000'/>"
        f"<text x='{lx + 14}' y='{ly - 3}' {FONT} font-size='10' font-weight='bold'>Overall</text>"
    )
    return _svg(width, height, body, "Readiness over time")
