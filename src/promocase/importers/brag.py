"""Markdown brag documents: dated headings ("## 2026-03", "### Week of 2026-03-02",
"## March 2026", "## Q1 2026") with bullets under them, or bullets that start with a date.

Each bullet ("-", "*", "+", "1.") with its indented sub-bullets becomes a candidate; checked
to-dos ("- [x] …") count as bullets, unchecked ones ("- [ ] …") and paragraphs do not, nor do
the bullets of a section of plans ("## Goals for next year", "## To do"): they are not work
done yet. Undated headings ("## Mentoring") become tags. A bullet with no dated heading above
it and no leading date takes a date its own text names ("Gave a talk at tech day (June 2026)").
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from promocase.core.dates import MONTHS
from promocase.core.errors import PromocaseImportError
from promocase.core.words import plural
from promocase.importers.candidate import Candidate
from promocase.importers.files import MiB, decode_text, read_bytes

SOURCE = "brag"
NO_BULLETS_HINT = (
    "Each piece of work is a bullet ('- ', '* ', '+ ' or '1. '), under a dated heading or "
    "starting with a date, for example:\n    ## 2026-03\n"
    "    - Cut p95 checkout latency from 820 to 240 ms"
)
FILE_HINT = "Give a Markdown file with one bullet per piece of work ('- Shipped …')."
CALENDAR_HINT = "This is a calendar file: import it with `promocase import calendar FILE`."
MAX_BYTES = 5 * MiB
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_OPEN_TASK = re.compile(r"^\[ \](\s|$)")
_DONE_TASK = re.compile(r"^\[[xX]\](\s+|$)")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b")
_DMY = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})\b")
_QUARTER = re.compile(r"\bQ([1-4])\s*[-/ ]?\s*(\d{4})\b|\b(\d{4})\s*[-/ ]?\s*Q([1-4])\b", re.I)
_LEAD_DATE = re.compile(r"^\s*[\[(]?(\d{4}-\d{1,2}-\d{1,2}|\d{4}-\d{1,2})[\])]?\s*[:—–-]?\s*")
_TAG = re.compile(r"(?<![\w/#])#([A-Za-z][\w-]{1,40})")
# A heading over intentions rather than work done: "Goals for this year", "Plans", "To do",
# "Next quarter". A heading that also says the goals were met is about results.
_PLANS = re.compile(
    r"\b(goals?|objectives?|plans?|planned|to-?dos?|to do|wish ?list|"
    r"next (year|quarter|half|month|cycle|steps?)|(want|hope|would like) to)\b",
    re.I,
)
_RESULTS = re.compile(
    r"\b(achieved|met|hit|reached|done|completed|accomplished|delivered|results?|shipped)\b",
    re.I,
)
_LINK = re.compile(r"\[([^\]]*)\]\((https?://[^)\s]+)\)")
_BARE_URL = re.compile(r"(?<![(\w])https?://[^\s)>\]]+")


def find_date(text: str) -> date | None:
    """The first date a heading or bullet names: ISO, '12 March 2026', 'March 2026', 'Q1 2026'."""
    for match in _ISO.finditer(text):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
        try:
            return date(year, month, day)
        except ValueError:
            continue
    match = _DMY.search(text)
    if match and match.group(2).lower() in MONTHS:
        try:
            return date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
        except ValueError:
            pass
    for match in _MDY.finditer(text):
        month = MONTHS.get(match.group(1).lower())
        if month:
            try:
                return date(int(match.group(3)), month, int(match.group(2) or 1))
            except ValueError:
                continue
    match = _QUARTER.search(text)
    if match:
        quarter = int(match.group(1) or match.group(4))
        year = int(match.group(2) or match.group(3))
        return date(year, 3 * quarter - 2, 1)
    return None


@dataclass
class _Item:
    line: int
    text: str
    date: date | None
    tags: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def parse_brag(text: str, *, source: str) -> list[_Item]:
    """The bullets, each with the date of its heading (or its own leading date)."""
    return read_brag(text, source=source)[0]


def read_brag(text: str, *, source: str) -> tuple[list[_Item], dict[str, int]]:
    """The bullets with their dates, and counts of what was left out: unchecked to-dos
    ("- [ ] …") and paragraphs, which are not entries."""
    items: list[_Item] = []
    left = {"todo": 0, "paragraphs": 0, "plans": 0}
    heading_dates: dict[int, date | None] = {}
    heading_tags: dict[int, str] = {}
    plans: set[int] = set()  # levels of the headings above that are sections of plans
    current: _Item | None = None
    skipping = False  # inside an unchecked to-do: its sub-bullets and wrapped lines go too
    in_paragraph = False
    in_fence = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            current, skipping, in_paragraph = None, False, False
            continue
        if in_fence:
            continue
        heading = _HEADING.match(line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2)
            for deeper in [k for k in heading_dates if k >= level]:
                del heading_dates[deeper]
            for deeper in [k for k in heading_tags if k >= level]:
                del heading_tags[deeper]
            plans = {k for k in plans if k < level}
            if _PLANS.search(title) and not _RESULTS.search(title):
                plans.add(level)
            found = find_date(title)
            if found is not None:
                heading_dates[level] = found
            elif level > 1 and _slug(title):
                heading_tags[level] = _slug(title)
            current, skipping, in_paragraph = None, False, False
            continue
        if not line.strip():
            current, skipping, in_paragraph = None, False, False
            continue
        bullet = _BULLET.match(line)
        indent = len(line) - len(line.lstrip())
        if bullet is None:
            if current is not None and not line.lstrip().startswith((">", "|")):
                current.text += " " + line.strip()  # a wrapped line continues the item
            elif (
                not skipping
                and not in_paragraph
                and re.search(r"\w", line)
                and not line.lstrip().startswith(("|", "<", "[//]"))  # tables, HTML, comments
            ):
                left["paragraphs"] += 1
                in_paragraph = True
            continue
        todo = _OPEN_TASK.match(bullet.group(2))
        if indent >= 2 and (current is not None or skipping):
            if current is not None and todo is None:
                current.text += "; " + _task_text(bullet.group(2))  # a sub-bullet adds detail
            continue
        current, skipping, in_paragraph = None, False, False
        if todo is not None or plans:
            left["todo" if todo is not None else "plans"] += 1  # not done yet: not evidence
            skipping = True
            continue
        body = _task_text(bullet.group(2))
        own = _LEAD_DATE.match(body)
        when: date | None = None
        if own:
            when = find_date(own.group(1))
            body = body[own.end() :].strip()
        if when is None and heading_dates:
            when = heading_dates[max(heading_dates)]
        if when is None:
            when = find_date(body)  # "Gave a talk at tech day (June 2026)"
        if not re.search(r"\w", body):
            continue  # "* * *" is a rule, not an item
        current = _Item(number, body, when, list(heading_tags.values()))
        items.append(current)
    return items, left


def _task_text(body: str) -> str:
    """A bullet's text without a checked box ("[x] Shipped it" -> "Shipped it")."""
    return _DONE_TASK.sub("", body, count=1).strip()


def to_candidates(items: list[_Item], *, today: date) -> tuple[list[Candidate], int]:
    out: list[Candidate] = []
    undated = 0
    seen: set[str] = set()
    for item in items:
        links = [m.group(2) for m in _LINK.finditer(item.text)] + _BARE_URL.findall(item.text)
        text = _LINK.sub(lambda m: m.group(1) or m.group(2), item.text)
        text = re.sub(r"(\*\*|__|`)", "", text).strip()
        tags = [*item.tags, *(t.lower() for t in _TAG.findall(text)), "brag"]
        when = item.date
        if when is None:
            undated += 1
            when = today
        digest = hashlib.sha1(
            f"{when.isoformat()}|{' '.join(text.split()).lower()}".encode()
        ).hexdigest()[:20]
        if digest in seen:
            continue
        seen.add(digest)
        out.append(
            Candidate(
                text=text,
                date=when.isoformat(),
                source=SOURCE,
                source_ref=digest,
                item_refs=[digest],
                tags=tags,
                links=links,
            )
        )
    return out, undated


def import_brag(path: str, *, today: date) -> tuple[list[Candidate], dict[str, int]]:
    raw = read_bytes(path, max_bytes=MAX_BYTES, what="brag document")
    text = decode_text(raw, source=path, binary_hint=FILE_HINT)
    if "\x00" in text:
        raise PromocaseImportError("holds NUL characters; it is not a text document.", source=path)
    items, left = read_brag(text, source=path)
    if not items:
        todo, plans = left["todo"], left["plans"]
        kinds = [plural(todo, "unchecked to-do") if todo else ""]
        kinds.append(f"{plural(plans, 'bullet')} under goals or plans" if plans else "")
        seen = " and ".join(k for k in kinds if k)
        only = f" (only {seen})" if seen else ""
        raise PromocaseImportError(
            f"found no bullets to import{only}; nothing was changed.",
            source=path,
            hint=NO_BULLETS_HINT if "BEGIN:VCALENDAR" not in text[:2000] else CALENDAR_HINT,
        )
    found, undated = to_candidates(items, today=today)
    return found, {"items": len(items), "undated": undated, **left}
