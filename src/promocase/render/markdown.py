"""User text as Markdown, rendered to HTML with raw HTML disabled."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _renderer() -> Any:
    from markdown_it import MarkdownIt

    # js-default: no raw HTML and links are validated (no javascript:, vbscript:, data: URLs).
    return MarkdownIt("js-default")


def markdown_to_html(text: str) -> str:
    """Safe HTML for user-written Markdown: raw HTML is escaped, unsafe links dropped."""
    return str(_renderer().render(text))


def inline_markdown_to_html(text: str) -> str:
    return str(_renderer().renderInline(text))
