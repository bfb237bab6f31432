"""The compiled-regex cache gives exactly what re.compile gives, from a cold or warm cache."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from promocase.analysis import rx

PATTERNS = [
    (r"\b(?P<verb>helped|assisted)( with)?\b", re.IGNORECASE),
    (r"^\s*(the|our) team\b|^\s*we\b", re.IGNORECASE | re.MULTILINE),
    (r"(?i)caf[ée] \d{2,}", 0),
    (r"[$€£]\s?\d|\d\s?(?:usd|eur)\b", re.IGNORECASE),
]
TEXTS = ["Helped with the launch", "we shipped", "The team did", "CAFÉ 123", "saved $5 and 3 EUR"]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_same_matches_as_re_compile(pattern, flags):
    ours, theirs = rx.compile(pattern, flags), re.compile(pattern, flags)
    assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
        theirs.pattern,
        theirs.flags,
        theirs.groups,
        theirs.groupindex,
    )
    for text in TEXTS:
        assert [m.groups() for m in ours.finditer(text)] == [
            m.groups() for m in theirs.finditer(text)
        ]


def test_a_second_process_reads_the_cache_it_left(tmp_path):
    env = {"PROMOCASE_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    code = (
        "from promocase.analysis import rx; import re; "
        "p = rx.compile(r'\\bmentor(ed|ing)\\b', re.I); "
        "print(bool(p.search('Mentored Sam')), rx._dirty)"
    )
    src = str(__import__("pathlib").Path(rx.__file__).parents[2])
    env["PYTHONPATH"] = src
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.stdout.split() == ["True", "True"]  # compiled and stored
    assert second.stdout.split() == ["True", "False"]  # read back, nothing to store
    files = list(tmp_path.glob("promocase/regex-*.pickle"))
    assert len(files) == 1 and oct(files[0].stat().st_mode & 0o777) == "0o600"


def test_a_corrupt_cache_falls_back_to_compiling(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMOCASE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rx, "_cache", None)
    path = rx._cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert rx.compile(r"\d+").findall("a1b22") == ["1", "22"]
