"""The case: goals, Eisenhower triage, priorities and plans, the packet and the conversation kit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from promocase.cli.output import echo_json, shorten, write_output, ws

VERDICT_MARK = {
    "exceeded": "▲ exceeded",
    "met": "● met",
    "missed": "▼ missed",
    "on-track": "→ on track",
    "behind": "! behind",
    "no-data": "? no data",
}


def _id(text: str, what: str) -> int:
    from promocase.core.errors import ValidationError

    cleaned = text.strip().lstrip("#")
    if not cleaned.isdigit():
        raise ValidationError(f"'{text}' is not a {what} id.", hint="Ids look like 3 or #3.")
    return int(cleaned)


# -- goals -----------------------------------------------------------------------------------
@click.group()
def goal() -> None:
    """Achievements: goals with a baseline, a target, a due date and measured actuals.

    \b
    Examples:
      promocase goal add "p95 checkout latency" --baseline 820 --target 300 --unit ms \\
          --due 2027-03-31
      promocase goal update 1 --actual 410 --on 2027-01-15
      promocase goal list
      promocase goal show 1 --by month

    Exceeded, met or missed is computed from the numbers; you never type it.
    """


def _goal_line(status: Any) -> str:
    from promocase.services.goals import with_unit

    g = status.goal
    if status.progress is None:
        progress = ""
    elif status.progress < 0:
        progress = " (worse than the baseline)"
    else:
        progress = f" ({status.progress:.0%})"
    return (
        f"#{g.id:<3} {VERDICT_MARK[status.verdict]:<12} {shorten(g.title, 52)}\n"
        f"     {with_unit(g.baseline, g.unit)} → target {with_unit(g.target, g.unit)} by "
        f"{g.due_date}; latest {with_unit(status.latest, g.unit)}{progress}"
    )


@goal.command("add")
@click.argument("title", nargs=-1, required=True)
@click.option("--baseline", "-b", required=True, help="Where the number stands at the start.")
@click.option("--target", "-T", required=True, help="Where you aim to get it.")
@click.option("--due", required=True, help="Due date: YYYY-MM-DD or 'in 90 days'.")
@click.option("--unit", "-U", help="Unit of the number: ms, %, USD, tickets…")
@click.option("--start", help="Start date (default today).")
@click.option("--note", help="Context for a reader.")
@click.option(
    "--evidence", "-e", "evidence", multiple=True, help="Entry id it rests on (repeatable)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the goal as JSON.")
@click.pass_context
def goal_add(
    ctx: click.Context,
    title: tuple[str, ...],
    baseline: str,
    target: str,
    due: str,
    unit: str | None,
    start: str | None,
    note: str | None,
    evidence: tuple[str, ...],
    as_json: bool,
) -> None:
    """Set a goal: what number moves, from where, to where, by when.

    \b
    Example:
      promocase goal add "Support tickets per month" -b 1900 -T 1300 --unit tickets \\
          --due "in 6 months" -e 42
    """
    from promocase.services import goals as svc

    created = svc.add_goal(
        ws(ctx),
        " ".join(title),
        baseline=baseline,
        target=target,
        due=due,
        unit=unit,
        start=start,
        note=note,
        evidence_ids=[_id(e, "entry") for e in evidence],
    )
    status = svc.evaluate(created)
    if as_json:
        echo_json(svc.goal_json(status))
        return
    click.echo(f"Added goal #{created.id}: {created.title}")
    click.echo(f"Record progress with: promocase goal update {created.id} --actual NUMBER")


@goal.command("update")
@click.argument("goal_id")
@click.option("--actual", "-a", help="A measured value to record.")
@click.option("--on", "actual_date", help="When it was measured (default today).")
@click.option("--actual-note", help="A note about this measurement.")
@click.option("--title", help="A new title.")
@click.option("--baseline", "-b", help="A corrected starting value.")
@click.option("--target", "-T", help="A new target value.")
@click.option("--due", help="A new due date: YYYY-MM-DD or 'in 90 days'.")
@click.option("--unit", "-U", help="A new unit (ms, %, tickets…).")
@click.option("--note", help="Replace the goal's note ('' clears it).")
@click.option("--link", "-e", "link", multiple=True, help="Link an entry id (repeatable).")
@click.option("--unlink", multiple=True, help="Unlink an entry id (repeatable).")
@click.option("--archive", is_flag=True, help="Hide the goal from lists and the packet.")
@click.option("--json", "as_json", is_flag=True, help="Print the goal as JSON.")
@click.pass_context
def goal_update(
    ctx: click.Context,
    goal_id: str,
    actual: str | None,
    actual_date: str | None,
    actual_note: str | None,
    title: str | None,
    baseline: str | None,
    target: str | None,
    due: str | None,
    unit: str | None,
    note: str | None,
    link: tuple[str, ...],
    unlink: tuple[str, ...],
    archive: bool,
    as_json: bool,
) -> None:
    """Record a measured actual, change the goal, or link the evidence behind it.

    \b
    Examples:
      promocase goal update 1 --actual 410
      promocase goal update 1 --actual 380 --on 2027-02-01 --link 57
      promocase goal update 1 --target 250 --due 2027-06-30
    """
    from promocase.core.errors import ValidationError
    from promocase.services import goals as svc

    changes = svc.GoalChanges(
        title=title,
        unit=unit,
        baseline=baseline,
        target=target,
        due=due,
        note=note,
        actual=actual,
        actual_date=actual_date,
        actual_note=actual_note,
        link_evidence=[_id(e, "entry") for e in link],
        unlink_evidence=[_id(e, "entry") for e in unlink],
        archive=archive,
    )
    if changes == svc.GoalChanges():
        raise ValidationError(
            "Nothing to update.", hint=f"e.g. promocase goal update {goal_id} --actual 42"
        )
    if actual_date and actual is None:
        raise ValidationError("--on needs --actual: say what was measured on that date.")
    updated = svc.update_goal(ws(ctx), _id(goal_id, "goal"), changes)
    if archive:
        click.echo(f"Archived goal #{updated.id}: {updated.title}")
        return
    status = svc.evaluate(updated)
    if as_json:
        echo_json(svc.goal_json(status))
    else:
        click.echo(_goal_line(status))
        click.echo(f"     {status.explanation}")


@goal.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_context
def goal_list(ctx: click.Context, as_json: bool) -> None:
    """List goals with their computed verdicts (exceeded, met, missed, on track, behind).

    \b
    Example:
      promocase goal list --json
    """
    from promocase.services import goals as svc

    statuses = [svc.evaluate(g) for g in svc.list_goals(ws(ctx))]
    if as_json:
        echo_json([svc.goal_json(s) for s in statuses])
        return
    if not statuses:
        click.echo("No goals yet. Add one with:")
        click.echo('  promocase goal add "TITLE" --baseline N --target N --due "in 90 days"')
        return
    for status in statuses:
        click.echo(_goal_line(status))
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s.verdict] = counts.get(s.verdict, 0) + 1
    click.echo("\n" + ", ".join(f"{n} {v}" for v, n in counts.items()))


@goal.command("show")
@click.argument("goal_id")
@click.option(
    "--by",
    type=click.Choice(["week", "month"]),
    default="month",
    show_default=True,
    help="Progress per week or per month.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the goal and its periods as JSON.")
@click.pass_context
def goal_show(ctx: click.Context, goal_id: str, by: str, as_json: bool) -> None:
    """One goal: its actuals, linked evidence and progress per week or month.

    \b
    Example:
      promocase goal show 2 --by week
    """
    from promocase.services import goals as svc

    g = svc.get_goal(ws(ctx), _id(goal_id, "goal"))
    status = svc.evaluate(g)
    points = svc.progress_by_period(g, by)
    if as_json:
        data = svc.goal_json(status)
        data["periods"] = [
            {
                "period": p.period,
                "value": p.value,
                "progress": None if p.progress is None else round(p.progress, 4),
                "expected": round(p.expected, 4),
            }
            for p in points
        ]
        echo_json(data)
        return
    click.echo(_goal_line(status))
    click.echo(f"     {status.explanation}")
    if g.note:
        click.echo(f"     Note: {g.note}")
    if g.evidence_ids:
        click.echo("     Evidence: " + ", ".join(f"#{i}" for i in g.evidence_ids))
    click.echo(f"\nProgress by {by} (█ = actual, · = where the calendar says you should be):")
    for p in points:
        filled = 0 if p.progress is None else max(0, min(int(round(p.progress * 20)), 24))
        bar = "█" * filled
        mark = int(round(p.expected * 20))
        line = bar.ljust(25)
        line = line[:mark] + ("·" if len(bar) <= mark else line[mark]) + line[mark + 1 :]
        shown = "—" if p.value is None else svc.with_unit(p.value, g.unit)
        click.echo(f"  {p.period:<9} {line} {shown}")


# -- triage ----------------------------------------------------------------------------------
def _print_matrix(summary: Any) -> None:
    from promocase.services.triage import QUADRANTS

    titles = {q: text for (q, text) in QUADRANTS.values()}
    for quadrant in ("do", "schedule", "delegate", "eliminate"):
        items = [i for i in summary.items if i.quadrant == quadrant]
        click.echo(f"{quadrant.upper()}: {titles[quadrant]}")
        if not items:
            click.echo("  (nothing)")
        for i in items:
            decided = (
                f"decided: {i.decision}" + (f" → {i.delegate_to}" if i.delegate_to else "")
                if i.decision
                else f"proposed: {i.proposal}"
            )
            click.echo(
                f"  #{i.id:<3} {shorten(i.title, 48):<48} {i.hours_per_week:>4g} h/wk  "
                f"u{i.urgency} i{i.importance}  {decided}"
            )
        click.echo("")
    click.echo(
        f"Hours freed for next-level work: {summary.hours_freed_decided:g} h/week decided"
        f" ({summary.hours_freed_proposed:g} h/week if you accept the open proposals)"
        f", of {summary.hours_total:g} h/week listed."
    )
    open_items = [i for i in summary.items if i.decision is None]
    if open_items:
        first = open_items[0]
        click.echo(
            f"Decide with: promocase triage decide {first.id} {first.proposal}"
            + (" --to NAME" if first.proposal == "delegate" else "")
        )


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the matrix and totals as JSON.")
@click.pass_context
def triage(ctx: click.Context, as_json: bool) -> None:
    """Eisenhower triage: free hours for next-level work by handing off the rest.

    \b
    List your recurring work, rate urgency and importance from 1 to 5 (3+ counts), and the
    hours it takes each week; promocase places each in the matrix and proposes do, schedule,
    delegate (to whom: also a mentoring story), automate or eliminate.
    \b
    Examples:
      promocase triage add "Weekly status report" --urgency 4 --importance 2 --hours 2
      promocase triage candidates          # pick from recent evidence
      promocase triage add --from-evidence 142 -u 3 -i 2 --hours 1
      promocase triage decide 3 delegate --to "Sam"
      promocase triage                     # the matrix and the hours freed
    """
    if ctx.invoked_subcommand is not None:
        return
    from promocase.services import triage as svc

    summary = svc.summarise(ws(ctx))
    if as_json:
        echo_json(svc.summary_json(summary))
        return
    if not summary.items:
        click.echo("Nothing triaged yet. List a piece of recurring work:")
        click.echo('  promocase triage add "Weekly status report" -u 4 -i 2 --hours 2')
        return
    _print_matrix(summary)


@triage.command("add")
@click.argument("title", nargs=-1)
@click.option("--urgency", "-u", required=True, help="1 (can wait) to 5 (on fire).")
@click.option("--importance", "-i", required=True, help="1 (no one would miss it) to 5 (core).")
@click.option("--hours", required=True, help="Hours it takes in a typical week.")
@click.option(
    "--kind", type=click.Choice(["recurring", "task"]), default="recurring", show_default=True
)
@click.option(
    "--from-evidence", "from_evidence", help="Use an entry's text (see: triage candidates)."
)
@click.option("--note")
@click.option("--json", "as_json", is_flag=True, help="Print the item as JSON.")
@click.pass_context
def triage_add(
    ctx: click.Context,
    title: tuple[str, ...],
    urgency: str,
    importance: str,
    hours: str,
    kind: str,
    from_evidence: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    """List a piece of work with its ratings and weekly hours.

    \b
    Example:
      promocase triage add "First-line triage of partner tickets" -u 4 -i 2 --hours 4
    """
    from promocase.services import triage as svc

    item = svc.add_item(
        ws(ctx),
        " ".join(title),
        urgency=urgency,
        importance=importance,
        hours=hours,
        kind=kind,
        evidence_id=_id(from_evidence, "entry") if from_evidence else None,
        note=note,
    )
    if as_json:
        echo_json(svc.item_json(item))
        return
    click.echo(f"Added #{item.id} to {item.quadrant.upper()}: {item.title}")
    click.echo(f"Proposal: {item.proposal}. {item.reason}")
    click.echo(
        f"Accept it with: promocase triage decide {item.id} {item.proposal}"
        + (" --to NAME" if item.proposal == "delegate" else "")
    )


@triage.command("decide")
@click.argument("item_id")
@click.argument("decision", required=False)
@click.option("--to", "delegate_to", help="Who takes it over (for delegate).")
@click.option("--note", help="Why, or what the hand-off involves.")
@click.option("--json", "as_json", is_flag=True, help="Print the item as JSON.")
@click.pass_context
def triage_decide(
    ctx: click.Context,
    item_id: str,
    decision: str | None,
    delegate_to: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    """Decide: do, schedule, delegate, automate or eliminate (the proposal if omitted).

    \b
    Examples:
      promocase triage decide 2 delegate --to "Tomás" --note "He wants carrier exposure"
      promocase triage decide 5            # accept the proposal
    """
    from promocase.services import triage as svc

    item = svc.decide(
        ws(ctx), _id(item_id, "triage item"), decision, delegate_to=delegate_to, note=note
    )
    if as_json:
        echo_json(svc.item_json(item))
        return
    who = f" to {item.delegate_to}" if item.delegate_to else ""
    click.echo(f"#{item.id} {item.title}: {item.decision}{who}.")
    summary = svc.summarise(ws(ctx))
    click.echo(f"Hours freed so far: {summary.hours_freed_decided:g} h/week.")


@triage.command("rate")
@click.argument("item_id")
@click.option("--urgency", "-u")
@click.option("--importance", "-i")
@click.option("--hours")
@click.option("--title")
@click.option("--json", "as_json", is_flag=True, help="Print the item as JSON.")
@click.pass_context
def triage_rate(
    ctx: click.Context,
    item_id: str,
    urgency: str | None,
    importance: str | None,
    hours: str | None,
    title: str | None,
    as_json: bool,
) -> None:
    """Change an item's ratings or hours (its decision stays).

    \b
    Example:
      promocase triage rate 4 --importance 4
    """
    from promocase.services import triage as svc

    item = svc.rate_item(
        ws(ctx),
        _id(item_id, "triage item"),
        urgency=urgency,
        importance=importance,
        hours=hours,
        title=title,
    )
    if as_json:
        echo_json(svc.item_json(item))
    else:
        click.echo(f"#{item.id} now in {item.quadrant.upper()}; proposal: {item.proposal}.")


@triage.command("reopen")
@click.argument("item_id")
@click.pass_context
def triage_reopen(ctx: click.Context, item_id: str) -> None:
    """Clear a decision to revisit it; the history keeps what it was.

    \b
    Example:
      promocase triage reopen 3
    """
    from promocase.services import triage as svc

    item = svc.reopen(ws(ctx), _id(item_id, "triage item"))
    click.echo(f"#{item.id} is open again; proposal: {item.proposal}.")


@triage.command("history")
@click.argument("item_id")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_context
def triage_history(ctx: click.Context, item_id: str, as_json: bool) -> None:
    """The decisions taken on an item, oldest first.

    \b
    Example:
      promocase triage history 3
    """
    from promocase.services import triage as svc

    rows = svc.decision_history(ws(ctx), _id(item_id, "triage item"))
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No decision yet.")
    for r in rows:
        who = f" → {r['delegate_to']}" if r["delegate_to"] else ""
        note = f"  ({r['note']})" if r["note"] else ""
        click.echo(f"{r['at'][:16]}  {r['decision']}{who}{note}")


@triage.command("remove")
@click.argument("item_id")
@click.pass_context
def triage_remove(ctx: click.Context, item_id: str) -> None:
    """Take an item off the list.

    \b
    Example:
      promocase triage remove 7
    """
    from promocase.services import triage as svc

    item = svc.remove_item(ws(ctx), _id(item_id, "triage item"))
    click.echo(f"Removed #{item.id}: {item.title}")


@triage.command("candidates")
@click.option("--days", default=30, show_default=True, help="How far back to look.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_context
def triage_candidates(ctx: click.Context, days: int, as_json: bool) -> None:
    """Recent entries not yet triaged, to pick recurring work from.

    \b
    Example:
      promocase triage candidates --days 14
    """
    from promocase.services import triage as svc

    rows = svc.candidates(ws(ctx), days=days)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo(f"No untriaged entries in the last {days} days.")
        return
    for r in rows:
        click.echo(f"#{r['id']:<5} {r['date']}  {shorten(r['text'], 70)}")
    click.echo("\nTriage one with: promocase triage add --from-evidence ID -u N -i N --hours H")


# -- plans -----------------------------------------------------------------------------------
def _print_plans(ws_: Any) -> None:
    from promocase.services import plan as svc

    priorities = {p.id: p for p in svc.list_priorities(ws_)}
    click.echo("Priorities:")
    if not priorities:
        click.echo('  (none) add one: promocase plan priority add "TITLE" --scope company')
    for p in priorities.values():
        click.echo(f"  P{p.id:<3} [{p.scope}] {p.title}")
    items = svc.list_items(ws_, include_dropped=True)
    for horizon, (label, _days) in svc.HORIZONS.items():
        click.echo(f"\n{label}:")
        chosen = [i for i in items if i.horizon == horizon]
        if not chosen:
            click.echo(
                f'  (empty) add: promocase plan add "TITLE" --horizon {horizon} '
                "--priority ID --criterion ID --measure TEXT"
            )
        for i in chosen:
            prio = f"P{i.priority_id}" if i.priority_id in priorities else "no priority"
            click.echo(f"  #{i.id:<3} {i.title}")
            click.echo(
                f"       {i.status}, due {i.due_date}; serves {prio}; criteria: "
                + (", ".join(i.criterion_ids) or "none")
            )
            if i.measure:
                click.echo(f"       success: {i.measure}")


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print priorities and both plans as JSON.")
@click.pass_context
def plan(ctx: click.Context, as_json: bool) -> None:
    """Company benefit: priorities, and the 90-day and 1-year plans for the next-level role.

    \b
    Examples:
      promocase plan priority add "Lower cost per shipment" --scope company
      promocase plan add "Move Returns onto the event platform" --horizon 90d --priority 1 \\
          --criterion influence --measure "Returns live, no custom Kafka code"
      promocase plan update 2 --status done
      promocase plan                        # both plans
    """
    if ctx.invoked_subcommand is not None:
        return
    from promocase.services import plan as svc

    if as_json:
        echo_json(svc.plan_json(ws(ctx)))
        return
    _print_plans(ws(ctx))


@plan.group("priority")
def plan_priority() -> None:
    """Company and team priorities the plans serve.

    \b
    Example:
      promocase plan priority add "Fewer support contacts" --scope company
    """


@plan_priority.command("add")
@click.argument("title", nargs=-1, required=True)
@click.option("--scope", type=click.Choice(["company", "team"]), default="team", show_default=True)
@click.option("--description", "-d", help="Why it matters, in a sentence or a number.")
@click.option("--json", "as_json", is_flag=True, help="Print the priority as JSON.")
@click.pass_context
def priority_add(
    ctx: click.Context, title: tuple[str, ...], scope: str, description: str | None, as_json: bool
) -> None:
    """Record a priority.

    \b
    Example:
      promocase plan priority add "Retire the legacy store" --scope team
    """
    from promocase.services import plan as svc

    p = svc.add_priority(ws(ctx), " ".join(title), scope=scope, description=description)
    if as_json:
        echo_json(svc.priority_json(p))
    else:
        click.echo(f"Added priority P{p.id} [{p.scope}]: {p.title}")


@plan_priority.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_context
def priority_list(ctx: click.Context, as_json: bool) -> None:
    """List priorities.

    \b
    Example:
      promocase plan priority list --json
    """
    from promocase.services import plan as svc

    found = svc.list_priorities(ws(ctx))
    if as_json:
        echo_json([svc.priority_json(p) for p in found])
        return
    for p in found:
        click.echo(f"P{p.id:<3} [{p.scope}] {p.title}")


@plan_priority.command("remove")
@click.argument("priority_id")
@click.pass_context
def priority_remove(ctx: click.Context, priority_id: str) -> None:
    """Remove a priority (plan items keep their text).

    \b
    Example:
      promocase plan priority remove 2
    """
    from promocase.services import plan as svc

    p = svc.remove_priority(ws(ctx), _id(priority_id.lstrip("Pp"), "priority"))
    click.echo(f"Removed priority P{p.id}: {p.title}")


@plan.command("add")
@click.argument("title", nargs=-1, required=True)
@click.option("--horizon", "-H", required=True, help="90d or 1y.")
@click.option("--priority", "-p", "priority_id", help="The priority id it serves (P1 or 1).")
@click.option(
    "--criterion",
    "-c",
    "criteria",
    multiple=True,
    help="Target-level criterion id it demonstrates (repeatable).",
)
@click.option("--measure", "-m", help="How success is measured.")
@click.option("--due", help="Due date (default: the end of the horizon).")
@click.option("--json", "as_json", is_flag=True, help="Print the item as JSON.")
@click.pass_context
def plan_add(
    ctx: click.Context,
    title: tuple[str, ...],
    horizon: str,
    priority_id: str | None,
    criteria: tuple[str, ...],
    measure: str | None,
    due: str | None,
    as_json: bool,
) -> None:
    """Add an item to the 90-day or 1-year plan.

    \b
    Example:
      promocase plan add "Design the senior interview loop" -H 90d -p 2 -c hiring \\
          -m "Loop used by three teams"
    """
    from promocase.services import plan as svc

    item = svc.add_item(
        ws(ctx),
        " ".join(title),
        horizon=horizon,
        priority_id=_id(priority_id.lstrip("Pp"), "priority") if priority_id else None,
        criteria=list(criteria),
        measure=measure,
        due=due,
    )
    if as_json:
        echo_json(svc.item_json(item))
        return
    click.echo(f"Added #{item.id} to the {svc.HORIZONS[item.horizon][0]}, due {item.due_date}.")
    if not item.criterion_ids or item.priority_id is None:
        click.echo(
            "Tie it to a priority (--priority) and criteria (--criterion) so the packet "
            "can argue the business case: promocase plan update "
            f"{item.id} --priority ID --criterion ID"
        )


@plan.command("update")
@click.argument("item_id")
@click.option("--title")
@click.option("--horizon", "-H")
@click.option("--priority", "-p", "priority_id")
@click.option("--criterion", "-c", "add_criteria", multiple=True, help="Add a criterion.")
@click.option("--remove-criterion", "remove_criteria", multiple=True)
@click.option("--measure", "-m")
@click.option("--due")
@click.option("--status", type=click.Choice(["planned", "in-progress", "done", "dropped"]))
@click.option("--json", "as_json", is_flag=True, help="Print the item as JSON.")
@click.pass_context
def plan_update(
    ctx: click.Context,
    item_id: str,
    title: str | None,
    horizon: str | None,
    priority_id: str | None,
    add_criteria: tuple[str, ...],
    remove_criteria: tuple[str, ...],
    measure: str | None,
    due: str | None,
    status: str | None,
    as_json: bool,
) -> None:
    """Change a plan item: its status, measure, due date, priority or criteria.

    \b
    Example:
      promocase plan update 3 --status in-progress --criterion mentoring
    """
    from promocase.services import plan as svc

    item = svc.update_item(
        ws(ctx),
        _id(item_id, "plan item"),
        svc.PlanChanges(
            title=title,
            horizon=horizon,
            priority_id=_id(priority_id.lstrip("Pp"), "priority") if priority_id else None,
            measure=measure,
            due=due,
            status=status,
            add_criteria=list(add_criteria),
            remove_criteria=list(remove_criteria),
        ),
    )
    if as_json:
        echo_json(svc.item_json(item))
    else:
        click.echo(f"#{item.id} {item.title}: {item.status}, due {item.due_date}.")


# -- packet and conversation kit -------------------------------------------------------------
FORMATS = ("md", "html", "pdf", "docx")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="md, html, pdf or docx (default: from the --output suffix, else md).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write.")
@click.option(
    "--redact",
    is_flag=True,
    help="Replace the names, customers and numbers on your "
    "redaction list (promocase redact list) for sharing.",
)
@click.option(
    "--check", is_flag=True, help="Verify every citation resolves; list claims without one."
)
@click.option("--json", "as_json", is_flag=True, help="Print the packet (or the check) as JSON.")
@click.pass_context
def packet(
    ctx: click.Context,
    fmt: str | None,
    output: str | None,
    redact: bool,
    check: bool,
    as_json: bool,
) -> None:
    """The promotion packet: your case, argued with cited evidence.

    \b
    It opens with the ask, answers a manager's three questions (long-term A-player? already
    doing next-level work? a good business decision?), then Achievements (goals against
    targets), Readiness (per criterion of the target level), Company benefit (business case,
    90-day and 1-year plans), honest gaps, and an appendix of every cited entry.
    \b
    Examples:
      promocase packet --format pdf --output packet.pdf
      promocase packet --format md --output packet.md --redact
      promocase packet --check
    """
    from promocase.core.errors import ValidationError
    from promocase.services import packet as svc

    workspace = ws(ctx)
    built = svc.build_packet(workspace, redact=redact)
    if check:
        result = svc.check_packet(workspace, built)
        if as_json:
            echo_json(result)
        else:
            click.echo(
                f"{result['citations']} citations in {result['claims']} claims: "
                f"{result['resolved']} resolved, {len(result['unresolved'])} unresolved."
            )
            for bad in result["unresolved"]:
                click.echo(f"  unresolved {bad['ref']} in: {shorten(bad['claim'], 70)}")
            if result["uncited"]:
                click.echo(f"{len(result['uncited'])} claims without a citation:")
                for claim in result["uncited"]:
                    click.echo(f"  [{claim['section']}] {shorten(claim['text'], 70)}")
            else:
                click.echo("Every claim cites evidence or criteria.")
        if result["unresolved"]:
            ctx.exit(1)
        return
    if as_json and not output:
        echo_json(svc.packet_json(built))
        return
    if fmt is None:
        suffix = Path(output).suffix.lower().lstrip(".") if output else ""
        fmt = suffix if suffix in FORMATS else "md"
    if fmt in ("pdf", "docx") and not output:
        raise ValidationError(
            f"A {fmt.upper()} packet needs a file to go to.",
            hint=f"Add --output packet.{fmt}",
        )
    from promocase.render import packet as render

    content = render.render_packet(built, fmt)
    if not output:
        click.echo(content if isinstance(content, str) else "", nl=False)
        return
    path = write_output(output, content)
    click.echo(
        f"Wrote the {fmt.upper()} packet to {path} "
        f"({len(built.appendix)} cited entries{', redacted' if redact else ''})."
    )


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "pdf"]),
    default=None,
    help="md or pdf (default: from the --output suffix, else md).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write.")
@click.option("--redact", is_flag=True, help="Apply your redaction list.")
@click.option("--json", "as_json", is_flag=True, help="Print the kit as JSON.")
@click.pass_context
def prep(
    ctx: click.Context, fmt: str | None, output: str | None, redact: bool, as_json: bool
) -> None:
    """The conversation kit: a one-page brief for the promotion conversation.

    \b
    The ask in your own words built from your strongest evidence, the questions to ask,
    the objections your gaps invite with the evidence that answers each, and what to do
    with each kind of answer.
    \b
    Examples:
      promocase prep
      promocase prep --format pdf --output conversation.pdf
    """
    from promocase.core.errors import ValidationError
    from promocase.services import prep as svc

    kit = svc.build_kit(ws(ctx), redact=redact)
    if as_json:
        echo_json(svc.kit_json(kit))
        return
    if fmt is None:
        fmt = "pdf" if output and output.lower().endswith(".pdf") else "md"
    if fmt == "pdf" and not output:
        raise ValidationError("A PDF kit needs a file to go to.", hint="Add --output kit.pdf")
    from promocase.render import packet as render

    content = render.render_kit(kit, fmt)
    if not output:
        click.echo(content if isinstance(content, str) else "", nl=False)
        return
    path = write_output(output, content)
    click.echo(f"Wrote the conversation kit to {path}.")
