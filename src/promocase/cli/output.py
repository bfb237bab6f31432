"""Helpers shared by the commands: JSON output, workspace access, id parsing."""

from __future__ import annotations

import json
from typing import Any

import click


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


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
