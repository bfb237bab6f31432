"""Capture and find evidence: add, praise, log, search, show, edit, delete, restore."""

from __future__ import annotations

import sys
from typing import Any

import click

from promocase.cli.output import echo_json, echo_lines, shorten, stdin_is_terminal, ws
from promocase.core.evidence import SOURCES

ROLE = click.Choice(["led", "owned", "contributed", "supported"], case_sensitive=False)
SCOPE = click.Choice(["team", "org", "company", "external"], case_sensitive=False)


def _read_text_arg(text: tuple[str, ...], what: str) -> str:
    joined = " ".join(text).strip()
    if joined == "-" or (not joined and not stdin_is_terminal()):
        return sys.stdin.read().strip()
    if not joined:
        return click.prompt(what).strip()
    return joined


@click.command()
@click.argument("text", nargs=-1)
@click.option("--date", "-d", help="When it happened: YYYY-MM-DD, today, yesterday, '3 days ago'.")
@click.option("--outcome", "-o", help="The result it led to, in words.")
@click.option(
    "--metric", "-m", help="A measured result: 'NAME: BEFORE -> AFTER UNIT' or 'NAME: VALUE UNIT'."
)
@click.option("--role", "-r", type=ROLE, help="Your part in it.")
@click.option("--scope", "-s", type=SCOPE, help="How far its effect reached.")
@click.option("--link", "-l", "links", multiple=True, help="A URL or artifact (repeatable).")
@click.option("--tag", "-t", "tags", multiple=True, help="A tag (repeatable).")
@click.option(
    "--criterion",
    "-c",
    "criteria",
    multiple=True,
    help="Criterion id it demonstrates (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the new entry as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the new id.")
@click.pass_context
def add(
    ctx: click.Context,
    text: tuple[str, ...],
    date: str | None,
    outcome: str | None,
    metric: str | None,
    role: str | None,
    scope: str | None,
    links: tuple[str, ...],
    tags: tuple[str, ...],
    criteria: tuple[str, ...],
    as_json: bool,
    quiet: bool,
) -> None:
    """Capture a piece of evidence in seconds.

    \b
    Examples:
      promocase add "Led the move of billing to Postgres 15; retired the old cluster"
      promocase add "Cut p95 checkout latency" -m "p95 latency: 820 -> 240 ms" -r led -s org
      promocase add "Mentored Sam through first on-call week" -t mentoring -d yesterday
      echo "Wrote the queue RFC" | promocase add

    Say what you did and what changed because of it; numbers and names of artifacts make an
    entry a committee can believe.
    """
    from promocase.services import evidence as svc
    from promocase.services.judgement import capture

    entry, feedback = capture(
        ws(ctx),
        svc.EvidenceInput(
            text=_read_text_arg(text, "What did you do?"),
            date=date,
            outcome=outcome,
            metric=metric,
            role=role,
            scope=scope,
            links=list(links),
            tags=list(tags),
            criteria=list(criteria),
        ),
    )
    if as_json:
        echo_json({**svc.evidence_json(ws(ctx), entry), "judgement": feedback.to_json()})
    elif quiet:
        click.echo(entry.id)
    else:
        click.echo(f"Added #{entry.id} ({entry.date}): {shorten(entry.text, 70)}")
        _print_feedback(feedback)


def _print_feedback(feedback: Any) -> None:
    """The verdict, the rewrite prompts and the suggested criteria, right after capture."""
    from promocase.cli.judge import print_verdict

    if feedback.verdict is not None:
        print_verdict(feedback.verdict, indent="  ", max_prompts=3)
        if feedback.verdict.verdict == "vague":
            click.echo(
                f"  Improve it: promocase edit {feedback.evidence_id} --outcome … --metric …"
            )
    if feedback.suggestions:
        names = ", ".join(f"{s.name} ({s.score:.2f})" for s in feedback.suggestions)
        click.echo(f"  Suggested criteria: {names}")
        click.echo("  Confirm with: promocase review")
    if feedback.signals:
        click.echo("  Next-level signals: " + ", ".join(feedback.signals))


@click.command()
@click.argument("quote", nargs=-1)
@click.option("--from", "source_person", required=True, help="Who said it: 'NAME, ROLE'.")
@click.option("--verified", is_flag=True, help="You have it in writing (email, review, chat).")
@click.option("--date", "-d", help="When it was said.")
@click.option("--link", "-l", "links", multiple=True, help="Where it is written (repeatable).")
@click.option("--criterion", "-c", "criteria", multiple=True, help="Criterion id it supports.")
@click.option("--tag", "-t", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the new entry as JSON.")
@click.pass_context
def praise(
    ctx: click.Context,
    quote: tuple[str, ...],
    source_person: str,
    verified: bool,
    date: str | None,
    links: tuple[str, ...],
    criteria: tuple[str, ...],
    tags: tuple[str, ...],
    as_json: bool,
) -> None:
    """Record testimony: what someone said about your work, and who.

    \b
    Example:
      promocase praise "Her design review saved us a quarter" --from "Ana Ruiz, Director" \\
          --verified --link https://mail.example.com/msg/123
    """
    from promocase.services import evidence as svc
    from promocase.services.judgement import capture

    # The same capture as `add` (and the web form): testimony gets its suggested criteria and
    # next-level signals too; it has no measurability verdict (it is someone else's words).
    entry, feedback = capture(
        ws(ctx),
        svc.praise_input(
            _read_text_arg(quote, "What did they say?"),
            source_person=source_person,
            verified=verified,
            date=date,
            links=list(links),
            criteria=list(criteria),
            tags=list(tags),
        ),
    )
    if as_json:
        echo_json({**svc.evidence_json(ws(ctx), entry), "judgement": feedback.to_json()})
    else:
        click.echo(
            f"Recorded praise #{entry.id} from {entry.praise_from}"
            f"{' (verified)' if entry.verified else ''}."
        )
        _print_feedback(feedback)


def _filter(
    since: str | None,
    until: str | None,
    tags: tuple[str, ...],
    criterion: str | None,
    kind: str | None,
    deleted: bool,
    limit: int | None,
    source: str | None = None,
) -> Any:
    from promocase.core.dates import parse_when
    from promocase.store.clock import today
    from promocase.store.evidence import EvidenceFilter

    return EvidenceFilter(
        since=parse_when(since, today=today()).isoformat() if since else None,
        until=parse_when(until, today=today()).isoformat() if until else None,
        tags=[t.lstrip("#").lower() for t in tags],
        criterion=criterion,
        kind=kind,
        source=source.lower() if source else None,
        only_deleted=deleted,
        limit=limit,
    )


def _filter_options(f: Any) -> Any:
    for decorator in reversed(
        [
            click.option("--since", help="From this date (YYYY-MM-DD, '30 days ago', …)."),
            click.option("--until", help="Up to this date."),
            click.option("--tag", "-t", "tags", multiple=True, help="Only entries with this tag."),
            click.option("--criterion", "-c", help="Only entries linked to this criterion id."),
            click.option("--kind", type=click.Choice(["work", "praise"]), help="Only this kind."),
            click.option(
                "--source",
                type=click.Choice(SOURCES, case_sensitive=False),
                help="Only entries from this source: typed in (cli, web), imported (git, "
                "issues, calendar, brag) or the demo's.",
            ),
            click.option("--deleted", is_flag=True, help="Show deleted entries instead."),
            click.option("--limit", "-n", type=click.IntRange(min=1), help="At most N entries."),
            click.option("--json", "as_json", is_flag=True, help="Print a JSON array."),
        ]
    ):
        f = decorator(f)
    return f


def _print_table(rows: list[Any], extra: dict[int, str] | None = None) -> None:
    if not rows:
        click.echo("No entries match.")
        return
    lines = []
    for e in rows:
        metric = f"  [{e.metric.describe()}]" if e.metric else ""
        tags = ("  " + " ".join("#" + t for t in e.tags)) if e.tags else ""
        lead = f"#{e.id:<5} {e.date}  "
        if e.kind == "praise":  # testimony: the words, and who said them
            body = f"“{shorten(e.text, 70)}” — {shorten(e.praise_from or '?', 30)}"
        else:
            body = shorten(e.text, 80)
        lines.append(lead + body + metric + tags + (extra.get(e.id, "") if extra else ""))
    echo_lines(lines)


@click.command("log")
@_filter_options
@click.pass_context
def log(
    ctx: click.Context,
    since: str | None,
    until: str | None,
    tags: tuple[str, ...],
    criterion: str | None,
    kind: str | None,
    source: str | None,
    deleted: bool,
    limit: int | None,
    as_json: bool,
) -> None:
    """List evidence, newest first.

    \b
    Examples:
      promocase log --since "90 days ago" --tag mentoring
      promocase log --criterion technical-craft --json
      promocase log --source git --since 2026-01-01
      promocase log --deleted
    """
    from promocase.services import evidence as svc

    rows = svc.list_evidence(
        ws(ctx), _filter(since, until, tags, criterion, kind, deleted, limit, source)
    )
    if as_json:
        echo_json([svc.evidence_json(ws(ctx), e) for e in rows])
    else:
        _print_table(rows)


@click.command()
@click.argument("query", nargs=-1, required=True)
@_filter_options
@click.pass_context
def search(
    ctx: click.Context,
    query: tuple[str, ...],
    since: str | None,
    until: str | None,
    tags: tuple[str, ...],
    criterion: str | None,
    kind: str | None,
    source: str | None,
    deleted: bool,
    limit: int | None,
    as_json: bool,
) -> None:
    """Full-text search over entries, outcomes, tags and testimony, best match first.

    Every word must match; words match as prefixes (migrat finds migration).

    \b
    Examples:
      promocase search postgres migration
      promocase search latency --since 2026-01-01 --json
    """
    from promocase.services import evidence as svc

    hits = svc.search_evidence(
        ws(ctx),
        " ".join(query),
        _filter(since, until, tags, criterion, kind, deleted, limit, source),
    )
    if as_json:
        echo_json(
            [{**svc.evidence_json(ws(ctx), e), "score": round(score, 4)} for e, score in hits]
        )
    else:
        _print_table([e for e, _ in hits])


@click.command()
@click.argument("entry_id")
@click.option("--history", "with_history", is_flag=True, help="Also show every earlier version.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx: click.Context, entry_id: str, with_history: bool, as_json: bool) -> None:
    """Show one entry in full.

    \b
    Example:
      promocase show 12 --history
    """
    from promocase.services import evidence as svc

    eid = svc.parse_evidence_id(entry_id)
    entry = svc.get_evidence(ws(ctx), eid, include_deleted=True)
    data = svc.evidence_json(ws(ctx), entry)
    if with_history:
        data["history"] = svc.history(ws(ctx), eid)
    if as_json:
        echo_json(data)
        return
    click.echo(
        f"#{entry.id}  {entry.date}  ({entry.kind}{', deleted' if entry.deleted_at else ''})"
    )
    click.echo(f"  {entry.text}")
    if entry.kind == "praise":
        click.echo(f"  From: {entry.praise_from}{' (verified)' if entry.verified else ''}")
    for label, value in (
        ("Outcome", entry.outcome),
        ("Metric", entry.metric.describe() if entry.metric else None),
        ("Role", entry.role),
        ("Scope", entry.scope),
        ("Tags", " ".join("#" + t for t in entry.tags)),
        ("Links", "  ".join(entry.links)),
    ):
        if value:
            click.echo(f"  {label}: {value}")
    for link in data.get("criteria", []):
        click.echo(f"  Criterion: {link['criterion_id']} ({link['status']}, by {link['made_by']})")
    if with_history:
        click.echo("  History:")
        before: dict[str, Any] | None = None
        for item in data["history"]:
            snap = item["snapshot"]
            when = f"{item['at'][:10]} {item['at'][11:16]}"
            if before is None or item["action"] != "update":
                click.echo(f"    {when}  {item['action']}: {shorten(snap.get('text') or '', 60)}")
            else:
                changed = _changes(before, snap)
                click.echo(f"    {when}  update: " + ("; ".join(changed) or "no visible change"))
            before = snap


_SHOWN_FIELDS = ("text", "date", "outcome", "metric", "role", "scope", "tags", "links")


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What an edit changed, field by field ("role: contributed → led")."""

    def plain(field: str, value: Any) -> str:
        if field == "metric" and isinstance(value, dict):
            from promocase.core.evidence import Metric

            try:
                return Metric(**value).describe()
            except TypeError:
                return str(value)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return "" if value is None else str(value)

    out = []
    for field in _SHOWN_FIELDS:
        old, new = plain(field, before.get(field)), plain(field, after.get(field))
        if old != new:
            was = f"“{shorten(old, 40)}”" if old else "(none)"
            now = f"“{shorten(new, 40)}”" if new else "(none)"
            out.append(f"{field} {was} → {now}")
    return out


_EDIT_FIELDS = ("text", "date", "outcome", "metric", "role", "scope")


@click.command()
@click.argument("entry_id")
@click.option("--text", help="New text.")
@click.option("--date", "-d", help="New date.")
@click.option("--outcome", "-o", help="New outcome ('' clears it).")
@click.option("--metric", "-m", help="New metric ('' clears it).")
@click.option("--role", "-r", help="led, owned, contributed, supported ('' clears it).")
@click.option("--scope", "-s", help="team, org, company, external ('' clears it).")
@click.option("--tag", "-t", "add_tags", multiple=True, help="Add a tag.")
@click.option("--untag", "remove_tags", multiple=True, help="Remove a tag.")
@click.option("--link", "-l", "add_links", multiple=True, help="Add a link.")
@click.option("--criterion", "-c", "add_criteria", multiple=True, help="Link a criterion.")
@click.option("--uncriterion", "remove_criteria", multiple=True, help="Unlink a criterion.")
@click.option("--json", "as_json", is_flag=True, help="Print the edited entry as JSON.")
@click.pass_context
def edit(ctx: click.Context, entry_id: str, as_json: bool, **changes: Any) -> None:
    """Change an entry. The earlier version is kept in its history.

    With no options in a terminal, opens the entry in $EDITOR.

    \b
    Examples:
      promocase edit 12 --outcome "Checkout conversion up 2.1%" --role led
      promocase edit 12 --metric "p95 latency: 820 -> 240 ms" --tag perf
      promocase edit 12          # opens $EDITOR
    """
    from promocase.services import evidence as svc

    eid = svc.parse_evidence_id(entry_id)
    listed = {k: list(v) if isinstance(v, tuple) else v for k, v in changes.items()}
    change = svc.EvidenceChanges(**listed)
    if change.is_empty():
        if not stdin_is_terminal():
            raise click.UsageError(
                "Say what to change (see --help), or run it in a terminal to use $EDITOR."
            )
        change = _edit_in_editor(svc.get_evidence(ws(ctx), eid))
        if change is None:
            click.echo("No changes.")
            return
    entry = svc.edit_evidence(ws(ctx), eid, change)
    if as_json:
        echo_json(svc.evidence_json(ws(ctx), entry))
    else:
        click.echo(f"Updated #{entry.id}.")


def _edit_in_editor(entry: Any) -> Any:
    from promocase.services import evidence as svc

    values = {
        "text": entry.text,
        "date": entry.date,
        "outcome": entry.outcome or "",
        "metric": entry.metric.describe().replace("→", "->") if entry.metric else "",
        "role": entry.role or "",
        "scope": entry.scope or "",
    }
    template = "# Edit the fields; a line 'field: value'. Lines starting with # are ignored.\n"
    template += "\n".join(f"{k}: {v}" for k, v in values.items()) + "\n"
    edited = click.edit(template, extension=".txt")
    if edited is None:
        return None
    new: dict[str, str] = {}
    for line in edited.splitlines():
        if line.startswith("#") or ":" not in line:
            continue
        key, _, value = line.partition(":")
        if key.strip() in _EDIT_FIELDS:
            new[key.strip()] = value.strip()
    diff = {k: v for k, v in new.items() if v != values[k]}
    return svc.EvidenceChanges(**diff) if diff else None


@click.command()
@click.argument("entry_ids", nargs=-1, required=True)
@click.pass_context
def delete(ctx: click.Context, entry_ids: tuple[str, ...]) -> None:
    """Delete entries. Nothing is destroyed: `promocase restore ID` brings them back.

    \b
    Example:
      promocase delete 12 13
    """
    from promocase.services import evidence as svc

    for raw in entry_ids:
        entry = svc.delete_evidence(ws(ctx), svc.parse_evidence_id(raw))
        click.echo(f"Deleted #{entry.id} (restore with: promocase restore {entry.id}).")


@click.command()
@click.argument("entry_ids", nargs=-1, required=True)
@click.pass_context
def restore(ctx: click.Context, entry_ids: tuple[str, ...]) -> None:
    """Bring back deleted entries.

    \b
    Example:
      promocase log --deleted      # find the id
      promocase restore 12
    """
    from promocase.services import evidence as svc

    for raw in entry_ids:
        entry = svc.restore_evidence(ws(ctx), svc.parse_evidence_id(raw))
        click.echo(f"Restored #{entry.id}.")
