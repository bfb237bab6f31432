"""Parsing of the dates people type: ISO dates, 'today', 'yesterday', 'N days ago'."""

from __future__ import annotations

import re
from datetime import date, timedelta

from promocase.core.errors import ValidationError

# Month names as people type them, each to its number: "jan", "january", "sept" → 1, 1, 9.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
# ... as a regular-expression alternation, longest first ("september" before "sep")
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

_RELATIVE = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s+ago\s*$", re.IGNORECASE)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def parse_when(text: str, *, today: date) -> date:
    """Return the date `text` names, relative to `today`.

    Accepts YYYY-MM-DD, 'today', 'yesterday', 'N days|weeks|months|years ago'.
    """
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    match = _RELATIVE.match(value)
    if match:
        count, unit = int(match.group(1)), match.group(2).lower()
        return today - timedelta(days=count * _UNIT_DAYS[unit])
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"'{text}' is not a date I understand.",
            hint="Use YYYY-MM-DD, 'today', 'yesterday' or 'N days ago' (also weeks, months).",
        ) from None
