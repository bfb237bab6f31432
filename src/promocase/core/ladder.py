"""Career ladders: ordered levels and criteria with an expectation per level."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from promocase.core.errors import PromocaseImportError, ValidationError

MAX_LEVELS = 50
MAX_CRITERIA = 500
MAX_TEXT = 10_000


@dataclass(frozen=True)
class Level:
    id: str
    name: str


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    area: str | None = None
    description: str | None = None
    expectations: dict[str, str] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()
    weight: float = 1.0


@dataclass(frozen=True)
class Ladder:
    name: str
    levels: tuple[Level, ...]
    criteria: tuple[Criterion, ...]
    description: str | None = None

    @property
    def slug(self) -> str:
        return slugify(self.name)

    def level(self, level_id: str) -> Level | None:
        """Return the level with this id (case-insensitive), or None."""
        wanted = level_id.strip().lower()
        for level in self.levels:
            if level.id.lower() == wanted or level.name.lower() == wanted:
                return level
        return None

    def level_index(self, level_id: str) -> int:
        level = self.level(level_id)
        if level is None:
            raise KeyError(level_id)
        return self.levels.index(level)

    def criterion(self, criterion_id: str) -> Criterion | None:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        return None

    def unknown_criterion(self, text: str, ids: list[str] | None = None) -> ValidationError:
        """The error for a criterion this ladder lacks, listing `ids` (default: all, in
        ladder order)."""
        shown = ids if ids is not None else [c.id for c in self.criteria]
        return ValidationError(
            f"'{text}' is not a criterion of {self.name}.", hint="Criteria: " + ", ".join(shown)
        )

    def find_criterion(self, text: str) -> Criterion:
        """The criterion a person named by its id or its name (any case); else the error."""
        wanted = text.strip()
        folded = slugify(wanted)
        found = (
            self.criterion(wanted)
            or next((c for c in self.criteria if c.id.lower() == wanted.lower()), None)
            or next((c for c in self.criteria if c.name.lower() == wanted.lower()), None)
            # 'working-together' for 'working_together', 'system design' for 'system-design'
            or next((c for c in self.criteria if slugify(c.id) == folded), None)
            or next((c for c in self.criteria if slugify(c.name) == folded), None)
        )
        if found is None:
            raise self.unknown_criterion(text)
        return found

    def criteria_at(self, level_id: str) -> list[tuple[Criterion, str]]:
        """Criteria that have an expectation at this level, with that expectation."""
        level = self.level(level_id)
        if level is None:
            return []
        return [(c, c.expectations[level.id]) for c in self.criteria if level.id in c.expectations]

    def expectation_for(self, criterion: Criterion, level_id: str) -> str | None:
        """The expectation at this level, or the nearest lower level's if it skips this one."""
        index = self.level_index(level_id)
        for level in reversed(self.levels[: index + 1]):
            if level.id in criterion.expectations:
                return criterion.expectations[level.id]
        return None

    def to_mapping(self) -> dict[str, Any]:
        """The generic-format mapping of this ladder (canonical: stable key order)."""
        criteria: list[dict[str, Any]] = []
        for c in self.criteria:
            item: dict[str, Any] = {"id": c.id, "name": c.name}
            if c.area:
                item["area"] = c.area
            if c.description:
                item["description"] = c.description
            if c.keywords:
                item["keywords"] = list(c.keywords)
            if c.weight != 1.0:
                item["weight"] = c.weight
            item["expectations"] = {
                lv.id: c.expectations[lv.id] for lv in self.levels if lv.id in c.expectations
            }
            criteria.append(item)
        data: dict[str, Any] = {"name": self.name}
        if self.description:
            data["description"] = self.description
        data["levels"] = [{"id": lv.id, "name": lv.name} for lv in self.levels]
        data["criteria"] = criteria
        return data


def slugify(text: str) -> str:
    """A lowercase ASCII id made of words joined by hyphens."""
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", normal.lower()).strip("-")
    return slug or "item"


def _text(value: Any, *, source: str, field_name: str, required: bool = True) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise PromocaseImportError(
                "is missing or empty.",
                source=source,
                field=field_name,
                hint="See docs/ladder-format.md for the expected shape.",
            )
        return None
    if not _is_scalar(value):
        raise PromocaseImportError(
            f"must be text, not {type(value).__name__}.", source=source, field=field_name
        )
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise PromocaseImportError(
            f"is longer than {MAX_TEXT} characters.", source=source, field=field_name
        )
    return text


def _is_scalar(value: Any) -> bool:
    """Text, or a number written where text is expected (YAML reads `1` as an int)."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _bullets(value: Any) -> Any:
    """A list of bullet points (as frameworks often write a level's expectations) as one text,
    each point a sentence, the way the Markdown reader joins a level's bullets; a mapping of
    such texts ({summary: ..., examples: [...]}) as its texts in order; anything else
    unchanged, for `_text` to check."""
    if isinstance(value, Mapping) and value:
        parts = [_bullets(v) for v in value.values() if v is not None]
        return _bullets(parts) if all(_is_scalar(part) for part in parts) else value
    if not isinstance(value, list) or not all(_is_scalar(item) for item in value):
        return value
    points = [str(item).strip() for item in value if str(item).strip()]
    return " ".join(p if p[-1] in ".!?:;" else p + "." for p in points)


def _keyed(items: Mapping[Any, Any]) -> list[Any]:
    """Levels or criteria written as a mapping keyed by id, as the list the format describes:
    a text value is the name, a mapping value the fields (its own id, if any, wins)."""
    out: list[Any] = []
    for key, value in items.items():
        if value is None:
            out.append({"id": key})
        elif isinstance(value, str | int) and not isinstance(value, bool):
            out.append({"id": key, "name": value})
        elif isinstance(value, Mapping):
            out.append({"id": key, **value})
        else:
            out.append(value)  # not this shape: the caller says what is expected
    return out


_LEVEL_KEYS = ("level", "level_id", "id")
_TEXT_KEYS = ("text", "expectation", "expectations", "description")


def _level_items(value: Any) -> Any:
    """Expectations written as a list of {level: L3, text: ...} items, as a level → text
    mapping; anything else unchanged (a later level item for the same level adds to it)."""
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        return value
    out: dict[Any, Any] = {}
    for item in value:
        level = next((item[k] for k in _LEVEL_KEYS if item.get(k) is not None), None)
        text = next((item[k] for k in _TEXT_KEYS if item.get(k) is not None), None)
        if level is None or text is None:
            return value  # not this shape: the caller says what is expected
        key = str(level).strip()
        text = _bullets(text)
        if isinstance(out.get(key), str) and isinstance(text, str):
            text = _bullets([out[key], text])  # a level named twice: its texts as bullets
        out[key] = text
    return out


def ladder_from_mapping(data: Any, *, source: str = "ladder") -> Ladder:
    """Validate a generic-format mapping (as loaded from YAML or JSON) into a Ladder.

    Raises PromocaseImportError naming the field that is wrong and what to do.
    """
    if not isinstance(data, Mapping):
        raise PromocaseImportError(
            "the top level must be a mapping with 'name', 'levels' and 'criteria'.",
            source=source,
            hint="See docs/ladder-format.md for an example.",
        )
    name = _text(data.get("name"), source=source, field_name="name")
    assert name is not None
    description = _text(
        data.get("description"), source=source, field_name="description", required=False
    )
    raw_levels = data.get("levels")
    if isinstance(raw_levels, Mapping):  # {L3: Engineer II, L4: Senior Engineer}
        raw_levels = _keyed(raw_levels)
    if not isinstance(raw_levels, list) or not raw_levels:
        raise PromocaseImportError(
            "must be a non-empty list of levels, lowest first.", source=source, field="levels"
        )
    if len(raw_levels) > MAX_LEVELS:
        raise PromocaseImportError(
            f"has more than {MAX_LEVELS} levels.", source=source, field="levels"
        )
    levels: list[Level] = []
    seen_levels: set[str] = set()
    for i, raw in enumerate(raw_levels):
        where = f"levels[{i}]"
        if isinstance(raw, str | int) and not isinstance(raw, bool):
            level_id = level_name = str(raw).strip()
        elif isinstance(raw, Mapping):
            level_id = _text(raw.get("id"), source=source, field_name=f"{where}.id") or ""
            level_name = (
                _text(raw.get("name"), source=source, field_name=f"{where}.name", required=False)
                or level_id
            )
        else:
            raise PromocaseImportError(
                "must be a mapping with 'id' and 'name'.", source=source, field=where
            )
        if level_id.lower() in seen_levels:
            raise PromocaseImportError(
                f"duplicate level id '{level_id}'.",
                source=source,
                field=where,
                hint="Each level needs its own id.",
            )
        seen_levels.add(level_id.lower())
        levels.append(Level(id=level_id, name=level_name))
    by_lower = {lv.id.lower(): lv.id for lv in levels}

    raw_criteria = data.get("criteria")
    if isinstance(raw_criteria, Mapping):  # {technical-craft: {name: ..., expectations: ...}}
        raw_criteria = _keyed(raw_criteria)
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise PromocaseImportError(
            "must be a non-empty list of criteria.", source=source, field="criteria"
        )
    if len(raw_criteria) > MAX_CRITERIA:
        raise PromocaseImportError(
            f"has more than {MAX_CRITERIA} criteria.", source=source, field="criteria"
        )
    criteria: list[Criterion] = []
    seen_criteria: set[str] = set()
    for i, raw in enumerate(raw_criteria):
        where = f"criteria[{i}]"
        if not isinstance(raw, Mapping):
            raise PromocaseImportError(
                "must be a mapping with 'id', 'name' and 'expectations'.",
                source=source,
                field=where,
            )
        crit_name = _text(
            raw.get("name"),
            source=source,
            field_name=f"{where}.name",
            required=raw.get("id") is None,
        )
        raw_id = raw.get("id")
        # An id the document gives is kept exactly as written: people, scripts and other
        # tools refer to criteria by it (the suggest contract prints it). Only a criterion
        # without one gets an id made from its name.
        crit_id = (
            (_text(raw_id, source=source, field_name=f"{where}.id") or "").strip()
            if raw_id is not None
            else slugify(crit_name or "")
        )
        if any(ch in crit_id for ch in "/\\") or not crit_id.isprintable():
            raise PromocaseImportError(
                f"id '{crit_id}' has a slash or a control character.",
                source=source,
                field=f"{where}.id",
                hint="Use letters, digits, '-' or '_' (for example 'system-design').",
            )
        crit_name = crit_name or str(raw_id)
        if crit_id.lower() in seen_criteria:
            raise PromocaseImportError(
                f"duplicate criterion id '{crit_id}'.",
                source=source,
                field=f"{where}.id",
                hint="Each criterion needs its own id.",
            )
        seen_criteria.add(crit_id.lower())
        raw_exp = _level_items(raw.get("expectations") or {})
        if not isinstance(raw_exp, Mapping):
            raise PromocaseImportError(
                "must map level ids to text.", source=source, field=f"{where}.expectations"
            )
        expectations: dict[str, str] = {}
        for key, text in raw_exp.items():
            level_key = by_lower.get(str(key).strip().lower())
            if level_key is None:
                raise PromocaseImportError(
                    f"names level '{key}', which is not in 'levels'.",
                    source=source,
                    field=f"{where}.expectations",
                    hint="Known levels: " + ", ".join(lv.id for lv in levels),
                )
            exp = _text(_bullets(text), source=source, field_name=f"{where}.expectations.{key}")
            assert exp is not None
            expectations[level_key] = exp
        raw_keywords = raw.get("keywords") or []
        if not isinstance(raw_keywords, list):
            raise PromocaseImportError(
                "must be a list of words or phrases.", source=source, field=f"{where}.keywords"
            )
        keywords = tuple(
            str(k).strip() for k in raw_keywords if isinstance(k, str | int) and str(k).strip()
        )
        weight_raw = raw.get("weight", 1.0)
        if (
            isinstance(weight_raw, bool)
            or not isinstance(weight_raw, int | float)
            or not (0 < float(weight_raw) <= 10)
        ):
            raise PromocaseImportError(
                "must be a number between 0 and 10.", source=source, field=f"{where}.weight"
            )
        criteria.append(
            Criterion(
                id=crit_id,
                name=crit_name,
                area=_text(
                    raw.get("area"), source=source, field_name=f"{where}.area", required=False
                ),
                description=_text(
                    _bullets(raw.get("description")),
                    source=source,
                    field_name=f"{where}.description",
                    required=False,
                ),
                expectations=expectations,
                keywords=keywords,
                weight=float(weight_raw),
            )
        )
    return Ladder(
        name=name, levels=tuple(levels), criteria=tuple(criteria), description=description
    )
