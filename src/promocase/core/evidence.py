"""Evidence: what the person did, when, with what result; testimony is evidence too."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from promocase.core.errors import ValidationError
from promocase.core.words import number

ROLES = ("led", "owned", "contributed", "supported")
SCOPES = ("team", "org", "company", "external")
KINDS = ("work", "praise")
# Where an entry came from: typed in (cli, web), an importer's (git, issues, calendar, brag),
# or the bundled demo.
SOURCES = ("cli", "web", "git", "issues", "calendar", "brag", "demo")
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Metric:
    """A measured result: a single value, or a before and after."""

    name: str | None = None
    unit: str | None = None
    value: float | None = None
    before: float | None = None
    after: float | None = None

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        name = f"{self.name}: " if self.name else ""
        if self.before is not None and self.after is not None:
            return f"{name}{number(self.before)}{unit} → {number(self.after)}{unit}"
        if self.value is not None:
            return f"{name}{number(self.value)}{unit}"
        return name.rstrip(": ")

    @property
    def change(self) -> float | None:
        """Relative change from before to after, as a fraction (-0.7 is a 70% drop)."""
        if self.before is None or self.after is None or self.before == 0:
            return None
        return (self.after - self.before) / abs(self.before)


@dataclass
class Evidence:
    """One entry in the evidence log."""

    text: str
    date: str  # ISO date
    id: int | None = None
    kind: str = "work"
    outcome: str | None = None
    metric: Metric | None = None
    role: str | None = None
    scope: str | None = None
    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    source: str = "cli"
    source_ref: str | None = None
    praise_from: str | None = None
    verified: bool = False
    created_at: str | None = None
    updated_at: str | None = None
    deleted_at: str | None = None


_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+"
_RANGE = (
    rf"^(?P<before>{_NUMBER})\s*(?P<unit1>[^\d\s>→-][^>→]*?)?\s*(?:->|→|=>|\bto\b)\s*"
    rf"(?P<after>{_NUMBER})\s*(?P<unit2>\S.*)?$"
)
_SINGLE = rf"^(?P<value>{_NUMBER})\s*(?P<unit>\S.*)?$"


def _float(text: str) -> float:
    return float(text.replace(",", ""))


def parse_metric(text: str) -> Metric:
    """Parse 'NAME: BEFORE -> AFTER UNIT' or 'NAME: VALUE UNIT' (the name is optional).

    Examples: 'p95 latency: 820 -> 240 ms', '35%', 'tickets closed: 120'.
    """
    raw = text.strip()
    name: str | None = None
    body = raw
    if ":" in raw:
        head, _, tail = raw.rpartition(":")
        if tail.strip() and re.match(r"\s*[-+.\d]", tail):
            name, body = head.strip() or None, tail.strip()
    match = re.match(_RANGE, body)
    if match:
        unit = (match.group("unit2") or match.group("unit1") or "").strip() or None
        return Metric(
            name=name,
            unit=unit,
            before=_float(match.group("before")),
            after=_float(match.group("after")),
        )
    if re.search(r"->|→|=>", body):
        # 'latency: 820 -> ms' is a change with no after value, not the value 820 in '-> ms'.
        raise ValidationError(
            f"'{text}' has an arrow but not both a before and an after value.",
            hint="Write 'NAME: BEFORE -> AFTER UNIT', e.g. p95 latency: 820 -> 240 ms.",
        )
    match = re.match(_SINGLE, body)
    if match:
        unit = (match.group("unit") or "").strip() or None
        return Metric(name=name, unit=unit, value=_float(match.group("value")))
    raise ValidationError(
        f"'{text}' is not a metric I can read.",
        hint="Write 'NAME: BEFORE -> AFTER UNIT' (p95 latency: 820 -> 240 ms) "
        "or 'NAME: VALUE UNIT' (deploys per week: 12).",
    )


def check_choice(value: str | None, choices: tuple[str, ...], what: str) -> str | None:
    """Normalise an optional choice such as a role or scope, or explain the valid ones."""
    if value is None or value == "":
        return None
    lowered = value.strip().lower()
    if lowered not in choices:
        raise ValidationError(
            f"'{value}' is not a {what}.", hint="Use one of: " + ", ".join(choices)
        )
    return lowered


def check_text(text: str, what: str = "text") -> str:
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(f"The {what} is empty.", hint="Say what you did, in one sentence.")
    if len(cleaned) > MAX_TEXT:
        raise ValidationError(f"The {what} is longer than {MAX_TEXT} characters.")
    return cleaned


def normalise_tag(tag: str) -> str:
    return tag.strip().lstrip("#").lower()
