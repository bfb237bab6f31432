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
from typing import Any

_KEY = (
    f"{sys.implementation.cache_tag}-{getattr(re, '_constants', None) and re._constants.MAGIC}"
    "-s1"  # s1: code with start sets (_with_start_set); older cached code lacks them
)
_cache: dict[tuple[str, int], tuple[Any, ...]] | None = None
_dirty = False
MAX_ENTRIES = 400  # patterns built from user data must not grow the file without end


def _cache_file() -> Path:
    base = os.environ.get("PROMOCASE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "promocase" / f"regex-{_KEY}.pickle"


def _load() -> dict[tuple[str, int], tuple[Any, ...]]:
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


def _sre_parts(pattern: str, flags: int) -> tuple[Any, ...]:
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _with_start_set(parsed, flags, _compiler._code(parsed, flags))]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


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


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - mirrors re.compile
    """Like `re.compile`, reusing the compiled code from earlier runs when it is cached."""
    global _dirty
    flags = int(flags)
    try:
        import _sre

        cache = _load()
        parts = cache.get((pattern, flags))
        if parts is None:
            parts = _sre_parts(pattern, flags)
            if len(cache) >= MAX_ENTRIES:
                return re.compile(pattern, flags)
            cache[(pattern, flags)] = parts
            if not _dirty:
                _dirty = True
                atexit.register(_save)
        compiled: re.Pattern[str] = _sre.compile(pattern, *parts)
        return compiled
    except Exception:  # noqa: BLE001 - any mismatch with this interpreter: the plain way
        return re.compile(pattern, flags)


_ESCAPE = re.compile(r"\\.")


def compile_lower(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern for text the caller has already lowercased (`str.lower`).

    SRE matches IGNORECASE patterns a character at a time through case folding, which made
    the coach's patterns four to five times slower than the same pattern over lowercased text.
    The pattern must be written in lowercase (escapes such as \\b or \\S aside): an
    uppercase letter could never match lowercased text, so it is refused here.
    """
    letters = _ESCAPE.sub("", pattern)
    if letters != letters.lower():
        raise ValueError(f"compile_lower needs a lowercase pattern: {pattern[:60]!r}")
    return compile(pattern)
