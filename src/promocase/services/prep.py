"""The conversation kit: a one-page brief for the promotion conversation, built from the packet."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from promocase.services.packet import (
    Claim,
    Packet,
    build_packet,
    goals_clause,
    join_names,
    short,
)
from promocase.workspace import Workspace

# What to do with each kind of answer; the manager's words decide the next step.
ANSWERS = [
    (
        "Yes",
        "Ask what happens next and by when: who else must agree, which cycle, and what you "
        "should send them. Offer the packet as the written case.",
    ),
    (
        "Not yet",
        "Ask for the specific gaps and what evidence would close each, agree a date to check "
        "again, and write it down the same day. Turn each gap into a plan item.",
    ),
    (
        "No",
        "Ask what the reasons are and whether they are about you, timing or budget. Thank "
        "them, take a day before deciding anything, and ask what a path would look like.",
    ),
    (
        "Let me think",
        "Agree when you will hear back, and ask what would help them decide: a document, a "
        "reference, a conversation with someone else.",
    ),
]


@dataclass
class Objection:
    criterion_id: str
    objection: str
    answer: str
    evidence_ids: list[int] = field(default_factory=list)


@dataclass
class Kit:
    person: dict[str, str]
    current_level: str
    target_level: str
    generated_on: str
    ask: Claim
    highlights: list[Claim]
    questions: list[str]
    objections: list[Objection]
    answers: list[tuple[str, str]]
    redacted: bool = False


def build_kit(ws: Workspace, *, redact: bool = False, packet: Packet | None = None) -> Kit:
    """Assemble the kit from the packet's data (one source of truth for both documents)."""
    pkt = packet or build_packet(ws, redact=redact, what="The conversation kit")
    target_id = pkt.target_level.split(" ")[0]
    ready = sorted((r for r in pkt.readiness if r.readiness == "ready"), key=lambda r: -r.score)[:3]
    entries = {e.id: e for e in pkt.appendix}

    examples: list[str] = []
    example_ids: list[int] = []
    for r in ready:
        for eid in r.best_ids:
            if eid in entries and eid not in example_ids:
                examples.append(example_phrase(entries[eid].text))
                example_ids.append(eid)
                break
    if ready:
        text = (
            f"Based on the leveling guidelines for {pkt.target_level}, I believe I have "
            f"demonstrated {join_names([r.name.lower() for r in ready])} at that level through "
            f"{join_names(examples)}."
        )
    else:
        text = (
            f"Based on the leveling guidelines for {pkt.target_level}, I would like to agree "
            "what I need to show to be ready, and by when."
        )
    tally = goals_clause(
        [(g.verdict, g.due_date) for g in pkt.achievements], date.fromisoformat(pkt.generated_on)
    )
    if tally:
        text += f" {tally}"
        text += ", and my 90-day plan for the role is ready to discuss." if pkt.plan_90d else "."
    ask = Claim(text, example_ids, [r.criterion_id for r in ready], "ask")

    highlights = [dataclasses.replace(c, section="highlight") for c in pkt.questions[2].claims[:2]]

    gaps = pkt.gaps[:3]
    questions = [
        f"Which specific gaps do you see between my work and the {target_id} bar?",
    ]
    if gaps:
        questions.append(
            f"On {join_names([g.name.lower() for g in gaps])}: what would you need to see from me, "
            "and by when?"
        )
    else:
        questions.append("What would you need to see from me, and by when?")
    questions += [
        "Who else has a say, and what do they look for?",
        "If the answer is not yet, can we agree the evidence and a date to check again?",
    ]

    by_criterion = {r.criterion_id: r for r in pkt.readiness}
    objections: list[Objection] = []
    for gap in gaps:
        row = by_criterion.get(gap.criterion_id)
        ids = sorted(
            (i for i in (row.best_ids if row else []) if i in entries),
            key=lambda i: (not entries[i].metric, not entries[i].outcome, -len(entries[i].text)),
        )[:1]
        # The manager reads this: evidence and plans, never a command to type.
        parts = []
        if ids:
            parts.append(
                f"What I have so far: {short(entries[ids[0]].text, 110)} (entry #{ids[0]})."
            )
        else:
            parts.append("I have no example of it yet.")
        if gap.closing:
            parts.append(f"How I am closing it: {gap.closing[0]}.")
        elif gap.next_action:
            parts.append(gap.next_action)
        objections.append(
            Objection(
                gap.criterion_id,
                f"“I haven't seen enough {gap.name.lower()} at the {target_id} level.”",
                " ".join(parts) or "Ask what evidence would convince them.",
                ids,
            )
        )
    return Kit(
        person=pkt.person,
        current_level=pkt.current_level,
        target_level=pkt.target_level,
        generated_on=pkt.generated_on,
        ask=ask,
        highlights=highlights,
        questions=questions,
        objections=objections,
        answers=list(ANSWERS),
        redacted=pkt.redacted,
    )


def example_phrase(text: str) -> str:
    """The first clause of an entry, to read inside a sentence ("through cut the p95…")."""
    clause = re.split(r"[;:]| — ", " ".join(text.split()), maxsplit=1)[0].rstrip(". ")
    if len(clause) > 90:
        clause = clause[:90].rsplit(" ", 1)[0].rstrip(",") + "…"
    if len(clause) > 1 and clause[0].isupper() and clause[1].islower():
        clause = clause[0].lower() + clause[1:]
    return clause


def kit_json(kit: Kit) -> dict[str, Any]:
    """The kit as plain data (stable field names: those of the dataclasses)."""
    data = dataclasses.asdict(kit)
    data["answers"] = [{"answer": a, "what_to_do": b} for a, b in kit.answers]
    return data
