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
