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

_KEY = f"{sys.implementation.cache_tag}-{getattr(re, '_constants', None) and re._constants.MAGIC}"
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
    code = [int(op) for op in _compiler._code(parsed, flags)]  # plain ints pickle
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
