"""`promocase import git|issues|calendar|brag`: fill the log from where work leaves traces."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from promocase import lifetime
from promocase.cli.output import echo_json, shorten, ws

SHOWN = 15  # entries listed in the human summary


def _dry_run_option(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")(f)
    return click.option(
        "--dry-run", is_flag=True, help="Show what would be added and change nothing."
    )(f)


@contextmanager
def _importing(
    ctx: click.Context, label: str
) -> Iterator[tuple[Callable[[int], None], Callable[[int, int], None]]]:
    """Progress callbacks for an import (see _progress); Ctrl-C says what was kept: an import
    run is saved whole or not at all, so either nothing was added or all of it was."""
    from promocase.services import importing

    before = importing.last_run(ws(ctx))
    try:
        with _progress(label) as callbacks:
            yield callbacks
    except KeyboardInterrupt:
        if importing.last_run(ws(ctx)) == before:
            click.echo("Interrupted: nothing was imported. Run the same command again.", err=True)
        else:
            click.echo(
                "Interrupted after the import was saved; run the same command again to see "
                "what it added (nothing is imported twice).",
                err=True,
            )
        ctx.exit(130)


@contextmanager
def _progress(label: str) -> Iterator[tuple[Callable[[int], None], Callable[[int, int], None]]]:
    """Callbacks for (reading, writing) progress; a Rich bar on stderr only in a terminal."""
    if not sys.stderr.isatty():
        yield (lambda n: None), (lambda done, total: None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        reading = bar.add_task(f"Reading {label}", total=None)  # how many is known at the end
        read = [0]
        writing: list[Any] = []

        def on_read(count: int) -> None:
            read[0] = count
            bar.update(reading, completed=count)

        def on_write(done: int, total: int) -> None:
            if not writing:
                # Reading is over: its bar fills and says how many ("100000/100000", not "/?").
                bar.update(reading, total=read[0], completed=read[0])
                writing.append(bar.add_task("Checking and adding", total=total))
            bar.update(writing[0], completed=done)

        yield on_read, on_write


def _since(value: str | None) -> str | None:
    if not value:
        return None
    from promocase.core.dates import parse_when
    from promocase.store.clock import today

    return parse_when(value, today=today()).isoformat()


def _report(summary: Any, as_json: bool, one: str, many: str) -> None:
    """The summary for a person: `one` and `many` name the source's items (commit, commits)."""
    from promocase.core.words import agree, plural

    if as_json:
        echo_json(summary.to_json, compact=summary.json_text())
        return
    new = [e for e in summary.entries if e.status != "exists"]
    what = agree(summary.items, one, many)
    if summary.found == 0:
        earlier = summary.detected.get("commits", 0) > summary.detected.get("new_commits", 0)
        click.echo("Nothing new to import." if earlier else f"Found no {many} to import.")
    elif summary.dry_run:
        click.echo(
            f"Dry run: {plural(summary.new, 'new entry', 'new entries')} would be added "
            f"from {summary.items:,} {what}; {summary.skipped:,} already imported. Nothing was changed."
        )
    else:
        click.echo(
            f"Added {plural(summary.added, 'entry', 'entries')} from "
            f"{summary.items:,} {what}; {summary.skipped:,} already imported."
        )
    for entry in new[:SHOWN]:
        ident = f"#{entry.id}" if entry.id is not None else "new"
        verdict = f" [{entry.verdict}]" if entry.verdict else ""
        crit = (
            " → " + ", ".join(s["criterion_id"] for s in entry.suggestions[:2])
            if entry.suggestions
            else ""
        )
        click.echo(f"  {ident:>6} {entry.date}{verdict} {shorten(entry.text, 60)}{crit}")
    if len(new) > SHOWN:
        click.echo(f"  … and {len(new) - SHOWN:,} more (see them all with --json).")
    for note in summary.notes:
        click.echo(f"Note: {note}")
    if new and not summary.dry_run:
        vague = sum(1 for e in new if e.verdict == "vague")
        if vague:
            who = "It says" if len(new) == 1 else f"{vague:,} of them {agree(vague, 'says', 'say')}"
            click.echo(
                f"{who} what you did but not what changed: add the result with "
                "`promocase edit ID --outcome … --metric …`, or in your next `promocase review`."
            )
    elif new and summary.dry_run:
        click.echo("Run again without --dry-run to add them.")


def _pause_collection_until_done(ctx: click.Context) -> None:
    """Keep Python's cycle collector paused until the command is over, its summary printed
    and freed. The import pauses it while it runs (services.importing.no_cycle_collection);
    resumed right after, the collector's first pass walks every object the import made and
    the summary still holds (0.1 s on 20,000 entries), just before the process exits."""
    import gc

    def resume() -> None:
        if lifetime.keeping():
            # What the import kept until exit (see promocase.lifetime) is left out of the
            # collector's passes: the first would walk it all, as above.
            gc.freeze()
        gc.enable()

    if gc.isenabled():
        gc.disable()
        ctx.call_on_close(resume)


@click.command("git")
@click.argument("repos", nargs=-1, required=True, metavar="REPO...")
@click.option(
    "--author",
    "authors",
    multiple=True,
    help="Your commit email (repeatable for several addresses); by default, the user.email "
    "git has for each repository.",
)
@click.option("--since", help="Only commits from this date: YYYY-MM-DD or '6 months ago'.")
@click.option(
    "--coauthored",
    is_flag=True,
    help="Also import others' commits that name you in a Co-authored-by line (pairing).",
)
@_dry_run_option
@click.pass_context
def import_git(
    ctx: click.Context,
    repos: tuple[str, ...],
    authors: tuple[str, ...],
    since: str | None,
    coauthored: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Turn your commits into candidate evidence.

    Commits are grouped by merged pull request or branch when the history shows them,
    otherwise by day and topic (the commit's scope, as in "feat(billing):", or the folder most
    changed, looking through src/, packages/ and the like). Re-running adds only commits not
    imported before. If you pair, --coauthored adds the commits others made with you.

    \b
    Examples:
      promocase import git ~/src/billing --author me@example.com --dry-run
      promocase import git ~/src/api ~/src/web --author me@example.com --since "6 months ago"
      promocase import git . --author me@example.com --coauthored
    """
    from promocase.services import importing

    _pause_collection_until_done(ctx)
    with _importing(ctx, "commits") as (on_read, on_write):
        summary = importing.import_git_repos(
            ws(ctx),
            list(repos),
            list(authors),
            since=_since(since),
            dry_run=dry_run,
            on_read=on_read,
            progress=on_write,
            json_summary=as_json,
            coauthored=coauthored,
        )
    _report(summary, as_json, "commit", "commits")
    lifetime.keep(summary)


@click.command(
    "issues", short_help="Import finished issues and pull requests (GitHub, Jira, Linear)."
)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=HEADER",
    help="Use this column for a field (title, id, url, state, closed, created, labels, type, "
    "assignee, points…), when the export names it differently. Repeatable.",
)
@click.option("--assignee", help="Only items assigned to this person (part of the name).")
@click.option("--include-open", is_flag=True, help="Also import items that are not finished.")
@_dry_run_option
@click.pass_context
def import_issues(
    ctx: click.Context,
    file: str,
    columns: tuple[str, ...],
    assignee: str | None,
    include_open: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import finished issues and pull requests from a tracker export (CSV or JSON).

    GitHub (issues and pull requests), Jira and Linear exports are recognised by their
    columns; cancelled and duplicate items are left out.

    \b
    Examples:
      promocase import issues jira-export.csv --assignee "Noor" --dry-run
      gh pr list --state merged --author @me --json number,title,url,mergedAt,state > prs.json
      promocase import issues prs.json
      promocase import issues linear.csv --column closed="Completed At"
    """
    from promocase.services import importing

    with _importing(ctx, "issues") as (_, on_write):
        summary = importing.import_issues_file(
            ws(ctx),
            file,
            overrides=columns,
            assignee=assignee,
            include_open=include_open,
            dry_run=dry_run,
            progress=on_write,
        )
    _report(summary, as_json, "issue", "issues")


@click.command(
    "calendar", short_help="Find mentoring, interviews, talks and cross-team meetings (.ics)."
)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--since", help="Start of the period (default: a year ago).")
@click.option("--until", help="End of the period (default: today).")
@click.option(
    "--details",
    is_flag=True,
    help="Also keep location, attendee count and description (by default only titles and "
    "times are kept).",
)
@click.option(
    "--me",
    "me",
    multiple=True,
    metavar="EMAIL",
    help="Your address in the invitations, to leave out meetings you declined (default: the "
    "calendar's own address when the export names it, as Google Calendar's does). Repeatable.",
)
@_dry_run_option
@click.pass_context
def import_calendar(
    ctx: click.Context,
    file: str,
    since: str | None,
    until: str | None,
    details: bool,
    me: tuple[str, ...],
    dry_run: bool,
    as_json: bool,
) -> None:
    """Find mentoring, cross-functional meetings, talks and interviews in a calendar (.ics).

    Recurring meetings are expanded and counted per month ("Mentoring: 1:1 with Sam — 4
    sessions…"); ordinary meetings and the ones you declined are left out.

    \b
    Examples:
      promocase import calendar ~/Downloads/work.ics --dry-run
      promocase import calendar work.ics --since 2026-01-01 --details
      promocase import calendar outlook.ics --me noor@acme.example
    """
    from promocase.services import importing

    with _importing(ctx, "events") as (_, on_write):
        summary = importing.import_calendar_file(
            ws(ctx),
            file,
            since=_date(since),
            until=_date(until),
            details=details,
            me=list(me),
            dry_run=dry_run,
            progress=on_write,
        )
    _report(summary, as_json, "meeting", "meetings")


def _date(value: str | None) -> Any:
    from datetime import date

    text = _since(value)
    return date.fromisoformat(text) if text else None


@click.command("brag")
@click.argument("file", type=click.Path(dir_okay=False))
@_dry_run_option
@click.pass_context
def import_brag(ctx: click.Context, file: str, dry_run: bool, as_json: bool) -> None:
    """Import a Markdown brag document: each bullet becomes an entry.

    Dates come from the headings above the bullets ("## 2026-03", "### Week of 2026-03-02",
    "## March 2026", "## Q1 2026") or from a date at the start of a bullet; headings without a
    date ("## Mentoring") become tags. A bullet with no date above it takes a date its own
    text names ("Gave a talk at tech day (June 2026)"), else today's. Checked to-dos
    ("- [x] …") count as bullets; unchecked ones ("- [ ] …"), plain paragraphs and the
    bullets under headings of goals or plans ("## Goals for next year") are left out.

    \b
    Examples:
      promocase import brag brag-2026.md --dry-run
      promocase import brag brag-2026.md --json
    """
    from promocase.services import importing

    with _importing(ctx, "bullets") as (_, on_write):
        summary = importing.import_brag_file(ws(ctx), file, dry_run=dry_run, progress=on_write)
    _report(summary, as_json, "bullet", "bullets")
