"""Redaction for sharing: names, customers and numbers from a user-kept list."""

from __future__ import annotations

import re
from collections.abc import Iterable

NUMBER = re.compile(
    r"(?<![\w.])[-+]?\$?\d[\d,]*(\.\d+)?\s?(%|k|m|bn|ms|s|x)?(?![\w.])", re.IGNORECASE
)


def redact(
    text: str, terms: Iterable[str], *, numbers: bool = False, placeholder: str = "[redacted]"
) -> str:
    """Replace each listed term (whole words, any case) and, if asked, every number."""
    out = text
    for term in sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True):
        out = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", placeholder, out, flags=re.IGNORECASE)
    if numbers:
        out = NUMBER.sub("[n]", out)
    return out
