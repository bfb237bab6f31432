"""Ladders: init a workspace, import, list, show, switch."""

from __future__ import annotations

import sys
from typing import Any

import click

from promocase.cli.output import echo_json, stdin_is_terminal, ws

FORMAT = click.Choice(["auto", "yaml", "json", "csv", "md", "text"])


@click.command()
@click.option(
    "--ladder",
    "ladder_arg",
    required=True,
    help="A ladder file (YAML, JSON, CSV, Markdown), '-' for pasted text, or a sample "
    "name (see `promocase ladder samples`).",
)
@click.option("--current", help="Your current level id (e.g. SE3).")
@click.option("--target", help="The level you are aiming for (default: the next one).")
@click.option(
    "--format",
    "fmt",
    type=FORMAT,
    default="auto",
    show_default=True,
    help="Format of the ladder file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def init(
    ctx: click.Context,
    ladder_arg: str,
    current: str | None,
    target: str | None,
    fmt: str,
    as_json: bool,
) -> None:
    """Set up a workspace with your ladder and your current and target level.

    \b
    Examples:
      promocase init --ladder software-engineer --current SE3 --target SE4
      promocase init --ladder ~/Documents/acme-ladder.yaml --current L4
      pbpaste | promocase init --ladder - --current "Senior Engineer"
    """
    from promocase.services import ladders as svc

    stdin_text = sys.stdin.read() if ladder_arg == "-" else None
    result, prof = svc.init_workspace(
        ws(ctx), ladder_arg, current=current, target=target, fmt=fmt, stdin_text=stdin_text
    )
    if as_json:
        echo_json(
            {
                "home": str(ws(ctx).home),
                "ladder": result.stored.slug,
                "version": result.stored.version,
                "current_level": prof.current_level,
                "target_level": prof.target_level,
            }
        )
        return
    ladder = result.stored.ladder
    click.echo(f"Workspace ready at {ws(ctx).home}")
    click.echo(
        f"Ladder: {ladder.name} ({len(ladder.levels)} levels, {len(ladder.criteria)} "
        f"criteria){'' if result.changed else ' (unchanged)'}"
    )
    if prof.current_level or prof.target_level:
        click.echo(
            f"Current level: {prof.current_level or '-'} → target: {prof.target_level or '-'}"
        )
    click.echo('Next: promocase add "what you did and what changed because of it"')


@click.group()
def ladder() -> None:
    """Your company's ladder: levels and the criteria for each.

    \b
    Examples:
      promocase ladder samples
      promocase ladder import acme.yaml
      promocase ladder show --level SE4
    """


@ladder.command("samples")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def samples(as_json: bool) -> None:
    """List the sample ladders that ship with promocase.

    \b
    Example:
      promocase ladder samples
    """
    from promocase.services import ladders as svc

    items = []
    for name in svc.sample_names():
        lad = svc.load_sample(name)
        items.append(
            {
                "name": name,
                "title": lad.name,
                "levels": [lv.id for lv in lad.levels],
                "criteria": len(lad.criteria),
            }
        )
    if as_json:
        echo_json(items)
        return
    for item in items:
        click.echo(
            f"{item['name']:<22} {item['title']}  (levels {', '.join(item['levels'])}; "
            f"{item['criteria']} criteria)"
        )


@ladder.command("import")
@click.argument("source")
@click.option(
    "--format", "fmt", type=FORMAT, default="auto", show_default=True, help="Format of the file."
)
@click.option("--name", help="Ladder name (for CSV, Markdown or pasted text without one).")
@click.option(
    "--activate/--no-activate",
    default=None,
    help="Make it the active ladder (default: only if there is none).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def import_ladder(
    ctx: click.Context,
    source: str,
    fmt: str,
    name: str | None,
    activate: bool | None,
    as_json: bool,
) -> None:
    """Import a ladder from a file, pasted text ('-') or a sample.

    Re-importing a changed ladder keeps the old version; links from evidence stay intact.

    \b
    Examples:
      promocase ladder import acme-engineering.yaml
      promocase ladder import levels.csv --name "Acme Engineering"
      pbpaste | promocase ladder import - --format text --name "Acme"
    """
    from promocase.services import ladders as svc

    stdin_text = None
    if source == "-":
        if stdin_is_terminal():
            click.echo("Paste the ladder, then press Ctrl-D:", err=True)
        stdin_text = sys.stdin.read()
    lad, src = svc.load_ladder_arg(source, fmt, name=name, stdin_text=stdin_text)
    result = svc.import_ladder(ws(ctx), lad, source=src, activate=activate)
    if as_json:
        echo_json(
            {
                "ladder": result.stored.slug,
                "version": result.stored.version,
                "changed": result.changed,
                "active": result.active,
                "levels": len(lad.levels),
                "criteria": len(lad.criteria),
            }
        )
        return
    state = (
        f"version {result.stored.version}"
        if result.changed
        else f"unchanged, still version {result.stored.version}"
    )
    click.echo(
        f"Imported {lad.name} as '{result.stored.slug}' ({state}): {len(lad.levels)} "
        f"levels, {len(lad.criteria)} criteria{'; active' if result.active else ''}."
    )


@ladder.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_ladders(ctx: click.Context, as_json: bool) -> None:
    """List the ladders in this workspace.

    \b
    Example:
      promocase ladder list --json
    """
    from promocase.services import ladders as svc

    prof = svc.profile(ws(ctx))
    active = prof.ladder.slug if prof.ladder else None
    items = [
        {
            "slug": s.slug,
            "name": s.ladder.name,
            "version": s.version,
            "levels": [lv.id for lv in s.ladder.levels],
            "criteria": len(s.ladder.criteria),
            "active": s.slug == active,
            "imported_at": s.imported_at,
        }
        for s in svc.list_ladders(ws(ctx))
    ]
    if as_json:
        echo_json(items)
        return
    if not items:
        click.echo("No ladders yet. Try: promocase ladder import FILE, or promocase ladder samples")
    for item in items:
        click.echo(
            f"{'*' if item['active'] else ' '} {item['slug']:<24} {item['name']} "
            f"(v{item['version']}, {item['criteria']} criteria)"
        )


@ladder.command("show")
@click.argument("name", required=False)
@click.option("--level", help="Only this level's expectations.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the generic format).")
@click.pass_context
def show_ladder(ctx: click.Context, name: str | None, level: str | None, as_json: bool) -> None:
    """Show a ladder (the active one by default), or one level of it.

    \b
    Examples:
      promocase ladder show
      promocase ladder show --level SE4
      promocase ladder show acme-engineering --json
    """
    from promocase.core.errors import ValidationError
    from promocase.services import ladders as svc

    stored = svc.get_ladder(ws(ctx), name)
    lad = stored.ladder
    levels = lad.levels
    if level:
        found = lad.level(level)
        if found is None:
            raise ValidationError(
                f"'{level}' is not a level of {lad.name}.",
                hint="Levels: " + ", ".join(lv.id for lv in lad.levels),
            )
        levels = (found,)
    if as_json:
        data: dict[str, Any] = lad.to_mapping()
        data["slug"], data["version"] = stored.slug, stored.version
        if level:
            data["levels"] = [{"id": lv.id, "name": lv.name} for lv in levels]
            for crit in data["criteria"]:
                crit["expectations"] = {
                    k: v for k, v in crit["expectations"].items() if k == levels[0].id
                }
        echo_json(data)
        return
    click.echo(f"{lad.name}  (v{stored.version})")
    if lad.description:
        click.echo(lad.description)
    click.echo("Levels: " + " < ".join(f"{lv.id} {lv.name}" for lv in lad.levels))
    for lv in levels:
        click.echo(f"\n== {lv.id}: {lv.name} ==")
        area = None
        for crit in lad.criteria:
            exp = crit.expectations.get(lv.id)
            if exp is None:
                continue
            if crit.area and crit.area != area:
                area = crit.area
                click.echo(f"\n  [{area}]")
            click.echo(f"  {crit.name} ({crit.id})")
            click.echo(
                click.wrap_text(exp, width=96, initial_indent="      ", subsequent_indent="      ")
            )


@ladder.command("use")
@click.argument("name")
@click.option("--current", help="Your current level on this ladder.")
@click.option("--target", help="Your target level on this ladder.")
@click.pass_context
def use(ctx: click.Context, name: str, current: str | None, target: str | None) -> None:
    """Make another imported ladder the active one.

    \b
    Example:
      promocase ladder use acme-engineering --current L4 --target L5
    """
    from promocase.services import ladders as svc

    stored = svc.set_active(ws(ctx), name)
    if current or target:
        svc.set_levels(ws(ctx), current=current, target=target)
    click.echo(f"Active ladder: {stored.ladder.name}.")


@ladder.command("levels")
@click.option("--current", help="Your current level.")
@click.option("--target", help="The level you are aiming for.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def levels(ctx: click.Context, current: str | None, target: str | None, as_json: bool) -> None:
    """Show or set your current and target level.

    \b
    Examples:
      promocase ladder levels
      promocase ladder levels --current SE3 --target SE4
    """
    from promocase.services import ladders as svc

    prof = (
        svc.set_levels(ws(ctx), current=current, target=target)
        if current or target
        else svc.profile(ws(ctx))
    )
    data = {
        "ladder": prof.ladder.slug if prof.ladder else None,
        "current_level": prof.current_level,
        "target_level": prof.target_level,
    }
    if as_json:
        echo_json(data)
    else:
        click.echo(
            f"Ladder: {data['ladder'] or '-'}; current: {data['current_level'] or '-'}; "
            f"target: {data['target_level'] or '-'}"
        )
