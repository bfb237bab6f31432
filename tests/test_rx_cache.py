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
    """Every match at the same place, with the same groups (patterns compiled without
    captures, `rx.compile(..., captures=False)`, have none to compare)."""

    def found(p: re.Pattern[str]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
        return [(m.span(), m.groups() if ours.groups else ()) for m in p.finditer(text)]

    assert found(ours) == found(plain), (ours.pattern[:60], text)


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


# -- factored alternations and patterns without captures ---------------------------------------
def _compiled(pattern: str, flags: int = 0, captures: bool = True) -> re.Pattern[str]:
    """rx's code for the pattern, built afresh (the cache is left out of it)."""
    import _sre

    return _sre.compile(pattern, *rx._sre_parts(pattern, flags, captures))


def _top_alternatives(pattern: str, flags: int = 0) -> int:
    """How many alternatives SRE tries first at a position (rx's code, else SRE's own)."""
    from re import _constants as c
    from re import _parser

    parsed = _parser.parse(pattern, flags)
    rx._factor(parsed, flags)
    items = parsed.data
    while items and items[0][0] is c.SUBPATTERN:
        items = items[0][1][3].data
    return len(items[0][1][1]) if items and items[0][0] is c.BRANCH else 1


def test_alternations_are_merged_by_their_first_character():
    pattern = r"(?:now|no longer|stopped|(?:is|are|was) (?:live|done)|shipped|now\b)"
    # n(?:ow|o longer|ow\b), s(?:topped|hipped), and the group distributed: is…, are…, was…
    assert _top_alternatives(pattern) == 5
    ours, plain = _compiled(pattern), re.compile(pattern)
    for text in ["now live", "no longer", "was done", "are live", "stopped now", "shipped"]:
        _same(ours, plain, text)


def test_an_alternative_that_may_start_with_the_letter_keeps_the_order():
    # "\w+" could match where "no" and "now" do: "no" may not move in front of it, while
    # alternatives that open with the same letter are merged in their order.
    assert _top_alternatives(r"now|\w+|no") == 3
    assert _top_alternatives(r"now|n\w+|no") == 1  # n(?:ow|\w+|o)
    for pattern in (r"now|\w+|no", r"now|n\w+|no"):
        _same(_compiled(pattern), re.compile(pattern), "now nothing no")


def test_a_leading_group_is_not_copied_when_what_follows_captures():
    pattern = r"(?:is|are) (live|done)|(?:was|were) now"
    assert _top_alternatives(pattern) == 2  # the first left whole; w(?:as now|ere now)
    ours = _compiled(pattern)
    assert ours.groups == 1
    _same(ours, re.compile(pattern), "is live, are done, were now")


def test_case_insensitive_patterns_are_left_as_sre_compiles_them():
    for pattern, flags in [(r"now|no|Nope", re.IGNORECASE), (r"(?i:now|no)|x", 0)]:
        assert _top_alternatives(pattern, flags) in (2, 3)
        _same(_compiled(pattern, flags), re.compile(pattern, flags), "NOW no nope X")


def test_without_captures_the_matches_are_the_same_and_there_are_no_groups():
    pattern = r"\b(helped( out)?( with| on)?|assisted)\b"
    ours, plain = _compiled(pattern, captures=False), re.compile(pattern)
    assert ours.groups == 0 and ours.groupindex == {}
    text = "Helped out with the launch; assisted, helped on it".lower()
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert ours.sub("-", text) == plain.sub("-", text)
    # A pattern that refers back to a group keeps its captures.
    backref = _compiled(r"(a|b)\1", captures=False)
    assert backref.groups == 1 and backref.search("xbb").span() == (1, 3)


_FIRST = ["n", "no", "now", "o", "w", r"\w+", "[no]", ".", "(?:n|o)", "(n|w)", r"\b", "x?"]
_ATOMS = [
    *_FIRST, " ", "nox", r"\d", "(?:no|now|n)", "(?:o|)", "(?:is|i)", "$", "^", r"\s*",
    "(?=o)", "(a|n)+",
]  # fmt: skip


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    """Alternations whose alternatives often open alike (the same letter, or a class or
    repeat that can also take it), so that merging them in the wrong order would show."""
    alternative = st.tuples(
        st.sampled_from(_FIRST), st.lists(st.sampled_from(_ATOMS), max_size=3)
    ).map(lambda t: t[0] + "".join(t[1]))
    body = "|".join(draw(st.lists(alternative, min_size=1, max_size=7)))
    wrap = draw(st.sampled_from(["{}", "({})", "(?:{})", r"\b({})\b", "({})+", "(?:{}) x"]))
    return wrap.format(body)


@settings(max_examples=800, deadline=None)
@given(_patterns(), st.text(alphabet=st.sampled_from(list("nowxi a1")), max_size=20))
def test_factored_code_matches_as_re_does_for_any_pattern(pattern, text):
    plain = re.compile(pattern)
    _same(_compiled(pattern), plain, text)
    _same(_compiled(pattern, captures=False), plain, text)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<=ab|cd)x",  # alternations inside look-behinds keep their fixed width
        r"(?<!no|ne)t",
        r"(a)?(?(1)b|c)",  # a conditional group
        r"(a|b)\1",  # a back-reference keeps its group, captures or not
        r"(?P<w>no|now)\b(?P=w)?",
        r"(?>ab|a)c",  # atomic: the first alternative that matches is kept
        r"(?:ab|a)*+c",  # possessive
        r"(?m)^(?:no|now)$",
        r"(?i:no|NOW)|x",  # case-insensitive inside: left alone
        r"(?:a|ab)(?:c|bcd)d*",  # backtracking across two merged alternations
        r"a||b",  # empty alternatives
        r"(?=a)ab|ac",  # a look-ahead first: may start with anything, nothing moves past it
    ],
)
def test_tricky_constructs_match_as_re_does(pattern):
    import random

    rng = random.Random(pattern)
    texts = [
        "".join(rng.choice("abcdnowxt \n") for _ in range(rng.randint(0, 12))) for _ in range(400)
    ]
    texts += ["now", "no now", "abcd", "cdx abx", "NOW no"]
    plain = re.compile(pattern)
    for captures in (True, False):
        ours = _compiled(pattern, captures=captures)
        for text in texts:
            _same(ours, plain, text)


def test_a_full_cache_compiles_the_plain_way_without_parsing_twice(monkeypatch):
    """Past MAX_ENTRIES (patterns built from user data) nothing more is cached, so the slow
    parse that would feed the cache is skipped, not done and thrown away."""
    full = {(f"p{i}", 0, True): () for i in range(rx.MAX_ENTRIES)}
    monkeypatch.setattr(rx, "_load", lambda: full)
    parsed = []
    real = rx._sre_parts
    monkeypatch.setattr(rx, "_sre_parts", lambda *a, **k: parsed.append(a) or real(*a, **k))
    pattern = rx.compile(r"\bnew (pattern|one)\b", re.IGNORECASE)
    assert pattern.search("A NEW one") and parsed == [] and len(full) == rx.MAX_ENTRIES
