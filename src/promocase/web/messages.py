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
    "to": "Hand to",
    "with": "With",
    "decision": "Decision",
    "words": "What was said",
    "ask": "Ask",
    "since": "Since",
}
# Sentences built around an option that read as a command line, worded for a form instead.
_SENTENCES = (
    (re.compile(r"Pass --due with a later date, e\.g\. --due "), "Choose a later due date, e.g. "),
    (re.compile(r"Add --to 'NAME'"), "Fill in “Hand to” with their name"),
)
# Options no form has, as plain advice ("Name it with --column title=HEADER …").
_ADVICE = {
    "column": "Give the column that holds the titles a header such as Title or Summary, "
    "then upload the file again.",
}
_OPTION = re.compile(r"--([a-z][a-z-]*)")
_CODE = re.compile(r"(`[^`]*`)")
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
    "review": ("/review", "Review the suggested links"),
}
# page -> how a sentence names it
PAGE_NAMES = {
    "/ladder": "the Ladder page",
    "/evidence/new": "the Capture page",
    "/evidence": "the Evidence page",
    "/goals": "the Goals page",
    "/conversations": "the Conversations page",
    "/actions": "the Actions page",
    "/assess": "the Assess page",
    "/packet": "the Packet page",
    "/prep": "the Kit page",
    "/resume": "the Resume page",
    "/review": "the Review page",
}
_EXAMPLE = re.compile(r",?\s*\(?(?:e\.g\.|for example)[,:]?\s*`?promocase\s")
_PATH_WORDS = re.compile(r"\bon (/[a-z]+(?:/new)?)\b")


def _field(match: re.Match[str]) -> str:
    name = match.group(1)
    return f"“{FIELD_LABELS.get(name, name.replace('-', ' '))}”"


def _page_words(match: re.Match[str]) -> str:
    path = match.group(1)
    return f"on {PAGE_NAMES[path]}" if path in PAGE_NAMES else match.group(0)


def web_text(text: str) -> str:
    """Options named as form fields: "with --from 'NAME, ROLE'" -> "with “From” 'NAME, ROLE'".
    A command quoted in backticks is left as it is (it is typed in a terminal, not a form)."""
    for pattern, words in _SENTENCES:
        text = pattern.sub(words, text)
    parts = _CODE.split(text)
    return "".join(part if part.startswith("`") else _OPTION.sub(_field, part) for part in parts)


def _advice(hint: str) -> str | None:
    """Plain advice for a hint built on an option no form has."""
    for option in _OPTION.findall(_CODE.sub("", hint)):
        if option in _ADVICE:
            return _ADVICE[option]
    return None


def web_hint(hint: str | None, here: str | None = None) -> str | None:
    """The hint for a page: a command to type becomes the page that does the same, or
    disappears when no page does or the user is on that page already (`here`)."""
    if not hint:
        return None
    advice = _advice(hint)
    if advice:
        return advice
    example = _EXAMPLE.search(hint)
    if example and example.start():  # advice, then a command line as its example
        return web_text(hint[: example.start()].rstrip(" :;,") + ".")
    command = _COMMAND.search(hint)
    if command is None:
        paths = _PATH_WORDS.findall(hint)
        if here and here in paths:
            return None
        return _PATH_WORDS.sub(_page_words, web_text(hint))
    page = PAGES.get(command.group(1))
    if page is None or page[0] == here:
        return None
    return f"{page[1]} on {PAGE_NAMES.get(page[0], page[0])}."


def web_message(exc: PromocaseError, here: str | None = None) -> str:
    """Message and (page-worthy) hint in one line, for a form field's error."""
    hint = web_hint(exc.hint, here)
    message = web_text(exc.message)
    return f"{message} {hint}" if hint else message


# a command in parentheses, or one after a colon up to the end of its sentence
_COMMAND_IN_PARENS = re.compile(r"\s*\(`?promocase\s[^)]*\)")
_COMMAND_AFTER = re.compile(r"[:;]?\s*`?promocase\s(?:[^`.]|\.(?=\S))*`?(?=\.\s|\.?$)")
_EDIT = re.compile(r"\bpromocase edit (\d+)")


def web_step(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A next step from the services for a page: the sentence without the command it
    suggests typing, and (href, label) links to the pages that do the same.

    "Make entry #148 checkable: add the result (promocase edit 148 --outcome …)." ->
    ("Make entry #148 checkable: add the result.", [("/evidence/148/edit", "Edit entry #148")])
    """
    links: list[tuple[str, str]] = []
    for match in _COMMAND.finditer(text):
        edit = _EDIT.match(text, match.start())
        if edit:
            link = (f"/evidence/{edit.group(1)}/edit", f"Edit entry #{edit.group(1)}")
        elif match.group(1) in PAGES:
            link = PAGES[match.group(1)]
        else:
            continue
        if link not in links:
            links.append(link)
    out = _COMMAND_AFTER.sub("", _COMMAND_IN_PARENS.sub("", text)).strip()
    out = re.sub(r"\s+\.", ".", out)
    if out and out[-1] not in ".?!":
        out += "."
    return web_text(out), links


def web_prompt(text: str) -> str:
    """A prompt from the services without the command it suggests typing: the page around it
    offers the way to do it ("… what changed (promocase edit ID --outcome …)." -> "… what
    changed.")."""
    return web_step(text)[0]
