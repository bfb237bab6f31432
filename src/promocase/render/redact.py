"""Redaction for sharing: names, customers and numbers from a user-kept list."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A figure: optional sign and currency, digits with thousands separators, decimals, and a unit
# written after it (40%, $1,200,000, 12.5k, 240 ms). A number ending a sentence ("saved 250.")
# or followed by a comma ("1, 2 and 3") is still a number; a comma belongs to it only before
# three digits. Version strings (v1.2.3, 1.2.3) are not figures and stay.
NUMBER = re.compile(
    r"(?<![\w.])[-+]?[$€£]?\d+(?:,\d{3})*(?:\.\d+)?"
    r"(?:\s?(?:%|k|m|bn|ms|s|x)(?!\w))?(?!\w|\.\d)",
    re.IGNORECASE,
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
