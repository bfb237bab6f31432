"""`promocase review`: accept or reject the suggested criterion links, one entry at a time."""

from __future__ import annotations

from typing import Any

import click

from promocase.cli.output import echo_json, shorten, stdin_is_terminal, ws
from promocase.core.words import plural


def _pairs(values: tuple[str, ...], flag: str) -> list[tuple[int, str]]:
    from promocase.core.errors import ValidationError

    out = []
    for value in values:
        raw_id, sep, crit = value.partition(":")
        if not sep or not raw_id.strip().lstrip("#").isdigit() or not crit.strip():
            raise ValidationError(
                f"{flag} {value!r} is not ID:CRITERION.",
                hint=f"Example: {flag} 42:mentoring (see the pending ones with: promocase review --list)",
            )
        out.append((int(raw_id.strip().lstrip("#")), crit.strip()))
    return out


@click.command()
@click.option("--list", "list_only", is_flag=True, help="Only list pending suggestions.")
@click.option("--accept-all", is_flag=True, help="Accept every pending suggestion.")
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.0,
    help="With --accept-all: only suggestions scoring at least this.",
)
@click.option(
    "--accept", "accepts", multiple=True, metavar="ID:CRIT", help="Accept one (repeatable)."
)
@click.option(
    "--reject", "rejects", multiple=True, metavar="ID:CRIT", help="Reject one (repeatable)."
)
@click.option("--reject-rest", is_flag=True, help="Reject every suggestion not accepted here.")
@click.option("--week", "period", flag_value="week", help="Review the past week instead.")
@click.option("--month", "period", flag_value="month", help="Review the past month instead.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def review(
    ctx: click.Context,
    list_only: bool,
    accept_all: bool,
    min_score: float,
    accepts: tuple[str, ...],
    rejects: tuple[str, ...],
    reject_rest: bool,
    period: str | None,
    as_json: bool,
) -> None:
    """Walk the criteria promocase suggested for your entries: accept or reject each.

    \b
    In a terminal it asks, entry by entry: [a]ccept, [r]eject, [s]kip, [q]uit.
    Scripts use flags:
      promocase review --list --json
      promocase review --accept 42:mentoring --reject 42:hiring
      promocase review --accept-all --min-score 0.5
    Periodic reviews:
      promocase review --week      promocase review --month

    Accepted links count toward your status; suggestions you reject are not offered again.
    """
    args = ctx.find_root().meta.get("promocase.args", [])
    if "--week" in args and "--month" in args:
        raise click.UsageError("Choose one period: --week or --month.")
    if (
        not accept_all
        and ctx.get_parameter_source("min_score") == click.core.ParameterSource.COMMANDLINE
    ):
        raise click.UsageError("--min-score only applies with --accept-all.")
    if period:
        from promocase.cli.cadence import print_periodic_review

        print_periodic_review(ctx, period, as_json)
        return
    from promocase.services import judgement as svc

    workspace = ws(ctx)
    done: dict[str, list[dict[str, Any]]] = {"accepted": [], "rejected": []}
    explicit = bool(accepts or rejects or accept_all or reject_rest)
    accepted_keys = set()
    offered = (
        {(p.evidence_id, p.criterion_id) for p in svc.pending_suggestions(workspace)}
        if accepts
        else set()
    )
    own: list[str] = []  # accepted links that were not a pending suggestion
    for eid, crit in _pairs(accepts, "--accept"):
        svc.accept_suggestion(workspace, eid, crit)
        accepted_keys.add((eid, crit))
        done["accepted"].append({"evidence_id": eid, "criterion_id": crit})
        if (eid, crit) not in offered:
            own.append(f"#{eid} → {crit}")
    for eid, crit in _pairs(rejects, "--reject"):
        svc.reject_suggestion(workspace, eid, crit)
        done["rejected"].append({"evidence_id": eid, "criterion_id": crit})
    if accept_all:
        for p in svc.pending_suggestions(workspace):
            if (p.score or 0.0) >= min_score:
                svc.accept_suggestion(workspace, p.evidence_id, p.criterion_id)
                done["accepted"].append(
                    {"evidence_id": p.evidence_id, "criterion_id": p.criterion_id}
                )
    if reject_rest:
        for p in svc.pending_suggestions(workspace):
            svc.reject_suggestion(workspace, p.evidence_id, p.criterion_id)
            done["rejected"].append({"evidence_id": p.evidence_id, "criterion_id": p.criterion_id})

    pending = svc.pending_suggestions(workspace)
    if explicit or list_only or as_json or not stdin_is_terminal():
        if as_json:
            echo_json(
                {
                    **done,
                    "pending": [
                        {
                            "evidence_id": p.evidence_id,
                            "date": p.date,
                            "text": p.text,
                            "criterion_id": p.criterion_id,
                            "name": p.name,
                            "score": p.score,
                            "level": p.level,
                        }
                        for p in pending
                    ],
                }
            )
            return
        if explicit:
            click.echo(
                f"Accepted {len(done['accepted'])}, rejected {len(done['rejected'])}; "
                f"{plural(len(pending), 'suggestion')} still pending."
            )
            if own:
                click.echo(
                    f"Not suggested, linked as you asked: {', '.join(own)} "
                    "(check the id if that was a typo; promocase show ID lists its criteria)."
                )
            return
        _print_pending(pending)
        return
    _interactive(workspace, pending)


def _print_pending(pending: list[Any]) -> None:
    if not pending:
        click.echo("No suggestions waiting. New entries get suggestions as you add them.")
        return
    click.echo(f"{plural(len(pending), 'suggestion')} waiting:")
    for p in pending:
        score = f"{p.score:.2f}" if p.score is not None else "  – "
        click.echo(f"  #{p.evidence_id:<5} {score}  {p.criterion_id:<22} {shorten(p.text, 60)}")
    click.echo("Accept with: promocase review --accept ID:CRITERION (or run it in a terminal).")


def _interactive(workspace: Any, pending: list[Any]) -> None:
    from promocase.services import judgement as svc

    if not pending:
        click.echo("No suggestions waiting. New entries get suggestions as you add them.")
        return
    by_entry: dict[int, list[Any]] = {}
    for p in pending:
        by_entry.setdefault(p.evidence_id, []).append(p)
    accepted = rejected = 0
    click.echo(
        f"{plural(len(pending), 'suggestion')} on {plural(len(by_entry), 'entry', 'entries')}. "
        "a=accept r=reject s=skip q=quit"
    )
    for eid, items in by_entry.items():
        click.echo(f"\n#{eid} {items[0].date}  {shorten(items[0].text, 90)}")
        for p in items:
            score = f"{p.score:.2f}" if p.score is not None else "–"
            level = f", reads at {p.level}" if p.level else ""
            answer = click.prompt(
                f"  → {p.name} ({p.criterion_id}, {score}{level})",
                type=click.Choice(["a", "r", "s", "q"]),
                default="s",
                show_choices=True,
            )
            if answer == "q":
                click.echo(f"\nAccepted {accepted}, rejected {rejected}.")
                return
            if answer == "a":
                svc.accept_suggestion(workspace, eid, p.criterion_id)
                accepted += 1
            elif answer == "r":
                svc.reject_suggestion(workspace, eid, p.criterion_id)
                rejected += 1
    click.echo(f"\nAccepted {accepted}, rejected {rejected}.")
