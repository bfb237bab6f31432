"""The `promocase` command. Subcommands live in their own modules and load only when used,
so `promocase add` stays fast."""

from __future__ import annotations

import importlib
import sqlite3
import sys
from typing import Any

import click

from promocase import __version__
from promocase.core.errors import PromocaseError

# name -> "module:attribute"; each module imports its heavy libraries inside the command.
COMMANDS: dict[str, str] = {
    "init": "promocase.cli.ladder:init",
    "ladder": "promocase.cli.ladder:ladder",
    "add": "promocase.cli.evidence:add",
    "praise": "promocase.cli.evidence:praise",
    "log": "promocase.cli.evidence:log",
    "search": "promocase.cli.evidence:search",
    "show": "promocase.cli.evidence:show",
    "edit": "promocase.cli.evidence:edit",
    "delete": "promocase.cli.evidence:delete",
    "restore": "promocase.cli.evidence:restore",
    "export": "promocase.cli.data:export",
    "import": "promocase.cli.data:import_group",
    "backup": "promocase.cli.data:backup",
    "demo": "promocase.cli.demo:demo",
    "suggest": "promocase.cli.judge:suggest",
    "check": "promocase.cli.judge:check",
    "review": "promocase.cli.review:review",
    "status": "promocase.cli.status:status",
    "assess": "promocase.cli.assess:assess",
    "goal": "promocase.cli.case:goal",
    "triage": "promocase.cli.case:triage",
    "plan": "promocase.cli.case:plan",
    "packet": "promocase.cli.case:packet",
    "prep": "promocase.cli.case:prep",
    "serve": "promocase.cli.serve:serve",
    "conversation": "promocase.cli.outcomes:conversation",
    "action": "promocase.cli.outcomes:action",
    "outlook": "promocase.cli.outcomes:outlook",
    "resume": "promocase.cli.outcomes:resume",
    "remind": "promocase.cli.cadence:remind",
    "redact": "promocase.cli.redact:redact",
}


# `promocase --help` lists the commands in the order of the work, each in one line that fits an
# 80-column terminal (Click would cut each command's first sentence with "..."), and without
# importing every command's module to read its docstring.
SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Set up",
        (
            ("init", "Create your workspace: ladder, current and target level."),
            ("ladder", "Import, show or switch your company's ladder."),
            ("demo", "Build a demo workspace to try everything on."),
        ),
    ),
    (
        "Capture",
        (
            ("add", "Capture a piece of evidence in seconds."),
            ("praise", "Record what someone said about your work, and who."),
            ("import", "Import commits, issues, calendars, brag docs or a backup."),
            ("log", "List evidence, newest first."),
            ("search", "Full-text search over entries, outcomes and testimony."),
            ("show", "Show one entry in full (--history: every version)."),
            ("edit", "Change an entry (the earlier version is kept)."),
            ("delete", "Delete entries (restore brings them back)."),
            ("restore", "Bring back deleted entries."),
        ),
    ),
    (
        "Judge and review",
        (
            ("review", "Weekly/monthly review; accept or reject suggestions."),
            ("suggest", "Rank the criteria a piece of evidence demonstrates."),
            ("check", "Is evidence specific? Is feedback concrete?"),
            ("assess", "Rate yourself against each criterion of your target."),
            ("status", "Where you stand, criterion by criterion, and the gaps."),
            ("remind", "Write a recurring review event for your calendar."),
        ),
    ),
    (
        "Build the case",
        (
            ("goal", "Goals with a baseline, a target, a due date and actuals."),
            ("triage", "Free hours for next-level work by handing off the rest."),
            ("plan", "Priorities, and the 90-day and 1-year plans."),
            ("packet", "The promotion packet: your case, with cited evidence."),
            ("prep", "A one-page brief for the promotion conversation."),
            ("redact", "What --redact hides in the packet and the resume."),
        ),
    ),
    (
        "After the conversation",
        (
            ("conversation", "Log promotion conversations: decisions, words, asks."),
            ("action", "The asks from your conversations, with due dates."),
            ("outlook", "Is the block your performance, or structural?"),
            ("resume", "A resume for an external move, from your evidence."),
        ),
    ),
    (
        "Data and web",
        (
            ("export", "Export everything (JSON, Markdown, CSV)."),
            ("backup", "Copy the database safely, even while in use."),
            ("serve", "Open the web UI in your browser (local only)."),
        ),
    ),
)


# Commands that only read: on a folder with no workspace they say so instead of creating an empty
# one there (a mistyped --home would otherwise look like a log that lost everything).
READERS = frozenset(
    {"log", "search", "show", "status", "export", "packet", "prep", "outlook", "resume", "backup"}
)


class AppContext:
    """Shared state for one invocation: where the workspace is, and debug mode."""

    def __init__(
        self, home: str | None, debug: bool, *, reading: bool = False, where: str = ""
    ) -> None:
        self.home = home
        self.debug = debug
        self.reading = reading
        self.where = where  # how the workspace folder was chosen, for messages
        self._ws: Any = None

    @property
    def ws(self) -> Any:
        if self._ws is None:
            from promocase.workspace import Workspace

            ws = Workspace(self.home)
            if self.reading and not ws.exists():
                raise _no_workspace(ws.home, self.where)
            self._ws = ws
        return self._ws

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module_name, attr = self.lazy[cmd_name].split(":")
            return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if ctx.parent is not None:  # subgroups (import, ladder...) list theirs as Click does
            super().format_commands(ctx, formatter)
            return
        listed = {name for _, rows in SECTIONS for name, _ in rows}
        for title, rows in SECTIONS:
            shown = [row for row in rows if row[0] in self.lazy]
            if shown:
                with formatter.section(title):
                    formatter.write_dl(shown)
        others = [n for n in self.list_commands(ctx) if n not in listed]
        if others:  # a command added without a line above still shows
            with formatter.section("Other commands"):
                extra: list[tuple[str, str]] = []
                for name in others:
                    cmd = self.get_command(ctx, name)
                    if cmd is not None and not cmd.hidden:
                        extra.append((name, cmd.get_short_help_str(formatter.width - 20)))
                formatter.write_dl(extra)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta.setdefault("promocase.args", list(args))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            _nudge(ctx)
            return result
        except PromocaseError as exc:
            if _debug(ctx):
                raise
            raise UserFacingError(str(exc), exc.exit_code) from None
        except sqlite3.OperationalError as exc:
            if _debug(ctx):
                raise
            raise UserFacingError(
                f"The database could not complete the request ({exc}).\n"
                "  Another promocase may be holding it; try again, or run with --debug.",
                1,
            ) from None


# Commands after which the review nudge stays quiet (machine output or the review itself).
QUIET_AFTER = {"review", "remind", "export", "backup", "serve", "demo", "init"}


def _nudge(ctx: click.Context) -> None:
    """One line on stderr when a review is overdue; never with --json, -q or machine output."""
    if ctx.parent is not None or not isinstance(ctx.obj, AppContext) or ctx.obj._ws is None:
        return
    args = ctx.meta.get("promocase.args", [])
    if ctx.invoked_subcommand in QUIET_AFTER or {"--json", "-q", "--quiet"} & set(args):
        return
    try:
        from promocase.services.nudge import nudge_line

        line = nudge_line(ctx.obj.ws)
    except Exception:  # noqa: BLE001 - a reminder must never break the command it follows
        return
    if line:
        click.echo(line, err=True)


def _no_workspace(home: Any, where: str) -> PromocaseError:
    from promocase.core.errors import WorkspaceError

    return WorkspaceError(
        f"No workspace at {home}{f' ({where})' if where else ''}: nothing has been recorded there, and nothing was "
        "created.",
        hint="If your log is elsewhere, check --home or PROMOCASE_HOME.\n"
        "  To start here: promocase init --ladder software-engineer --current SE3 --target SE4\n"
        '  (or capture first: promocase add "What you did and what came of it").',
    )


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(isinstance(root.obj, AppContext) and root.obj.debug)


class UserFacingError(click.ClickException):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        # Click declares exit_code on the class; each error here carries its own.
        self.exit_code = exit_code  # type: ignore[misc]


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="promocase")
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    envvar="PROMOCASE_HOME",
    help="Workspace directory (default: your user data directory; or set PROMOCASE_HOME).",
)
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def cli(ctx: click.Context, home: str | None, debug: bool) -> None:
    """Build an evidence-backed case for your promotion.

    \b
    Start:   promocase init --ladder software-engineer --current SE3 --target SE4
    Capture: promocase add "Cut p95 checkout latency" --metric "p95: 820 -> 240"
    Praise:  promocase praise "Saved our launch" --from "Dana Li, PM"
    Find:    promocase log --since "30 days ago"  |  promocase search latency
    Back up: promocase export --format json --output backup.json

    Everything stays in a local SQLite workspace; nothing is sent anywhere.
    """
    where = {
        click.core.ParameterSource.COMMANDLINE: "--home",
        click.core.ParameterSource.ENVIRONMENT: "PROMOCASE_HOME",
    }.get(ctx.get_parameter_source("home") or click.core.ParameterSource.DEFAULT)
    where = where or "the default folder"
    ctx.obj = AppContext(home, debug, reading=ctx.invoked_subcommand in READERS, where=where)
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    """The console entry point. It ends the process without the interpreter's teardown of every
    module (about 30 ms, a quarter of a `promocase add`): atexit handlers still run, output is
    flushed, and the database connection was already closed with the command's context."""
    import atexit
    import os

    from promocase import lifetime

    lifetime.keep_until_exit()  # what a command keeps is never freed: os._exit ends it below
    try:
        cli(prog_name="promocase")
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or 1
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
