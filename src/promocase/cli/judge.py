"""Judgement from the command line: `suggest` criteria for text, `check evidence` wording."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from promocase.cli import LazyGroup
from promocase.cli.output import echo_json, stdin_is_terminal, ws
from promocase.core.errors import NotFound

MAX_JSONL_BYTES = 50 * 1024 * 1024
MAX_LINE_CHARS = 20_000


def read_jsonl(path: str) -> Iterator[tuple[Any, str]]:
    """(id, text) for each line of a JSONL file ('-' = standard input), in order.

    Each line is an object with 'text' and optionally 'id'; a missing id becomes the line
    number. Raises a ValidationError naming the line for anything else.
    """
    from promocase.core.errors import ValidationError

    if path == "-":
        raw = sys.stdin.buffer.read(MAX_JSONL_BYTES + 1)
        where = "<stdin>"
    else:
        p = Path(path)
        if not p.is_file():
            raise ValidationError(
                f"{path} is not a file.", hint="Give a .jsonl file, or - for stdin."
            )
        if p.stat().st_size > MAX_JSONL_BYTES:
            raise ValidationError(f"{path} is larger than {MAX_JSONL_BYTES // 2**20} MB.")
        raw = p.read_bytes()
        where = path
    if len(raw) > MAX_JSONL_BYTES:
        raise ValidationError(f"{where} is larger than {MAX_JSONL_BYTES // 2**20} MB.")
    if b"\x00" in raw:
        raise ValidationError(
            f"{where} looks binary (it holds NUL bytes).", hint="Give UTF-8 JSONL."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{where} is not UTF-8 (byte {exc.start}).", hint="Save the file as UTF-8."
        ) from None
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                f"{where} line {number} is not valid JSON ({exc.msg}).",
                hint='Each line needs an object like {"id": 1, "text": "Cut p95 latency 40%"}.',
            ) from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise ValidationError(
                f"{where} line {number} has no 'text' string.",
                hint='Each line needs an object like {"id": 1, "text": "Cut p95 latency 40%"}.',
            )
        if len(obj["text"]) > MAX_LINE_CHARS:
            raise ValidationError(f"{where} line {number}: text longer than {MAX_LINE_CHARS}.")
        rows.append((obj.get("id", number), obj["text"]))
    # Validate everything before printing anything, so a bad line produces no partial output.
    yield from rows


def _text_arg(text: tuple[str, ...], example: str) -> str:
    """The text to judge from the arguments or stdin; `example` is the command line shown
    when there is none (each command names itself)."""
    from promocase.core.errors import ValidationError

    joined = " ".join(text).strip()
    if joined == "-" or (not joined and not stdin_is_terminal()):
        joined = sys.stdin.read().strip()
    if not joined:
        raise ValidationError("Give the text to judge.", hint=f"Example: {example}")
    return joined


@click.command()
@click.argument("text", nargs=-1)
@click.option("--jsonl", "jsonl", metavar="FILE", help='Judge many: one {"text", "id"} per line.')
@click.option(
    "--ladder",
    "ladder_name",
    metavar="NAME|FILE",
    help="A ladder of this workspace other than the active, or a ladder file used as it is.",
)
@click.option(
    "-k",
    "--top",
    "k",
    default=5,
    show_default=True,
    type=click.IntRange(1, 50),
    help="How many criteria to list at most.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def suggest(
    ctx: click.Context,
    text: tuple[str, ...],
    jsonl: str | None,
    ladder_name: str | None,
    k: int,
    as_json: bool,
) -> None:
    """Rank the ladder's criteria that a piece of evidence demonstrates, and its level.

    \b
    Examples:
      promocase suggest "Ran 12 phone screens for the platform team"
      promocase suggest "Wrote the queue RFC" --json
      promocase suggest --jsonl entries.jsonl > suggestions.jsonl
      promocase suggest --jsonl entries.jsonl --ladder ft-engineering
      promocase suggest --jsonl entries.jsonl --ladder their-ladder.yaml

    With --jsonl each output line is {"id", "criteria": [{"id", "score"}], "level"}, in input
    order. Nothing is stored; entries you add get suggestions automatically.
    """
    from promocase.services import ladders as ladder_svc
    from promocase.services.judgement import workspace_suggester

    workspace = ws(ctx)
    try:
        stored = ladder_svc.get_ladder(workspace, ladder_name)
        suggester = workspace_suggester(workspace, stored)
        ladder = stored.ladder
    except NotFound:
        if ladder_name is None or not Path(ladder_name).is_file():
            raise
        # a ladder document used as it is, without importing it into the workspace
        from promocase.importers.ladder_formats import load_ladder_file
        from promocase.services.judgement import suggester_for

        ladder = load_ladder_file(Path(ladder_name))
        suggester = suggester_for(ladder)

    def result(item_id: Any, body: str, *, every: bool = True) -> dict[str, Any]:
        # JSON ranks every criterion with any signal (up to -k); the human view drops noise
        ranked = suggester.suggest(body, k, min_score=0.0) if every else suggester.suggest(body, k)
        level = suggester.suggest_level(body, ranked[0][0]) if ranked else None
        return {
            "id": item_id,
            "criteria": [{"id": cid, "score": score} for cid, score in ranked],
            "level": level,
        }

    if jsonl and text:
        raise click.UsageError("Give either TEXT or --jsonl FILE, not both.")
    if jsonl:
        out = sys.stdout
        for item_id, body in list(read_jsonl(jsonl)):
            out.write(json.dumps(result(item_id, body), ensure_ascii=False) + "\n")
        return
    body = _text_arg(text, 'promocase suggest "Ran 12 phone screens for the platform team"')
    data = result(None, body, every=as_json)
    if as_json:
        echo_json(data)
        return
    if not data["criteria"]:
        click.echo(
            f"No criterion of {ladder.name} matches these words.\n"
            "  Say what kind of work it was (a design doc, an incident, a hire, a mentee…)."
        )
        return
    click.echo(f"On {ladder.name}, this reads as:")
    for item in data["criteria"]:
        crit = ladder.criterion(item["id"])
        bar = "█" * max(1, round(item["score"] * 10))
        click.echo(
            f"  {item['score']:.2f} {bar:<10} {crit.name if crit else item['id']} ({item['id']})"
        )
    if data["level"]:
        click.echo(f"Reads at level: {data['level']}")


@click.command("evidence")
@click.argument("text", nargs=-1)
@click.option("--jsonl", "jsonl", metavar="FILE", help='Check many: one {"text", "id"} per line.')
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def check_evidence_cmd(
    ctx: click.Context, text: tuple[str, ...], jsonl: str | None, as_json: bool
) -> None:
    """Is an entry specific enough for a committee? Verdict, what is missing, how to fix it.

    \b
    Examples:
      promocase check evidence "Helped with the database migration"
      promocase check evidence "Cut p95 latency from 1.4s to 380ms" --json
      promocase check evidence --jsonl entries.jsonl

    With --jsonl each output line is {"id", "verdict", "missing", "prompts"}, in input order.
    Works without a workspace; nothing is stored.
    """
    from promocase.analysis.measurability import check_evidence

    if jsonl and text:
        raise click.UsageError("Give either TEXT or --jsonl FILE, not both.")
    if jsonl:
        for item_id, body in list(read_jsonl(jsonl)):
            sys.stdout.write(
                json.dumps({"id": item_id, **check_evidence(body).to_json()}, ensure_ascii=False)
                + "\n"
            )
        return
    body = _text_arg(text, 'promocase check evidence "Cut p95 latency from 820 to 240 ms"')
    verdict = check_evidence(body)
    if as_json:
        echo_json({"id": None, **verdict.to_json()})
        return
    print_verdict(verdict)


def print_verdict(verdict: Any, indent: str = "", max_prompts: int = 6) -> None:
    """The verdict as a person reads it: one line, then a prompt per missing piece."""
    if verdict.verdict == "specific":
        extra = f" (could still add: {', '.join(verdict.missing)})" if verdict.missing else ""
        click.echo(f"{indent}Specific: an action of yours with a checkable result.{extra}")
        return
    why = "; ".join(verdict.reasons) if verdict.reasons else "no checkable result"
    click.echo(f"{indent}Vague: {why}. A committee will ask:")
    for prompt in verdict.prompts[:max_prompts]:
        click.echo(f"{indent}  - {prompt}")


CHECK_COMMANDS = {
    "evidence": "promocase.cli.judge:check_evidence_cmd",
    "feedback": "promocase.cli.outcomes:check_feedback",
}


class _CheckGroup(LazyGroup):
    """Lists every check even while one of them is not installed yet (it then explains)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        try:
            return super().get_command(ctx, cmd_name)
        except ModuleNotFoundError:
            missing = cmd_name

            @click.command(cmd_name, help=f"Check {missing} (not available in this version).")
            def unavailable() -> None:
                from promocase.core.errors import PromocaseError

                raise PromocaseError(
                    f"'promocase check {missing}' is not available in this version.",
                    hint="Upgrade promocase, or use: promocase check evidence",
                )

            return unavailable


@click.group(cls=_CheckGroup, lazy=CHECK_COMMANDS)
def check() -> None:
    """Check wording: is evidence specific, is feedback concrete?

    \b
    Examples:
      promocase check evidence "Helped with the database migration"
      promocase check feedback "Be more strategic"
    """
