"""What every importer produces: candidate evidence, before it is checked against the log."""

from __future__ import annotations

from dataclasses import dataclass, field

from promocase.core.evidence import MAX_TEXT, Evidence


@dataclass
class Candidate:
    """One would-be entry and the source items (commits, issues, meetings…) it stands for.

    `source_ref` identifies the entry itself (the evidence table holds it unique per source);
    `item_refs` name each underlying item so a later run never imports an item twice, even when
    it would now fall into another group.
    """

    text: str
    date: str  # ISO date
    source: str
    source_ref: str
    item_refs: list[str] = field(default_factory=list)
    outcome: str | None = None
    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    role: str | None = None
    scope: str | None = None

    def to_evidence(self) -> Evidence:
        text = " ".join(self.text.split()) if "\n" not in self.text else self.text.strip()
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 1] + "…"
        return Evidence(
            text=text,
            date=self.date,
            outcome=self.outcome,
            role=self.role,
            scope=self.scope,
            tags=sorted({t.strip().lstrip("#").lower() for t in self.tags if t.strip("# ")}),
            links=[link for link in dict.fromkeys(self.links) if 0 < len(link) <= 2000],
            source=self.source,
            source_ref=self.source_ref,
        )


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
