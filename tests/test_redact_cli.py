"""`promocase redact`: the list of what packets and resumes hide when shared."""

from __future__ import annotations

import json


def test_terms_are_added_once_removed_and_used_by_the_packet(acme_ws, run):
    acme_ws.close()
    added = run("redact", "add", "Acme", "Dana  Li", "acme")
    assert "Will hide: Acme, Dana Li." in added.output and "1 already" in added.output
    run("redact", "numbers", "on")
    assert json.loads(run("redact", "list", "--json").output) == {
        "terms": ["Acme", "Dana Li"],
        "numbers": True,
    }
    shown = run("redact", "try", "Dana Li asked ACME for a 40% cut; Acmeville stays").output
    assert shown.strip() == "[redacted] asked [redacted] for a [n] cut; Acmeville stays"
    run("add", "Cut Acme's invoice costs by 40% with Dana Li", "-c", "delivery")
    assert "Dana Li" in run("packet", "--format", "md").output
    packet = run("packet", "--format", "md", "--redact").output
    assert "Acme" not in packet.replace("Acmeville", "") and "Dana Li" not in packet
    run("redact", "remove", "acme")
    assert json.loads(run("redact", "list", "--json").output)["terms"] == ["Dana Li"]


def test_removing_an_unknown_term_says_so_and_changes_nothing(ws, run):
    ws.close()
    run("redact", "add", "Acme")
    result = run("redact", "remove", "Bob", "acme", ok=False)
    assert "Not on the redaction list: 'Bob'" in result.output
    assert json.loads(run("redact", "list", "--json").output)["terms"] == ["Acme"]


def test_empty_and_overlong_terms_are_refused(ws, run):
    ws.close()
    assert "empty" in run("redact", "add", "  ", ok=False).output
    assert "at most" in run("redact", "add", "x" * 300, ok=False).output
    assert json.loads(run("redact", "list", "--json").output)["terms"] == []


def test_every_figure_is_hidden_wherever_it_stands_in_a_sentence():
    """Numbers ending a sentence or followed by a comma leaked ("We saved 250.")."""
    from hypothesis import given
    from hypothesis import strategies as st

    from promocase.render.redact import redact

    figures = st.one_of(
        st.integers(0, 10**9).map(str),
        st.integers(1000, 10**9).map(lambda n: f"{n:,}"),
        st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.1f}"),
        st.integers(0, 999).map(lambda n: f"${n}k"),
        st.integers(0, 100).map(lambda n: f"{n}%"),
        st.integers(0, 5000).map(lambda n: f"{n} ms"),
    )
    after = st.sampled_from([".", ",", ";", ")", "", " and more", ".\nNext", "!", ":"])
    before = st.sampled_from(["", "saved ", "(", "cut from ", "I exceeded "])

    @given(before, figures, after)
    def check(pre, figure, post):
        out = redact(f"{pre}{figure}{post}", [], numbers=True)
        assert not any(ch.isdigit() for ch in out), out
        assert out.endswith(post)  # the punctuation after a figure is kept

    check()
    assert redact("I exceeded 1, met 0 and missed 0.", [], numbers=True) == (
        "I exceeded [n], met [n] and missed [n]."
    )
    assert redact("Upgraded to v1.2.3", [], numbers=True) == "Upgraded to v1.2.3"


def test_a_full_name_added_suggests_adding_its_parts(ws, run):
    ws.close()
    out = run("redact", "add", "Noor Haddad", "Acme").output
    assert 'promocase redact add "Noor" "Haddad"' in out
    again = run("redact", "add", "Dana Li", "Dana").output
    assert "promocase redact add" not in again  # 'Li' is too short, 'Dana' is listed
