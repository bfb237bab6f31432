"""Counting in words for what the user reads: '1 goal', '2 goals'."""

from __future__ import annotations

import math


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 goal', '2 goals' ('1 entry', '2 entries' with many='entries'; '20,016 entries')."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def agree(n: int, one: str, many: str) -> str:
    """`one` or `many` as n asks, without the number ('has' / 'have', 'commit was')."""
    return one if n == 1 else many


def number(value: float) -> str:
    """A number as people write it: '14,200', '0.4', '1,234,567.5', never '1.23457e+06'.

    Exact: the digits are Python's shortest round-trip form, so parsing the text back (commas
    taken out) gives the same float."""
    value = float(value)
    if not math.isfinite(value):
        return repr(value)
    if value.is_integer() and abs(value) < 1e16:
        return f"{int(value):,}"
    text = repr(value)
    if "e" in text:  # very large or very small: the same digits, written out in full
        from decimal import Decimal  # rare: not imported on every start

        text = format(Decimal(text), "f")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = text.partition(".")
    return f"{sign}{int(whole):,}" + (f".{fraction}" if fraction else "")
