"""The current time, in one place so tests and imports can pin it."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def now_iso() -> str:
    """UTC timestamp with seconds, e.g. 2026-11-27T09:30:00Z."""
    pinned = os.environ.get("PROMOCASE_NOW")
    if pinned:
        return pinned
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def today() -> date:
    pinned = os.environ.get("PROMOCASE_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    return date.today()
