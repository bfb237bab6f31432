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
        click.echo("\nEvidence per criterion of the target level:")
        width = max(len(r.name) for r in rows)
        for r in sorted(rows, key=lambda r: -r.entries):
            bar = "█" * min(r.entries, 30)
            click.echo(
                f"  {r.name:<{width}}  {r.entries:>3} {bar}"
                + (f"  +{r.praise} praise" if r.praise else "")
            )
        thin = [r.name for r in rows if r.entries < 3]
        if thin:
            click.echo("\nThin evidence: " + ", ".join(thin))
        click.echo(f"\nExplore it: promocase --home {home} log")
    finally:
        ws.close()
