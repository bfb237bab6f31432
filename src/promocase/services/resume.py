"""The resume for an external move, assembled as JSON Resume data from the evidence log.

One employer with a role per level held (promotions come from conversations logged as
'promoted' with a level), highlights drawn from the strongest specific evidence dated inside
each role, skills from the criteria the evidence shows, references from verified testimony.
The data is JSON Resume (https://jsonresume.org/schema); render/resume.py turns it into
Markdown or PDF. With a job description, highlights are re-ranked by how well they match it.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from promocase.core.evidence import Evidence
from promocase.store import evidence as evidence_store
from promocase.store import settings
from promocase.store.clock import now_iso, today
from promocase.store.evidence import EvidenceFilter
from promocase.workspace import Workspace

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
MIN_STRENGTH = 3.0  # below this an entry is not specific enough to stand on a resume
ROLE_WEIGHT = {"led": 1.5, "owned": 1.5, "contributed": 0.5, "supported": 0.0}
SCOPE_WEIGHT = {"external": 1.5, "company": 1.5, "org": 1.0, "team": 0.5}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


@dataclass
class Role:
    level_id: str | None
    position: str
    start: str | None  # YYYY-MM-DD
    end: str | None


@dataclass
class Highlight:
    evidence_id: int
    text: str
    date: str
    strength: float
    relevance: float = 0.0


@dataclass
class BuiltResume:
    data: dict[str, Any]  # valid JSON Resume
    roles: list[Role]
    highlights: list[list[Highlight]]  # per role, in the order shown
    job_keywords: list[str] = field(default_factory=list)
    redacted: bool = False


# -- who and where --------------------------------------------------------------------------------


def person(ws: Workspace) -> dict[str, str]:
    """The person's name, title, employer, email: config [person] over the stored profile."""
    out: dict[str, str] = {}
    raw = settings.get(ws.conn, "person")
    if raw:
        try:
            stored = json.loads(raw)
        except ValueError:
            stored = {}
        if isinstance(stored, dict):
            out.update({k: str(v) for k, v in stored.items() if isinstance(v, str | int)})
    config = ws.config().get("person", {})
    if isinstance(config, dict):
        out.update({k: str(v) for k, v in config.items() if isinstance(v, str) and v.strip()})
    return out


PERSON_FIELDS = ("name", "title", "employer", "email")


def set_person(ws: Workspace, **fields: str | None) -> dict[str, str]:
    """Save the given details (name, title, employer, email) to config [person], where every
    later resume reads them; an empty value removes one. Returns the details now in effect."""
    from promocase.core.errors import ValidationError

    config = ws.config()
    current = dict(config.get("person", {})) if isinstance(config.get("person"), dict) else {}
    for key, value in fields.items():
        if key not in PERSON_FIELDS:
            raise ValueError(key)
        if value is None:
            continue
        value = " ".join(value.split())
        if len(value) > 200:
            raise ValidationError(f"The {key} is over 200 characters.")
        if value:
            current[key] = value
        else:
            current.pop(key, None)
    config["person"] = current
    ws.write_config(config)
    return person(ws)


def level_history(ws: Workspace) -> list[Role]:
    """Roles held at this employer, oldest first, from logged promotions and the current level."""
    from promocase.services.ladders import profile

    prof = profile(ws)
    ladder = prof.ladder.ladder if prof.ladder else None

    def name_of(level_id: str | None) -> str:
        if ladder is not None and level_id and ladder.level(level_id):
            return ladder.level(level_id).name  # type: ignore[union-attr]
        return level_id or person(ws).get("title", "")

    promotions = [
        (str(r[0]), r[1])
        for r in ws.conn.execute(
            "SELECT date, level_id FROM conversation WHERE decision = 'promoted' "
            "AND deleted_at IS NULL ORDER BY date, id"
        )
    ]
    first_entry = ws.conn.execute(
        "SELECT MIN(date) FROM evidence WHERE deleted_at IS NULL"
    ).fetchone()[0]
    starts: list[tuple[str | None, str | None]] = []  # (level, start)
    if promotions:
        first_level = promotions[0][1]
        below = None
        if ladder is not None and first_level and ladder.level(first_level):
            index = ladder.level_index(first_level)
            below = ladder.levels[index - 1].id if index > 0 else None
        since = person(ws).get("since")
        earliest = min(d for d in (since, first_entry) if d) if (since or first_entry) else None
        if below and earliest and earliest < promotions[0][0]:
            starts.append((below, earliest))
        starts.extend((lvl, day) for day, lvl in promotions)
        last = starts[-1][0]
        if (
            prof.current_level
            and ladder is not None
            and last
            and ladder.level(prof.current_level)
            and ladder.level(last)
            and ladder.level_index(prof.current_level) > ladder.level_index(last)
        ):
            starts.append((prof.current_level, promotions[-1][0]))
    else:
        starts.append((prof.current_level, first_entry))
    roles = []
    for index, (level_id, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else None
        roles.append(Role(level_id, name_of(level_id), start, end))
    return [r for r in roles if r.position]


# -- highlights -----------------------------------------------------------------------------------


def strength(e: Evidence, criteria_count: int = 0) -> float:
    """How strongly an entry stands on its own: a measured result, an outcome, your role, reach."""
    score = 0.0
    if e.metric is not None:
        score += 3.0 if e.metric.before is not None and e.metric.after is not None else 2.0
    if e.outcome:
        score += 2.0
    score += ROLE_WEIGHT.get(e.role or "", 0.0) + SCOPE_WEIGHT.get(e.scope or "", 0.0)
    if e.links:
        score += 0.5
    if re.search(r"\d", e.text):
        score += 1.0
    score += min(criteria_count, 3) * 0.3
    try:
        from promocase.analysis.measurability import check_evidence

        verdict = check_evidence(
            e.text, outcome=e.outcome, metric=e.metric, role=e.role, scope=e.scope, links=e.links
        )
        score += 1.5 if verdict.verdict == "specific" else -2.0
    except ImportError:  # the coach is optional here
        pass
    return round(score, 3)


def highlight_text(e: Evidence) -> str:
    """One resume line: what was done, then the result and the number if not already said."""
    text = " ".join(e.text.split()).rstrip(".")
    parts = [text]
    if e.outcome and e.outcome.strip().lower() not in text.lower():
        outcome = e.outcome.strip().rstrip(".")
        parts.append(outcome[:1].upper() + outcome[1:])
    line = ". ".join(parts)
    if e.metric is not None:
        described = e.metric.describe()
        numbers = re.findall(r"\d[\d,.]*", described)
        if described and not all(n in line for n in numbers):
            line += f" ({described})"
    return line + "."


_TOKEN = re.compile(r"[a-z][a-z0-9+#.]*[a-z0-9+#]|[a-z]")
_STOP = frozenset(
    """a about above after all also an and any are as at be been but by can do does for from
    has have how i if in into is it its of on or our over per so than that the their them then
    there these they this to up us was we were what when where which while who will with you
    your yours able ability experience experienced strong years year work working team teams
    role roles looking join help new plus including within across""".split()
)


def _tokens(text: str) -> list[str]:
    out = []
    for word in _TOKEN.findall(text.lower()):
        if word in _STOP or len(word) < 2:
            continue
        out.append(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return out


def _relevance(
    entries: list[tuple[Evidence, float]], job_text: str
) -> tuple[dict[int, float], list[str]]:
    """BM25-style match of each entry against the job description; the job's key terms."""
    job = Counter(_tokens(job_text))
    docs = {
        e.id or 0: _tokens(f"{e.text} {e.outcome or ''} {' '.join(e.tags)}") for e, _ in entries
    }
    n = max(len(docs), 1)
    df: Counter[str] = Counter()
    for words in docs.values():
        df.update(set(words))
    avg = sum(len(w) for w in docs.values()) / n if docs else 1.0
    scores: dict[int, float] = {}
    for eid, words in docs.items():
        counts = Counter(words)
        total = 0.0
        for term, qtf in job.items():
            tf = counts.get(term, 0)
            if not tf:
                continue
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            total += idf * min(qtf, 3) * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len(words) / avg))
        scores[eid] = total
    matched = Counter()
    for term in job:
        if df.get(term):
            matched[term] = job[term] * math.log(1 + n / df[term])
    keywords = [t for t, _ in matched.most_common(12)]
    return scores, keywords


def _in_role(day: str, role: Role) -> bool:
    return (role.start is None or day >= role.start) and (role.end is None or day < role.end)


# -- assembly -------------------------------------------------------------------------------------


def build_resume(
    ws: Workspace,
    *,
    redact: bool = False,
    job_text: str | None = None,
    per_role: int = 5,
) -> BuiltResume:
    """Assemble the resume as JSON Resume data (valid against the official schema)."""
    who = person(ws)
    roles = level_history(ws)
    entries = evidence_store.list_evidence(ws.conn, EvidenceFilter(kind="work"))
    links = Counter(
        int(r[0])
        for r in ws.conn.execute(
            "SELECT evidence_id FROM evidence_criterion WHERE status = 'accepted'"
        )
    )
    scored = [(e, strength(e, links.get(e.id or 0, 0))) for e in entries]
    scored = [(e, s) for e, s in scored if s >= MIN_STRENGTH]
    relevance: dict[int, float] = {}
    keywords: list[str] = []
    if job_text and job_text.strip():
        relevance, keywords = _relevance(scored, job_text)
    top_strength = max((s for _, s in scored), default=1.0) or 1.0
    top_relevance = max(relevance.values(), default=0.0) or 1.0

    def rank(item: tuple[Evidence, float]) -> tuple[float, str]:
        e, s = item
        if relevance:
            value = 0.65 * relevance.get(e.id or 0, 0.0) / top_relevance + 0.35 * s / top_strength
        else:
            value = s / top_strength
        return (value, e.date)

    per_role_highlights: list[list[Highlight]] = []
    for role in roles:
        inside = [item for item in scored if _in_role(item[0].date, role)]
        inside.sort(key=rank, reverse=True)
        chosen = inside[:per_role]
        per_role_highlights.append(
            [
                Highlight(e.id or 0, highlight_text(e), e.date, s, relevance.get(e.id or 0, 0.0))
                for e, s in chosen
            ]
        )
    data = _json_resume(ws, who, roles, per_role_highlights, keywords)
    built = BuiltResume(data, roles, per_role_highlights, keywords, redacted=False)
    if redact:
        config = ws.config().get("redact", {})
        built = redact_resume(
            built, list(config.get("terms", [])), numbers=bool(config.get("numbers", False))
        )
    return built


def _month(day: str | None) -> str | None:
    return day[:7] if day else None


def _json_resume(
    ws: Workspace,
    who: dict[str, str],
    roles: list[Role],
    highlights: list[list[Highlight]],
    keywords: list[str],
) -> dict[str, Any]:
    employer = who.get("employer") or "Current employer"
    current = roles[-1].position if roles else who.get("title", "")
    basics: dict[str, Any] = {}
    if who.get("name"):
        basics["name"] = who["name"]
    if current:
        basics["label"] = current
    if who.get("email") and _EMAIL.match(who["email"]):
        basics["email"] = who["email"]
    if who.get("city"):
        basics["location"] = {"city": who["city"]}
    basics["summary"] = _summary(roles, highlights, employer, who)
    work = []
    for index, (role, chosen) in reversed(list(enumerate(zip(roles, highlights, strict=True)))):
        item: dict[str, Any] = {"name": employer, "position": role.position}
        if index + 1 < len(roles) and role.end:
            when = date.fromisoformat(role.end).strftime("%B %Y")
            item["summary"] = f"Promoted to {roles[index + 1].position} in {when}."
        if role.start:
            item["startDate"] = _month(role.start)
        if role.end:
            item["endDate"] = _month(role.end)
        if who.get("team") and role is roles[-1]:
            item["description"] = who["team"]
        item["highlights"] = [h.text for h in chosen]
        work.append(item)
    data: dict[str, Any] = {"$schema": SCHEMA_URL, "basics": basics, "work": work}
    skills = _skills(ws)
    if skills:
        data["skills"] = skills
    references = _references(ws)
    if references:
        data["references"] = references
    data["meta"] = {
        "version": "v1.0.0",
        "lastModified": now_iso()[:19],
        "promocase": {
            "generated_on": today().isoformat(),
            "evidence_ids": [[h.evidence_id for h in chosen] for chosen in reversed(highlights)],
            "job_keywords": keywords,
        },
    }
    return data


def _summary(
    roles: list[Role], highlights: list[list[Highlight]], employer: str, who: dict[str, str]
) -> str:
    if not roles:
        return "Evidence-backed record of results."
    first = roles[0].start
    years = ""
    if first:
        span = (today() - date.fromisoformat(first)).days / 365.25
        years = f" over {span:.0f} years" if span >= 1.5 else ""
    promoted = len(roles) - 1
    steps = f", promoted {promoted} time{'s' if promoted != 1 else ''}" if promoted else ""
    count = sum(len(h) for h in highlights)
    return f"{roles[-1].position} at {employer}{steps}{years}. " + (
        "The result below is drawn from a dated log of measured work."
        if count == 1
        else f"The {count} results below are drawn from a dated log of measured work."
    )


def _skills(ws: Workspace, limit: int = 8) -> list[dict[str, Any]]:
    """Skills named by the criteria with the most accepted evidence, each with its common tags."""
    from promocase.services.ladders import active_ladder

    stored = active_ladder(ws)
    if stored is None:
        return []
    rows = ws.conn.execute(
        "SELECT c.criterion_id, e.id FROM evidence_criterion c JOIN evidence e ON e.id = "
        "c.evidence_id WHERE c.ladder_id = ? AND c.status = 'accepted' AND e.deleted_at IS NULL "
        "AND e.kind = 'work'",
        (stored.id,),
    ).fetchall()
    by_criterion: dict[str, list[int]] = {}
    for cid, eid in rows:
        by_criterion.setdefault(cid, []).append(int(eid))
    tags: dict[int, list[str]] = {}
    for eid, tag in ws.conn.execute("SELECT evidence_id, tag FROM evidence_tag"):
        tags.setdefault(int(eid), []).append(tag)
    out = []
    for cid, ids in sorted(by_criterion.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]:
        crit = stored.ladder.criterion(cid)
        if crit is None or len(ids) < 2:
            continue
        common = Counter(t for i in ids for t in tags.get(i, []))
        out.append({"name": crit.name, "keywords": [t for t, _ in common.most_common(5)]})
    return out


def _references(ws: Workspace, limit: int = 3) -> list[dict[str, str]]:
    praise = evidence_store.list_evidence(ws.conn, EvidenceFilter(kind="praise"))
    verified = [p for p in praise if p.verified and p.praise_from]
    verified.sort(key=lambda p: (len(p.text) < 400, p.date), reverse=True)
    return [{"name": p.praise_from or "", "reference": p.text} for p in verified[:limit]]


# -- redaction ------------------------------------------------------------------------------------

_KEEP = {
    "$schema",
    "startDate",
    "endDate",
    "version",
    "lastModified",
    "generated_on",
    "evidence_ids",
}


def redact_resume(built: BuiltResume, terms: list[str], *, numbers: bool = False) -> BuiltResume:
    """A copy with every text passed through the redaction list (the packet's list)."""
    from promocase.render.redact import redact

    def walk(value: Any, key: str = "") -> Any:
        if key in _KEEP:
            return value
        if isinstance(value, str):
            return redact(value, terms, numbers=numbers)
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        return value

    data = walk(built.data)
    if "email" in data.get("basics", {}) and not _EMAIL.match(data["basics"]["email"]):
        del data["basics"]["email"]  # a redacted address is no longer an address
    highlights = [
        [
            Highlight(
                h.evidence_id,
                redact(h.text, terms, numbers=numbers),
                h.date,
                h.strength,
                h.relevance,
            )
            for h in chosen
        ]
        for chosen in built.highlights
    ]
    roles = [
        Role(r.level_id, redact(r.position, terms, numbers=numbers), r.start, r.end)
        for r in built.roles
    ]
    return BuiltResume(data, roles, highlights, built.job_keywords, redacted=True)
