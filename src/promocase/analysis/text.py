"""Tokens for matching: lowercase words, stop words removed, a light suffix stemmer.

The same function runs over evidence and ladder text, so both sides meet on the same stems.
"""

from __future__ import annotations

from functools import lru_cache

from promocase.analysis import rx

_WORD = rx.compile_lower(r"[a-z0-9]+(?:[+#]+|(?:[.'][a-z0-9]+)*)")  # over lowercased text

STOP_WORDS = frozenset(
    """a about above across after again against all also am an and any are as at be because
    been before being below between both but by can could did do does doing done down during
    each either etc even ever every few for from further get got had has have having he her
    here hers herself him himself his how i if in into is it its itself just least less let
    like ll made make makes many may me might more most much must my myself no nor not now of
    off on once one only or other others our ours ourselves out over own per quite rather re
    s same she should so some such than that the their theirs them themselves then there these
    they this those though through thus to too under until up upon us use used uses using ve
    very via was we well were what when where whether which while who whom whose why will
    with within without would yet you your yours yourself""".split()
)

_SUFFIXES = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("isation", "ize"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ising", "ize"),
    ("izing", "ize"),
    ("ised", "ize"),
    ("ized", "ize"),
    ("ises", "ize"),
    ("izes", "ize"),
    ("ise", "ize"),
    ("fulness", "ful"),
    ("iveness", "ive"),
    ("ness", ""),
    ("ments", ""),
    ("ment", ""),
    ("ingly", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ly", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
)


# Words the suffix rules would fold into a different word: a commitment (a promise to deliver)
# is not a commit (a change to code), which every git import's "(3 commits, …)" names; a source
# (of data, of code, of truth) is not sourcing candidates; a state (of an app, of the work) or a
# statement (financial, of work) is not stats; an insurance or message broker is not someone who
# brokered an agreement.
_EXCEPTIONS = {
    "commitment": "commitment",
    "commitments": "commitment",
    "source": "source",
    "sources": "source",
    "state": "state",
    "states": "state",
    "stated": "state",
    "stating": "state",
    "statement": "statement",
    "statements": "statement",
    "logged": "logged",
    "brokered": "brokered",
    "brokering": "brokering",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, deterministic stem: 'mentored', 'mentoring', 'mentors' → 'mentor'."""
    w = word.lower().replace("'", "")
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            if suffix in ("ing", "ings") and not any(c in "aeiouy" for c in w[: -len(suffix)]):
                continue  # Porter's vowel rule: 'spring', 'string' are no verb + -ing
            base = w[: -len(suffix)] + repl
            # 'planned' → 'plan', 'shipping' → 'ship'
            if not repl and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base[:-1] if len(base) > 3 and base.endswith("e") else base
    return w[:-1] if w.endswith("e") else w


_MONEY = rx.compile_lower(r"[$€£]\s?\d|\d\s?(?:usd|eur|gbp)\b")
# The size note a git import ends each entry with: "(3 commits, 5 files, +120/−30 lines in api)".
# Files at the top of a repository count as the area "(root)".
SIZE_NOTE = rx.compile(
    r"\s*\(\d+ commits?, \d+ files?, \+\d+/[−-]\d+ lines(?: in (?:[^()]|\(root\))*)?\)\s*$",
    captures=False,
)


def without_size_note(text: str) -> str:
    """The text without a git import's size note: how many commits, files and lines says
    nothing about which kind of work it was (its "commit", "files" and numbers only pulled
    every imported entry the same way). Import-genre dev set 46 -> 49 of 70 top-1, check
    39 -> 40 (top-3 58 -> 60)."""
    if not text.endswith(")") or "lines" not in text:
        return text
    found = SIZE_NOTE.search(text)
    return text[: found.start()] if found else text


def words(text: str) -> list[str]:
    """Lowercase word tokens in order (keeps c++, c#, node.js as single words).

    An amount of money becomes the word 'money' so that "$400k" can mean impact.
    """
    text = text.lower()
    if not text.isascii():  # 'İ' lowers to 'i' + a combining dot, which would split the word
        text = text.replace("\u0307", "")
    amounts = len(_MONEY.findall(text))
    if amounts:
        text += " money" * amounts
    return _WORD.findall(text)


def stems(text: str) -> list[str]:
    """Stems of the words of `text` in order, including stop words (for phrase matching)."""
    return [stem(w) for w in words(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the words of `text` without stop words (for lexical ranking)."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]
