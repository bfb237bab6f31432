"""A short coverage summary: how much linked evidence each target-level criterion has."""

from __future__ import annotations

from dataclasses import dataclass

from promocase.services import ladders as ladder_svc
from promocase.workspace import Workspace


@dataclass(frozen=True)
class CriterionCoverage:
    criterion_id: str
    name: str
    entries: int
    praise: int
    latest: str | None


def coverage(ws: Workspace) -> list[CriterionCoverage]:
    """Per criterion of the target level (or all criteria): linked entries and testimony."""
    prof = ladder_svc.profile(ws)
    stored = ladder_svc.require_active(ws)
    lad = stored.ladder
    criteria = (
        [c for c, _ in lad.criteria_at(prof.target_level)]
        if prof.target_level
        else list(lad.criteria)
    )
    rows = ws.conn.execute(
        "SELECT c.criterion_id, e.kind, COUNT(*), MAX(e.date) FROM evidence_criterion c "
        "JOIN evidence e ON e.id = c.evidence_id WHERE c.ladder_id = ? AND c.status = 'accepted' "
        "AND e.deleted_at IS NULL GROUP BY c.criterion_id, e.kind",
        (stored.id,),
    ).fetchall()
    counts: dict[tuple[str, str], tuple[int, str]] = {(r[0], r[1]): (r[2], r[3]) for r in rows}
    out = []
    for c in criteria:
        work = counts.get((c.id, "work"), (0, None))
        praise = counts.get((c.id, "praise"), (0, None))
        latest = max([d for d in (work[1], praise[1]) if d], default=None)
        out.append(CriterionCoverage(c.id, c.name, work[0], praise[0], latest))
    return out
