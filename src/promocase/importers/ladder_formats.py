"""Ladder documents: the generic YAML/JSON format, CSV, Markdown and pasted text."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from promocase.core.errors import PromocaseImportError
from promocase.core.ladder import Ladder, ladder_from_mapping, slugify
from promocase.importers.files import MiB, decode_text, read_bytes

MAX_LADDER_BYTES = 2 * MiB
FORMATS = ("auto", "yaml", "json", "csv", "md", "text")


def load_ladder_file(path: Path | str, fmt: str = "auto", *, name: str | None = None) -> Ladder:
    """Parse a ladder document from a file; the format comes from the extension if 'auto'."""
    p = Path(path)
    text = decode_text(read_bytes(p, max_bytes=MAX_LADDER_BYTES, what="ladder file"), source=str(p))
    if fmt == "auto":
        fmt = {
            ".yaml": "yaml",
            ".yml": "yaml",
            ".json": "json",
            ".csv": "csv",
            ".tsv": "csv",
            ".md": "md",
            ".markdown": "md",
            ".txt": "text",
        }.get(p.suffix.lower(), "auto")
    return parse_ladder(text, fmt, source=str(p), name=name or _name_from_path(p))


def _name_from_path(p: Path) -> str:
    return p.stem.replace("-", " ").replace("_", " ").strip().title() or "Ladder"


def parse_ladder(
    text: str, fmt: str = "auto", *, source: str = "<stdin>", name: str | None = None
) -> Ladder:
    """Parse ladder text in the given format ('auto' guesses from the content)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_LADDER_BYTES:
        raise PromocaseImportError("is larger than the 2 MiB limit for a ladder.", source=source)
    if fmt == "auto":
        fmt = _guess_format(text)
    if fmt == "json":
        return ladder_from_mapping(_load_json(text, source), source=source)
    if fmt == "yaml":
        data = _load_yaml(text, source)
        if isinstance(data, dict) and name and not data.get("name"):
            data["name"] = name
        return ladder_from_mapping(data, source=source)
    if fmt == "csv":
        return parse_csv(text, source=source, name=name)
    if fmt in ("md", "text"):
        return parse_markdown(
            text if fmt == "md" else _text_to_markdown(text), source=source, name=name
        )
    raise PromocaseImportError(
        f"unknown ladder format '{fmt}'.", source=source, hint="Use one of: " + ", ".join(FORMATS)
    )


def _guess_format(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "json"
    first = stripped.splitlines()[0] if stripped else ""
    if re.match(r"^(name|levels|criteria)\s*:", stripped, re.MULTILINE) and re.search(
        r"^criteria\s*:", stripped, re.MULTILINE
    ):
        return "yaml"
    if first.startswith("#"):
        return "md"
    if first.count(",") >= 2 or first.count("\t") >= 2 or first.count(";") >= 2:
        return "csv"
    return "text"


def _load_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise PromocaseImportError(
            f"is not valid JSON: {exc.msg}.", source=source, line=exc.lineno
        ) from None
    except RecursionError:
        raise PromocaseImportError("is nested too deeply to be a ladder.", source=source) from None


def _load_yaml(text: str, source: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise PromocaseImportError(
            f"is not valid YAML: {exc.problem}.", source=source, line=line
        ) from None
    except yaml.YAMLError as exc:
        raise PromocaseImportError(f"is not valid YAML: {exc}.", source=source) from None
    except RecursionError:
        raise PromocaseImportError("is nested too deeply to be a ladder.", source=source) from None


# -- CSV ------------------------------------------------------------------------------------
_CSV_COLUMNS = {
    "level": ("level", "level id", "level_id", "grade", "band", "title", "job level", "rung"),
    "level_name": ("level name", "level_name", "level title"),
    "criterion_id": ("criterion id", "competency id", "skill id", "id"),
    "criterion": (
        "criterion",
        "criteria",
        "competency",
        "competencies",
        "skill",
        "dimension",
        "attribute",
        "name",
        "criterion name",
    ),
    "area": ("area", "category", "group", "pillar", "theme", "section"),
    "expectation": (
        "expectation",
        "expectations",
        "description",
        "behaviour",
        "behaviours",
        "behavior",
        "behaviors",
        "expected",
        "what good looks like",
        "criteria text",
        "definition",
    ),
}


def _column_key(header: str) -> str | None:
    normal = re.sub(r"[\s_\-]+", " ", header.strip().lower())
    for key, names in _CSV_COLUMNS.items():
        if normal in names:
            return key
    for key, names in _CSV_COLUMNS.items():
        if any(normal.startswith(n) for n in names):
            return key
    return None


def parse_csv(text: str, *, source: str, name: str | None = None) -> Ladder:
    """CSV with a header row: level, criterion, optional area, expectation."""
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise PromocaseImportError("is empty.", source=source) from None
    except csv.Error as exc:
        raise PromocaseImportError(f"is not valid CSV: {exc}.", source=source, line=1) from None
    columns: dict[str, int] = {}
    for i, h in enumerate(header):
        key = _column_key(h)
        if key and key not in columns:
            columns[key] = i
    missing = [k for k in ("level", "criterion", "expectation") if k not in columns]
    if missing:
        raise PromocaseImportError(
            "the header has no column for " + ", ".join(missing) + ".",
            source=source,
            line=1,
            hint="Name the columns level, criterion, area (optional) and expectation.",
        )
    levels: dict[str, str] = {}
    criteria: dict[str, dict[str, Any]] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue

            def cell(key: str, row: list[str] = row) -> str:
                i = columns.get(key)
                return row[i].strip() if i is not None and i < len(row) else ""

            level, crit, exp = cell("level"), cell("criterion"), cell("expectation")
            for key, value in (("level", level), ("criterion", crit), ("expectation", exp)):
                if not value:
                    raise PromocaseImportError(
                        f"the {key} cell is empty.", source=source, line=line
                    )
            levels.setdefault(level, cell("level_name") or level)
            cid = cell("criterion_id") or slugify(crit)  # a given id is kept as written
            entry = criteria.setdefault(cid, {"id": cid, "name": crit, "expectations": {}})
            if cell("area"):
                entry.setdefault("area", cell("area"))
            if level in entry["expectations"]:
                raise PromocaseImportError(
                    f"criterion '{crit}' has a second expectation for level '{level}'.",
                    source=source,
                    line=line,
                    hint="Keep one row per criterion and level.",
                )
            entry["expectations"][level] = exp
    except csv.Error as exc:
        raise PromocaseImportError(
            f"is not valid CSV: {exc}.", source=source, line=reader.line_num
        ) from None
    data = {
        "name": name or "Imported ladder",
        "levels": [{"id": k, "name": v} for k, v in levels.items()],
        "criteria": list(criteria.values()),
    }
    return ladder_from_mapping(data, source=source)


# -- Markdown and pasted text ---------------------------------------------------------------
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
_LEVEL_WORDS = re.compile(
    r"^(level|grade|band|tier)\b|^[A-Za-z]{1,4}[-\s]?\d{1,2}\b|\b(junior|senior|staff|principal|"
    r"distinguished|associate|lead|director|vp|intern|engineer\s+(i{1,3}|iv|v|\d))\b",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"^\*{0,2}([^:*—–]{1,80}?)\*{0,2}\s*(?::|—|–| - )\s*(.+)$")


def _level_from_heading(text: str) -> tuple[str, str]:
    """'L4: Senior Engineer' → ('L4', 'Senior Engineer'); 'Senior Engineer' → ('Senior Engineer', …)."""
    cleaned = re.sub(r"^(level|grade|band)\s*[:\-]?\s*", "", text.strip(), flags=re.IGNORECASE)
    match = re.match(r"^([A-Za-z]{0,4}[-]?\d{1,2})\s*(?:[:\-—–(]\s*)?(.*?)\)?$", cleaned)
    if match and match.group(1):
        return match.group(1), match.group(2).strip() or match.group(1)
    return cleaned, cleaned


def _sections(lines: list[str]) -> list[tuple[int, str, list[str]]]:
    """Split into (heading depth, heading text, body lines)."""
    out: list[tuple[int, str, list[str]]] = [(0, "", [])]
    for line in lines:
        match = _HEADING.match(line)
        if match:
            out.append((len(match.group(1)), match.group(2).strip(), []))
        else:
            out[-1][2].append(line)
    return out


def _body_items(body: list[str]) -> list[str]:
    """Bullets as items; paragraphs (joined lines) as items."""
    items: list[str] = []
    paragraph: list[str] = []
    for line in body:
        bullet = _BULLET.match(line)
        if bullet:
            if paragraph:
                items.append(" ".join(paragraph))
                paragraph = []
            items.append(bullet.group(1).strip())
        elif line.strip():
            if items and line.startswith((" ", "\t")) and not paragraph:
                items[-1] += " " + line.strip()
            else:
                paragraph.append(line.strip())
        elif paragraph:
            items.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        items.append(" ".join(paragraph))
    return [re.sub(r"\s+", " ", i) for i in items if i]


def parse_markdown(text: str, *, source: str, name: str | None = None) -> Ladder:
    """Headings name levels or criteria; bullets under them give expectations.

    Two layouts are understood: level headings with criteria below them ('### Criterion' or
    '- Criterion: expectation'), and criterion headings with '- LEVEL: expectation' bullets.
    """
    sections = _sections(text.splitlines())
    top = [s for s in sections if s[0] == 1]
    ladder_name = top[0][1] if len(top) == 1 else None
    content = [s for s in sections if s[0] > (1 if ladder_name else 0)]
    if not content:
        raise PromocaseImportError(
            "has no headings to read levels or criteria from.",
            source=source,
            hint="See docs/ladder-format.md (Markdown).",
        )
    depth = min(s[0] for s in content)
    level_layout = sum(bool(_LEVEL_WORDS.search(s[1])) for s in content if s[0] == depth) > (
        len([s for s in content if s[0] == depth]) / 2
    )
    levels: dict[str, str] = {}
    criteria: dict[str, dict[str, Any]] = {}

    def add(crit_name: str, level_id: str, expectation: str, area: str | None = None) -> None:
        cid = slugify(crit_name)
        entry = criteria.setdefault(
            cid, {"id": cid, "name": crit_name.strip(" *_"), "expectations": {}}
        )
        if area:
            entry.setdefault("area", area)
        previous = entry["expectations"].get(level_id)
        entry["expectations"][level_id] = (
            (previous + " " + expectation) if previous else expectation
        )

    current_level: str | None = None
    current_crit: str | None = None
    for d, heading, body in content:
        if level_layout:
            if d == depth:
                level_id, level_name = _level_from_heading(heading)
                levels.setdefault(level_id, level_name)
                current_level, current_crit = level_id, None
                for item in _body_items(body):
                    m = _LABELLED.match(item)
                    if m:
                        add(m.group(1), level_id, m.group(2).strip())
            elif current_level is not None:
                current_crit = heading
                items = _body_items(body)
                if items:
                    add(current_crit, current_level, " ".join(items))
        else:
            if d == depth:
                current_crit = heading
                for item in _body_items(body):
                    m = _LABELLED.match(item)
                    if m and _LEVEL_WORDS.search(m.group(1)) or m and len(m.group(1)) <= 24:
                        level_id, level_name = _level_from_heading(m.group(1))
                        levels.setdefault(level_id, level_name)
                        add(heading, level_id, m.group(2).strip())
            elif current_crit is not None:
                level_id, level_name = _level_from_heading(heading)
                levels.setdefault(level_id, level_name)
                items = _body_items(body)
                if items:
                    add(current_crit, level_id, " ".join(items))
    if not levels or not criteria:
        raise PromocaseImportError(
            "I could not find both levels and criteria in it.",
            source=source,
            hint="Use '## Level' headings with '- Criterion: expectation' bullets, or "
            "'## Criterion' headings with '- LEVEL: expectation' bullets (docs/ladder-format.md).",
        )
    data = {
        "name": ladder_name or name or "Imported ladder",
        "levels": [{"id": k, "name": v} for k, v in levels.items()],
        "criteria": list(criteria.values()),
    }
    return ladder_from_mapping(data, source=source)


def _text_to_markdown(text: str) -> str:
    """Pasted plain text: a short line without a final period that is followed by bullets or
    'Label: text' lines becomes a heading; 'Label: text' lines become bullets."""
    lines = text.splitlines()
    out: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        nxt = next((ln.strip() for ln in lines[i + 1 :] if ln.strip()), "")
        followed_by_items = bool(_BULLET.match(nxt) or _LABELLED.match(nxt))
        if (
            stripped
            and not _BULLET.match(line)
            and len(stripped) <= 80
            and not stripped.endswith((".", ";", ","))
            and followed_by_items
            and (stripped.endswith(":") or not _LABELLED.match(stripped))
        ):
            out.append("## " + stripped.rstrip(":"))
        elif stripped and not _BULLET.match(line) and _LABELLED.match(stripped):
            out.append("- " + stripped)
        else:
            out.append(line)
    return "\n".join(out)
