"""The redaction list: names, customers and figures hidden by `packet --redact` and
`resume --redact`. Kept in the workspace's config.toml (`[redact] terms`, `numbers`)."""

from __future__ import annotations

from dataclasses import dataclass

from promocase.core.errors import ValidationError
from promocase.workspace import Workspace

MAX_TERM = 200  # characters
MAX_TERMS = 1000


@dataclass(frozen=True)
class Redaction:
    terms: list[str]
    numbers: bool

    def to_json(self) -> dict[str, object]:
        return {"terms": self.terms, "numbers": self.numbers}


def redaction(ws: Workspace) -> Redaction:
    config = ws.config().get("redact", {})
    raw = config.get("terms", [])
    terms = [str(t) for t in raw if str(t).strip()] if isinstance(raw, list) else []
    return Redaction(terms, bool(config.get("numbers", False)))


def _save(ws: Workspace, value: Redaction) -> None:
    config = ws.config()
    config["redact"] = {"terms": value.terms, "numbers": value.numbers}
    ws.write_config(config)


def _clean(term: str) -> str:
    term = " ".join(term.split())
    if not term:
        raise ValidationError("A term to hide cannot be empty.")
    if len(term) > MAX_TERM:
        raise ValidationError(
            f"'{term[:40]}…' is {len(term)} characters; a term is a name or a phrase "
            f"(at most {MAX_TERM})."
        )
    return term


def add_terms(ws: Workspace, terms: list[str]) -> list[str]:
    """Add terms (any case matches when redacting); returns the ones that were new."""
    current = redaction(ws)
    known = {t.casefold() for t in current.terms}
    added = []
    for raw in terms:
        term = _clean(raw)
        if term.casefold() not in known:
            known.add(term.casefold())
            added.append(term)
    if len(current.terms) + len(added) > MAX_TERMS:
        raise ValidationError(f"The redaction list holds at most {MAX_TERMS} terms.")
    if added:
        _save(ws, Redaction(current.terms + added, current.numbers))
    return added


def remove_terms(ws: Workspace, terms: list[str]) -> list[str]:
    """Remove terms (matched in any case); unknown terms are an error and nothing changes."""
    current = redaction(ws)
    given = {" ".join(t.split()).casefold(): " ".join(t.split()) for t in terms}
    wanted = set(given)
    unknown = [given[k] for k in sorted(wanted - {t.casefold() for t in current.terms})]
    if unknown:
        raise ValidationError(
            "Not on the redaction list: " + ", ".join(f"'{u}'" for u in unknown) + ".",
            hint="See the list with: promocase redact list",
        )
    kept = [t for t in current.terms if t.casefold() not in wanted]
    _save(ws, Redaction(kept, current.numbers))
    return [t for t in current.terms if t.casefold() in wanted]


def set_numbers(ws: Workspace, on: bool) -> None:
    current = redaction(ws)
    _save(ws, Redaction(current.terms, on))


def preview(ws: Workspace, text: str) -> str:
    """The text as a redacted packet or resume would show it."""
    from promocase.render.redact import redact

    current = redaction(ws)
    return redact(text, current.terms, numbers=current.numbers)


def parts_not_listed(ws: Workspace, terms: list[str]) -> list[str]:
    """Capitalised words of multi-word terms ("Noor" of "Noor Haddad") that are not on the
    list themselves: a term is hidden only as a whole, and names often appear alone."""
    listed = {t.lower() for t in redaction(ws).terms}
    out: list[str] = []
    for term in terms:
        words = term.split()
        if len(words) < 2:
            continue
        for word in words:
            if len(word) >= 3 and word[0].isupper() and word.lower() not in listed:
                if word not in out:
                    out.append(word)
    return out
