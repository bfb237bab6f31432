"""Nothing lost: export, import (restore and importers), backup."""

from __future__ import annotations

from pathlib import Path

import click

from promocase.cli import LazyGroup
from promocase.cli.output import echo_json, write_output, ws
from promocase.core.errors import PromocaseError

# Importers of other sources register here: name -> "module:attribute".
IMPORTERS: dict[str, str] = {
    "json": "promocase.cli.data:import_json",
    "git": "promocase.cli.importers:import_git",
    "issues": "promocase.cli.importers:import_issues",
    "calendar": "promocase.cli.importers:import_calendar",
    "brag": "promocase.cli.importers:import_brag",
}


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md", "csv"]),
    default="json",
    show_default=True,
    help="json: the full backup; md: readable; csv: for spreadsheets.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to this file (default: standard output).",
)
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export everything you have recorded.

    JSON is the complete, versioned backup that `promocase import json` restores; CSV cells are
    defused so a spreadsheet never runs them as formulas.

    \b
    Examples:
      promocase export --format json --output ~/promocase-backup.json
      promocase export --format md > evidence.md
      promocase export --format csv -o evidence.csv
    """
    from promocase.services import backup as svc

    content = {"json": svc.export_json, "md": svc.export_markdown, "csv": svc.export_csv}[fmt](
        ws(ctx)
    )
    if output:
        write_output(output, content)
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(content, nl=False)


@click.group("import", cls=LazyGroup, lazy=IMPORTERS)
def import_group() -> None:
    """Bring in what your work systems already know, or restore a JSON export.

    Each importer shows what it would add with --dry-run, suggests criteria and flags vague
    entries, and never adds the same item twice, so run it again whenever you like.

    \b
    Examples:
      promocase import git ~/src/billing --author me@example.com --dry-run
      promocase import issues jira-export.csv --assignee "Noor"
      promocase import calendar work.ics
      promocase import brag brag-2026.md
      promocase --home ~/new-workspace import json backup.json
    """


@click.command("json")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def import_json(ctx: click.Context, file: str, as_json: bool) -> None:
    """Restore a JSON export into an empty workspace (all or nothing).

    \b
    Example:
      promocase --home ~/restored import json promocase-backup.json
    """
    from promocase.services import backup as svc

    counts = svc.import_json_file(ws(ctx), file)
    if as_json:
        echo_json(counts)
        return
    click.echo(
        f"Restored {counts.get('evidence', 0)} entries and {counts.get('ladder', 0)} "
        f"ladders into {ws(ctx).home}."
    )


@click.command()
@click.argument("path", type=click.Path())
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.pass_context
def backup(ctx: click.Context, path: str, force: bool) -> None:
    """Copy the database safely, even while it is in use (SQLite online backup).

    PATH may be a file or a folder (a dated file name is chosen).

    \b
    Example:
      promocase backup ~/Backups/
    """
    from promocase.services import backup as svc

    target = Path(path).expanduser()
    if path.endswith(("/", "\\")):  # clearly a folder, even one that does not exist yet
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PromocaseError(f"Cannot create the folder {target}: {exc.strerror}.") from None
    target = svc.backup(ws(ctx), target, overwrite=force)
    click.echo(f"Backed up to {target}")
