"""`promocase assess`: your own verdict on each criterion of the target level."""

from __future__ import annotations

import click

from promocase.cli.output import echo_json, shorten, stdin_is_terminal, ws
from promocase.core.words import plural

CHOICES = {"m": "meets", "p": "partially", "n": "not-yet", "x": "n/a", "s": None}


def _parse(values: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
    from promocase.core.errors import ValidationError

    out = []
    for value in values:
        crit, sep, rest = value.partition("=")
        if not sep or not crit.strip() or not rest.strip():
            raise ValidationError(
                f"--verdict {value!r} is not CRITERION=VERDICT[:NOTE].",
                hint="Example: --verdict mentoring=partially:'one mentee so far'",
            )
        verdict, _, note = rest.partition(":")
        out.append((crit.strip(), verdict.strip(), note.strip() or None))
    return out


@click.command()
@click.option(
    "--verdict",
    "verdicts",
    multiple=True,
    metavar="CRIT=VERDICT[:NOTE]",
    help="meets | partially | not-yet | n/a (n/a needs a note). Repeatable.",
)
@click.option("--history", "show_history", is_flag=True, help="Show every past assessment.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def assess(
    ctx: click.Context, verdicts: tuple[str, ...], show_history: bool, as_json: bool
) -> None:
    """Rate yourself against each criterion of your target level; every run is kept.

    \b
    In a terminal it walks the criteria: [m]eets, [p]artially, [n]ot yet, n/a ([x], with a
    reason), [s]kip, then a note. Scripts use flags:
      promocase assess --verdict mentoring=partially:"one mentee so far" \\
                       --verdict mobile=n/a:"no mobile work in my team"
      promocase assess --history --json

    Criteria whose bar sits below your target level count as met unless you say otherwise.
    `promocase status` shows your verdict next to what the evidence supports.
    """
    from promocase.services import assess as svc
    from promocase.services.assess import AssessmentItem

    workspace = ws(ctx)
    if show_history:
        records = svc.assessment_history(workspace)
        if as_json:
            echo_json([r.__dict__ for r in records])
            return
        if not records:
            click.echo("No assessments yet. Start one with: promocase assess")
            return
        current = None
        for r in records:
            if r.session != current:
                current = r.session
                click.echo(f"\nAssessment {r.session} ({r.assessed_at[:10]}, level {r.level_id})")
            note = f" — {r.note}" if r.note else ""
            click.echo(f"  {r.criterion_id:<24} {r.verdict}{note}")
        return
    items: list[AssessmentItem] = []
    if verdicts:
        items = [AssessmentItem(c, v, n) for c, v, n in _parse(verdicts)]
    elif stdin_is_terminal():
        for cid, name, expectation in svc.criteria_to_assess(workspace):
            click.echo(f"\n{name} ({cid})")
            if expectation:
                click.echo(f"  The bar: {shorten(expectation, 200)}")
            answer = click.prompt(
                "  [m]eets [p]artially [n]ot yet n/a=[x] [s]kip",
                type=click.Choice(list(CHOICES)),
                default="s",
                show_choices=False,
            )
            verdict = CHOICES[answer]
            if verdict is None:
                continue
            note = click.prompt(
                "  Reason (required)" if verdict == "n/a" else "  Note (optional)",
                default="" if verdict != "n/a" else None,
                show_default=False,
            )
            items.append(AssessmentItem(cid, verdict, note or None))
    else:
        from promocase.core.errors import ValidationError

        raise ValidationError(
            "No verdicts given and no terminal to ask in.",
            hint="Use --verdict CRITERION=VERDICT[:NOTE] (repeatable), e.g. "
            "--verdict mentoring=partially:'one mentee'",
        )
    session = svc.save_assessment(workspace, items)
    if as_json:
        echo_json({"session": session, "recorded": [i.__dict__ for i in items]})
        return
    click.echo(
        f"Recorded assessment {session}: {plural(len(items), 'verdict')}. See them against the "
        "evidence with: promocase status"
    )
