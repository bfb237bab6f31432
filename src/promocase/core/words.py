"""Counting in words for what the user reads: '1 goal', '2 goals'."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 goal', '2 goals' ('1 entry', '2 entries' with many='entries'; '20,016 entries')."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def agree(n: int, one: str, many: str) -> str:
    """`one` or `many` as n asks, without the number ('has' / 'have', 'commit was')."""
    return one if n == 1 else many
