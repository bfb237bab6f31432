"""Error messages from the services, worded for the web pages.

The services speak the command line's language ("Say who said it with --from 'NAME, ROLE'",
"Start with: promocase init …"). On a page, an option becomes the name of the form field and
a hint that is a command to type is left out (the page offers its own way forward).
"""

from __future__ import annotations

import re

from promocase.core.errors import PromocaseError

# option -> how the web forms label the field
FIELD_LABELS = {
    "from": "From",
    "metric": "Metric",
    "outcome": "Outcome",
    "date": "Date",
    "role": "Your role",
    "scope": "Scope",
    "link": "Links",
    "tag": "Tags",
    "criterion": "Criteria",
    "verdict": "verdict",
    "baseline": "Baseline",
    "target": "Target",
    "due": "Due",
    "hours": "Hours",
    "to": "Delegate to",
    "with": "With",
    "decision": "Decision",
    "words": "What was said",
    "ask": "Ask",
}
_OPTION = re.compile(r"--([a-z][a-z-]*)")
_COMMAND = re.compile(r"\bpromocase ([a-z]+)")
# command -> (page, what to do there), for hints that tell the user what to run next
PAGES = {
    "init": ("/ladder", "Choose a ladder"),
    "ladder": ("/ladder", "Choose a ladder and your levels"),
    "add": ("/evidence/new", "Capture an entry"),
    "praise": ("/evidence/new", "Record praise"),
    "goal": ("/goals", "Add a goal"),
    "conversation": ("/conversations", "Log the conversation"),
    "action": ("/actions", "See your actions"),
    "assess": ("/assess", "Assess yourself"),
    "packet": ("/packet", "Open the packet"),
    "prep": ("/prep", "Open the conversation kit"),
    "resume": ("/resume", "Open the resume"),
}


def _field(match: re.Match[str]) -> str:
    name = match.group(1)
    return f"“{FIELD_LABELS.get(name, name.replace('-', ' '))}”"


def web_text(text: str) -> str:
    """Options named as form fields: "with --from 'NAME, ROLE'" -> "with “From” 'NAME, ROLE'"."""
    return _OPTION.sub(_field, text)


def web_hint(hint: str | None) -> str | None:
    """The hint for a page: a command to type becomes the page that does the same, or
    disappears when no page does."""
    if not hint:
        return None
    command = _COMMAND.search(hint)
    if command is None:
        return web_text(hint)
    page = PAGES.get(command.group(1))
    return f"{page[1]} on {page[0]}." if page else None


def web_message(exc: PromocaseError) -> str:
    """Message and (page-worthy) hint in one line, for a form field's error."""
    hint = web_hint(exc.hint)
    message = web_text(exc.message)
    return f"{message} {hint}" if hint else message


_COMMAND_IN_PARENS = re.compile(r"\s*\(`?promocase\s[^)]*\)")
_COMMAND_AT_END = re.compile(r"[:;]?\s*`?promocase\s.*$")


def web_prompt(text: str) -> str:
    """A prompt from the services without the command it suggests typing: the page around it
    offers the way to do it ("… what changed (promocase edit ID --outcome …)." -> "… what
    changed.")."""
    out = _COMMAND_AT_END.sub("", _COMMAND_IN_PARENS.sub("", text)).rstrip()
    if out and out[-1] not in ".?!":
        out += "."
    return web_text(out)
