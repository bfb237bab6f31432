"""The periodic review printed by `promocase review --week|--month`, and `promocase remind`."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import click

from promocase.cli.output import echo_json, shorten, ws
from promocase.core.words import plural


def print_periodic_review(ctx: click.Context, period: str, as_json: bool) -> None:
    """Build the review of the past week or month, record it, and print it."""
    from promocase.services import cadence

    workspace = ws(ctx)
    review = cadence.periodic_review(workspace, period)
    cadence.record_review(workspace, review)
    if as_json:
        echo_json(cadence.review_json(review))
        return
    span = "week" if period == "week" else "month"
    click.secho(f"Your {span} in review: {review.start} to {review.end}", bold=True)
    click.echo()
    n = len(review.captured)
    sources = ", ".join(f"{count:,} {src}" for src, count in sorted(review.by_source.items()))
    click.secho(f"Captured ({n:,}{': ' + sources if sources else ''})", bold=True)
    if not review.captured:
        click.echo("  Nothing yet.")
    for item in review.captured[-10:][::-1]:
        mark = "praise" if item["kind"] == "praise" else item.get("verdict", "")
        click.echo(f"  #{item['id']:<5} {item['date']}  {shorten(item['text'], 62)}  [{mark}]")
    if n > 10:
        click.echo(f"  … and {n - 10:,} more: promocase log --since {review.start}")
    click.echo()
    if review.imported_earlier:
        earlier = sum(group["count"] for group in review.imported_earlier)
        click.secho(f"Imported this {span}, dated before it ({earlier:,})", bold=True)
        before = (date.fromisoformat(review.start) - timedelta(days=1)).isoformat()
        for group in review.imported_earlier:
            dates = (
                group["first"]
                if group["first"] == group["last"]
                else (f"{group['first']} to {group['last']}")
            )
            vague = f", {group['vague']:,} vague" if group["vague"] else ""
            click.echo(
                f"  {group['source']:<9} {plural(group['count'], 'entry', 'entries')} dated {dates}{vague}: "
                f"promocase log --source {group['source']} --until {before}"
            )
        click.echo()
    click.secho(f"Still vague ({review.vague_total:,})", bold=True)
    if not review.vague:
        click.echo("  None: every entry says what changed.")
    for item in review.vague:
        missing = ", ".join(item["missing"][:3])
        click.echo(f"  #{item['id']:<5} {shorten(item['text'], 58)}  (missing: {missing})")
        if item.get("prompt"):
            click.echo(f"         → {shorten(item['prompt'], 88)}")
    click.echo()
    click.secho(f"Results to follow up ({review.follow_ups_total:,})", bold=True)
    if not review.follow_ups:
        click.echo("  None due.")
    for f in review.follow_ups:
        click.echo(
            f"  #{f.evidence_id:<5} {f.age_days} days ago: {shorten(f.text, 56)}\n"
            f"         → What came of it? promocase edit {f.evidence_id} "
            '--metric "NAME: BEFORE -> AFTER" --outcome "…"'
        )
    if review.follow_ups:
        click.echo(
            "  Each is asked once at 30 days and again at 90 days, unless it gets a result "
            "before then."
        )
    if review.follow_ups_later:
        click.echo(
            f"  These are the {len(review.follow_ups)} most recent; the other "
            f"{review.follow_ups_later:,} come up in your next reviews."
        )
    if review.goals_due is not None:
        click.echo()
        click.secho(f"Goals due or behind ({len(review.goals_due)})", bold=True)
        if not review.goals_due:
            click.echo("  None.")
        for goal in review.goals_due:
            click.echo(
                f"  goal {goal['id']}: {shorten(goal['title'], 50)} (due {goal['due_date']}, "
                f"{goal['verdict']}): {shorten(goal['explanation'], 60)}"
            )
    if review.actions_due is not None:
        click.echo()
        click.secho(f"Actions due ({len(review.actions_due)})", bold=True)
        if not review.actions_due:
            click.echo("  None.")
        for action in review.actions_due:  # services.outcomes.ActionItem fields
            click.echo(f"  {shorten(action['text'], 70)}  (due {action['due_date']})")
    if review.prompts:
        click.echo()
        click.secho("Worth a thought", bold=True)
        for prompt in review.prompts:
            click.echo(f"  • {prompt}")
    for note in review.notes:
        click.echo(f"Note: {note}")
    click.echo()
    other = "month" if period == "week" else "week"
    click.echo(
        f"Review recorded. Next: promocase review --{period} in a {span} "
        f"(or --{other}); `promocase remind --ics reviews.ics` puts it in your calendar."
    )


@click.command()
@click.option(
    "--ics",
    "ics_path",
    type=click.Path(dir_okay=False),
    required=True,
    help="Write the reminder calendar to this file.",
)
@click.option(
    "--cadence",
    type=click.Choice(["weekly", "monthly"]),
    help="Weekly, or monthly on the last such weekday (default: [review] cadence in config).",
)
@click.option("--day", default="fri", show_default=True, help="Weekday: mon, tue … sun.")
@click.option("--time", "at", default="16:00", show_default=True, help="Local time, HH:MM.")
@click.option("--tz", help="Time zone such as Europe/Berlin (default: floating local time).")
@click.option("--save", is_flag=True, help="Also make this cadence the one in your config.")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
@click.pass_context
def remind(
    ctx: click.Context,
    ics_path: str,
    cadence: str | None,
    day: str,
    at: str,
    tz: str | None,
    save: bool,
    force: bool,
    as_json: bool,
) -> None:
    """Write a calendar file with a recurring review event to add to your own calendar.

    Between reviews, promocase prints a one-line reminder when a review is overdue; outcome
    follow-ups (30 and 90 days after an entry without a measured result) appear in the review.

    \b
    Examples:
      promocase remind --ics ~/promocase-reviews.ics
      promocase remind --ics reviews.ics --cadence monthly --day thu --time 15:30 --tz Europe/Berlin
    """
    from promocase.core.errors import ValidationError
    from promocase.services import cadence as svc
    from promocase.services.backup import write_private

    workspace = ws(ctx)
    chosen = cadence or svc.cadence_of(workspace)
    target = Path(ics_path).expanduser()
    if target.exists() and not force:
        raise ValidationError(f"{target} exists.", hint="Add --force to replace it.")
    data = svc.reminder_ics(chosen, weekday=day, at=at, tz=tz)
    write_private(target, data)
    if save:
        config = workspace.config()
        config.setdefault("review", {})["cadence"] = chosen
        workspace.write_config(config)
    period = svc.CADENCES[chosen][0]
    if as_json:
        echo_json(
            {
                "path": str(target),
                "cadence": chosen,
                "day": day,
                "time": at,
                "tz": tz,
                "saved": save,
            }
        )
        return
    weekday = svc.weekday_name(day)
    when = f"every {weekday}" if chosen == "weekly" else f"on the last {weekday} of each month"
    click.echo(
        f"Wrote {target}: a {chosen} review {when} at {at}{' ' + tz if tz else ''}.\n"
        f"Open it with your calendar program to add the event; it runs "
        f"`promocase review --{period}`."
    )
