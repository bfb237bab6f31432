"""Next-level signals (the R of ARC: readiness): work that reaches beyond one's own tasks."""

from __future__ import annotations

import re

from promocase.analysis import rx
from promocase.analysis.text import without_size_note

SIGNALS = ("mentoring", "cross-functional", "strategy", "decision", "mobilising")

# Only searched, so the groups need not capture (much faster; see rx.compile).
_PATTERNS: dict[str, re.Pattern[str]] = {
    "mentoring": rx.compile_lower(
        r"\b(mentor(ed|ing|s)?|mentee|coach(ed|ing)?|taught|teach(ing)?|onboard(ed|ing) "
        r"(\w+ )?(new|\d+|two|three|a)|paired with|pairing|sponsor(ed)?|"
        r"(grew|develop(ed)?|growing) (\w+ ){0,2}(engineers?|people|juniors?|team members|"
        r"designers?|analysts?|others)|career (conversations?|growth|development)|"
        r"promot(ed|ion) (of|for) |interns?|study group|brown bag|lunch and learn|"
        r"trained \d+|training (for|the) |1:1s? with|knowledge (sharing|transfer)|"
        r"workshop for)\b",
        captures=False,
    ),
    "cross-functional": rx.compile_lower(
        r"\b(cross[- ](functional|team|org)|across (\w+ )?(teams|functions|orgs|"
        r"departments)|with (the )?(product|design|sales|marketing|finance|legal|support|"
        r"security|data|ops|operations|hr|customer success|partner|platform|mobile|"
        r"backend|frontend) (team|teams|folks|org|leads?)?|(\d+|two|three|four|five|six|"
        r"several|multiple|other|partner) (teams|squads|orgs|departments)|"
        r"stakeholders?|(pm|product manager|designer|data scientist)s? (and|&) "
        r"(eng|engineering|design)|eng(ineering)?,? (and|&) (product|design|support))\b",
        captures=False,
    ),
    "strategy": rx.compile_lower(
        r"\b(strateg(y|ic|ies)|roadmaps?|vision|long[- ]term|multi[- ](year|quarter)|"
        r"okrs?|north[- ]star|annual plan|(\d|three|two|five)[- ]year|next year|"
        r"build[- ]vs[- ]buy|investment case|business case|bets?|market|competitive|"
        r"direction for|principles|operating model|proposal to|proposed (that|a|the|"
        r"moving|replacing|splitting))\b",
        captures=False,
    ),
    "decision": rx.compile_lower(
        r"\b(decided|decision|decisions|chose|choose|chosen|selected|evaluated|"
        r"trade-?offs?|weighed|made the call|go/no-go|recommended|recommendation|"
        r"adr|picked (\w+ )?over|opted|killed|cut (the )?scope|descoped|de-scoped|"
        r"prioriti[sz]ed|said no|over (\w+ ){0,2}after (prototyping|testing|comparing))\b",
        captures=False,
    ),
    "mobilising": rx.compile_lower(
        r"\b(rallied|mobili[sz]ed|motivated|inspired|galvani[sz]ed|got (\w+ ){0,3}"
        r"(teams?|people|everyone|engineers) to|brought together|convinced|persuaded|"
        r"won (\w+ )?(buy-in|support)|buy-in|working group|guild|led (\d+|a team of|"
        r"the team|\w+ teams)|organi[sz]ed (\w+ ){0,2}(hack|team|offsite|volunteers)|"
        r"volunteers|kick-?started|started (a|the) (\w+ ){0,2}(group|guild|initiative|"
        r"program|programme|movement|forum|circle)|aligned (\w+ ){0,2}(teams|everyone|"
        r"leaders|stakeholders)|got buy-in|championed|spearheaded)\b",
        captures=False,
    ),
}


def detect_signals(text: str) -> list[str]:
    """Which next-level signals the text shows, in the fixed order of SIGNALS."""
    # the patterns are case-insensitive through this (rx.compile_lower); a git import's size
    # note is bookkeeping, as for the coach
    low = without_size_note(text).lower()
    return [name for name in SIGNALS if _PATTERNS[name].search(low)]
