"""Where the person stands against the target level: readiness per criterion and ranked gaps.

build_status assembles a StatusReport (data only); the CLI, the web UI and the packet render
it. Readiness per criterion is also stored month by month (readiness_snapshot) so progress
can be drawn over time.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from promocase.analysis.readiness import (
    EntryFacts,
    assess_criterion,
    gap_rank,
)
from promocase.core.ladder import Criterion, Ladder
from promocase.store.clock import now_iso, today
from promocase.store.connection import write_transaction
from promocase.workspace import Workspace

HISTORY_MONTHS = 12
_OWN_ROLE_TEXT = re.compile(r"\b(i|my|by me|led|owned|drove)\b", re.IGNORECASE)


@dataclass
class CriterionStatus:
    criterion_id: str
    name: str
    area: str | None
    expectation: str | None  # at the target level
    evidence_ids: list[int]  # accepted links, best first
    best_evidence_ids: list[int]  # up to 3 strongest
    praise_ids: list[int]
    quality: float  # 0..1 evidence quality
    self_verdict: str | None  # meets | partially | not-yet | n/a (latest assessment)
    supported_verdict: str  # what the evidence supports: meets | partially | not-yet
    readiness: str  # ready | close | gap | no-evidence
    score: float  # 0..1, 1 = at the bar
    signals: list[str]
    next_action: str
    weight: float = 1.0
    latest: str | None = None
    disagreement: str | None = None  # set when self_verdict and supported_verdict differ
    suggested: int = 0  # suggestions waiting for review on this criterion
    # True when self_verdict is the default "meets" of a criterion defined only below the
    # target level (it counts as met until the person says otherwise in `promocase assess`).
    self_verdict_default: bool = False
    weak: list[str] = field(default_factory=list)  # what holds the score down (readiness rules)


@dataclass
class Gap:
    criterion_id: str
    name: str
    rank: float
    reason: str
    next_action: str
    weak: list[str] = field(default_factory=list)  # what holds the score down (readiness rules)


@dataclass
class StatusReport:
    ladder_slug: str
    ladder_name: str
    current_level: str | None
    target_level: str | None
    criteria: list[CriterionStatus]
    gaps: list[Gap]  # ranked, worst first
    overall: float  # 0..1
    history: list[tuple[str, dict[str, float]]] = field(default_factory=list)
    as_of: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def target_criteria(ladder: Ladder, target: str | None) -> list[tuple[Criterion, str | None]]:
    """The criteria that apply at the target level, with the expectation there."""
    if target and ladder.level(target):
        at = ladder.criteria_at(target)
        if at:
            seen = {c.id for c, _ in at}
            # Criteria defined only at lower levels still apply (their bar carries over).
            extra = [
                (c, ladder.expectation_for(c, target))
                for c in ladder.criteria
                if c.id not in seen and ladder.expectation_for(c, target)
            ]
            return [(c, e) for c, e in at] + extra
    return [(c, None) for c in ladder.criteria]


def _level_factor(
    suggester: Any,
    ladder: Ladder,
    target_index: int | None,
    text: str,
    cid: str,
    scope: str | None = None,
) -> float:
    """1 when the entry reads at (or above) the target level, less the further below it."""
    if target_index is None:
        return 1.0
    level = suggester.suggest_level(text, cid, scope=scope)
    if level is None:
        return 0.6
    gap = target_index - ladder.level_index(level)
    return 1.0 if gap <= 0 else 0.6 if gap == 1 else 0.3


def _facts(
    ws: Workspace,
    ladder_id: int,
    until: str | None,
    ladder: Ladder | None = None,
    target: str | None = None,
) -> dict[str, list[EntryFacts]]:
    sql = (
        "SELECT c.criterion_id, e.id, e.date, e.kind, e.text, e.outcome, e.metric_value, "
        "e.metric_before, e.metric_after, e.role, e.scope, e.verified, v.verdict, "
        "(SELECT COUNT(*) FROM evidence_link l WHERE l.evidence_id = e.id), v.missing "
        "FROM evidence_criterion c JOIN evidence e ON e.id = c.evidence_id "
        "LEFT JOIN evidence_verdict v ON v.evidence_id = e.id "
        "WHERE c.ladder_id = ? AND c.status = 'accepted' AND e.deleted_at IS NULL"
    )
    params: list[Any] = [ladder_id]
    if until:
        sql += " AND e.date <= ?"
        params.append(until)
    out: dict[str, list[EntryFacts]] = {}
    verdict_cache: dict[int, tuple[bool, tuple[str, ...]]] = {}
    suggester = None
    target_index = None
    if ladder is not None and target and ladder.level(target):
        from promocase.services.judgement import suggester_for

        suggester = suggester_for(ladder, cache_dir=ws.home / "cache")
        target_index = ladder.level_index(target)
    for r in ws.conn.execute(sql, params):
        eid = int(r[1])
        judged = verdict_cache.get(eid)
        if judged is None:
            if r[12] is not None:
                judged = (r[12] == "specific", _missing(r[14]))
            else:
                from promocase.analysis.measurability import check_evidence

                verdict = check_evidence(r[4], outcome=r[5], role=r[9])
                judged = (verdict.verdict == "specific", tuple(verdict.missing))
            verdict_cache[eid] = judged
        specific, missing = judged
        out.setdefault(r[0], []).append(
            EntryFacts(
                id=eid,
                date=r[2],
                kind=r[3],
                specific=specific,
                has_metric=r[6] is not None or r[8] is not None,
                has_outcome=bool(r[5]),
                own_role=r[9] in ("led", "owned") or bool(_OWN_ROLE_TEXT.search(r[4])),
                wide_scope=r[10] in ("org", "company", "external"),
                has_artifact=int(r[13]) > 0,
                verified=bool(r[11]),
                level_factor=(
                    _level_factor(suggester, ladder, target_index, r[4], r[0], r[10])
                    if suggester is not None and ladder is not None and r[3] == "work"
                    else 1.0
                ),
                missing=missing,
            )
        )
    return out


def _missing(raw: str | None) -> tuple[str, ...]:
    try:
        found = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(str(m) for m in found) if isinstance(found, list) else ()


def _latest_assessments(ws: Workspace, ladder_id: int) -> dict[str, tuple[str, str | None]]:
    rows = ws.conn.execute(
        "SELECT criterion_id, verdict, note FROM assessment a WHERE ladder_id = ? AND id = "
        "(SELECT MAX(id) FROM assessment b WHERE b.ladder_id = a.ladder_id "
        "AND b.criterion_id = a.criterion_id)",
        (ladder_id,),
    ).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def _signals(ws: Workspace, ids: list[int]) -> list[str]:
    if not ids:
        return []
    from promocase.analysis.signals import SIGNALS

    marks = ",".join("?" * len(ids))
    found = {
        r[0]
        for r in ws.conn.execute(
            f"SELECT DISTINCT signal FROM evidence_signal WHERE evidence_id IN ({marks})",  # noqa: S608
            ids,
        )
    }
    return [s for s in SIGNALS if s in found]


# What an edit can add to an entry, in the order worth asking for: (words, option).
_ADDABLE = {
    "role": ("your own part", "--role …"),
    "outcome": ("the result", "--outcome …"),
    "metric": ("a number", "--metric …"),
    "scope": ("who it reached", "--scope …"),
    "artifact": ("a link to the work", "--link …"),
}


def entry_gaps(e: EntryFacts) -> list[str]:
    """What one entry still lacks, in _ADDABLE's order; nothing it already has."""
    lacks = [m for m in _ADDABLE if m in e.missing]
    if "outcome" in lacks and e.has_outcome:
        lacks.remove("outcome")
    if "metric" in lacks and e.has_metric:
        lacks.remove("metric")
    if "role" in lacks and e.own_role:
        lacks.remove("role")
    if not lacks and not e.specific:
        lacks = [m for m, has in (("outcome", e.has_outcome), ("metric", e.has_metric)) if not has]
    return lacks


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _make_checkable(a: Any, facts: dict[int, EntryFacts]) -> str | None:
    """Advice to fix the strongest vague entry, naming only what it lacks."""
    for eid in a.best:
        e = facts.get(eid)
        if e is None or e.kind != "work" or e.specific:
            continue
        lacks = entry_gaps(e)[:3]
        if not lacks:
            continue
        words = _join([_ADDABLE[m][0] for m in lacks])
        options = " ".join(_ADDABLE[m][1] for m in lacks)
        return f"Make entry #{eid} checkable: add {words} (promocase edit {eid} {options})."
    return None


def _reach_higher(c: Criterion, bar: str, a: Any, facts: dict[int, EntryFacts]) -> str:
    below = [facts[i] for i in a.best if i in facts and facts[i].level_factor < 1]
    wants = []
    if any(not e.wide_scope for e in below):
        wants.append("reach beyond your own team")
    if any(not e.own_role for e in below):
        wants.append("your own lead")
    if not wants:
        return (
            f"Show {c.name.lower()} at the next level{bar}: describe the work in the terms "
            "of that expectation."
        )
    return f"Show {c.name.lower()} at the next level{bar}: {_join(wants)}, and say so in the entry."


def _next_action(
    c: Criterion,
    expectation: str | None,
    a: Any,
    self_verdict: str | None,
    entries: list[EntryFacts] | None = None,
) -> str:
    """The one next step for a criterion, derived from what its entries actually lack."""
    bar = f" ({expectation.rstrip('.')})" if expectation else ""
    facts = {e.id: e for e in entries or []}
    if a.readiness == "no-evidence":
        return (
            f"Log work that shows {c.name.lower()}{bar}, or link entries you already have "
            f"(promocase add … -c {c.id}; promocase review)."
        )
    order = (
        "vague entries",
        "below the target level",
        "few entries",
        "nothing recent",
        "no testimony",
        "one burst, not sustained",
    )
    for weak in sorted(a.weak, key=lambda w: order.index(w) if w in order else len(order)):
        if weak == "vague entries":
            advice = _make_checkable(a, facts)
            if advice:
                return advice
        elif weak == "below the target level":
            return _reach_higher(c, bar, a, facts)
        elif weak == "few entries":
            return (
                f"Add another example of {c.name.lower()}{bar}; one more entry turns a story "
                "into a pattern."
            )
        elif weak == "nothing recent":
            return f"Show it again this quarter: nothing on {c.name.lower()} in the last 6 months."
        elif weak == "no testimony":
            return (
                f"Ask someone who saw your {c.name.lower()} work to put it in writing "
                "(promocase praise … --from 'NAME, ROLE')."
            )
        elif weak == "one burst, not sustained":
            return f"Keep it going: the {c.name.lower()} evidence sits in one or two months."
    if self_verdict in ("not-yet", "partially"):
        return "The evidence reads stronger than your own verdict; revisit it (promocase assess)."
    if a.readiness != "ready":
        return f"Add more examples of {c.name.lower()}{bar}: the bar needs a pattern of them."
    return "At the bar: keep the best entries current and pick them for the packet."


def _score_criteria(
    ws: Workspace,
    ladder: Ladder,
    ladder_id: int,
    criteria: list[tuple[Criterion, str | None]],
    as_of: date,
    until: str | None = None,
) -> tuple[dict[str, list[EntryFacts]], dict[str, Any]]:
    from promocase.services.ladders import profile

    facts = _facts(ws, ladder_id, until, ladder, profile(ws).target_level)
    return facts, {c.id: assess_criterion(facts.get(c.id, []), as_of) for c, _ in criteria}


def _overall(criteria: list[tuple[Criterion, str | None]], scores: dict[str, float]) -> float:
    total = sum(c.weight for c, _ in criteria) or 1.0
    return round(sum(c.weight * scores.get(c.id, 0.0) for c, _ in criteria) / total, 3)


def build_status(ws: Workspace, *, with_history: bool = True) -> StatusReport:
    """Readiness of every target-level criterion, the ranked gaps and the monthly history."""
    from promocase.services.ladders import profile, require_active

    prof = profile(ws)
    stored = require_active(ws)
    ladder = stored.ladder
    target = prof.target_level
    criteria = target_criteria(ladder, target)
    now = today()
    facts, assessed = _score_criteria(ws, ladder, stored.id, criteria, now)
    verdicts = _latest_assessments(ws, stored.id)
    # Criteria whose bar is set only at lower levels count as met unless the person says
    # otherwise.
    at_target = {c.id for c, _ in ladder.criteria_at(target)} if target else set()
    below_target = {c.id for c, _ in criteria if target and c.id not in at_target}
    pending = dict(
        ws.conn.execute(
            "SELECT c.criterion_id, COUNT(*) FROM evidence_criterion c JOIN evidence e "
            "ON e.id = c.evidence_id WHERE c.ladder_id = ? AND c.status = 'suggested' "
            "AND e.deleted_at IS NULL GROUP BY c.criterion_id",
            (stored.id,),
        ).fetchall()
    )
    rows: list[CriterionStatus] = []
    gaps: list[Gap] = []
    for c, expectation in criteria:
        a = assessed[c.id]
        entries = facts.get(c.id, [])
        by_quality = sorted(
            entries,
            key=lambda e: (e.kind == "work", a.best.count(e.id), e.date),
            reverse=True,
        )
        self_verdict = verdicts.get(c.id, (None, None))[0]
        self_default = self_verdict is None and c.id in below_target
        disagreement = None
        if self_verdict and self_verdict != "n/a" and self_verdict != a.supported_verdict:
            disagreement = f"You say {self_verdict}; the evidence supports {a.supported_verdict}."
        next_action = _next_action(c, expectation, a, self_verdict, entries)
        if self_default:
            self_verdict = "meets"
        if pending.get(c.id) and a.readiness in ("no-evidence", "gap"):
            waiting = (
                "1 suggested link waits"
                if pending[c.id] == 1
                else f"{pending[c.id]} suggested links wait"
            )
            next_action = f"{waiting} for you: promocase review. " + next_action
        rows.append(
            CriterionStatus(
                criterion_id=c.id,
                name=c.name,
                area=c.area,
                expectation=expectation,
                evidence_ids=[e.id for e in by_quality if e.kind == "work"],
                best_evidence_ids=list(a.best),
                praise_ids=[e.id for e in entries if e.kind == "praise"],
                quality=a.quality,
                self_verdict=self_verdict,
                self_verdict_default=self_default,
                supported_verdict=a.supported_verdict,
                readiness=a.readiness,
                score=a.score,
                signals=_signals(ws, [e.id for e in entries]),
                next_action=next_action,
                weight=c.weight,
                latest=a.latest,
                disagreement=disagreement,
                suggested=int(pending.get(c.id, 0)),
                weak=list(a.weak),
            )
        )
        if a.readiness != "ready" and self_verdict != "n/a":
            reason = "no linked evidence" if not entries else ", ".join(a.weak) or "below the bar"
            if disagreement and self_verdict == "meets":
                reason += "; you rate it as met"
            gaps.append(
                Gap(
                    c.id,
                    c.name,
                    gap_rank(a.score, c.weight, a.latest, now),
                    reason,
                    next_action,
                    list(a.weak),
                )
            )
    gaps.sort(key=lambda g: (-g.rank, g.criterion_id))
    scores = {r.criterion_id: r.score for r in rows}
    report = StatusReport(
        ladder_slug=stored.slug,
        ladder_name=ladder.name,
        current_level=prof.current_level,
        target_level=target,
        criteria=rows,
        gaps=gaps,
        overall=_overall(criteria, scores),
        as_of=now.isoformat(),
        counts={
            "ready": sum(r.readiness == "ready" for r in rows),
            "close": sum(r.readiness == "close" for r in rows),
            "gap": sum(r.readiness == "gap" for r in rows),
            "no_evidence": sum(r.readiness == "no-evidence" for r in rows),
        },
    )
    if with_history:
        report.history = history(ws, stored.id, ladder, criteria, now, scores, facts)
    return report


def _month_end(month: str) -> date:
    year, mon = int(month[:4]), int(month[5:7])
    first_next = date(year + (mon == 12), mon % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _months_back(now: date, n: int) -> list[str]:
    out = []
    year, month = now.year, now.month
    for _ in range(n):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(out))


def history(
    ws: Workspace,
    ladder_id: int,
    ladder: Ladder,
    criteria: list[tuple[Criterion, str | None]],
    now: date,
    current: dict[str, float],
    all_facts: dict[str, list[EntryFacts]] | None = None,
) -> list[tuple[str, dict[str, float]]]:
    """Readiness per criterion per month: stored snapshots, with months before the first
    snapshot reconstructed from the evidence dated up to each month's end.

    `all_facts` (every linked entry, as build_status already has them) spares judging each
    entry again for every month: a month only filters them by date."""
    stored: dict[str, dict[str, float]] = {}
    for month, cid, score in ws.conn.execute(
        "SELECT month, criterion_id, score FROM readiness_snapshot WHERE ladder_id = ?",
        (ladder_id,),
    ):
        stored.setdefault(month, {})[cid] = float(score)
    first = ws.conn.execute(
        "SELECT MIN(e.date) FROM evidence e JOIN evidence_criterion c ON c.evidence_id = e.id "
        "WHERE c.ladder_id = ? AND c.status = 'accepted' AND e.deleted_at IS NULL",
        (ladder_id,),
    ).fetchone()[0]
    months = _months_back(now, HISTORY_MONTHS)
    this_month = months[-1]
    out = []
    for month in months:
        if month == this_month:
            out.append((month, dict(current)))
        elif month in stored:
            out.append((month, stored[month]))
        elif first is not None and month >= first[:7]:
            end = _month_end(month)
            if all_facts is None:
                _, assessed = _score_criteria(ws, ladder, ladder_id, criteria, end, end.isoformat())
            else:
                until = end.isoformat()
                assessed = {
                    c.id: assess_criterion(
                        [f for f in all_facts.get(c.id, []) if f.date <= until], end
                    )
                    for c, _ in criteria
                }
            out.append((month, {cid: a.score for cid, a in assessed.items()}))
    return out


def record_snapshot(ws: Workspace, report: StatusReport) -> None:
    """Store this month's readiness per criterion (one row per criterion, replaced in-month)."""
    from promocase.services.ladders import require_active

    stored = require_active(ws)
    month = report.as_of[:7]
    at = now_iso()
    with write_transaction(ws.conn):
        ws.conn.executemany(
            "INSERT OR REPLACE INTO readiness_snapshot(ladder_id, month, criterion_id, score, "
            "readiness, taken_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(stored.id, month, r.criterion_id, r.score, r.readiness, at) for r in report.criteria],
        )


def status_json(report: StatusReport) -> dict[str, Any]:
    """The report as JSON-ready data with stable field names."""
    return {
        "ladder": {"slug": report.ladder_slug, "name": report.ladder_name},
        "current_level": report.current_level,
        "target_level": report.target_level,
        "as_of": report.as_of,
        "overall": report.overall,
        "counts": report.counts,
        "criteria": [asdict(c) for c in report.criteria],
        "gaps": [asdict(g) for g in report.gaps],
        "history": [{"month": m, "scores": scores} for m, scores in report.history],
    }


def status_text(report: StatusReport) -> str:
    """A compact plain-text rendering (for tests and logs)."""
    return json.dumps(status_json(report), ensure_ascii=False, indent=2)
