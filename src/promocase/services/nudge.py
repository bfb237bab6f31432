"""The one-line review nudge shown after ordinary commands: kept apart from the cadence
service so `promocase add` pays for one query, not for importing the review machinery."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from promocase.store.clock import now_iso

CADENCES = {"weekly": ("week", 7), "monthly": ("month", 30)}


def cadence_of(ws: Any) -> str:
    """The configured cadence ([review] cadence in config.toml), weekly when unset or unknown."""
    value = str(ws.config().get("review", {}).get("cadence", "weekly")).strip().lower()
    return value if value in CADENCES else "weekly"


def _days_since(stamp: str, now: datetime) -> int:
    try:
        then = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return 0
    return (now.date() - then.date()).days


def nudge_line(ws: Any) -> str | None:
    """One line when a review is overdue for the configured cadence, else None.

    One query in the common case; the config is read only when a week has passed.
    """
    try:
        row = ws.conn.execute(
            "SELECT (SELECT max(at) FROM review_log), "
            "(SELECT min(created_at) FROM evidence WHERE deleted_at IS NULL)"
        ).fetchone()
    except Exception:  # noqa: BLE001 - a nudge must never break a command
        return None
    last, first = row[0], row[1]
    if first is None:
        return None
    now = datetime.fromisoformat(now_iso().replace("Z", "+00:00"))
    since = _days_since(last or first, now)
    if since <= 7:
        return None
    cadence = cadence_of(ws)
    period, days = CADENCES[cadence]
    if since <= days:
        return None
    if last is None:
        return (
            f"Tip: you have not done a {cadence} review yet; five minutes keeps your case "
            f"current: promocase review --{period}"
        )
    return f"Your {cadence} review is due (last one {since} days ago): promocase review --{period}"
