"""Regular expressions compiled once per machine, not once per process.

The coach, the signals and the matcher compile a few dozen patterns; parsing them costs about
20 ms in every `promocase add`. The compiled form (CPython's SRE code) is kept in a small
cache file keyed by the interpreter version and rebuilt whenever anything does not fit, so the
worst case is the plain `re.compile`.
"""

from __future__ import annotations

import atexit
import os
import pickle
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

_KEY = (
    f"{sys.implementation.cache_tag}-{getattr(re, '_constants', None) and re._constants.MAGIC}"
    # s1: code with start sets (_with_start_set); s2: factored alternations and patterns
    # without captures (_factor, `captures`). Code cached by older versions lacks them.
    "-s2"
)
_cache: dict[tuple[str, int, bool], tuple[Any, ...]] | None = None
_dirty = False
MAX_ENTRIES = 400  # patterns built from user data must not grow the file without end


def _cache_file() -> Path:
    base = os.environ.get("PROMOCASE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "promocase" / f"regex-{_KEY}.pickle"


def _load() -> dict[tuple[str, int, bool], tuple[Any, ...]]:
    global _cache
    if _cache is None:
        _cache = {}
        try:
            with open(_cache_file(), "rb") as fh:
                data = pickle.load(fh)  # noqa: S301 - our own file, private to the user
            if isinstance(data, dict):
                _cache = data
        except Exception:  # noqa: BLE001 - no cache or an unreadable one: compile afresh
            pass
    return _cache


def _save() -> None:
    if not _dirty or _cache is None:
        return
    try:
        path = _cache_file()
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(_cache, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - a read-only home only costs the compile time next run
        try:
            tmp.unlink(missing_ok=True)
        except (OSError, UnboundLocalError):
            pass


def _sre_parts(pattern: str, flags: int, captures: bool = True) -> tuple[Any, ...]:
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    groups = parsed.state.groups
    groupindex = dict(parsed.state.groupdict)
    if not captures and _drop_captures(parsed.data):
        groups, groupindex = 1, {}
    _factor(parsed, flags)
    code = [int(op) for op in _with_start_set(parsed, flags, _compiler._code(parsed, flags))]
    indexgroup: list[str | None] = [None] * groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        code,
        groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _drop_captures(seq: Any) -> bool:
    """Make every capturing group of the parsed pattern a plain group, in place; False (and
    nothing changed) when the pattern refers back to a group, which then needs its captures.

    Capturing costs: SRE saves and restores the marks of every group at each alternative it
    tries, which made the coach's largest pattern twice as slow as the same one without."""
    from re import _constants as c

    refs = {c.GROUPREF, c.GROUPREF_EXISTS, getattr(c, "GROUPREF_IGNORE", c.GROUPREF)}

    def drop(items: Any) -> None:
        for i, (op, av) in enumerate(items):
            if op is c.SUBPATTERN and av[0] is not None:
                items[i] = (op, (None, *av[1:]))
            for sub in _subpatterns(op, av):
                drop(sub.data)

    if _contains(seq, lambda op, _av: op in refs):
        return False
    drop(seq)
    return True


def _contains(items: Any, test: Callable[[Any, Any], bool]) -> bool:
    """Whether any item of the parsed pattern, at any depth, passes `test(op, av)`."""
    return any(
        test(op, av) or any(_contains(sub.data, test) for sub in _subpatterns(op, av))
        for op, av in items
    )


def _subpatterns(op: Any, av: Any) -> list[Any]:
    """The parsed subpatterns directly inside one item of a parsed pattern."""
    from re import _constants as c

    if op is c.BRANCH:
        return list(av[1])
    if op is c.SUBPATTERN:
        return [av[3]]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return [av[2]]
    if op is c.ATOMIC_GROUP:
        return [av]
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [av[1]]
    if op is c.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


_MAX_ALTERNATIVES = 256  # per alternation, after distributing leading groups (code size)
_MAX_DISTRIBUTED = 8  # alternatives of a leading group that may be distributed


def _factor(parsed: Any, flags: int) -> None:
    """Rewrite every alternation of the parsed pattern, in place, so SRE tries fewer
    alternatives at each position, with exactly the same matches and groups.

    SRE tries the alternatives of `a|b|…` one by one at each position; it skips one that
    opens with a literal or a class not matching the next character at little cost, but
    enters every other one (a group first: `(is|are|was) …`). The coach's largest pattern
    has 79 alternatives, so most of its time went into trying them at each word. Two
    rewrites change that:

    - a leading plain group of a few alternatives is distributed: `(?:is|are) X` becomes
      `is X|are X` (the same order of trial and backtracking), unless X captures;
    - alternatives that open with the same literal are merged into one that opens with it:
      `no X|now Y|stopped` becomes `no(?:X|w Y)|stopped`, recursively (a trie). Moving an
      alternative forward past others is safe when none of those can start with its first
      character: at any position, only alternatives that can start with the next character
      are tried, and their order is kept.

    Patterns matched case-insensitively are left alone (a literal then stands for more than
    one character)."""
    from re import _constants as c

    if (flags | parsed.state.flags) & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_LOCALE):
        return
    _factor_items(parsed)


def _factor_items(sub: Any) -> None:
    from re import _constants as c

    out = []
    for op, av in sub.data:
        if op is c.SUBPATTERN and av[1] & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_LOCALE):
            out.append((op, av))  # case-insensitive inside: leave it as it is
            continue
        if op is c.GROUPREF_EXISTS:
            out.append((op, av))
            continue
        for inner in _subpatterns(op, av):
            _factor_items(inner)
        if op is c.BRANCH:
            alternatives = _factored(sub.state, list(av[1]))
            if len(alternatives) == 1:
                out += alternatives[0].data  # a single alternative left: no branch needed
                continue
            out.append((op, (None, alternatives)))
        else:
            out.append((op, av))
    sub.data = out


def _factored(state: Any, alternatives: list[Any]) -> list[Any]:
    from re import _constants as c
    from re import _parser  # type: ignore[attr-defined]

    distributed = _distribute(state, alternatives)
    if len(distributed) <= _MAX_ALTERNATIVES:
        alternatives = distributed
    buckets: list[tuple[int | None, list[Any]]] = []
    open_at: dict[int, int] = {}  # first character -> its bucket, while one may join it
    for alt in alternatives:
        if alt.data and alt.data[0][0] is c.LITERAL:
            char = alt.data[0][1]
            at = open_at.get(char)
            if at is None:
                open_at[char] = len(buckets)
                buckets.append((char, [alt]))
            else:
                buckets[at][1].append(alt)
            continue
        firsts = _first_chars(alt)
        if firsts is None:
            open_at.clear()  # it may start with anything: nothing may move past it
        else:
            for char in firsts:
                open_at.pop(char, None)
        buckets.append((None, [alt]))
    result = []
    for char, members in buckets:
        if char is None or len(members) == 1:
            result.append(members[0])
            continue
        # the members' items were factored already (_factor_items works inside out)
        rests = [_parser.SubPattern(state, list(m.data[1:])) for m in members]
        inner = _factored(state, rests)
        items: list[Any] = [(c.LITERAL, char)]
        items += inner[0].data if len(inner) == 1 else [(c.BRANCH, (None, inner))]
        result.append(_parser.SubPattern(state, items))
    return result


def _distribute(state: Any, alternatives: list[Any]) -> list[Any]:
    """`(?:a|b)X` as `aX|bX`, for each alternative that opens with a plain (non-capturing,
    flag-free) group of at most _MAX_DISTRIBUTED alternatives and whose rest X captures
    nothing (a copy of a capturing group would capture twice)."""
    from re import _constants as c
    from re import _parser

    out: list[Any] = []
    for alt in alternatives:
        lead = alt.data[0] if alt.data else None
        inner = None
        if lead is not None and lead[0] is c.SUBPATTERN:
            group, add_flags, del_flags, body = lead[1]
            if (
                group is None
                and not add_flags
                and not del_flags
                and len(body.data) == 1
                and body.data[0][0] is c.BRANCH
            ):
                inner = body.data[0][1][1]
        elif lead is not None and lead[0] is c.BRANCH:
            inner = lead[1][1]
        rest = alt.data[1:]
        if inner is None or len(inner) > _MAX_DISTRIBUTED or _captures(rest):
            out.append(alt)
            continue
        out += _distribute(state, [_parser.SubPattern(state, [*a.data, *rest]) for a in inner])
    return out


def _captures(items: Any) -> bool:
    from re import _constants as c

    return _contains(
        items,
        lambda op, av: (op is c.SUBPATTERN and av[0] is not None) or op is c.GROUPREF_EXISTS,
    )


def _first_chars(alt: Any) -> set[int] | None:
    """The characters a match of this alternative can start with; None when it could be
    anything (or nothing: an alternative that can match empty)."""
    from re import _constants as c

    items, can_be_empty = _start_set(alt.data)
    if items is None or can_be_empty:
        return None
    chars: set[int] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(av)
        elif op is c.RANGE and av[1] - av[0] < 1024:
            chars.update(range(av[0], av[1] + 1))
        else:  # a category (\d, \w…): too many to list
            return None
    return chars


def _with_start_set(parsed: Any, flags: int, code: list[Any]) -> list[Any]:
    """`code` with the set of characters a match can start with in its info block, when SRE
    found neither a literal prefix nor such a set itself.

    SRE works out that set only when the pattern opens with a literal, a class or a branch of
    literals, so `\\b(helped|assisted|…)` or `(\\d+%|\\bfrom …)` are tried at every
    position of the text. Zero-width assertions consume nothing, so the first character of
    any match is the first character one of the alternatives consumes; with that set in the
    info block SRE skips every other position, as it does for patterns it can analyse. The
    set is only ever a superset of the true one, so matches are unchanged (tests compare
    every match of every pattern on thousands of texts with plain `re`).
    """
    from re import _compiler
    from re import _constants as c

    flags = parsed.state.flags | flags
    lo, hi = parsed.getwidth()
    if (
        not code
        or code[0] != c.INFO
        or code[2] & (c.SRE_INFO_PREFIX | c.SRE_INFO_CHARSET)
        or flags & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_LOCALE)
        or lo == 0
    ):
        return code
    first = parsed.data[0] if parsed.data else None
    if first and first[0] is c.AT and first[1] in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
        return code  # anchored: SRE tries position 0 only, which is cheaper still
    items, can_be_empty = _start_set(parsed.data)
    if items is None or can_be_empty:
        return code
    charset, _cased = _compiler._optimize_charset(items)
    info = [c.INFO, 0, c.SRE_INFO_CHARSET, min(lo, _compiler.MAXCODE), min(hi, _compiler.MAXCODE)]
    _compiler._compile_charset(charset, flags, info)
    info[1] = len(info) - 1
    return info + code[code[1] + 1 :]


def _start_set(seq: Any) -> tuple[list[Any] | None, bool]:
    """(charset items a match of this sequence can start with, whether it can match empty);
    None when any character could start it, or for anything not understood."""
    from re import _constants as c

    items: list[Any] = []
    for op, av in seq:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the next op consumes the first character
        if op is c.LITERAL:
            return items + [(c.LITERAL, av)], False
        if op is c.IN:
            if any(o is c.NEGATE for o, _ in av):
                return None, False
            return items + list(av), False
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return None, False
            found, empty = _start_set(sub.data)
        elif op is c.ATOMIC_GROUP:
            found, empty = _start_set(av.data)
        elif op is c.BRANCH:
            found, empty = [], False
            for branch in av[1]:
                part, part_empty = _start_set(branch.data)
                if part is None:
                    return None, False
                found += part
                empty = empty or part_empty
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _high, sub = av
            found, empty = _start_set(sub.data)
            empty = empty or low == 0
        else:  # ANY, NOT_LITERAL, group references, conditionals…
            return None, False
        if found is None:
            return None, False
        items += found
        if not empty:
            return items, False
    return items, True


def compile(  # noqa: A001 - mirrors re.compile
    pattern: str, flags: int = 0, *, captures: bool = True
) -> re.Pattern[str]:
    """Like `re.compile`, reusing the compiled code from earlier runs when it is cached.

    With `captures=False` the groups only group: matches are the same, but the pattern has
    no groups to read back (`.group(0)`, spans, `search` and `sub` without references to a
    group work as before), and SRE tries alternatives without saving marks, much faster."""
    global _dirty
    flags = int(flags)
    try:
        import _sre

        cache = _load()
        key = (pattern, flags, captures)
        parts = cache.get(key)
        if parts is None:
            if len(cache) >= MAX_ENTRIES:  # full: compile the plain way, without parsing twice
                return re.compile(pattern, flags)
            parts = _sre_parts(pattern, flags, captures)
            cache[key] = parts
            if not _dirty:
                _dirty = True
                atexit.register(_save)
        compiled: re.Pattern[str] = _sre.compile(pattern, *parts)
        return compiled
    except Exception:  # noqa: BLE001 - any mismatch with this interpreter: the plain way
        return re.compile(pattern, flags)


_ESCAPE = re.compile(r"\\.")


def compile_lower(pattern: str, *, captures: bool = True) -> re.Pattern[str]:
    """A case-insensitive pattern for text the caller has already lowercased (`str.lower`).

    SRE matches IGNORECASE patterns a character at a time through case folding, which made
    the coach's patterns four to five times slower than the same pattern over lowercased text.
    The pattern must be written in lowercase (escapes such as \\b or \\S aside): an
    uppercase letter could never match lowercased text, so it is refused here.
    """
    letters = _ESCAPE.sub("", pattern)
    if letters != letters.lower():
        raise ValueError(f"compile_lower needs a lowercase pattern: {pattern[:60]!r}")
    return compile(pattern, captures=captures)
