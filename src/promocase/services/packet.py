"""The promotion packet as data: sections of claims, each citing the entries and criteria it
rests on, and an appendix of every cited entry. Renderers (render/packet.py) only lay it out."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from promocase.core.errors import PromocaseError
from promocase.core.evidence import Evidence
from promocase.core.words import plural
from promocase.store import evidence as store
from promocase.store import settings
from promocase.store.clock import today
from promocase.workspace import Workspace

_MONEY = re.compile(r"(usd|eur|gbp|\$|€|£|cost|revenue|spend|saving)", re.IGNORECASE)
QUESTIONS = {
    "a-player": "Will I be an A-player for the long term?",
    "next-level": "Am I already doing next-level work?",
    "business": "Is promoting me a good business decision?",
}
READINESS_LABEL = {
    "ready": "at the bar",
    "close": "close",
    "gap": "gap",
    "no-evidence": "no evidence yet",
}


@dataclass
class Claim:
    """A sentence the packet asserts, with what it rests on."""

    text: str
    evidence_ids: list[int] = field(default_factory=list)
    criterion_ids: list[str] = field(default_factory=list)
    section: str = ""
    needs_evidence: bool = True  # False for notes such as "no evidence yet"


@dataclass
class CitedEntry:
    id: int
    date: str
    kind: str
    text: str
    outcome: str | None
    metric: str | None
    role: str | None
    scope: str | None
    praise_from: str | None
    verified: bool
    links: list[str]
    criteria: list[str]  # criterion names


@dataclass
class GoalRow:
    id: int
    title: str
    baseline: str
    target: str
    latest: str
    due_date: str
    verdict: str
    claim: Claim


@dataclass
class ReadinessRow:
    criterion_id: str
    name: str
    area: str | None
    expectation: str | None
    supported_verdict: str
    self_verdict: str | None
    readiness: str
    quality: float
    score: float
    best_ids: list[int]
    praise_ids: list[int]
    next_action: str
    claim: Claim


@dataclass
class GapRow:
    criterion_id: str
    name: str
    reason: str
    next_action: str
    closing: list[str]  # plan items that close it
    claim: Claim


@dataclass
class PlanRow:
    id: int
    horizon: str
    title: str
    priority: str | None
    criteria: list[str]  # names
    measure: str | None
    due_date: str | None
    status: str
    claim: Claim


@dataclass
class Question:
    key: str
    heading: str
    claims: list[Claim]


@dataclass
class Packet:
    person: dict[str, str]
    ladder_name: str
    current_level: str
    target_level: str
    generated_on: str
    ask: Claim
    questions: list[Question]
    achievements: list[GoalRow]
    achievements_summary: list[Claim]
    triage: list[Claim]
    readiness: list[ReadinessRow]
    overall: float
    business_case: list[Claim]
    priorities: list[dict[str, Any]]
    plan_90d: list[PlanRow]
    plan_1y: list[PlanRow]
    gaps: list[GapRow]
    appendix: list[CitedEntry]
    charts: dict[str, str]
    criterion_names: dict[str, str]
    redacted: bool = False

    def claims(self) -> Iterator[Claim]:
        """Every claim in reading order."""
        yield self.ask
        for q in self.questions:
            yield from q.claims
        yield from self.achievements_summary
        for g in self.achievements:
            yield g.claim
        yield from self.triage
        for r in self.readiness:
            yield r.claim
        yield from self.business_case
        for p in self.plan_90d + self.plan_1y:
            yield p.claim
        for gap in self.gaps:
            yield gap.claim


# -- helpers ---------------------------------------------------------------------------------
def _status(ws: Workspace) -> Any:
    try:
        from promocase.services.status import build_status
    except ImportError:  # pragma: no cover - only while the judgement part is being built
        raise PromocaseError(
            "Readiness is not available in this build (services/status.py is missing).",
            hint="Update promocase; the packet needs the readiness status.",
        ) from None
    return build_status(ws)


def _charts(report: Any) -> dict[str, str]:
    try:
        from promocase.render import charts
    except ImportError:  # pragma: no cover - only while the charts are being built
        return {}
    return {
        "coverage": charts.coverage_chart_svg(report),
        "readiness": charts.readiness_chart_svg(report),
        "history": charts.readiness_history_svg(report),
    }


def strength(e: Evidence) -> float:
    """How much a committee can lean on an entry: measured, owned, far-reaching, attested."""
    score = 0.0
    if e.metric is not None:
        score += 2.0 if e.metric.before is not None and e.metric.after is not None else 1.0
        if _MONEY.search(f"{e.metric.unit or ''} {e.metric.name or ''}"):
            score += 1.5  # money is the language of the business question
    if e.outcome:
        score += 1.0
    score += {"led": 1.5, "owned": 1.0, "contributed": 0.3}.get(e.role or "", 0.0)
    score += {"external": 2.0, "company": 2.0, "org": 1.5, "team": 0.5}.get(e.scope or "", 0.0)
    if e.kind == "praise":
        score += 2.0 if e.verified else 1.0
    if e.links:
        score += 0.5
    return score


def short(text: str, width: int = 140) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _level_name(ladder: Any, level_id: str | None) -> str:
    if not level_id:
        return "?"
    level = ladder.level(level_id)
    return f"{level.id} ({level.name})" if level and level.name != level.id else level_id


def _entries(ws: Workspace, ids: list[int]) -> dict[int, Evidence]:
    out: dict[int, Evidence] = {}
    for eid in ids:
        if eid not in out:
            found = store.get(ws.conn, eid)
            if found is not None:
                out[eid] = found
    return out


def _candidates(ws: Workspace, limit: int = 400) -> list[Evidence]:
    """Measured work and testimony: the pool the strongest entries are chosen from."""
    rows = ws.conn.execute(
        "SELECT id FROM evidence WHERE deleted_at IS NULL AND (kind = 'praise' OR "
        "metric_before IS NOT NULL OR metric_value IS NOT NULL OR scope IN "
        "('org', 'company', 'external')) ORDER BY date DESC, id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    found = _entries(ws, [int(r[0]) for r in rows])
    return list(found.values())


def _accepted(ws: Workspace, ladder_id: int, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for eid, cid in ws.conn.execute(
            f"SELECT evidence_id, criterion_id FROM evidence_criterion WHERE ladder_id = ? "  # noqa: S608
            f"AND status = 'accepted' AND evidence_id IN ({marks}) ORDER BY criterion_id",
            [ladder_id, *chunk],
        ):
            out.setdefault(int(eid), []).append(cid)
    return out


def describe(e: Evidence) -> str:
    """One line for an entry in a claim: what happened and its measured result."""
    if e.kind == "praise":
        return f"“{short(e.text, 160)}” ({e.praise_from or 'unattributed'})"
    text = short(e.text, 150)
    if e.metric is not None:
        text = text.rstrip(".") + f" ({e.metric.describe()})"
    return text


# -- assembly --------------------------------------------------------------------------------
def build_packet(
    ws: Workspace, *, redact: bool = False, report: Any = None, what: str = "The packet"
) -> Packet:
    """Assemble the packet from the workspace: status, goals, triage, plans and evidence.
    `what` names the document in the error when no target level is set."""
    from promocase.services import goals as goal_svc
    from promocase.services import ladders as ladder_svc
    from promocase.services import plan as plan_svc
    from promocase.services import triage as triage_svc

    prof = ladder_svc.require_target(ws, what)
    assert prof.ladder is not None  # require_target refuses a workspace without one
    stored = prof.ladder
    ladder = stored.ladder
    report = report if report is not None else _status(ws)
    names = {c.id: c.name for c in ladder.criteria}
    current = _level_name(ladder, prof.current_level)
    target = _level_name(ladder, prof.target_level)
    target_id = prof.target_level

    # Readiness per criterion of the target level
    readiness: list[ReadinessRow] = []
    for c in report.criteria:
        best = list(c.best_evidence_ids)[:3]
        if best:
            claim = Claim(
                f"{c.name}: the evidence supports “{c.supported_verdict}” at {target_id} "
                f"(quality {c.quality:.0%}).",
                best + list(c.praise_ids)[:2],
                [c.criterion_id],
                "readiness",
            )
        else:
            claim = Claim(
                f"{c.name}: no evidence linked yet.",
                [],
                [c.criterion_id],
                "readiness",
                needs_evidence=False,
            )
        readiness.append(
            ReadinessRow(
                c.criterion_id,
                c.name,
                c.area,
                c.expectation,
                c.supported_verdict,
                c.self_verdict,
                c.readiness,
                float(c.quality),
                float(c.score),
                best,
                list(c.praise_ids)[:2],
                what_closes(getattr(c, "weak", []), target_id),
                claim,
            )
        )
    ready = [r for r in readiness if r.readiness == "ready"]
    ready.sort(key=lambda r: -r.score)

    # Achievements: goals against targets
    goal_rows: list[GoalRow] = []
    statuses = [goal_svc.evaluate(g) for g in goal_svc.list_goals(ws)]
    for s in statuses:
        g = s.goal
        goal_rows.append(
            GoalRow(
                g.id,
                g.title,
                goal_svc.with_unit(g.baseline, g.unit),
                goal_svc.with_unit(g.target, g.unit),
                goal_svc.with_unit(s.latest, g.unit),
                g.due_date,
                s.verdict,
                Claim(
                    f"{g.title}: {s.verdict}. {s.explanation}",
                    list(g.evidence_ids),
                    [],
                    "achievements",
                ),
            )
        )
    achievements_summary = goal_summary(statuses, today())

    # Triage: hours freed for next-level work
    tri = triage_svc.summarise(ws)
    triage_claims: list[Claim] = []
    if tri.items:
        triage_claims.append(
            Claim(
                f"By delegating, automating or dropping lower-value work I have freed "
                f"{tri.hours_freed_decided:g} hours a week (of {tri.hours_total:g} triaged) for "
                f"{target_id}-level work.",
                [],
                [],
                "achievements",
                needs_evidence=False,
            )
        )
        if tri.delegations:
            people = join_names(sorted({i.delegate_to or "" for i in tri.delegations}))
            triage_claims.append(
                Claim(
                    f"The work I handed over is a growth step for {people}: "
                    + "; ".join(f"{i.title} → {i.delegate_to}" for i in tri.delegations)
                    + ".",
                    [],
                    ["mentoring"] if "mentoring" in names else [],
                    "achievements",
                    needs_evidence=False,
                )
            )

    # Company benefit: plans and the business case
    priorities = plan_svc.list_priorities(ws)
    prio_by_id = {p.id: p for p in priorities}

    def plan_row(item: Any) -> PlanRow:
        prio = prio_by_id.get(item.priority_id) if item.priority_id else None
        crit_names = [names.get(c, c) for c in item.criterion_ids]
        serves = f" It serves “{prio.title}”" if prio else ""
        shows = f" and shows {join_names(crit_names)} at {target_id}" if crit_names else ""
        return PlanRow(
            item.id,
            item.horizon,
            item.title,
            prio.title if prio else None,
            crit_names,
            item.measure,
            item.due_date,
            item.status,
            Claim(
                f"{item.title}.{serves}{shows}.".replace("..", "."),
                [],
                list(item.criterion_ids),
                "company",
                needs_evidence=False,
            ),
        )

    items = plan_svc.list_items(ws)
    plan_90d = [plan_row(i) for i in items if i.horizon == "90d"]
    plan_1y = [plan_row(i) for i in items if i.horizon == "1y"]

    pool = _candidates(ws)
    crit_of = _accepted(ws, stored.id, [e.id for e in pool if e.id is not None])
    work = sorted((e for e in pool if e.kind == "work"), key=lambda e: (-strength(e), e.date))
    impact_ids = {"business-impact"} & set(names)
    impact = [
        e
        for e in work
        if e.metric is not None
        and (impact_ids & set(crit_of.get(e.id or 0, [])) or e.scope in ("org", "company"))
    ]
    # Entries tied to business impact first: the question is about the business.
    impact.sort(key=lambda e: (not impact_ids & set(crit_of.get(e.id or 0, [])), -strength(e)))
    impact = impact[:4]
    business_case = [
        Claim(describe(e), [e.id or 0], crit_of.get(e.id or 0, [])[:3], "company") for e in impact
    ]
    if priorities and (plan_90d or plan_1y):
        served = sorted({p.priority for p in plan_90d + plan_1y if p.priority})
        business_case.append(
            Claim(
                f"My plans for the {target_id} role serve {len(served)} of the "
                f"{len(priorities)} company and team priorities: {join_names(served)}.",
                [],
                sorted({c for p in plan_90d + plan_1y for c in p.claim.criterion_ids}),
                "company",
                needs_evidence=False,
            )
        )

    # Gaps and how each is being closed
    gaps: list[GapRow] = []
    for gap in report.gaps:
        closing = [
            f"{plan_svc.HORIZONS[p.horizon][0]}: {p.title} (due {p.due_date})"
            for p in plan_90d + plan_1y
            if names.get(gap.criterion_id) in p.criteria
        ]
        gaps.append(
            GapRow(
                gap.criterion_id,
                gap.name,
                gap.reason,
                what_closes(getattr(gap, "weak", []), target_id),
                closing,
                Claim(
                    f"{gap.name}: {gap.reason}",
                    [],
                    [gap.criterion_id],
                    "gaps",
                    needs_evidence=False,
                ),
            )
        )

    # The three questions
    testimony = sorted(
        (e for e in pool if e.kind == "praise"), key=lambda e: (-strength(e), e.date)
    )[:2]
    q1: list[Claim] = [c for c in achievements_summary if c.needs_evidence]
    q1 += [
        Claim(describe(e), [e.id or 0], crit_of.get(e.id or 0, []), "a-player") for e in testimony
    ]
    used = {i for c in business_case[:3] for i in c.evidence_ids}
    owned = [e for e in work if e.role in ("led", "owned") and e.id not in used][:2]
    q1 += [Claim(describe(e), [e.id or 0], crit_of.get(e.id or 0, []), "a-player") for e in owned]
    q2: list[Claim] = []
    shown: set[int] = set()
    for r in ready[:4]:
        # Prefer entries not already shown for another criterion, so each line adds something.
        picks = [i for i in r.best_ids if i not in shown][:2] or r.best_ids[:1]
        shown.update(picks)
        q2.append(
            Claim(
                f"{r.name} — at the {target_id} bar: "
                + "; ".join(describe(e) for e in _entries(ws, picks).values()),
                picks,
                [r.criterion_id],
                "next-level",
            )
        )
    if not q2:
        q2 = [
            Claim(
                f"No criterion is yet supported at the {target_id} bar; see the gaps below.",
                [],
                [],
                "next-level",
                needs_evidence=False,
            )
        ]
    q3 = list(business_case[:3])
    if triage_claims:
        q3.append(dataclasses.replace(triage_claims[0], section="business"))
    questions = [
        Question("a-player", QUESTIONS["a-player"], q1),
        Question("next-level", QUESTIONS["next-level"], q2),
        Question("business", QUESTIONS["business"], q3),
    ]

    # The ask: why now, from what is strongest (a zero is no reason to promote anyone).
    reasons: list[str] = []
    ask_rows = ready[:3]
    if ready:
        reasons.append(
            f"the evidence already supports the {target_id} bar on {len(ready)} of "
            f"{len(readiness)} criteria"
            + (f", including {join_names([r.name for r in ask_rows])}" if ask_rows else "")
        )
    else:
        close = sorted((r for r in readiness if r.readiness == "close"), key=lambda r: -r.score)
        ask_rows = (
            close[:3] or sorted((r for r in readiness if r.best_ids), key=lambda r: -r.score)[:1]
        )
        if close:
            reasons.append(
                f"the evidence is close to the {target_id} bar on "
                f"{join_names([r.name for r in ask_rows])}"
            )
        elif ask_rows:
            reasons.append(f"my strongest evidence so far is on {ask_rows[0].name}")
    tally = goals_clause([(s.verdict, s.goal.due_date) for s in statuses], today())
    if tally:
        reasons.append(tally)
    if plan_90d:
        reasons.append("I have a 90-day plan for the role tied to our priorities")
    if len(reasons) > 1:
        reasons[-1] = "and " + reasons[-1]
    why_now = f" Why now: {', '.join(reasons)}." if reasons else ""
    strongest = [i for r in ask_rows for i in r.best_ids[:1]]
    person = _person(ws)
    ask = Claim(
        f"I am asking to be promoted from {current} to {target}.{why_now}",
        strongest,
        [r.criterion_id for r in ask_rows],
        "ask",
    )

    packet = Packet(
        person=person,
        ladder_name=ladder.name,
        current_level=current,
        target_level=target,
        generated_on=today().isoformat(),
        ask=ask,
        questions=questions,
        achievements=goal_rows,
        achievements_summary=achievements_summary,
        triage=triage_claims,
        readiness=readiness,
        overall=float(report.overall),
        business_case=business_case,
        priorities=[
            {"id": p.id, "scope": p.scope, "title": p.title, "description": p.description}
            for p in priorities
        ],
        plan_90d=plan_90d,
        plan_1y=plan_1y,
        gaps=gaps,
        appendix=[],
        charts=_charts(report),
        criterion_names=names,
    )
    cited = sorted({i for c in packet.claims() for i in c.evidence_ids})
    entries = _entries(ws, cited)
    crits = _accepted(ws, stored.id, list(entries))
    packet.appendix = [
        _cited(e, [names.get(c, c) for c in crits.get(e.id or 0, [])])
        for e in sorted(entries.values(), key=lambda e: (e.date, e.id or 0))
    ]
    if redact:
        config = ws.config().get("redact", {})
        packet = redact_packet(
            packet, config.get("terms", []), numbers=bool(config.get("numbers", False))
        )
    return packet


# What closes each kind of gap, said to a manager: evidence to come, never a command to type.
_WHAT_CLOSES = {
    "no evidence": "a first example of it at the {level} level",
    "vague entries": "the measured results of the examples I have, written down",
    "below the target level": "examples at the {level} scope",
    "few entries": "more examples over the coming months",
    "nothing recent": "a recent example (none in the last 6 months)",
    "no testimony": "written feedback from people who saw the work",
    "one burst, not sustained": "examples spread over more months",
}


def what_closes(weak: list[str], level: str) -> str:
    """The evidence that would close a gap, in the packet's first person; '' if unknown."""
    if "few entries" in weak:  # more examples over months also ends the one burst
        weak = [w for w in weak if w != "one burst, not sustained"]
    parts = [_WHAT_CLOSES[w].format(level=level) for w in weak if w in _WHAT_CLOSES]
    return f"What would close it: {join_names(parts)}." if parts else ""


def _ended(status: Any, on: date) -> bool:
    return bool(status.goal.due_date < on.isoformat())


def goal_summary(statuses: list[Any], on: date) -> list[Claim]:
    """Goals in three honest groups: measured to their due date, already hit before it, and
    still running. Only the first two are claims that cite evidence."""
    ended = [s for s in statuses if _ended(s, on) and s.verdict in ("exceeded", "met", "missed")]
    early = [s for s in statuses if not _ended(s, on) and s.verdict in ("exceeded", "met")]
    running = [s for s in statuses if not _ended(s, on) and s not in early]
    out: list[Claim] = []
    if ended:
        counts = [
            f"{verb} {sum(s.verdict == v for s in ended)}"
            for v, verb in (("exceeded", "exceeded"), ("met", "met"), ("missed", "missed"))
            if any(s.verdict == v for s in ended)
        ]
        hit = [s for s in ended if s.verdict in ("exceeded", "met")]
        out.append(
            Claim(
                f"Of {plural(len(ended), 'goal')} measured to "
                f"{'its' if len(ended) == 1 else 'their'} end, I {join_names(counts)}.",
                sorted({i for s in hit for i in s.goal.evidence_ids[:2]}),
                [],
                "achievements",
            )
        )
    if early:
        out.append(
            Claim(
                "; ".join(
                    f"{s.goal.title}: already {s.verdict}, due {s.goal.due_date}" for s in early
                )
                + ".",
                sorted({i for s in early for i in s.goal.evidence_ids[:2]}),
                [],
                "achievements",
            )
        )
    if running:
        words = {"on-track": "on track", "behind": "behind", "no-data": "no data yet"}
        states = [
            f"{sum(s.verdict == v for s in running)} {w}"
            for v, w in words.items()
            if any(s.verdict == v for s in running)
        ]
        verb = "is" if len(running) == 1 else "are"
        detail = (
            f" ({words[running[0].verdict]})" if len(running) == 1 else f": {join_names(states)}"
        )
        out.append(
            Claim(
                f"{plural(len(running), 'goal')} {verb} still running{detail}.",
                [],
                [],
                "achievements",
                needs_evidence=False,
            )
        )
    return out


def goals_clause(goals: list[tuple[str, str]], on: date) -> str | None:
    """From (verdict, due date) pairs: 'I have exceeded or met 4 of my 6 goals (1 still
    running)'; None when no goal was hit (a zero is no reason to promote)."""
    hit = [(v, due) for v, due in goals if v in ("exceeded", "met")]
    if not hit:
        return None
    if len(goals) == 1:
        verdict, due = hit[0]
        early = f" ahead of its due date ({due})" if due >= on.isoformat() else ""
        return f"I have {verdict} my goal{early}"
    running = sum(due >= on.isoformat() and v not in ("exceeded", "met") for v, due in goals)
    return f"I have exceeded or met {len(hit)} of my {len(goals)} goals" + (
        f" ({running} still running)" if running else ""
    )


def _person(ws: Workspace) -> dict[str, str]:
    import json

    raw = settings.get(ws.conn, "person")
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return {k: str(v) for k, v in data.items() if k in ("name", "title", "team", "employer")}


def _cited(e: Evidence, criteria: list[str]) -> CitedEntry:
    return CitedEntry(
        id=e.id or 0,
        date=e.date,
        kind=e.kind,
        text=e.text,
        outcome=e.outcome,
        metric=e.metric.describe() if e.metric else None,
        role=e.role,
        scope=e.scope,
        praise_from=e.praise_from,
        verified=e.verified,
        links=list(e.links),
        criteria=criteria,
    )


# -- redaction -------------------------------------------------------------------------------
_KEEP = {
    "id",
    "date",
    "kind",
    "role",
    "scope",
    "verdict",
    "readiness",
    "supported_verdict",
    "self_verdict",
    "horizon",
    "status",
    "section",
    "criterion_id",
    "criterion_ids",
    "key",
    "due_date",
    "generated_on",
    "charts",
}


def redact_packet(packet: Any, terms: list[str], *, numbers: bool = False) -> Any:
    """A copy with every user text passed through the redaction list; links are dropped."""
    from promocase.render.redact import redact

    def walk(value: Any, name: str = "") -> Any:
        if name in _KEEP:
            return value
        if name == "links":
            return []
        if isinstance(value, str):
            return redact(value, terms, numbers=numbers)
        if isinstance(value, list):
            return [walk(v, name) for v in value]
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {
                f.name: walk(getattr(value, f.name), f.name) for f in dataclasses.fields(value)
            }
            return dataclasses.replace(value, **changes)
        return value

    out = walk(packet)
    if hasattr(out, "redacted"):
        out.redacted = True
    return out


# -- check -----------------------------------------------------------------------------------
def check_packet(ws: Workspace, packet: Packet) -> dict[str, Any]:
    """Every citation must name a live entry (listed in the appendix) or a ladder criterion.

    Returns counts, the unresolved citations and the claims that cite nothing.
    """
    from promocase.services.ladders import require_active

    ladder = require_active(ws).ladder
    in_appendix = {e.id for e in packet.appendix}
    unresolved: list[dict[str, str]] = []
    uncited: list[dict[str, str]] = []
    citations = claims = 0
    for claim in packet.claims():
        claims += 1
        for eid in claim.evidence_ids:
            citations += 1
            if eid not in in_appendix or store.get(ws.conn, eid) is None:
                unresolved.append({"ref": f"#{eid}", "claim": claim.text})
        for cid in claim.criterion_ids:
            citations += 1
            if ladder.criterion(cid) is None:
                unresolved.append({"ref": cid, "claim": claim.text})
        if claim.needs_evidence and not claim.evidence_ids:
            uncited.append({"section": claim.section, "text": claim.text})
    return {
        "claims": claims,
        "citations": citations,
        "resolved": citations - len(unresolved),
        "unresolved": unresolved,
        "uncited": uncited,
        "ok": not unresolved,
    }


def packet_json(packet: Packet) -> dict[str, Any]:
    """The packet as plain data (stable field names: those of the dataclasses)."""
    data = dataclasses.asdict(packet)
    data.pop("charts", None)
    return data
