"""Spreadsheet formula defusing for exported cells (OWASP CSV injection)."""

from __future__ import annotations

import re

# Cells starting with these are run as formulas by spreadsheet programs; TAB, CR, LF and NUL
# are included because spreadsheets strip them and then see the formula behind.
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def defuse(cell: str) -> str:
    """Return `cell` safe to open in a spreadsheet: a leading trigger gets a `'` prefix.

    Plain numbers such as `-3.5` are left as they are, so negative values stay numeric.
    """
    if not cell or not cell.startswith(_TRIGGERS):
        return cell
    if _PLAIN_NUMBER.fullmatch(cell):  # fullmatch: "$" would also allow a trailing newline
        return cell
    return "'" + cell
