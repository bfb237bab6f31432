"""`promocase redact`: the names, customers and figures hidden when you share."""

from __future__ import annotations

import click

from promocase.cli.output import echo_json, ws


@click.group()
def redact() -> None:
    """The redaction list: what `packet --redact` and `resume --redact` hide.

    Terms match whole words in any case ("Acme" hides "ACME" but not "Acmeville"); with
    numbers on, every figure becomes [n] too. The list lives in your workspace's config.toml.

    \b
    Examples:
      promocase redact add Acme "Dana Li" "Project Falcon"
      promocase redact numbers on
      promocase redact try "Dana Li asked Acme for a 40% cut"
      promocase packet --format pdf --output packet.pdf --redact
    """


@redact.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.pass_context
def list_terms(ctx: click.Context, as_json: bool) -> None:
    """Show the terms hidden when you share, and whether numbers are."""
    from promocase.services import redaction as svc

    current = svc.redaction(ws(ctx))
    if as_json:
        echo_json(current.to_json())
        return
    if not current.terms:
        click.echo('No terms to hide yet. Add some: promocase redact add Acme "Dana Li"')
    for term in current.terms:
        click.echo(f"  {term}")
    click.echo(f"Numbers: {'hidden as [n]' if current.numbers else 'shown'}.")


@redact.command("add")
@click.argument("terms", nargs=-1, required=True)
@click.pass_context
def add_terms(ctx: click.Context, terms: tuple[str, ...]) -> None:
    """Hide these names or phrases (quote a phrase: "Dana Li")."""
    from promocase.services import redaction as svc

    added = svc.add_terms(ws(ctx), list(terms))
    if added:
        click.echo("Will hide: " + ", ".join(added) + ".")
        parts = svc.parts_not_listed(ws(ctx), added)
        if parts:
            shown = " ".join(f'"{p}"' for p in parts)
            click.echo(
                "A phrase is hidden only as a whole. If these also appear on their own, add "
                f"them too: promocase redact add {shown}"
            )
    skipped = len(terms) - len(added)
    if skipped:
        click.echo(f"{skipped} already on the list.")


@redact.command("remove")
@click.argument("terms", nargs=-1, required=True)
@click.pass_context
def remove_terms(ctx: click.Context, terms: tuple[str, ...]) -> None:
    """Stop hiding these terms."""
    from promocase.services import redaction as svc

    removed = svc.remove_terms(ws(ctx), list(terms))
    click.echo("No longer hidden: " + ", ".join(removed) + ".")


@redact.command("numbers")
@click.argument("state", type=click.Choice(["on", "off"]))
@click.pass_context
def numbers(ctx: click.Context, state: str) -> None:
    """Hide every figure as [n] (on), or show figures (off)."""
    from promocase.services import redaction as svc

    svc.set_numbers(ws(ctx), state == "on")
    click.echo("Numbers will be hidden as [n]." if state == "on" else "Numbers will be shown.")


@redact.command("try")
@click.argument("text", nargs=-1, required=True)
@click.pass_context
def try_text(ctx: click.Context, text: tuple[str, ...]) -> None:
    """Show how a sentence reads after redaction."""
    from promocase.services import redaction as svc

    click.echo(svc.preview(ws(ctx), " ".join(text)))
