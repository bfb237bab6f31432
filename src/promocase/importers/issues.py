"""Issue-tracker exports (GitHub issues and pull requests, Jira, Linear) as CSV or JSON.

Columns are recognised by their usual names in each tracker's export; `overrides` maps a field
to a header when the file names it differently. Finished work (closed, done, merged) becomes
candidate evidence; cancelled and duplicate items never do.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from promocase.core.errors import PromocaseImportError
from promocase.importers.candidate import Candidate
from promocase.importers.files import MiB, decode_text, read_bytes

SOURCE = "issues"
FILE_HINT = (
    "Give a CSV or JSON export from GitHub, Jira or Linear "
    "(for example: gh pr list --json number,title,url,mergedAt,state > prs.json)."
)
MAX_BYTES = 50 * MiB
TRACKERS = ("github", "jira", "linear", "generic")

# field -> header names seen in exports, compared lowercased with spaces and punctuation removed
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("issue key", "key", "identifier", "number", "id", "issue id", "iid", "issue"),
    "title": ("title", "summary", "name", "subject"),
    "url": ("html_url", "url", "web url", "link", "issue url", "permalink"),
    "state": ("state", "status", "status category", "statuscategory", "state name"),
    "closed": (
        "closed_at",
        "closed at",
        "closedat",  # GitHub CLI: gh issue list --json closedAt
        "closed",
        "resolved",
        "resolved at",
        "resolvedat",
        "resolution date",
        "resolutiondate",
        "completed",
        "completed at",
        "completedat",
        "done",
        "done date",
        "date done",
    ),
    # a pull request's merge date; empty on a closed pull request means it was not merged
    "merged": ("merged_at", "merged at", "mergedat", "merged", "merge date", "date merged"),
    "updated": ("updated_at", "updated", "updatedat", "last updated"),
    "created": ("created_at", "created", "createdat", "date created", "opened"),
    "labels": ("labels", "label", "tags"),
    "type": ("issue type", "issuetype", "type", "kind"),
    "assignee": ("assignee", "assignees", "owner"),
    "points": (
        "story points",
        "custom field (story points)",
        "estimate",
        "points",
        "story point estimate",
    ),
    "resolution": ("resolution", "state_reason", "state reason", "statereason"),
    "team": ("team", "project", "project name", "repository", "repo"),
}
FIELDS = tuple(SYNONYMS)
DONE = {
    "closed",
    "done",
    "resolved",
    "completed",
    "complete",
    "merged",
    "shipped",
    "released",
    "fixed",
    "finished",
    "accepted",
}
CANCELLED = {
    "canceled",
    "cancelled",
    "won't do",
    "wont do",
    "won't fix",
    "wontfix",
    "duplicate",
    "declined",
    "not_planned",
    "not planned",
    "invalid",
    "obsolete",
    "rejected",
}
DATE_FORMATS = (
    "%d/%b/%y %I:%M %p",  # Jira: 12/Mar/24 3:15 PM
    "%d/%b/%Y %I:%M %p",
    "%d/%b/%y %H:%M",
    "%d/%b/%y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%b %d, %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%a %b %d %Y %H:%M:%S",
)


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9()]+", " ", header.replace("\ufeff", "").lower()).strip()


_LOOKUP = {_norm(name): fld for fld, names in SYNONYMS.items() for name in names}


@dataclass
class Row:
    line: int
    values: dict[str, list[str]] = field(default_factory=dict)
    is_pull_request: bool = False

    def get(self, fld: str) -> str:
        vals = self.values.get(fld) or []
        return next((v for v in vals if v.strip()), "").strip()


@dataclass
class Parsed:
    tracker: str
    columns: dict[str, str]  # field -> header used
    rows: list[Row]


def parse_date(text: str) -> str | None:
    """An ISO date from the date formats trackers export, or None when unreadable."""
    value = text.strip()
    if not value:
        return None
    iso = value.replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(iso).date().isoformat()
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    match = re.match(r"^(\d{4}-\d{2}-\d{2})[T ]", value)
    if match:
        try:
            return datetime.fromisoformat(match.group(1)).date().isoformat()
        except ValueError:
            return None
    return None


def _overrides(pairs: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        fld, sep, header = pair.partition("=")
        fld = fld.strip().lower()
        if not sep or not header.strip():
            raise PromocaseImportError(
                f"'{pair}' is not FIELD=HEADER.", hint="Example: --column title=Summary"
            )
        if fld not in FIELDS:
            raise PromocaseImportError(
                f"'{fld}' is not a field I read.", hint="Fields: " + ", ".join(FIELDS)
            )
        out[fld] = header.strip()
    return out


def _map_headers(headers: list[str], overrides: dict[str, str], source: str) -> dict[int, str]:
    """Column index -> field; repeated columns (Jira's several 'Labels') all map."""
    by_index: dict[int, str] = {}
    normalised = [_norm(h) for h in headers]
    for fld, header in overrides.items():
        hits = [i for i, h in enumerate(normalised) if h == _norm(header)]
        if not hits:
            raise PromocaseImportError(
                f"there is no column '{header}' for --column {fld}.",
                source=source,
                hint="Columns: " + ", ".join(h for h in headers if h.strip()),
            )
        for i in hits:
            by_index[i] = fld
    taken = set(overrides)
    for fld in FIELDS:
        if fld in taken:
            continue
        # the first synonym that matches wins, so 'Issue key' beats 'Issue id' for Jira
        for name in SYNONYMS[fld]:
            hits = [i for i, h in enumerate(normalised) if h == _norm(name) and i not in by_index]
            if hits:
                for i in hits:
                    by_index[i] = fld
                break
    return by_index


def _detect(headers: Iterable[str], sample: list[Row]) -> str:
    names = {_norm(h) for h in headers}
    if {"issue key", "summary"} & names and ({"issue type", "issuetype", "issue key"} & names):
        return "jira"
    if "identifier" in names or ("team" in names and "completed" in names):
        return "linear"
    urls = " ".join(r.get("url") for r in sample[:20])
    if "github.com" in urls or "html_url" in names or "number" in names:
        return "github"
    if "linear.app" in urls:
        return "linear"
    if "atlassian.net" in urls or "/browse/" in urls:
        return "jira"
    return "generic"


def _delimiter(text: str) -> str:
    """The header row's separator: a comma, or the semicolon a spreadsheet in a comma-decimal
    locale writes, or a tab or bar, whichever separates most of the (unquoted) header."""
    header = re.sub(r'"[^"]*"', "", text.lstrip("\ufeff").split("\n", 1)[0])
    counts = {sep: header.count(sep) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def _parse_csv(text: str, overrides: dict[str, str], source: str) -> Parsed:
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        headers = next(reader, None)
        if not headers:
            raise PromocaseImportError("is empty: no header row.", source=source)
        by_index = _map_headers(headers, overrides, source)
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            row = Row(line=reader.line_num)
            for i, cell in enumerate(record):
                fld = by_index.get(i)
                if fld is not None:
                    row.values.setdefault(fld, []).append(cell)
            rows.append(row)
    except csv.Error as exc:
        raise PromocaseImportError(
            f"is not a CSV file I can read ({exc}).",
            source=source,
            hint="Export the issues again as CSV (comma-separated, UTF-8).",
        ) from None
    columns = {fld: headers[i] for i, fld in sorted(by_index.items(), reverse=True)}
    return Parsed(_detect(headers, rows), columns, rows)


def _flat(value: Any) -> list[str]:
    """A JSON value as the strings a person would read: names of objects, items of lists."""
    if value is None:
        return []
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, str | int | float):
        return [str(value)]
    if isinstance(value, list):
        return [s for item in value for s in _flat(item)]
    if isinstance(value, dict):
        if "nodes" in value:
            return _flat(value["nodes"])
        for key in ("name", "login", "displayName", "value", "key", "title"):
            if key in value and isinstance(value[key], str | int):
                return [str(value[key])]
    return []


def _records(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        for path in (("issues",), ("items",), ("data", "issues", "nodes"), ("nodes",)):
            node: Any = data
            for key in path:
                node = node.get(key) if isinstance(node, dict) else None
            if isinstance(node, list):
                return [r for r in node if isinstance(r, dict)]
        if any(k in data for k in ("title", "summary", "key", "number")):
            return [data]
        return []
    if isinstance(data, list):
        return [r for r in data if isinstance(r, dict)]
    return []


def _parse_json(text: str, overrides: dict[str, str], source: str) -> Parsed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PromocaseImportError(
            f"is not valid JSON ({exc.msg}).", source=source, line=exc.lineno
        ) from None
    records = _records(data)
    if not records and data not in ([], {}):
        raise PromocaseImportError(
            "holds no list of issues I recognise.",
            source=source,
            hint="Give a list of issue objects, Jira's {\"issues\": [...]} or GitHub's API output.",
        )
    rows: list[Row] = []
    headers: set[str] = set()
    for n, record in enumerate(records, 1):
        flat: dict[str, Any] = {}
        for key, value in record.items():
            if key == "fields" and isinstance(value, dict):  # Jira REST
                flat.update(value)
            else:
                flat[key] = value
        pull = flat.get("pull_request")
        if isinstance(pull, dict) and "merged_at" in pull:  # GitHub's issues API
            flat.setdefault("merged_at", pull["merged_at"])
        api, key = record.get("self"), record.get("key")
        if isinstance(api, str) and "/rest/api/" in api and isinstance(key, str):
            # Jira REST names the API address; a person opens the issue at /browse/KEY
            flat.setdefault("url", api.split("/rest/api/", 1)[0] + "/browse/" + key)
            flat.pop("self", None)
        headers |= set(flat)
        names = list(flat)
        by_index = _map_headers(names, overrides, source) if names else {}
        pull_keys = ("pull_request", "mergedAt", "merged_at")
        row = Row(line=n, is_pull_request=any(k in flat for k in pull_keys))
        for i, fld in by_index.items():
            row.values.setdefault(fld, []).extend(_flat(flat[names[i]]))
        rows.append(row)
    first = list(rows[0].values) if rows else []
    columns = {fld: fld for fld in first}
    return Parsed(_detect(headers, rows), columns, rows)


def parse_file(path: str, *, overrides: Iterable[str] = ()) -> Parsed:
    """Read a tracker export (CSV or JSON) into rows of known fields."""
    raw = read_bytes(path, max_bytes=MAX_BYTES, what="tracker export")
    text = decode_text(raw, source=path, binary_hint=FILE_HINT)
    return parse_text(text, source=path, overrides=overrides)


def parse_text(text: str, *, source: str, overrides: Iterable[str] = ()) -> Parsed:
    chosen = _overrides(overrides)
    start = text.lstrip()[:1]
    parsed = (
        _parse_json(text, chosen, source)
        if start in ("[", "{")
        else _parse_csv(text, chosen, source)
    )
    if parsed.rows and "title" not in {f for r in parsed.rows[:50] for f in r.values}:
        raise PromocaseImportError(
            "has no title column I recognise.",
            source=source,
            hint="Name it with --column title=HEADER (for example --column title=Summary).",
        )
    return parsed


NOT_MERGED = {"", "false", "no", "0", "null", "none"}


def _is_pull_request(row: Row) -> bool:
    return (
        row.is_pull_request
        or "/pull/" in row.get("url")
        or row.get("type").lower() in ("pull request", "pr", "pull_request")
    )


def _state(row: Row) -> str:
    """done | cancelled | unmerged | open"""
    state = row.get("state").lower()
    resolution = row.get("resolution").lower()
    if state in CANCELLED or resolution in CANCELLED:
        return "cancelled"
    if (
        state == "closed"
        and "merged" in row.values
        and row.get("merged").lower() in NOT_MERGED
        and _is_pull_request(row)
    ):
        return "unmerged"  # closed without merging: abandoned, not finished work
    if state in DONE or (not state and row.get("closed")):
        return "done"
    if row.get("closed") and state not in ("open", "in progress", "todo", "to do", "backlog"):
        return "done"
    return "open"


def _ref(row: Row, tracker: str) -> str:
    url = row.get("url")
    gh = re.search(r"github\.com/([\w.-]+/[\w.-]+)/(?:issues|pull)/(\d+)", url)
    if gh:
        return f"github:{gh.group(1)}#{gh.group(2)}"
    ident = row.get("id")
    if ident:
        team = row.get("team")
        if tracker == "github" and ident.isdigit():
            return f"github:{team + '#' if team else '#'}{ident}"
        return f"{tracker}:{ident}"
    if url:
        return f"{tracker}:{url}"
    digest = hashlib.sha1((row.get("title") + "|" + row.get("created")).encode()).hexdigest()
    return f"{tracker}:{digest[:16]}"


def candidates(
    parsed: Parsed,
    *,
    source: str,
    include_open: bool = False,
    assignee: str | None = None,
    today: str,
) -> tuple[list[Candidate], dict[str, int]]:
    """Finished (or, with include_open, all) items as candidates, with counts of what was left."""
    out: list[Candidate] = []
    counts = {
        "rows": len(parsed.rows),
        "open": 0,
        "cancelled": 0,
        "unmerged": 0,
        "other_assignee": 0,
        "untitled": 0,
    }
    for row in parsed.rows:
        title = row.get("title")
        if not title:
            counts["untitled"] += 1
            continue
        state = _state(row)
        if state in ("cancelled", "unmerged") or (state == "open" and not include_open):
            counts[state] += 1
            continue
        if assignee and not any(
            assignee.lower() in a.lower() for a in row.values.get("assignee", [])
        ):
            counts["other_assignee"] += 1
            continue
        date = None
        order = (
            ("merged", "closed", "updated", "created")
            if state == "done"
            else ("updated", "created")
        )
        for fld in order:
            value = row.get(fld)
            if fld == "merged" and value.lower() in (*NOT_MERGED, "true", "yes", "1"):
                continue  # a yes/no column, not a date
            if value:
                date = parse_date(value)
                if date is None:
                    raise PromocaseImportError(
                        f"'{value}' is not a date I can read.",
                        source=source,
                        line=row.line,
                        field=fld,
                        hint="Use ISO dates (2026-03-12) or point --column "
                        f"{fld}=HEADER at another column.",
                    )
                break
        ref = _ref(row, parsed.tracker)
        key = ref.split(":", 1)[1] if not ref.split(":", 1)[1].startswith("http") else ""
        if not row.get("id") and not row.get("url"):
            key = ""  # the ref is a digest of title and date: nothing a person would recognise
        is_pr = _is_pull_request(row)
        if state == "open":
            verb = f"Working on ({row.get('state') or 'open'})"
        elif is_pr:
            verb = "Merged pull request"
        else:
            verb = (
                "Completed"
                if parsed.tracker == "linear"
                else ("Resolved" if parsed.tracker == "jira" else "Closed")
            )
        details = [
            d for d in (row.get("type") if not is_pr else "", _points(row.get("points"))) if d
        ]
        what = f" {key}" if key else ""
        extra = f" ({', '.join(details)})" if details else ""
        labels = [
            lab
            for lab in row.values.get("labels", [])
            for lab in re.split(r"[,;]\s*", lab)
            if lab.strip()
        ]
        url = row.get("url")
        out.append(
            Candidate(
                text=f"{verb}{what}{extra}: {title}",
                date=date or today,
                source=SOURCE,
                source_ref=ref,
                item_refs=[ref],
                tags=[parsed.tracker, *labels[:10]],
                links=[url] if url.startswith(("http://", "https://")) else [],
            )
        )
    return out, counts


def _points(value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return ""
    return f"{number:g} point{'s' if number != 1 else ''}"
