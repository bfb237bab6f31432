"""Capturing, finding, editing, deleting and restoring evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from promocase.core.dates import parse_when
from promocase.core.errors import NotFound, ValidationError
from promocase.core.evidence import (
    ROLES,
    SCOPES,
    Evidence,
    Metric,
    check_choice,
    check_text,
    normalise_tag,
    parse_metric,
)
from promocase.store import evidence as store
from promocase.store import settings
from promocase.store.clock import today
from promocase.store.connection import write_transaction
from promocase.store.evidence import CriterionLink, EvidenceFilter
from promocase.workspace import Workspace


@dataclass
class EvidenceInput:
    """What a person gives when capturing or editing an entry (all text, as typed)."""

    text: str
    date: str | None = None
    outcome: str | None = None
    metric: str | Metric | None = None
    role: str | None = None
    scope: str | None = None
    links: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    criteria: list[str] = field(default_factory=list)
    kind: str = "work"
    praise_from: str | None = None
    verified: bool = False
    source: str = "cli"
    source_ref: str | None = None
    # An edit keeps the entry's stored date unless a new one is typed (a stored date is never
    # re-checked, so an old entry can still be edited).
    kept_date: str | None = None


def resolve_criteria(ws: Workspace, criteria: list[str]) -> list[CriterionLink]:
    if not criteria:
        return []
    from promocase.services.ladders import require_active

    stored = require_active(ws)
    links = []
    for raw in criteria:
        crit = stored.ladder.find_criterion(raw)
        links.append(
            CriterionLink(
                ladder_id=stored.id, criterion_id=crit.id, status="accepted", made_by="user"
            )
        )
    return links


def build_evidence(data: EvidenceInput) -> Evidence:
    """Validate typed input into an Evidence (no I/O besides today's date)."""
    metric = (
        data.metric
        if isinstance(data.metric, Metric) or data.metric is None
        else (parse_metric(data.metric) if data.metric.strip() else None)
    )
    now = today()
    when = parse_when(data.date, today=now) if data.date else now
    if when > now and data.date != data.kept_date:
        raise ValidationError(
            f"{when.isoformat()} is in the future; evidence is work you have already done.",
            hint="Give the date it happened (YYYY-MM-DD, 'yesterday', '3 days ago'); plans "
            "and goals go in promocase goal or promocase plan.",
        )
    date = when.isoformat()
    for link in data.links:
        if len(link) > 2000 or not link.strip():
            raise ValidationError("A link must be between 1 and 2000 characters.")
    return Evidence(
        text=check_text(data.text, "quote" if data.kind == "praise" else "entry"),
        date=date,
        kind=data.kind,
        outcome=(data.outcome or "").strip() or None,
        metric=metric,
        role=check_choice(data.role, ROLES, "role"),
        scope=check_choice(data.scope, SCOPES, "scope"),
        tags=sorted({normalise_tag(t) for t in data.tags if normalise_tag(t)}),
        links=[link.strip() for link in data.links],
        source=data.source,
        source_ref=data.source_ref,
        praise_from=(data.praise_from or "").strip() or None,
        verified=data.verified,
    )


def add_evidence(ws: Workspace, data: EvidenceInput) -> Evidence:
    """Capture one entry in a single transaction and return it with its id."""
    evidence = build_evidence(data)
    links = resolve_criteria(ws, data.criteria)
    with write_transaction(ws.conn):
        return store.insert(ws.conn, evidence, links)


def praise_input(
    quote: str,
    *,
    source_person: str,
    verified: bool = False,
    date: str | None = None,
    links: list[str] | None = None,
    criteria: list[str] | None = None,
    tags: list[str] | None = None,
) -> EvidenceInput:
    """Testimony as an entry to capture: what someone said about the work, and who said it."""
    if not source_person or not source_person.strip():
        raise ValidationError("Say who said it with --from 'NAME, ROLE'.")
    return EvidenceInput(
        text=quote,
        kind="praise",
        praise_from=source_person,
        verified=verified,
        date=date,
        links=links or [],
        criteria=criteria or [],
        tags=tags or [],
    )


def get_evidence(ws: Workspace, evidence_id: int, *, include_deleted: bool = False) -> Evidence:
    found = store.get(ws.conn, evidence_id, include_deleted=include_deleted)
    if found is None:
        deleted = store.get(ws.conn, evidence_id, include_deleted=True)
        if deleted is not None:
            raise NotFound(
                f"Entry #{evidence_id} is deleted.",
                hint=f"Bring it back with: promocase restore {evidence_id}",
            )
        raise NotFound(
            f"There is no entry #{evidence_id}.", hint="See your entries with: promocase log"
        )
    return found


def check_filter(ws: Workspace, f: EvidenceFilter | None) -> None:
    """Refuse a filter that can only match nothing by mistake: dates in the wrong order, or a
    criterion id that is neither in the active ladder nor on any entry (a typo)."""
    if f is None:
        return
    if f.since and f.until and f.since > f.until:
        raise ValidationError(
            f"The start date {f.since} is after the end date {f.until}.",
            hint="Swap them: since is the earlier date.",
        )
    if f.criterion:
        linked = ws.conn.execute(
            "SELECT 1 FROM evidence_criterion WHERE criterion_id = ? LIMIT 1", (f.criterion,)
        ).fetchone()
        if linked is None:
            from promocase.services.ladders import active_ladder

            stored = active_ladder(ws)
            if stored is None:
                raise ValidationError(f"'{f.criterion}' is not a criterion of your ladder.")
            if stored.ladder.criterion(f.criterion) is None:
                raise stored.ladder.unknown_criterion(f.criterion)


def list_evidence(ws: Workspace, f: EvidenceFilter | None = None) -> list[Evidence]:
    check_filter(ws, f)
    return store.list_evidence(ws.conn, f)


def search_evidence(
    ws: Workspace, query: str, f: EvidenceFilter | None = None
) -> list[tuple[Evidence, float]]:
    check_filter(ws, f)
    return store.search(ws.conn, query, f)


@dataclass
class EvidenceChanges:
    text: str | None = None
    date: str | None = None
    outcome: str | None = None
    metric: str | None = None
    role: str | None = None
    scope: str | None = None
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    add_links: list[str] = field(default_factory=list)
    add_criteria: list[str] = field(default_factory=list)
    remove_criteria: list[str] = field(default_factory=list)
    praise_from: str | None = None
    verified: bool | None = None

    def is_empty(self) -> bool:
        return all(v is None or v == [] for v in asdict(self).values())


def _judged_fields(e: Evidence) -> tuple[Any, ...]:
    """What an entry's judgement reads: its words, result, role, scope and links."""
    return (e.text, e.outcome, e.metric, e.role, e.scope, e.kind, tuple(e.links))


def edit_evidence(ws: Workspace, evidence_id: int, changes: EvidenceChanges) -> Evidence:
    """Apply changes to an entry; the previous version stays in its history. An empty string
    clears an optional field."""
    current = get_evidence(ws, evidence_id)
    tags = set(current.tags) | {normalise_tag(t) for t in changes.add_tags}
    tags -= {normalise_tag(t) for t in changes.remove_tags}
    metric: str | Metric | None = current.metric
    if changes.metric is not None:
        metric = changes.metric or None
    data = EvidenceInput(
        text=changes.text if changes.text is not None else current.text,
        date=changes.date if changes.date is not None else current.date,
        kept_date=current.date,
        outcome=changes.outcome if changes.outcome is not None else current.outcome,
        metric=metric,
        role=changes.role if changes.role is not None else current.role,
        scope=changes.scope if changes.scope is not None else current.scope,
        links=current.links + [link for link in changes.add_links if link not in current.links],
        tags=sorted(tags),
        kind=current.kind,
        praise_from=changes.praise_from if changes.praise_from is not None else current.praise_from,
        verified=changes.verified if changes.verified is not None else current.verified,
        source=current.source,
        source_ref=current.source_ref,
    )
    updated = replace(build_evidence(data), id=current.id, created_at=current.created_at)
    add_links = resolve_criteria(ws, changes.add_criteria)
    remove_links = resolve_criteria(ws, changes.remove_criteria)
    judged = None
    if _judged_fields(updated) != _judged_fields(current):
        # what the entry says changed: so may its verdict, signals and suggestions
        from promocase.services import judgement

        judged = judgement.judge_edit(ws, updated)
    with write_transaction(ws.conn):
        if judged is not None:
            judgement.store_edit(ws.conn, updated, judged)
        for link in add_links:
            store.set_criterion_link(ws.conn, evidence_id, link)
        for link in remove_links:
            store.set_criterion_link(
                ws.conn, evidence_id, replace(link, status="rejected", made_by="user")
            )
        return store.update(ws.conn, updated)


def delete_evidence(ws: Workspace, evidence_id: int) -> Evidence:
    """Hide an entry; it stays in the database with its history and can be restored."""
    evidence = get_evidence(ws, evidence_id)
    with write_transaction(ws.conn):
        store.set_deleted(ws.conn, evidence_id, True)
    return evidence


def restore_evidence(ws: Workspace, evidence_id: int) -> Evidence:
    found = store.get(ws.conn, evidence_id, include_deleted=True)
    if found is None:
        raise NotFound(f"There is no entry #{evidence_id}.")
    if found.deleted_at is None:
        raise ValidationError(f"Entry #{evidence_id} is not deleted.")
    with write_transaction(ws.conn):
        store.set_deleted(ws.conn, evidence_id, False)
    return get_evidence(ws, evidence_id)


def history(ws: Workspace, evidence_id: int) -> list[dict[str, Any]]:
    if store.get(ws.conn, evidence_id, include_deleted=True) is None:
        raise NotFound(f"There is no entry #{evidence_id}.")
    return store.history(ws.conn, evidence_id)


def evidence_json(
    ws: Workspace, evidence: Evidence, *, with_criteria: bool = True
) -> dict[str, Any]:
    """The stable JSON shape of an entry used by --json output and the web UI."""
    data: dict[str, Any] = {
        "id": evidence.id,
        "date": evidence.date,
        "kind": evidence.kind,
        "text": evidence.text,
        "outcome": evidence.outcome,
        "metric": asdict(evidence.metric) if evidence.metric else None,
        "role": evidence.role,
        "scope": evidence.scope,
        "tags": evidence.tags,
        "links": evidence.links,
        "source": evidence.source,
        "created_at": evidence.created_at,
        "updated_at": evidence.updated_at,
        "deleted": evidence.deleted_at is not None,
    }
    if evidence.kind == "praise":
        data["from"] = evidence.praise_from
        data["verified"] = evidence.verified
    if with_criteria and evidence.id is not None:
        data["criteria"] = [
            {
                "criterion_id": link.criterion_id,
                "status": link.status,
                "made_by": link.made_by,
                "score": link.score,
                "level": link.level_id,
            }
            for link in store.criterion_links(ws.conn, evidence.id)
        ]
    return data


def parse_evidence_id(text: str) -> int:
    cleaned = text.strip().lstrip("#")
    if not cleaned.isdigit():
        raise ValidationError(f"'{text}' is not an entry id.", hint="Ids look like 12 or #12.")
    return int(cleaned)


def stats(ws: Workspace) -> dict[str, int]:
    conn = ws.conn
    return {
        "entries": store.count(conn, EvidenceFilter(kind="work")),
        "praise": store.count(conn, EvidenceFilter(kind="praise")),
        "deleted": store.count(conn, EvidenceFilter(only_deleted=True)),
    }


def set_setting(ws: Workspace, key: str, value: str | None) -> None:
    with write_transaction(ws.conn):
        settings.put(ws.conn, key, value)
