"""The compiled-regex cache gives exactly what re.compile gives, from a cold or warm cache."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# -- start sets: SRE skips positions no match can start at -------------------------------------
def _product_patterns() -> list[re.Pattern[str]]:
    from promocase.analysis import mapping, measurability, signals, text

    found = [p for m in (measurability, text, mapping) for p in vars(m).values()]
    found += list(signals._PATTERNS.values())
    return [p for p in found if isinstance(p, re.Pattern)]


def _corpus() -> list[str]:
    import json
    from pathlib import Path

    texts = list(TEXTS)
    root = Path(__file__).parents[1]
    for path in [*root.glob("tests/data/*.jsonl"), *root.glob("benchmarks/devsets/*.jsonl")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            for key in ("text", "entry", "feedback"):
                if isinstance(row, dict) and isinstance(row.get(key), str):
                    texts += [row[key], row[key].lower()]
    return texts


def _sre_own_code(pattern: str, flags: int) -> list[int]:
    """The code SRE itself compiles for the pattern, without a start set of ours."""
    from re import _compiler, _parser

    return [int(op) for op in _compiler._code(_parser.parse(pattern, flags), flags)]


def _same(ours: re.Pattern[str], plain: re.Pattern[str], text: str) -> None:
    assert [(m.span(), m.groups()) for m in ours.finditer(text)] == [
        (m.span(), m.groups()) for m in plain.finditer(text)
    ], (ours.pattern[:60], text)


def test_every_product_pattern_matches_exactly_as_re_does_on_the_dev_texts():
    patterns = _product_patterns()
    texts = _corpus()
    assert len(patterns) > 25 and len(texts) > 3000
    with_start_set = 0
    for ours in patterns:
        plain = re.compile(ours.pattern, ours.flags)
        for text in texts:
            _same(ours, plain, text)
        code = rx._sre_parts(ours.pattern, ours.flags)[1]
        fresh = _sre_own_code(ours.pattern, ours.flags)
        with_start_set += code != fresh
    assert with_start_set >= 15  # most of the coach's patterns gain a start set


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("abdefhilmnorstuwy0123456789 .;,:%$→()-/#é\n")),
        max_size=80,
    )
)
def test_product_patterns_match_as_re_does_on_any_text(text):
    for ours in _product_patterns():
        _same(ours, re.compile(ours.pattern, ours.flags), text)


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (r"\b(helped|assisted)\b", "ah"),
        (r"(?<!\w)(\d|x)%", "0123456789x"),
        (r"(un)?done\b", "du"),
        (r"\b(?:no|0) (bugs|errors)", "0n"),
    ],
)
def test_start_sets_hold_the_first_characters_of_every_alternative(pattern, starts):
    from re import _constants as c
    from re import _parser

    items, empty = rx._start_set(_parser.parse(pattern, 0).data)
    assert items is not None and not empty
    chars = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE:
            chars.update(chr(x) for x in range(av[0], av[1] + 1))
        else:
            assert op is c.CATEGORY and av is c.CATEGORY_DIGIT
            chars.update("0123456789")
    assert "".join(sorted(chars)) == starts
    assert rx._sre_parts(pattern, 0)[1] != _sre_own_code(pattern, 0)  # the set is used
    ours, plain = rx.compile(pattern), re.compile(pattern)
    for text in ["helped, assisted", "12% x% 5", "undone done", "no bugs, 0 errors"]:
        _same(ours, plain, text)


@pytest.mark.parametrize(
    "pattern",
    [
        r"^\W*we\b",  # anchored: SRE tries the start only, which is cheaper
        r"x*",  # can match empty
        r"\b(?:a|.b)",  # any character can start it
        r"[^a]b",  # a negated class
        r"mentor(ed|ing)",  # SRE's own literal prefix is better
    ],
)
def test_no_start_set_where_it_cannot_help_or_be_sure(pattern):
    assert rx._sre_parts(pattern, 0)[1] == _sre_own_code(pattern, 0)
