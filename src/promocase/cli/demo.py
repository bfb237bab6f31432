"""The demo: a ready workspace to explore."""

from __future__ import annotations

from pathlib import Path

import click

from promocase.cli.output import echo_json


@click.command()
@click.option(
    "--home",
    "demo_home",
    type=click.Path(file_okay=False),
    default="promocase-demo",
    show_default=True,
    help="Folder for the demo workspace (re-created on each run).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def demo(demo_home: str, as_json: bool) -> None:
    """Build a demo workspace: a fictional engineer's last 12 months, then summarise it.

    \b
    Example:
      promocase demo --home /tmp/promocase-demo
      promocase --home /tmp/promocase-demo log --since "30 days ago"
    """
    from promocase.services import demo as svc
    from promocase.services import ladders as ladder_svc
    from promocase.services.evidence import stats
    from promocase.services.summary import coverage

    home = Path(demo_home).expanduser().resolve()
    ws = svc.build_demo(home)
    try:
        prof = ladder_svc.profile(ws)
        counts = stats(ws)
        rows = coverage(ws)
        if as_json:
            echo_json(
                {
                    "home": str(home),
                    **counts,
                    "current_level": prof.current_level,
                    "target_level": prof.target_level,
                    "criteria": [r.__dict__ for r in rows],
                }
            )
            return
        assert prof.ladder is not None
        click.echo(f"Demo workspace: {home}")
        click.echo(
            f"{counts['entries']} entries and {counts['praise']} testimonies on "
            f"{prof.ladder.ladder.name}, {prof.current_level} → {prof.target_level}."
        )
        from promocase.services.status import build_status

        report = build_status(ws, with_history=False)
        click.echo(
            f"\nReadiness for {report.target_level}: {report.overall:.0%} overall — "
            f"{report.counts['ready']} ready, {report.counts['close']} close, "
            f"{report.counts['gap']} gap, {report.counts['no_evidence']} without evidence."
        )
        width = max(len(c.name) for c in report.criteria)
        for c in sorted(report.criteria, key=lambda c: -c.score):
            bar = "█" * round(c.score * 20)
            click.echo(f"  {c.name:<{width}}  {c.score:>4.2f} {bar:<20} {c.readiness}")
        for i, g in enumerate(report.gaps[:3], start=1):
            if i == 1:
                click.echo("\nClose these first:")
            click.echo(f"  {i}. {g.name}: {g.reason}. Next: {g.next_action}")
        click.echo(f"\nThe full picture: promocase --home {home} status")
        click.echo(f"\nExplore it: promocase --home {home} log")
    finally:
        ws.close()
