"""XSS payloads in every user field: none may come back as markup (reliability.md §3)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(1)></iframe>",
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "</textarea><script>alert(1)</script>",
    "<b>x",
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "javascript:alert(1)",
]
# <svg> is allowed: the readiness charts are SVG (their attributes are still checked).
FORBIDDEN_TAGS = {"iframe", "img", "b", "object", "embed", "math", "base", "foreignobject"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data"}


class Scanner(HTMLParser):
    """Collects anything in a page that could run script or that the payloads would create."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and names.get("src") != "/static/htmx.min.js":
            self.problems.append(f"<script {attrs}>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in URL_ATTRS and value:
                lowered = value.strip().lower()
                if lowered.startswith(("javascript:", "vbscript:", "data:")):
                    self.problems.append(f"{tag} {name}={value}")


def assert_safe(html: str, where: str) -> None:
    scanner = Scanner()
    scanner.feed(html)
    assert scanner.problems == [], f"{where}: {scanner.problems}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_every_evidence_field_is_escaped(web, payload):
    added = web.post(
        "/evidence",
        {"text": payload, "outcome": payload, "tags": payload, "links": payload},
    )
    assert added.status_code == 303, added.text
    entry = added.headers["location"].split("?")[0]
    praise = web.post("/evidence", {"text": payload, "kind": "praise", "from": payload})
    assert praise.status_code == 303
    # Fields that fail validation echo the input in the form and in the error.
    bad = web.post("/evidence", {"text": payload, "metric": payload, "date": payload})
    assert bad.status_code == 400
    assert_safe(bad.text, "capture error")
    for path in (
        "/",
        "/evidence",
        entry,
        entry + "/edit",
        "/evidence?kind=praise",
        "/evidence?q=" + payload,
        "/evidence?tag=" + payload + "&since=" + payload + "&until=" + payload,
    ):
        response = web.get(path)
        assert response.status_code == 200, path
        assert_safe(response.text, path)
    # htmx partials too
    partial = web.client.post(
        "/evidence",
        data={"text": payload},
        headers={"X-CSRF-Token": web.csrf, "HX-Request": "true"},
    )
    assert_safe(partial.text, "capture partial")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_a_pasted_ladder_is_escaped(web, payload):
    ladder = {
        "name": "Evil " + payload,
        "description": payload,
        "levels": [{"id": "A1", "name": payload}, {"id": "A2", "name": "Two"}],
        "criteria": [
            {"id": "c1", "name": payload, "area": payload, "expectations": {"A1": payload}}
        ],
    }
    response = web.post(
        "/ladder/import", {"text": json.dumps(ladder), "format": "json", "activate": "on"}
    )
    assert response.status_code == 303, response.text
    for path in (response.headers["location"], "/ladder?level=A1", "/", "/evidence"):
        page = web.get(path)
        assert page.status_code == 200
        assert_safe(page.text, path)
    # Unparsable paste comes back in the textarea, escaped.
    bad = web.post("/ladder/import", {"text": payload, "format": "yaml"})
    assert_safe(bad.text, "ladder import error")


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_payload_in_goals_triage_and_plans_is_escaped(web, payload):
    web.post(
        "/goals",
        {"title": payload, "baseline": "1", "target": "5", "unit": payload, "due": "in 30 days"},
    )
    web.post("/triage", {"title": payload, "urgency": "4", "importance": "2", "hours": "2"})
    web.post("/triage/1/decide", {"decision": "delegate", "delegate_to": payload})
    web.post("/plan", {"title": payload, "horizon": "90d", "measure": payload})
    bad = web.post("/goals", {"title": payload, "baseline": payload, "target": "1", "due": payload})
    assert_safe(bad.text, "goal error")
    page = web.get("/goals")
    assert page.status_code == 200
    assert_safe(page.text, "/goals")


def test_a_title_of_b_x_renders_escaped(web):
    web.post("/evidence", {"text": "<b>x"})
    assert "&lt;b&gt;x" in web.get("/evidence").text


def test_the_scanner_catches_what_it_looks_for():
    for html in (
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        "<div onclick=x>",
    ):
        with pytest.raises(AssertionError):
            assert_safe(html, "sample")
    assert_safe('<script src="/static/htmx.min.js" defer></script><p>&lt;b&gt;</p>', "ok")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_conversations_actions_and_the_outlook_is_escaped(web, payload):
    web.post("/evidence", {"text": "Shipped the thing"})
    logged = web.post(
        "/conversations",
        {
            "with": payload,
            "decision": "not-yet",
            "words": payload,
            "notes": payload,
            "ask_1": payload,
            "date": "2026-08-01",
            "decision_date": "2026-10-01",
        },
    )
    assert logged.status_code == 303, logged.text
    web.post("/actions", {"text": payload, "conversation": "1"})
    # Fields that fail validation come back in the form and in the error message.
    for bad in (
        {"with": payload, "decision": payload, "words": payload, "ask_1": payload},
        {"with": "x", "decision": "no", "date": payload, "notes": payload},
        {"with": "x", "decision": "no", "decision_date": payload},
        {"with": "x", "decision": "no", "ask_2": payload, "due_2": payload},
        {"with": "x", "decision": "promoted", "level": payload},
        {"with": "x", "decision": "no", "ask_1": "y", "criteria": payload},
    ):
        response = web.post("/conversations", bad)
        assert response.status_code == 400, bad
        assert_safe(response.text, f"conversation error {bad}")
    for bad in ({"text": payload, "due": payload}, {"text": "x", "conversation": payload}):
        response = web.post("/actions", bad)
        assert response.status_code in (400, 404)
        assert_safe(response.text, "action error")
    response = web.post("/actions/1/close", {"evidence": payload, "note": payload})
    assert_safe(response.text, "close error")
    web.post("/actions/1/close", {"evidence": "1", "note": payload})
    for path in (
        "/",
        "/conversations",
        "/conversations/1",
        "/conversations/1?logged=1",
        "/conversations?with=" + payload + "&decision=" + payload,
        "/actions",
        "/actions?view=all",
        "/actions?view=" + payload + "&conversation=" + payload,
        "/outlook",
    ):
        page = web.get(path)
        assert page.status_code == 200, path
        assert_safe(page.text, path)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_the_resume_form_is_escaped(web, payload):
    web.post("/evidence", {"text": payload, "outcome": payload, "metric": "errors: 40 -> 4"})
    for data in (
        {"job": payload, "highlights": payload, "action": "preview"},
        {"job": payload, "action": "preview", "redact": "1"},
    ):
        response = web.post("/resume", data)
        assert_safe(response.text, f"resume {data}")
    page = web.get("/resume")
    assert page.status_code == 200 and "errors: 40" in page.text  # the entry is a highlight
    assert_safe(page.text, "/resume")
    assert_safe(web.get("/resume/download?format=" + payload).text, "bad format")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_the_redaction_list_is_escaped(web, payload):
    web.post("/evidence", {"text": f"Shipped {payload} for Acme"})
    web.post("/redaction", {"action": "add", "terms": payload.replace(",", " "), "back": "/prep"})
    for path in ("/packet", "/packet?redact=1", "/prep?redact=1", "/resume"):
        assert_safe(web.get(path).text, path)
    error = web.post("/redaction", {"action": "remove", "terms": payload + "x", "back": "/packet"})
    assert error.status_code == 400
    assert_safe(error.text, "redaction error")
