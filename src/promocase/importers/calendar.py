"""Calendar files (.ics): meetings that signal mentoring, cross-functional work, talks or
interviews become candidate evidence. Recurring events are expanded within a window and counted
per series and month; only titles and times are kept unless details are asked for.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from promocase.core.errors import PromocaseImportError
from promocase.importers.candidate import Candidate
from promocase.importers.files import MiB, decode_text, read_bytes

SOURCE = "calendar"
FILE_HINT = "Give an .ics (iCalendar) file exported from your calendar program."
AGAIN_HINT = "The file looks damaged: export the calendar again from your calendar program."
MAX_BYTES = 20 * MiB
MAX_OCCURRENCES = 5_000  # per event inside the window; more is not a meeting
MAX_STEPS = 200_000  # rule steps walked before giving up on one event

_FUNCTION = (
    r"(product|design|ux|pm|data|sales|support|legal|finance|security|risk|compliance|"
    r"marketing|ops|operations|hr|people|partnerships|procurement|customer success|eng|"
    r"engineering)"
)
KINDS: dict[str, re.Pattern[str]] = {
    "interviewing": re.compile(
        r"\b(interview(s|ing)?|phone screen|onsite loop|hiring (panel|committee|debrief)|"
        r"debrief|candidate|tech(nical)? screen)\b",
        re.I,
    ),
    "talk": re.compile(
        r"\b(talk|presentation|presenting|keynote|tech talk|brown ?bag|lunch (and|&) learn|"
        r"demo day|meetup|conference|webinar|workshop|all[- ]hands demo|guest lecture)\b",
        re.I,
    ),
    "mentoring": re.compile(
        r"\b(mentor(ing|ship)?|mentee|coaching|coach|onboarding buddy|buddy|office hours|"
        r"pairing|career (chat|conversation|development|growth)|growth conversation|"
        r"development conversation|1[:-]1|one[- ]on[- ]one|skip[- ]level)\b",
        re.I,
    ),
    "cross-functional": re.compile(
        r"\b(cross[- ]?functional|x-?func|cross[- ]team|stakeholders?|steering|kick-?off|"
        r"design review|product review|architecture review|(sync|review|planning) with "
        r"(design|product|marketing|sales|legal|security|finance|support|data|ops|"
        r"customer success|partners?)|quarterly planning|roadmap|launch review|go[- ]to[- ]market|"
        r"incident review|postmortem|post-mortem|guild|community of practice|working group|"
        # two functions joined as parties: "Product/Eng sync", "Payments x Risk x Legal",
        # "Finance <> Security"; with "&" or "and" (or a glued "x") only when one is
        # engineering ("Design & Engineering weekly"), as "Sales & Marketing" names one
        # department as often as two
        rf"{_FUNCTION}\s*(/|\+|<>|\bx\b)\s*{_FUNCTION}|"
        r"(product|design|pm|ux|data|sales|support)\s*(&|and|x)\s*(eng|engineering)|"
        r"(eng|engineering)\s*(&|and|x)\s*(product|design|pm|ux|data|sales|support))\b",
        re.I,
    ),
}


@dataclass
class Occurrence:
    start: datetime | date
    end: datetime | date | None


@dataclass
class Series:
    uid: str
    title: str
    kind: str
    recurring: bool
    occurrences: list[Occurrence] = field(default_factory=list)
    details: str | None = None


def classify(title: str) -> str | None:
    """The kind of meeting a title signals, or None for ordinary meetings."""
    for kind, pattern in KINDS.items():
        if pattern.search(title):
            return kind
    return None


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _aware_like(value: datetime | date, like: datetime | date) -> datetime | date:
    """Bring `value` to the same type and zone-awareness as `like` so they compare."""
    if isinstance(like, datetime):
        if not isinstance(value, datetime):
            value = datetime.combine(value, time(0, 0))
        if like.tzinfo is not None and value.tzinfo is None:
            value = value.replace(tzinfo=like.tzinfo)
        elif like.tzinfo is None and value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        return value
    return _day(value)


def _check(event: Any, source: str, n: int) -> None:
    errors = getattr(event, "errors", None)
    if errors:
        title = str(event.get("SUMMARY", "") or "")[:60]
        prop, message = errors[0] if isinstance(errors[0], tuple) else ("", errors[0])
        raise PromocaseImportError(
            f"event {n} ('{title}') has a value I cannot read in {prop or 'a property'}: "
            f"{message}.",
            source=source,
            hint="Fix or delete that event in your calendar program and export again.",
        )


def _dt(event: Any, name: str, source: str, n: int) -> datetime | date | None:
    prop = event.get(name)
    if prop is None:
        return None
    value = getattr(prop, "dt", None)
    if not isinstance(value, datetime | date):
        raise PromocaseImportError(
            f"event {n} has a {name} that is not a date or time.", source=source
        )
    return value


def _expand(
    event: Any, start: datetime | date, lo: date, hi: date, source: str, n: int
) -> list[datetime | date]:
    from dateutil.rrule import rruleset, rrulestr

    rules = event.get("RRULE")
    if rules is None:
        return [start] if lo <= _day(start) <= hi else []
    rules = rules if isinstance(rules, list) else [rules]
    rset = rruleset()
    naive_start = start if isinstance(start, datetime) else datetime.combine(start, time(0, 0))
    for rule in rules:
        text = rule.to_ical().decode("utf-8", "replace")
        if re.search(r"FREQ=(SECONDLY|MINUTELY|HOURLY)", text, re.I):
            raise PromocaseImportError(
                f"event {n} repeats more often than daily ({text}); that is not a meeting.",
                source=source,
                hint="Delete that event from the export, or export a shorter date range.",
            )
        if naive_start.tzinfo is None:
            text = re.sub(r"(UNTIL=\d{8}T\d{6})Z", r"\1", text)
        try:
            rset.rrule(rrulestr(text, dtstart=naive_start))  # type: ignore[arg-type]
        except (ValueError, TypeError) as exc:
            raise PromocaseImportError(
                f"event {n} has a repeat rule I cannot read ({text}): {exc}.", source=source
            ) from None
    for name in ("RDATE", "EXDATE"):
        props = event.get(name)
        if props is None:
            continue
        for prop in props if isinstance(props, list) else [props]:
            for item in getattr(prop, "dts", []):
                value = _aware_like(item.dt, naive_start)
                (rset.rdate if name == "RDATE" else rset.exdate)(value)  # type: ignore[arg-type]
    out: list[datetime | date] = []
    steps = 0
    for when in rset:
        steps += 1
        if steps > MAX_STEPS:
            raise PromocaseImportError(
                f"event {n} repeats too many times to expand.",
                source=source,
                hint="Export a shorter date range from your calendar program.",
            )
        day = when.date()
        if day > hi:
            break
        if day >= lo:
            out.append(when if isinstance(start, datetime) else day)
            if len(out) > MAX_OCCURRENCES:
                raise PromocaseImportError(
                    f"event {n} has more than {MAX_OCCURRENCES} occurrences in the period.",
                    source=source,
                )
    return out


def _addresses(value: Any) -> list[Any]:
    """An event's ATTENDEE property as a list (icalendar gives one value or a list)."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _email(address: Any) -> str:
    text = str(address).strip()
    return text[7:].lower() if text.lower().startswith("mailto:") else text.lower()


def calendar_owner(cal: Any) -> str | None:
    """The calendar's own address where the export names it: Google Calendar exports a
    person's calendar with their email as X-WR-CALNAME."""
    name = str(cal.get("X-WR-CALNAME", "") or "").strip()
    return name.lower() if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", name) else None


def declined(event: Any, me: set[str]) -> bool:
    """Whether one of `me` is invited to this event and declined it."""
    return any(
        _email(a) in me and str(getattr(a, "params", {}).get("PARTSTAT", "")).upper() == "DECLINED"
        for a in _addresses(event.get("ATTENDEE"))
    )


def parse_calendar(
    text: str,
    *,
    source: str,
    since: date,
    until: date,
    details: bool = False,
    me: list[str] | None = None,
) -> tuple[list[Series], dict[str, int]]:
    """Meetings that signal something, as series with their occurrences in [since, until].

    Meetings that `me` (the person's addresses, or else the calendar's own address when the
    export names it) declined are left out: a declined interview is not one held."""
    from icalendar import Calendar

    _check_structure(text, source)
    try:
        cal = Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError… on garbage
        raise _unreadable(text, str(exc), source) from None
    if not hasattr(cal, "walk") or getattr(cal, "name", "") != "VCALENDAR":
        raise PromocaseImportError(
            "does not start with BEGIN:VCALENDAR, so it is not a calendar file.",
            source=source,
            hint=FILE_HINT,
        )
    _check(cal, source, 0)
    events = list(cal.walk("VEVENT"))
    counts = {"events": len(events), "ordinary": 0, "cancelled": 0, "declined": 0, "outside": 0}
    owner = calendar_owner(cal)
    mine = {_email(m) for m in me or [] if m.strip()} or ({owner} if owner else set())
    series: dict[str, Series] = {}
    overrides: list[tuple[int, Any]] = []
    for n, event in enumerate(events, 1):
        _check(event, source, n)
        if event.get("RECURRENCE-ID") is not None:
            overrides.append((n, event))
            continue
        title = " ".join(str(event.get("SUMMARY", "") or "").split())
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            counts["cancelled"] += 1
            continue
        kind = classify(title)
        if kind is not None and mine and declined(event, mine):
            counts["declined"] += 1
            continue
        if kind is None:
            counts["ordinary"] += 1
            continue
        start = _dt(event, "DTSTART", source, n)
        if start is None:
            raise PromocaseImportError(
                f"event {n} ('{title[:60]}') has no start (DTSTART).", source=source
            )
        end = _dt(event, "DTEND", source, n)
        length = (end - start) if end is not None and type(end) is type(start) else None
        uid = (
            str(event.get("UID", "") or "")
            or hashlib.sha1(f"{title}|{start}".encode()).hexdigest()[:16]
        )
        item = Series(uid, title, kind, event.get("RRULE") is not None)
        if details:
            item.details = _details(event)
        for when in _expand(event, start, since, until, source, n):
            item.occurrences.append(Occurrence(when, when + length if length is not None else None))
        key = uid if uid not in series else f"{uid}|{start}"
        series[key] = item
    for n, event in overrides:
        uid = str(event.get("UID", "") or "")
        rid = _dt(event, "RECURRENCE-ID", source, n)
        master = series.get(uid)
        if master is None or rid is None:
            continue
        master.occurrences = [o for o in master.occurrences if not _same(o.start, rid)]
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        if mine and declined(event, mine):  # one session of a series, declined
            continue
        start = _dt(event, "DTSTART", source, n) or rid
        if since <= _day(start) <= until:
            end = _dt(event, "DTEND", source, n)
            master.occurrences.append(Occurrence(start, end))
    kept = [s for s in series.values() if s.occurrences]
    counts["outside"] = len(series) - len(kept)
    return kept, counts


def _check_structure(text: str, source: str) -> None:
    """Raise a readable error for a file that is not one calendar of matched BEGIN/END lines
    (icalendar's own messages name its internals)."""
    lines = [  # a line starting with a space or tab continues the one before (RFC 5545 folding)
        (n, line.strip())
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and line[0] not in " \t"
    ]
    if not lines:
        raise PromocaseImportError("is empty.", source=source, hint=FILE_HINT)
    if lines[0][1].upper() != "BEGIN:VCALENDAR":
        raise PromocaseImportError(
            "does not start with BEGIN:VCALENDAR, so it is not a calendar file.",
            source=source,
            line=lines[0][0],
            hint=FILE_HINT,
        )
    open_: list[tuple[str, int]] = []
    for n, line in lines:
        key, _, name = line.partition(":")
        key, name = key.upper(), name.strip().upper()
        if key == "BEGIN":
            if name == "VCALENDAR" and n != lines[0][0] and not open_:
                raise PromocaseImportError(
                    "holds more than one calendar.",
                    source=source,
                    line=n,
                    hint="Export one calendar at a time.",
                )
            open_.append((name, n))
        elif key == "END":
            if not open_ or open_[-1][0] != name:
                expected = f"END:{open_[-1][0]}" if open_ else "nothing"
                raise PromocaseImportError(
                    f"END:{name} does not close what is open here (expected {expected}).",
                    source=source,
                    line=n,
                    hint=AGAIN_HINT,
                )
            open_.pop()
    if open_:
        name, n = open_[-1]
        raise PromocaseImportError(
            f"BEGIN:{name} is never closed with END:{name}; the file may be cut short.",
            source=source,
            line=n,
            hint=AGAIN_HINT,
        )


def _unreadable(text: str, detail: str, source: str) -> PromocaseImportError:
    """icalendar's complaint, as a line number and what is wrong with it where we can tell."""
    quoted = re.search(r"parsed into parts: '(.*?)'", detail)
    if quoted:
        bad = quoted.group(1)
        line = next((n for n, ln in enumerate(text.splitlines(), 1) if bad in ln), None)
        return PromocaseImportError(
            f"'{bad[:60]}' is not a calendar line (NAME:value).",
            source=source,
            line=line,
            hint="The file may be damaged or not a calendar. " + FILE_HINT,
        )
    return PromocaseImportError("is not a calendar file I can read.", source=source, hint=FILE_HINT)


def _same(a: datetime | date, b: datetime | date) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        if (a.tzinfo is None) != (b.tzinfo is None):
            return a.replace(tzinfo=None) == b.replace(tzinfo=None)
        return a == b
    return _day(a) == _day(b)


def _details(event: Any) -> str | None:
    parts = []
    location = str(event.get("LOCATION", "") or "").strip()
    if location:
        parts.append(f"Location: {location[:200]}")
    attendees = event.get("ATTENDEE")
    if attendees:
        count = len(attendees) if isinstance(attendees, list) else 1
        parts.append(f"{count} attendee{'s' if count != 1 else ''}")
    description = " ".join(str(event.get("DESCRIPTION", "") or "").split())
    if description:
        parts.append(description[:500])
    return "; ".join(parts) or None


LABELS = {
    "mentoring": "Mentoring",
    "interviewing": "Interviewing",
    "talk": "Talk",
    "cross-functional": "Cross-functional",
}


def _when(o: Occurrence) -> str:
    if isinstance(o.start, datetime):
        text = f"{o.start:%Y-%m-%d %H:%M}"
        if isinstance(o.end, datetime) and o.end.date() == o.start.date():
            text += f"–{o.end:%H:%M}"
        zone = o.start.tzname() if o.start.tzinfo else None
        return text + (f" {zone}" if zone else "")
    return o.start.isoformat()


def to_candidates(series: list[Series]) -> list[Candidate]:
    """One candidate per single meeting; one per series and month for recurring ones."""
    out: list[Candidate] = []
    for s in series:
        stem = {"mentoring": "mentor", "interviewing": "interview"}.get(s.kind, s.kind[:5])
        label = "" if stem in s.title.lower() else LABELS[s.kind] + ": "
        tags = ["calendar", s.kind]
        if not s.recurring and len(s.occurrences) == 1:
            o = s.occurrences[0]
            out.append(
                Candidate(
                    text=f"{label}{s.title} ({_when(o)})",
                    date=_day(o.start).isoformat(),
                    source=SOURCE,
                    source_ref=f"{s.uid}|{_day(o.start).isoformat()}",
                    item_refs=[f"{s.uid}|{o.start.isoformat()}"],
                    outcome=s.details,
                    tags=tags,
                )
            )
            continue
        months: dict[str, list[Occurrence]] = {}
        for o in sorted(s.occurrences, key=lambda o: _day(o.start)):
            months.setdefault(_day(o.start).strftime("%Y-%m"), []).append(o)
        for month, items in months.items():
            first, last = _day(items[0].start), _day(items[-1].start)
            n = len(items)
            span = f"on {first}" if n == 1 else f"between {first} and {last}"
            out.append(
                Candidate(
                    text=f"{label}{s.title} — {n} session{'s' if n != 1 else ''} {span}",
                    date=last.isoformat(),
                    source=SOURCE,
                    source_ref=f"{s.uid}|{month}",
                    item_refs=[f"{s.uid}|{o.start.isoformat()}" for o in items],
                    outcome=s.details,
                    tags=tags,
                )
            )
    return out


def import_calendar(
    path: str,
    *,
    since: date,
    until: date,
    details: bool = False,
    me: list[str] | None = None,
) -> tuple[list[Candidate], dict[str, int]]:
    if since > until:
        raise PromocaseImportError(f"--since ({since}) is after --until ({until}).")
    raw = read_bytes(path, max_bytes=MAX_BYTES, what="calendar file")
    text = decode_text(raw, source=path, binary_hint=FILE_HINT)
    found, counts = parse_calendar(
        text, source=path, since=since, until=until, details=details, me=me
    )
    return to_candidates(found), counts


def default_window(today: date) -> tuple[date, date]:
    """The last twelve months up to today."""
    return today - timedelta(days=365), today
