"""Evidence quality, readiness per criterion and gap ranking: pure functions over plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

READY = 0.75  # score at or above: the evidence shows the bar is met
CLOSE = 0.45  # score at or above: close to the bar
ENOUGH_ENTRIES = 6  # linked entries at the target level that make a pattern, not one burst


@dataclass(frozen=True)
class EntryFacts:
    """What the readiness rules need to know about one linked entry."""

    id: int
    date: str
    kind: str  # work | praise
    specific: bool
    has_metric: bool
    has_outcome: bool
    own_role: bool  # led / owned, or stated in the text
    wide_scope: bool  # org, company, external
    has_artifact: bool
    verified: bool = False
    level_factor: float = 1.0  # 1 = reads at the target level; less for work below it
    missing: tuple[str, ...] = ()  # what the measurability check asks for (role, outcome...)


def entry_quality(e: EntryFacts) -> float:
    """0..1: how much a committee can rely on this entry alone."""
    if e.kind == "praise":
        return 0.6 + (0.3 if e.verified else 0.0)
    score = 0.35 if e.specific else 0.05
    score += 0.2 if e.has_metric else (0.1 if e.has_outcome else 0.0)
    score += 0.15 if e.own_role else 0.0
    score += 0.15 if e.wide_scope else 0.0
    score += 0.15 if e.has_artifact else 0.0
    return min(1.0, score) * e.level_factor


def _months_between(a: str, b: date) -> int:
    d = date.fromisoformat(a)
    return (b.year - d.year) * 12 + (b.month - d.month)


@dataclass
class CriterionAssessment:
    score: float
    quality: float
    readiness: str
    supported_verdict: str
    best: list[int] = field(default_factory=list)
    months: int = 0
    latest: str | None = None
    weak: list[str] = field(default_factory=list)  # what holds the score down


def assess_criterion(entries: list[EntryFacts], today: date) -> CriterionAssessment:
    """Score one criterion from its linked entries (work and testimony).

    quality blends the best three entries, testimony, recency (last 6 months) and whether
    the evidence is sustained over several months; the score also needs volume.
    """
    if not entries:
        return CriterionAssessment(0.0, 0.0, "no-evidence", "not-yet", weak=["no evidence"])
    work = [e for e in entries if e.kind == "work"]
    praise = [e for e in entries if e.kind == "praise"]
    ranked = sorted(entries, key=lambda e: (entry_quality(e), e.date), reverse=True)
    best = [e for e in ranked if e.kind == "work"][:3] or ranked[:3]
    best_quality = sum(entry_quality(e) for e in best) / 3  # fewer than 3 counts as zeros
    latest = max(e.date for e in entries)
    age = _months_between(latest, today)
    recency = 1.0 if age <= 3 else 0.6 if age <= 6 else 0.3 if age <= 12 else 0.0
    months = len({e.date[:7] for e in entries})
    sustained = min(1.0, (months - 1) / 3)
    testimony = min(1.0, len(praise) * 0.6 + (0.4 if any(p.verified for p in praise) else 0))
    quality = 0.55 * best_quality + 0.15 * testimony + 0.15 * recency + 0.15 * sustained
    at_level = sum(e.level_factor for e in work if entry_quality(e) >= 0.5)
    volume = min(1.0, at_level / ENOUGH_ENTRIES + 0.5 * len(praise) / ENOUGH_ENTRIES)
    score = round(min(1.0, 0.45 * volume + 0.55 * quality / 0.85), 3)
    weak = []
    if len(work) < ENOUGH_ENTRIES:
        weak.append("few entries")
    if best_quality < 0.55:
        # Name only what the entries show: fewer than three entries also pull best_quality
        # down, and "few entries" already says so.
        vague = sum(not e.specific for e in best if e.kind == "work")
        below = sum(e.level_factor < 1 for e in best)
        if vague and not (below >= 2 and vague < 2):
            weak.append("vague entries")
        elif below:
            weak.append("below the target level")
    if not praise:
        weak.append("no testimony")
    if age > 6:
        weak.append("nothing recent")
    if months < 3:
        weak.append("one burst, not sustained")
    readiness = "ready" if score >= READY else "close" if score >= CLOSE else "gap"
    supported = "meets" if score >= READY else "partially" if score >= CLOSE else "not-yet"
    return CriterionAssessment(
        score=score,
        quality=round(quality, 3),
        readiness=readiness,
        supported_verdict=supported,
        best=[e.id for e in best],
        months=months,
        latest=latest,
        weak=weak,
    )


def gap_rank(score: float, weight: float, latest: str | None, today: date) -> float:
    """Higher = more urgent: far from the bar, heavily weighted, and stale evidence."""
    staleness = 1.0 if latest is None else min(1.0, _months_between(latest, today) / 12)
    return round((1.0 - score) * weight * (1.0 + 0.5 * staleness), 3)
