"""Helpers shared by the commands: JSON output, workspace access, id parsing."""

from __future__ import annotations

import json
from typing import Any

import click

COMPACT_JSON_OVER = 1 << 20  # characters


def echo_json(data: Any) -> None:
    """Print JSON, indented for reading; very large documents (a 50,000-entry import summary)
    stay compact, since indenting runs Python's slow pure encoder (1.4 s on such a summary)."""
    text = json.dumps(data, ensure_ascii=False)
    if len(text) <= COMPACT_JSON_OVER:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    click.echo(text)


def ws(ctx: click.Context) -> Any:
    """The invocation's Workspace."""
    return ctx.find_root().obj.ws


def stdin_is_terminal() -> bool:
    import sys

    stream = sys.stdin
    return bool(stream is not None and getattr(stream, "isatty", lambda: False)())


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
