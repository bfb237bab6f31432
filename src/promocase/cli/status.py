"""`promocase status`: readiness per target-level criterion and the gaps to close first."""

from __future__ import annotations

from typing import Any

import click

from promocase.cli.output import echo_json, shorten, write_output, ws

MARK = {"ready": "●", "close": "◐", "gap": "○", "no-evidence": "·"}


def build_status_view(ctx: click.Context) -> dict[str, Any]:
    """The status as a dict of sections; other parts add sections here (e.g. due actions)."""
    from promocase.services.ladders import require_target
    from promocase.services.status import build_status, record_snapshot, status_json

    workspace = ws(ctx)
    require_target(workspace, "Status")
    report = build_status(workspace)
    record_snapshot(workspace, report)
    view = {"report": report, "json": status_json(report)}
    _add_actions(workspace, view)
    return view


def _add_actions(workspace: Any, view: dict[str, Any]) -> None:
    """Overdue and approaching asks from conversations (services/outcomes.py)."""
    from promocase.services.outcomes import action_json, due_actions, follow_up_prompts

    view["actions"] = due_actions(workspace)
    view["follow_ups"] = follow_up_prompts(workspace)
    view["json"]["actions"] = [action_json(a) for a in view["actions"]]


def print_status(view: dict[str, Any], gaps: int) -> None:
    report = view["report"]
    counts = report.counts
    click.echo(
        f"{report.ladder_name}: {report.current_level or '?'} → {report.target_level or '?'}"
        f"   overall {report.overall:.0%}   "
        f"{counts['ready']} ready, {counts['close']} close, {counts['gap']} gap, "
        f"{counts['no_evidence']} without evidence"
    )
    width = min(28, max((len(c.name) for c in report.criteria), default=10))
    click.echo("")
    click.echo(f"  {'criterion':<{width}}  readiness     score  entries  you / evidence")
    for c in report.criteria:
        you = (c.self_verdict or "–") + ("*" if c.self_verdict_default else "")
        flag = "  ≠" if c.disagreement else ""
        pending = f"  (+{c.suggested} to review)" if c.suggested else ""
        signals = f"  [{', '.join(c.signals)}]" if c.signals else ""
        click.echo(
            f"  {MARK[c.readiness]} {shorten(c.name, width):<{width}} {c.readiness:<12} "
            f"{c.score:>5.2f}  {len(c.evidence_ids):>4}+{len(c.praise_ids):<3} "
            f"{you} / {c.supported_verdict}{flag}{pending}{signals}"
        )
    if report.gaps:
        click.echo("\nClose these first:")
        for i, g in enumerate(report.gaps[:gaps], start=1):
            click.echo(f"  {i}. {g.name} — {g.reason}.")
            click.echo(f"     Next: {g.next_action}")
    else:
        click.echo("\nNo gaps: every criterion of the target level is at the bar.")
    _print_actions(view)
    click.echo(
        "\n● ready  ◐ close  ○ gap  · no evidence   entries = work+testimony   "
        "≠ your verdict differs (promocase assess)"
    )
    if any(c.self_verdict_default for c in report.criteria):
        click.echo("* set below the target level: counts as met unless you say otherwise")


def _print_actions(view: dict[str, Any]) -> None:
    actions, prompts = view.get("actions", []), view.get("follow_ups", [])
    if actions:
        click.echo("\nAsks due (promocase action list):")
        for a in actions:
            when = f"OVERDUE by {-a.days_left}d" if a.days_left < 0 else f"due in {a.days_left}d"
            click.echo(f"  #{a.id} {when} ({a.due_date}): {shorten(a.text, 70)}")
    for p in prompts:
        click.echo(f"\n{p.message}\n  {p.command}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON (every criterion and all gaps).")
@click.option(
    "--gaps",
    "gaps",
    default=5,
    show_default=True,
    type=click.IntRange(0, 100),
    help="How many gaps to list.",
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write the readiness history chart to this SVG file.",
)
@click.pass_context
def status(ctx: click.Context, as_json: bool, gaps: int, chart: str | None) -> None:
    """Where you stand against your target level, criterion by criterion.

    \b
    Examples:
      promocase status
      promocase status --json | jq '.gaps[0]'
      promocase status --chart readiness.svg

    Readiness comes from linked evidence (accepted links only): how specific it is, numbers,
    your role, reach, artifacts, testimony, recency, and whether it is sustained over months.
    Each run stores this month's readiness so progress can be charted.
    """
    view = build_status_view(ctx)
    if chart:
        from promocase.render.charts import readiness_history_svg

        write_output(chart, readiness_history_svg(view["report"]))
    if as_json:
        echo_json(view["json"])
        return
    print_status(view, gaps)
    if chart:
        click.echo(f"Chart written to {chart}")
