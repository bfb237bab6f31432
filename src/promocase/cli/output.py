"""Helpers shared by the commands: JSON output, workspace access, id parsing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

COMPACT_JSON_OVER = 1 << 20  # characters


def echo_json(data: Any, *, compact: str | None = None) -> None:
    """Print JSON, indented for reading; very large documents (a 50,000-entry import summary)
    stay compact, since indenting runs Python's slow pure encoder (1.4 s on such a summary).

    `compact`: the document already encoded as json.dumps(data, ensure_ascii=False) gives it;
    `data` may then be a function that returns the document, called only to indent it.
    """
    if compact is None:
        compact = json.dumps(data, ensure_ascii=False)
    if len(compact) <= COMPACT_JSON_OVER:
        compact = json.dumps(data() if callable(data) else data, ensure_ascii=False, indent=2)
    click.echo(compact)


def ws(ctx: click.Context) -> Any:
    """The invocation's Workspace."""
    return ctx.find_root().obj.ws


def stdin_is_terminal() -> bool:
    import sys

    return _is_terminal(sys.stdin)


def stdout_is_terminal() -> bool:
    import sys

    return _is_terminal(sys.stdout)


def _is_terminal(stream: Any) -> bool:
    return bool(stream is not None and getattr(stream, "isatty", lambda: False)())


def echo_lines(lines: list[str]) -> None:
    """Print lines; more than a screenful in a terminal goes through the pager ($PAGER or
    less), as `git log` does, instead of scrolling thousands of imported entries past."""
    import shutil

    height = shutil.get_terminal_size((80, 24)).lines
    if len(lines) > height - 2 and stdout_is_terminal():
        click.echo_via_pager("\n".join(lines) + "\n")
        return
    click.echo("\n".join(lines))


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def write_output(path: str | Path, content: str | bytes) -> Path:
    """Write a file the user asked for (-o, --chart, --ics): `~` expanded, missing folders
    created, owner-only and atomic (services.backup.write_private), and every failure told as
    a message instead of a traceback. Returns the path written."""
    from promocase.core.errors import PromocaseError
    from promocase.services.backup import write_private

    target = Path(path).expanduser()
    if target.is_dir() or str(path).endswith(("/", "\\")):
        raise PromocaseError(
            f"{path} is a folder; give a file name to write to.",
            hint=f"For example: {target / 'out'}{target.suffix}",
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_private(target, content)
    except OSError as exc:
        raise PromocaseError(
            f"Cannot write {target}: {exc.strerror or exc}.",
            hint="Choose a folder you can write to.",
        ) from None
    return target
