"""Outcomes from the command line: `conversation`, `action`, `check feedback`, `outlook`, `resume`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from promocase.cli.output import echo_json, shorten, stdin_is_terminal, ws
from promocase.core.words import plural

DECISION_HELP = "promoted, yes-pending, not-yet, no, deferred or unclear"


def _id(text: str, what: str) -> int:
    from promocase.core.errors import ValidationError

    cleaned = text.strip().lstrip("#")
    if not cleaned.isdigit():
        raise ValidationError(f"'{text}' is not a {what} id.", hint="Ids look like 3 or #3.")
    return int(cleaned)


def _read_text(value: str | None) -> str | None:
    """'-' reads standard input (for pasting long words)."""
    if value == "-":
        return sys.stdin.read()
    return value


# -- check feedback -------------------------------------------------------------------------------


def print_feedback(check: Any, indent: str = "") -> None:
    """A feedback verdict as a person reads it."""
    if check.verdict == "concrete":
        click.echo(f"{indent}Concrete: it names what to show or change.")
        for gap in check.gaps:
            click.echo(f"{indent}  • {gap}")
        if check.deadline:
            click.echo(f"{indent}  Deadline written in it: {check.deadline}")
        for question in check.follow_up:
            click.echo(f"{indent}  Still ask: {question}")
        return
    why = f" ({', '.join(check.kinds)})" if check.kinds else ""
    click.echo(f"{indent}Vague{why}: it names nothing specific you should show or change.")
    click.echo(f"{indent}Ask back, so it becomes something you can act on:")
    for question in check.follow_up:
        click.echo(f"{indent}  ? {question}")


@click.command("feedback")
@click.argument("text", nargs=-1)
@click.option("--jsonl", "jsonl", metavar="FILE", help='Check many: one {"text", "id"} per line.')
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def check_feedback(text: tuple[str, ...], jsonl: str | None, as_json: bool) -> None:
    """Is promotion feedback concrete (a gap you can close) or vague? What to ask back.

    \b
    Examples:
      promocase check feedback "Keep doing great work, you're almost there"
      promocase check feedback "Lead the Kafka upgrade by March 31, 2027" --json
      promocase check feedback --jsonl feedback.jsonl

    JSON fields: id, verdict (concrete|vague), gaps, deadline (YYYY-MM-DD or null),
    follow_up (questions that turn vague feedback concrete), kinds (why it is vague).
    With --jsonl each output line is one result, in input order. Nothing is stored.
    """
    from promocase.analysis.feedback import check_feedback as check
    from promocase.core.errors import ValidationError

    if jsonl:
        from promocase.cli.judge import read_jsonl

        for item_id, body in list(read_jsonl(jsonl)):
            sys.stdout.write(json.dumps(check(body).as_dict(item_id), ensure_ascii=False) + "\n")
        return
    body = " ".join(text).strip()
    if body == "-" or (not body and not stdin_is_terminal()):
        body = sys.stdin.read().strip()
    if not body:
        raise ValidationError(
            "Give the feedback to check.",
            hint='e.g. promocase check feedback "Be more strategic"  (or pipe it in)',
        )
    result = check(body)
    if as_json:
        echo_json(result.as_dict())
        return
    print_feedback(result)


# -- conversation ---------------------------------------------------------------------------------


@click.group()
def conversation() -> None:
    """The log of promotion conversations: decisions, words as said, asks with dates.

    \b
    Examples:
      promocase conversation add --with "Dana Li (manager)" --decision not-yet \\
          --words "Keep doing great work, you're almost there" \\
          --ask "Lead the Q3 planning" --by 2027-03-31
      promocase conversation list
      promocase conversation show 2
    """


@conversation.command("add")
@click.option("--with", "with_whom", help="Who you spoke with, e.g. 'Dana Li (manager)'.")
@click.option("--decision", help=f"What was decided: {DECISION_HELP}.")
@click.option("--date", "when", help="When it happened (default: today), e.g. 2026-11-03.")
@click.option("--words", help="What was said, as said ('-' reads standard input).")
@click.option("--ask", "asks", multiple=True, help="A concrete ask (repeat for several).")
@click.option(
    "--by",
    "bys",
    multiple=True,
    help="The ask's due date; one per --ask in order, or one for all.",
)
@click.option("--criterion", "criteria", multiple=True, help="Criterion id the asks serve.")
@click.option("--goal", "goals", multiple=True, type=int, help="Goal id the asks serve.")
@click.option("--notes", help="Your own notes.")
@click.option("--decision-date", help="When a decision (or the next talk) was promised.")
@click.option("--level", help="For 'promoted': the level you reached.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored conversation as JSON.")
@click.pass_context
def conversation_add(
    ctx: click.Context,
    with_whom: str | None,
    decision: str | None,
    when: str | None,
    words: str | None,
    asks: tuple[str, ...],
    bys: tuple[str, ...],
    criteria: tuple[str, ...],
    goals: tuple[int, ...],
    notes: str | None,
    decision_date: str | None,
    level: str | None,
    as_json: bool,
) -> None:
    """Log a promotion conversation; its feedback is checked and its asks become actions.

    \b
    In a terminal, missing answers are asked for; otherwise pass them as flags.
    Each --ask becomes an action with a due date (its --by, else a date written in the
    words, else --decision-date, else 90 days on), linked to criteria and goals.
    \b
    Examples:
      promocase conversation add --with "Dana Li" --decision not-yet \\
          --words "Be more strategic" --decision-date 2027-05-01
      promocase conversation add --with "Dana Li" --decision not-yet \\
          --words "Lead the Kafka upgrade by March 31, 2027" --ask "Lead the Kafka upgrade"
      promocase conversation add --with "Committee" --decision promoted --level SE4
    """
    from promocase.core.errors import ValidationError
    from promocase.services import outcomes as svc

    words = _read_text(words)
    if stdin_is_terminal() and not as_json:
        with_whom = with_whom or click.prompt("Who did you speak with")
        decision = decision or click.prompt(
            "Decision", type=click.Choice(list(svc.DECISIONS)), default="not-yet"
        )
        if words is None:
            words = click.prompt(
                "What was said, as said (Enter to skip)", default="", show_default=False
            )
        if not asks:
            collected = []
            while True:
                ask = click.prompt(
                    "A concrete ask (Enter when done)", default="", show_default=False
                )
                if not ask.strip():
                    break
                due = click.prompt(
                    "  By when (Enter for the default)", default="", show_default=False
                )
                collected.append((ask, due or None))
            asks = tuple(a for a, _ in collected)
            bys = tuple(d or "" for _, d in collected) if collected else bys
    if not with_whom or not decision:
        raise ValidationError(
            "Say who you spoke with and what was decided.",
            hint=f"Add --with NAME --decision DECISION ({DECISION_HELP}).",
        )
    if bys and len(bys) not in (1, len(asks)):
        raise ValidationError(
            f"{len(bys)} --by dates for {len(asks)} --ask items.",
            hint="Give one --by per --ask, in the same order, or a single --by for all.",
        )
    ask_inputs = [
        svc.AskInput(
            text=text,
            due=(bys[i] if len(bys) == len(asks) else bys[0]) or None if bys else None,
            criteria=list(criteria),
            goals=list(goals),
        )
        for i, text in enumerate(asks)
    ]
    stored, check = svc.add_conversation(
        ws(ctx),
        svc.ConversationInput(
            with_whom=with_whom,
            decision=decision,
            date=when,
            words=words,
            notes=notes,
            asks=ask_inputs,
            decision_date=decision_date,
            level=level,
        ),
    )
    if as_json:
        echo_json(svc.conversation_json(stored))
        return
    click.echo(
        f"Logged conversation #{stored.id}: {stored.decision} with {stored.with_whom} "
        f"on {stored.date}."
    )
    if check is not None:
        click.echo("Feedback check:")
        print_feedback(check, indent="  ")
    elif stored.decision in svc.NOT_PROMOTED:
        click.echo("No words recorded. Add what was said, as said: it is what the outlook reads.")
    _print_actions(stored.actions, heading="Actions from this conversation:")
    if stored.decision in svc.NOT_PROMOTED and not stored.actions:
        click.echo(
            "No asks recorded. Without a dated ask, a not-yet has no path; ask for one and log "
            'it with: promocase action add "ASK" --due DATE --conversation ' + str(stored.id)
        )
    if stored.decision_date:
        click.echo(f"You will be asked for the follow-up after {stored.decision_date}.")
    if stored.decision == "promoted" and stored.level:
        from promocase.services.ladders import profile

        prof = profile(ws(ctx))
        click.echo(
            f"Congratulations. Your current level is now {prof.current_level}"
            + (f"; the next target is {prof.target_level}." if prof.target_level else ".")
            + " Your resume shows the promotion as a new role: promocase resume --format md"
        )


def _print_actions(actions: list[Any], heading: str) -> None:
    if not actions:
        return
    click.echo(heading)
    for a in actions:
        click.echo("  " + _action_line(a))


def _action_line(a: Any) -> str:
    if a.state == "overdue":
        when = f"OVERDUE {-a.days_left}d ({a.due_date})"
    elif a.state == "due-soon":
        when = f"due in {a.days_left}d ({a.due_date})"
    elif a.status == "open":
        when = f"due {a.due_date}"
    else:
        when = f"{a.status} {a.closed_at or ''}".strip()
    crit = f"  [{', '.join(a.criteria)}]" if a.criteria else ""
    return f"#{a.id:<4} {when:<26} {shorten(a.text, 70)}{crit}"


@conversation.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def conversation_list(ctx: click.Context, as_json: bool) -> None:
    """Every conversation, oldest first, with its feedback verdict and open asks.

    \b
    Examples:
      promocase conversation list
      promocase conversation list --json | jq '.[] | select(.decision == "not-yet")'
    """
    from promocase.services import outcomes as svc

    items = svc.list_conversations(ws(ctx))
    if as_json:
        echo_json([svc.conversation_json(c) for c in items])
        return
    if not items:
        click.echo(
            "No conversations logged yet.\n"
            '  After each talk: promocase conversation add --with NAME --decision not-yet --words "..."'
        )
        return
    for c in items:
        verdict = (c.feedback or {}).get("verdict", "—")
        open_asks = sum(a.status == "open" for a in c.actions)
        click.echo(
            f"#{c.id:<3} {c.date}  {c.decision:<11} {shorten(c.with_whom, 24):<24} "
            f"feedback: {verdict:<8} asks: {len(c.actions)} ({open_asks} open)"
        )
    for prompt in svc.follow_up_prompts(ws(ctx)):
        click.echo(f"\n{prompt.message}\n  {prompt.command}")


@conversation.command("show")
@click.argument("conversation_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def conversation_show(ctx: click.Context, conversation_id: str, as_json: bool) -> None:
    """One conversation in full: words, feedback check, asks and their state.

    \b
    Example:
      promocase conversation show 2
    """
    from promocase.analysis.feedback import FeedbackCheck
    from promocase.services import outcomes as svc

    c = svc.get_conversation(ws(ctx), _id(conversation_id, "conversation"))
    if as_json:
        echo_json(svc.conversation_json(c))
        return
    click.echo(f"Conversation #{c.id} — {c.date} with {c.with_whom}")
    click.echo(f"Decision: {c.decision}" + (f" (level {c.level})" if c.level else ""))
    if c.decision_date:
        click.echo(f"Decision promised by: {c.decision_date}")
    if c.words:
        click.echo(f"\nWords, as said:\n  “{c.words}”")
    if c.feedback:
        fb = c.feedback
        click.echo("\nFeedback check:")
        print_feedback(
            FeedbackCheck(
                verdict=fb["verdict"],
                gaps=fb.get("gaps", []),
                deadline=fb.get("deadline"),
                follow_up=fb.get("follow_up", []),
                kinds=fb.get("kinds", []),
            ),
            indent="  ",
        )
    if c.notes:
        click.echo(f"\nYour notes:\n  {c.notes}")
    if c.actions:
        click.echo("")
        _print_actions(c.actions, heading="Asks:")


# -- action ---------------------------------------------------------------------------------------


@click.group()
def action() -> None:
    """The asks from your conversations, as actions with due dates.

    \b
    Examples:
      promocase action list
      promocase action close 4 --evidence 118
      promocase action add "Present the roadmap at the all-hands" --due 2027-02-15
    """


@action.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include done and dropped actions.")
@click.option("--due", "due_only", is_flag=True, help="Only overdue and due within 14 days.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def action_list(ctx: click.Context, show_all: bool, due_only: bool, as_json: bool) -> None:
    """Open actions, soonest due first, with entries that may already close them.

    \b
    Examples:
      promocase action list
      promocase action list --due --json
    """
    from promocase.services import outcomes as svc

    workspace = ws(ctx)
    items = (
        svc.due_actions(workspace)
        if due_only
        else svc.list_actions(workspace, include_closed=show_all)
    )
    if as_json:
        echo_json([svc.action_json(a) for a in items])
        return
    if not items:
        click.echo(
            "No open actions. Asks from a conversation become actions: promocase conversation add"
        )
        return
    for a in items:
        click.echo(_action_line(a))
        if a.candidate_evidence_ids:
            ids = " ".join(f"#{i}" for i in a.candidate_evidence_ids)
            click.echo(
                f"       may be met by {ids}: promocase action close {a.id} "
                f"--evidence {a.candidate_evidence_ids[0]}"
            )


@action.command("add")
@click.argument("text")
@click.option("--due", help="Due date, e.g. 2027-03-31 or 'in 6 weeks' (default: in 90 days).")
@click.option("--criterion", "criteria", multiple=True, help="Criterion id it serves.")
@click.option("--goal", "goals", multiple=True, type=int, help="Goal id it serves.")
@click.option("--conversation", "conversation_id", type=int, help="The conversation it came from.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def action_add(
    ctx: click.Context,
    text: str,
    due: str | None,
    criteria: tuple[str, ...],
    goals: tuple[int, ...],
    conversation_id: int | None,
    as_json: bool,
) -> None:
    """Add an ask as an action with a due date.

    \b
    Example:
      promocase action add "Run the Q3 planning" --due 2027-06-30 --criterion execution
    """
    from promocase.services import outcomes as svc

    a = svc.add_action(
        ws(ctx),
        text,
        due=due,
        criteria=list(criteria),
        goals=list(goals),
        conversation_id=conversation_id,
    )
    if as_json:
        echo_json(svc.action_json(a))
        return
    click.echo(f"Added action {_action_line(a)}")


@action.command("close")
@click.argument("action_id")
@click.option("--evidence", "evidence", multiple=True, help="Entry id that shows it was met.")
@click.option("--note", help="A note on how it was met.")
@click.option("--drop", is_flag=True, help="Close it as dropped (no longer asked).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def action_close(
    ctx: click.Context,
    action_id: str,
    evidence: tuple[str, ...],
    note: str | None,
    drop: bool,
    as_json: bool,
) -> None:
    """Close an action, linking the evidence that shows it was met.

    \b
    Examples:
      promocase action close 4 --evidence 118
      promocase action close 5 --drop --note "Manager withdrew the ask"
    """
    from promocase.services import outcomes as svc

    ids = [_id(e, "entry") for e in evidence]
    a = svc.close_action(
        ws(ctx),
        _id(action_id, "action"),
        evidence_ids=ids,
        note=note,
        status="dropped" if drop else "done",
    )
    if as_json:
        echo_json(svc.action_json(a))
        return
    linked = f", met by {' '.join('#' + str(i) for i in ids)}" if ids else ""
    click.echo(f"Action #{a.id} {a.status} on {a.closed_at}{linked}: {shorten(a.text, 70)}")
    if a.status == "done" and not ids:
        click.echo("  Tip: link the entry that shows it, so the outlook can see the ask was met.")


@action.command("reopen")
@click.argument("action_id")
@click.pass_context
def action_reopen(ctx: click.Context, action_id: str) -> None:
    """Reopen a closed action.

    \b
    Example:
      promocase action reopen 4
    """
    from promocase.services import outcomes as svc

    a = svc.reopen_action(ws(ctx), _id(action_id, "action"))
    click.echo(f"Action #{a.id} is open again, due {a.due_date}.")


# -- outlook --------------------------------------------------------------------------------------


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def outlook(ctx: click.Context, as_json: bool) -> None:
    """Read your history: is the block your performance, or structural?

    \b
    The rules (docs/outlook-rules.md): repeated not-yets with vague feedback; deadlines met
    without a decision; readiness at the bar for months; asks that move once met. When the
    organisation side and the performance side both show, the reading is a structural block,
    and the way on is the external path.
    \b
    Examples:
      promocase outlook
      promocase outlook --json | jq .reading
    """
    from promocase.services import outcomes as svc

    o = svc.build_outlook(ws(ctx))
    if as_json:
        echo_json(svc.outlook_json(o))
        return
    title = {
        "structural-block": "Structural block",
        "watch": "Watch",
        "on-track": "On track",
        "promoted": "Promoted",
        "not-enough-history": "Not enough history",
    }[o.reading]
    click.echo(f"{title}. {o.summary}")
    click.echo(
        f"\n{plural(o.conversations, 'conversation')}, {plural(o.not_yets, 'not-yet')}; "
        f"readiness at the bar for {plural(o.readiness_months_at_bar, 'month')}.\n"
    )
    for rule in o.rules:
        mark = "●" if rule.triggered else "○"
        click.echo(f"{mark} {rule.name} [{rule.side}] — {rule.explanation}")
        for line in rule.evidence[:5]:
            click.echo(f"    {shorten(line, 100)}")
    click.echo("\nNext:")
    for step in o.next_steps:
        click.echo(f"  → {step}")


# -- resume ---------------------------------------------------------------------------------------


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md", "pdf"]),
    help="json (JSON Resume), md or pdf (default: from the --output suffix, else json).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write.")
@click.option("--redact", is_flag=True, help="Apply your redaction list (config [redact] terms).")
@click.option(
    "--job",
    metavar="FILE|-",
    help="A job description to re-rank highlights against ('-' reads standard input).",
)
@click.option("--highlights", default=5, show_default=True, type=click.IntRange(1, 20))
@click.option("--name", help="Your name on the resume (saved for next time).")
@click.option("--title", help="Your current job title (saved; default: your current level).")
@click.option("--employer", help="Your current employer (saved for next time).")
@click.option("--email", help="Your contact email (saved for next time).")
@click.pass_context
def resume(
    ctx: click.Context,
    fmt: str | None,
    output: str | None,
    redact: bool,
    job: str | None,
    highlights: int,
    name: str | None,
    title: str | None,
    employer: str | None,
    email: str | None,
) -> None:
    """A resume for an external move, built from your strongest specific evidence.

    \b
    One employer with a role per level you held (from promotions you logged), highlights from
    your strongest specific entries, skills from your tags and criteria. JSON follows the JSON
    Resume schema (jsonresume.org), so resume themes and job sites can read it.
    Your name, title, employer and email come from --name, --title, --employer and --email,
    saved in the workspace's config.toml ([person]) the first time you give them.

    \b
    Examples:
      promocase resume --name "Noor Haddad" --employer Acme --email noor@example.com
      promocase resume --format json --output resume.json
      promocase resume --format pdf --output resume.pdf --redact
      pbpaste | promocase resume --format md --job -
    """
    from promocase.core.errors import ValidationError
    from promocase.services import resume as svc

    job_text = None
    if job:
        job_text = sys.stdin.read() if job == "-" else _read_job(job)
    if fmt is None:
        suffix = Path(output).suffix.lower().lstrip(".") if output else ""
        fmt = {"json": "json", "md": "md", "markdown": "md", "pdf": "pdf"}.get(suffix, "json")
    if fmt == "pdf" and not output:
        raise ValidationError("A PDF resume needs a file to go to.", hint="Add --output resume.pdf")
    given = {"name": name, "title": title, "employer": employer, "email": email}
    who = (
        svc.set_person(ws(ctx), **given)
        if any(v is not None for v in given.values())
        else svc.person(ws(ctx))
    )
    missing = [f"--{k}" for k in ("name", "employer") if not who.get(k)]
    if missing and (fmt != "json" or output):  # never in the middle of JSON on the screen
        click.echo(
            f"Tip: the resume shows placeholders until you give {' and '.join(missing)} "
            "(saved for next time).",
            err=True,
        )
    built = svc.build_resume(ws(ctx), redact=redact, job_text=job_text, per_role=highlights)
    from promocase.render import resume as render

    content = render.render_resume(built, fmt)
    if not output:
        click.echo(content if isinstance(content, str) else "", nl=False)
        return
    from promocase.cli.output import write_output

    path = write_output(output, content)
    roles = len(built.data.get("work", []))
    count = sum(len(w.get("highlights", [])) for w in built.data.get("work", []))
    click.echo(
        f"Wrote the {fmt.upper()} resume to {path}: {plural(roles, 'role')}, "
        f"{plural(count, 'highlight')}"
        f"{', re-ranked for the job' if job_text else ''}{', redacted' if redact else ''}."
    )


def _read_job(path: str) -> str:
    from promocase.core.errors import ValidationError

    p = Path(path)
    if not p.is_file():
        raise ValidationError(f"There is no file {path}.", hint="Pass a text file, or - to paste.")
    if p.stat().st_size > 1_000_000:
        raise ValidationError(f"{path} is over 1 MB; a job description is a page of text.")
    data = p.read_bytes()
    if b"\x00" in data:
        raise ValidationError(f"{path} is not a text file.", hint="Save the posting as .txt.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            f"{path} is not UTF-8 text.", hint="Save it as UTF-8, or paste it with --job -."
        ) from None
