"""Evidence pages: capture, list with search and filters, detail, edit, delete and restore,
and the review of criterion suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from promocase.core.errors import NotFound, PromocaseError, ValidationError
from promocase.core.evidence import ROLES, SCOPES, SOURCES
from promocase.services import evidence as svc
from promocase.web.messages import web_message
from promocase.web.pages import (
    is_htmx,
    profile_of,
    redirect,
    render,
    service,
    split_list,
    ws_of,
)

router = APIRouter()
PAGE_SIZE = 50
FIELDS = ("text", "date", "outcome", "metric", "role", "scope", "tags", "links", "from")


@dataclass
class FormState:
    """What the person typed, and the error to show next to a field."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    criteria: list[str] = field(default_factory=list)


def _form_values(form: Any) -> FormState:
    values = {name: str(form.get(name) or "") for name in (*FIELDS, "kind")}
    return FormState(values=values, criteria=[str(c) for c in form.getlist("criteria")])


def _input_from(state: FormState) -> svc.EvidenceInput:
    v = state.values
    kind = "praise" if v.get("kind") == "praise" else "work"
    return svc.EvidenceInput(
        text=v.get("text", ""),
        date=v.get("date") or None,
        outcome=v.get("outcome") or None,
        metric=v.get("metric") or None,
        role=v.get("role") or None,
        scope=v.get("scope") or None,
        tags=split_list(v.get("tags")),
        links=split_list(v.get("links"), sep="\n"),
        criteria=state.criteria,
        kind=kind,
        praise_from=v.get("from") or None,
        source="web",
    )


def _field_errors(state: FormState, *, kept_date: str | None = None) -> dict[str, str]:
    """Every field's own error: each field is validated on its own, so two bad fields show two
    errors, each under its field (not the first failure under whichever field fails first)."""
    v = state.values
    kind = "praise" if v.get("kind") == "praise" else "work"
    checks = {
        "text": svc.EvidenceInput(text=v.get("text", ""), kind=kind),
        "date": svc.EvidenceInput(text="x", date=v.get("date") or None, kept_date=kept_date),
        "metric": svc.EvidenceInput(text="x", metric=v.get("metric") or None),
        "role": svc.EvidenceInput(text="x", role=v.get("role") or None),
        "scope": svc.EvidenceInput(text="x", scope=v.get("scope") or None),
        "links": svc.EvidenceInput(text="x", links=split_list(v.get("links"), sep="\n")),
    }
    errors: dict[str, str] = {}
    for name, data in checks.items():
        try:
            svc.build_evidence(data)
        except ValidationError as exc:
            errors[name] = web_message(exc)
    if kind == "praise":
        try:
            svc.praise_input("x", source_person=v.get("from", ""))
        except ValidationError as exc:
            errors["from"] = web_message(exc)
    return errors


def _errors_for(
    state: FormState, exc: PromocaseError, *, kept_date: str | None = None
) -> dict[str, str]:
    """The errors to show: under each field that fails; an unknown criterion under the
    criteria; anything else under the text."""
    if "criterion" in exc.message:
        return {"criteria": web_message(exc)}
    return _field_errors(state, kept_date=kept_date) or {"text": web_message(exc)}


def _criteria_choices(request: Request) -> list[Any]:
    stored = profile_of(request).ladder
    return list(stored.ladder.criteria) if stored else []


def _criterion_names(request: Request) -> dict[str, str]:
    stored = profile_of(request).ladder
    return {c.id: c.name for c in stored.ladder.criteria} if stored else {}


def entry_views(request: Request, entries: list[Any]) -> list[dict[str, Any]]:
    """Rows for a list of entries (the ladder is loaded once, not per row)."""
    names = _criterion_names(request)
    return [_entry_view(request, e, names) for e in entries]


def _entry_view(
    request: Request, entry: Any, names: dict[str, str] | None = None
) -> dict[str, Any]:
    """An entry plus what its row shows: criterion links with names, and the verdict."""
    ws = ws_of(request)
    data = svc.evidence_json(ws, entry)
    if names is None:
        names = _criterion_names(request)
    data["accepted"] = [
        {**c, "name": names.get(c["criterion_id"], c["criterion_id"])}
        for c in data.get("criteria", [])
        if c["status"] == "accepted"
    ]
    data["suggested"] = [
        {**c, "name": names.get(c["criterion_id"], c["criterion_id"])}
        for c in data.get("criteria", [])
        if c["status"] == "suggested"
    ]
    data["metric_text"] = entry.metric.describe() if entry.metric else None
    data["verdict"] = _verdict(request, entry)
    return data


def _verdict(request: Request, entry: Any) -> Any:
    """The measurability verdict, once the judgement service has landed (else None).

    It depends only on the entry's content, so it is kept per (id, updated_at)."""
    judgement = service("judgement")
    if judgement is None or entry.kind != "work":
        return None
    cache: dict[tuple[int, str], Any] = request.app.state.verdicts
    key = (entry.id, entry.updated_at or "")
    if key not in cache:
        if len(cache) > 20_000:
            cache.clear()
        cache[key] = judgement.verdict_for(entry)
    return cache[key]


def form_context(request: Request, state: FormState | None = None) -> dict[str, Any]:
    return {
        "form": state or FormState(),
        "roles": ROLES,
        "scopes": SCOPES,
        "criteria_choices": _criteria_choices(request),
    }


@router.get("/evidence")
async def evidence_list(request: Request) -> Response:
    from promocase.core.dates import parse_when
    from promocase.store.clock import today
    from promocase.store.evidence import EvidenceFilter

    ws = ws_of(request)
    q = request.query_params
    page = max(int(q.get("page", "1")) if q.get("page", "1").isdigit() else 1, 1)
    show = q.get("show", "")
    filters = {
        k: q.get(k, "")
        for k in ("q", "tag", "criterion", "kind", "source", "since", "until", "show")
    }
    error = None
    try:
        f = EvidenceFilter(
            since=parse_when(filters["since"], today=today()).isoformat()
            if filters["since"]
            else None,
            until=parse_when(filters["until"], today=today()).isoformat()
            if filters["until"]
            else None,
            tags=split_list(filters["tag"]),
            criterion=filters["criterion"] or None,
            kind=filters["kind"] if filters["kind"] in ("work", "praise") else None,
            source=filters["source"] if filters["source"] in SOURCES else None,
            only_deleted=show == "deleted",
            limit=PAGE_SIZE + 1,
            offset=(page - 1) * PAGE_SIZE,
        )
        if filters["q"].strip():
            entries = [e for e, _ in svc.search_evidence(ws, filters["q"], f)]
        else:
            entries = svc.list_evidence(ws, f)
    except PromocaseError as exc:
        error, entries = web_message(exc), []
    has_next = len(entries) > PAGE_SIZE
    entries = entries[:PAGE_SIZE]
    ctx = {
        "entries": entry_views(request, entries),
        "filters": filters,
        "sources": SOURCES,
        "page": page,
        "has_next": has_next,
        "first": (page - 1) * PAGE_SIZE + 1,
        "error": error,
        "query_without_page": "&".join(f"{k}={v}" for k, v in filters.items() if v),
        **form_context(request),
    }
    if is_htmx(request) and request.headers.get("hx-target") == "results":
        return render(request, "partials/evidence_results.html", ctx)
    return render(request, "evidence_list.html", ctx)


@router.post("/evidence")
async def capture(request: Request) -> Response:
    ws = ws_of(request)
    state = _form_values(await request.form())
    judgement = service("judgement")
    feedback = None
    try:
        data = _input_from(state)
        if data.kind == "praise":
            # Testimony needs its source, as `promocase praise --from` does.
            data = svc.praise_input(
                data.text,
                source_person=data.praise_from or "",
                date=data.date,
                links=data.links,
                criteria=data.criteria,
                tags=data.tags,
            )
        if judgement:
            # The same use case as `promocase add`: entry and judgement in one transaction.
            entry, feedback = judgement.capture(ws, data)
        else:
            entry = svc.add_evidence(ws, data)
    except PromocaseError as exc:
        state.errors = _errors_for(state, exc)
        template = "partials/capture_form.html" if is_htmx(request) else "capture_page.html"
        # htmx swaps only 2xx answers by default, so the form with its error comes back as 200.
        return render(
            request,
            template,
            form_context(request, state),
            status_code=200 if is_htmx(request) else 400,
        )
    if not is_htmx(request):
        return redirect(f"/evidence/{entry.id}?added=1")
    entry = svc.get_evidence(ws, entry.id or 0)
    return render(
        request,
        "partials/capture_result.html",
        {
            **form_context(request),
            "entry": _entry_view(request, entry),
            "feedback": feedback,
        },
    )


@router.get("/evidence/new")
async def capture_page(request: Request) -> Response:
    return render(request, "capture_page.html", form_context(request))


def _entry_id(raw: str) -> int:
    try:
        return svc.parse_evidence_id(raw)
    except ValidationError:
        raise NotFound(
            f"There is no entry '{raw}'.", hint="See your entries on /evidence."
        ) from None


@router.get("/evidence/{entry_id}")
async def entry_detail(request: Request, entry_id: str) -> Response:
    ws = ws_of(request)
    eid = _entry_id(entry_id)
    entry = svc.get_evidence(ws, eid, include_deleted=True)
    return render(
        request,
        "evidence_detail.html",
        {
            "entry": _entry_view(request, entry),
            "history": svc.history(ws, eid),
            "added": request.query_params.get("added") == "1",
            "can_review": service("judgement") is not None,
        },
    )


def _edit_state(entry: Any) -> FormState:
    return FormState(
        values={
            "text": entry.text,
            "date": entry.date,
            "outcome": entry.outcome or "",
            "metric": entry.metric.describe() if entry.metric else "",
            "role": entry.role or "",
            "scope": entry.scope or "",
            "tags": ", ".join(entry.tags),
            "links": "",  # the service adds links; existing ones are listed above the field
            "from": entry.praise_from or "",
            "kind": entry.kind,
        }
    )


def _accepted_ids(request: Request, entry: Any) -> list[str]:
    return [c["criterion_id"] for c in _entry_view(request, entry)["accepted"]]


@router.get("/evidence/{entry_id}/edit")
async def edit_page(request: Request, entry_id: str) -> Response:
    entry = svc.get_evidence(ws_of(request), _entry_id(entry_id))
    state = _edit_state(entry)
    state.criteria = _accepted_ids(request, entry)
    return render(
        request,
        "evidence_edit.html",
        {"entry_id": entry.id, "kind": entry.kind, **form_context(request, state)},
    )


@router.post("/evidence/{entry_id}/edit")
async def edit_entry(request: Request, entry_id: str) -> Response:
    ws = ws_of(request)
    eid = _entry_id(entry_id)
    current = svc.get_evidence(ws, eid)
    state = _form_values(await request.form())
    state.values["kind"] = current.kind
    v = state.values
    new_tags = set(split_list(v["tags"]))
    new_links = split_list(v["links"], sep="\n")
    accepted = _accepted_ids(request, current)
    changes = svc.EvidenceChanges(
        text=v["text"],
        date=v["date"] or current.date,
        outcome=v["outcome"],
        metric=v["metric"]
        if v["metric"] != (current.metric.describe() if current.metric else "")
        else None,
        role=v["role"],
        scope=v["scope"],
        add_tags=sorted(new_tags - set(current.tags)),
        remove_tags=sorted(set(current.tags) - new_tags),
        add_links=[link for link in new_links if link not in current.links],
        add_criteria=sorted(set(state.criteria) - set(accepted)),
        remove_criteria=sorted(set(accepted) - set(state.criteria)),
        praise_from=v["from"] if current.kind == "praise" else None,
    )
    try:
        svc.edit_evidence(ws, eid, changes)
    except PromocaseError as exc:
        unchanged_metric = changes.metric is None
        probe = FormState(values={**v, "metric": "" if unchanged_metric else v["metric"]})
        state.errors = _errors_for(probe, exc, kept_date=current.date)
        return render(
            request,
            "evidence_edit.html",
            {"entry_id": eid, "kind": current.kind, **form_context(request, state)},
            status_code=400,
        )
    return redirect(f"/evidence/{eid}")


def _changed_row(request: Request, entry: Any) -> Response:
    """The row after Delete or Restore: it says what happened and takes the focus the pressed
    button had (htmx focuses [autofocus] in what it swaps in)."""
    view = _entry_view(request, entry)
    return render(request, "partials/entry_row.html", {"e": view, "changed": True})


@router.post("/evidence/{entry_id}/delete")
async def delete_entry(request: Request, entry_id: str) -> Response:
    ws = ws_of(request)
    eid = _entry_id(entry_id)
    svc.delete_evidence(ws, eid)
    if is_htmx(request):
        return _changed_row(request, svc.get_evidence(ws, eid, include_deleted=True))
    return redirect(f"/evidence/{eid}")


@router.post("/evidence/{entry_id}/restore")
async def restore_entry(request: Request, entry_id: str) -> Response:
    ws = ws_of(request)
    eid = _entry_id(entry_id)
    entry = svc.restore_evidence(ws, eid)
    if is_htmx(request):
        return _changed_row(request, entry)
    return redirect(f"/evidence/{eid}")


@router.post("/evidence/{entry_id}/suggestions/{criterion_id}/{decision}")
async def review_suggestion(
    request: Request, entry_id: str, criterion_id: str, decision: str
) -> Response:
    judgement = service("judgement")
    if judgement is None or decision not in ("accept", "reject"):
        raise NotFound("Suggestions cannot be reviewed here yet.")
    ws = ws_of(request)
    eid = _entry_id(entry_id)
    if decision == "accept":
        judgement.accept_suggestion(ws, eid, criterion_id)
    else:
        judgement.reject_suggestion(ws, eid, criterion_id)
    if is_htmx(request):
        entry = svc.get_evidence(ws, eid, include_deleted=True)
        names = _criterion_names(request)
        decided = {"accepted": decision == "accept", "name": names.get(criterion_id, criterion_id)}
        view = _entry_view(request, entry, names)
        return render(request, "partials/criteria_review.html", {"e": view, "decided": decided})
    return redirect(f"/evidence/{eid}")
