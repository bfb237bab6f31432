"""The loopback server's rules (reliability.md §2): Host, token/cookie, Origin, CSRF, headers."""

from __future__ import annotations

import pytest

from promocase.web.security import COOKIE_NAME, host_name


@pytest.mark.parametrize(
    "host", ["evil.example:8765", "evil.example", "127.0.0.1.evil.example", "localhost.evil"]
)
def test_forged_host_is_refused_with_403(web, host):
    response = web.get("/", headers={"Host": host})
    assert response.status_code == 403
    assert "promocase" not in response.text.lower() or "127.0.0.1" in response.text


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "localhost"])
def test_loopback_hosts_are_served(web, host):
    assert web.get("/", headers={"Host": host}).status_code == 200


def test_host_name_parsing():
    assert host_name("LOCALHOST:80") == "localhost"
    assert host_name("[::1]:8765") == "[::1]"
    assert host_name("127.0.0.1") == "127.0.0.1"
    assert host_name("evil.example:1") == "evil.example"


def test_request_without_token_or_cookie_is_refused_with_401(web):
    anon = web.anonymous()
    response = anon.get("/")
    assert response.status_code == 401
    assert "?token=" in response.text  # the page says where to get in
    assert anon.get("/evidence").status_code == 401
    assert anon.get("/static/app.css").status_code == 401


def test_wrong_token_is_refused(web):
    anon = web.anonymous()
    assert anon.get("/?token=guess", follow_redirects=False).status_code == 401
    assert anon.get("/", headers={"Cookie": f"{COOKIE_NAME}=guess"}).status_code == 401


def test_token_is_exchanged_for_a_strict_httponly_cookie(web):
    anon = web.anonymous()
    response = anon.get(f"/evidence?token={web.secrets.token}&q=x", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/evidence?q=x"  # token gone from the address bar
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert web.secrets.token not in cookie  # the cookie is not the printed token
    assert anon.get("/").status_code == 200  # the client kept the cookie


def test_anonymous_post_adds_nothing(web, count_entries):
    anon = web.anonymous()
    response = anon.post("/evidence", data={"text": "sneaky", "csrf_token": web.csrf})
    assert response.status_code == 401
    assert count_entries(web.home) == 0


def test_cross_origin_post_is_refused_and_adds_nothing(web, count_entries):
    response = web.post("/evidence", {"text": "forged"}, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    assert count_entries(web.home) == 0


def test_cross_origin_post_without_cookie_is_also_403(web, count_entries):
    response = web.anonymous().post(
        "/evidence",
        data={"text": "forged"},
        headers={"Origin": "http://evil.example"},
    )
    assert response.status_code == 403
    assert count_entries(web.home) == 0


def test_cross_site_fetch_metadata_is_refused(web, count_entries):
    response = web.post("/evidence", {"text": "forged"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert count_entries(web.home) == 0


def test_post_without_csrf_token_is_refused(web, count_entries):
    response = web.client.post("/evidence", data={"text": "no token"}, follow_redirects=False)
    assert response.status_code == 403
    response = web.client.post(
        "/evidence", data={"text": "bad token", "csrf_token": "0" * 64}, follow_redirects=False
    )
    assert response.status_code == 403
    assert count_entries(web.home) == 0


def test_text_plain_post_is_refused(web, count_entries):
    response = web.client.post(
        "/evidence",
        content=f"text=hi&csrf_token={web.csrf}",
        headers={"Content-Type": "text/plain"},
    )
    assert response.status_code == 403
    assert count_entries(web.home) == 0


def test_json_post_is_refused(web, count_entries):
    response = web.client.post("/evidence", json={"text": "hi"}, headers={"X-CSRF-Token": web.csrf})
    assert response.status_code == 403
    assert count_entries(web.home) == 0


def test_same_origin_post_with_token_is_accepted(web, count_entries):
    response = web.post(
        "/evidence",
        {"text": "Real work"},
        headers={"Origin": web.client.base_url.__str__().rstrip("/")},
    )
    assert response.status_code == 303
    assert count_entries(web.home) == 1


def test_csrf_header_works_for_htmx(web, count_entries):
    response = web.client.post(
        "/evidence",
        data={"text": "From htmx"},
        headers={"X-CSRF-Token": web.csrf, "HX-Request": "true"},
    )
    assert response.status_code == 200
    assert count_entries(web.home) == 1


def test_html_carries_csp_and_nosniff(web):
    for path in ("/", "/evidence", "/ladder", "/static/app.css"):
        response = web.get(path)
        csp = response.headers["content-security-policy"]
        assert csp.startswith("default-src 'self'; frame-ancestors 'none'")
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
    # Refusals carry them too.
    refused = web.get("/", headers={"Host": "evil.example"})
    assert "content-security-policy" in refused.headers


def test_pages_have_no_inline_script(web):
    import re

    web.post("/evidence", {"text": "Something"})
    for path in ("/", "/evidence", "/evidence/1", "/evidence/1/edit", "/ladder", "/ladder/import"):
        html = web.get(path).text
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag, f"inline script on {path}: {tag}"
        assert not re.search(r"\son\w+\s*=", html), f"inline handler on {path}"


def test_oversized_upload_is_refused_with_a_clear_message(web):
    big = b"x" * (5 * 1024 * 1024)
    response = web.client.post(
        "/ladder/import",
        files={"file": ("huge.yaml", big, "application/x-yaml")},
        data={"csrf_token": web.csrf},
    )
    assert response.status_code == 413
    assert "MiB" in response.text


def test_ladder_upload_over_importer_cap_names_the_limit(web):
    big = b"name: x\n" + b"#" * (2 * 1024 * 1024 + 10)
    response = web.post("/ladder/import", files={"file": ("big.yaml", big, "text/yaml")})
    assert response.status_code == 400
    assert "2 MiB" in response.text


# The outcome and resume forms follow the same rules: nothing is logged or closed without them.
OUTCOME_POSTS = [
    ("/conversations", {"with": "Dana", "decision": "not-yet", "ask_1": "Lead the planning"}),
    ("/actions", {"text": "Present the roadmap"}),
    ("/actions/1/close", {"status": "done"}),
    ("/actions/1/reopen", {}),
]


def _outcome_rows(home):  # type: ignore[no-untyped-def]
    from promocase.workspace import Workspace

    with Workspace(home) as w:
        return tuple(
            w.conn.execute(sql).fetchone()[0]
            for sql in (
                "SELECT COUNT(*) FROM conversation",
                "SELECT COUNT(*) FROM action_item",
                "SELECT COUNT(*) FROM action_item WHERE status = 'open'",
            )
        )


@pytest.fixture
def outcome_web(web):  # type: ignore[no-untyped-def]
    """One open action (#1) to close or reopen."""
    assert web.post("/actions", {"text": "Already here"}).status_code == 303
    return web


@pytest.mark.parametrize(("url", "data"), OUTCOME_POSTS)
def test_outcome_posts_need_token_origin_and_form_encoding(outcome_web, url, data):
    web = outcome_web
    before = _outcome_rows(web.home)
    token = {"csrf_token": web.csrf, **data}
    anon = web.anonymous().post(url, data=token, follow_redirects=False)
    assert anon.status_code == 401
    forged = web.post(url, data, headers={"Origin": "http://evil.example"})
    assert forged.status_code == 403
    no_token = web.client.post(url, data=data, follow_redirects=False)
    assert no_token.status_code == 403
    plain = web.client.post(
        url,
        content="&".join(f"{k}={v}" for k, v in token.items()),
        headers={"Content-Type": "text/plain"},
        follow_redirects=False,
    )
    assert plain.status_code == 403
    assert _outcome_rows(web.home) == before


def test_resume_post_needs_the_token_too(web):
    assert web.client.post("/resume", data={"action": "json"}).status_code == 403
    forged = web.post("/resume", {"action": "json"}, headers={"Origin": "http://evil.example"})
    assert forged.status_code == 403
    assert web.post("/resume", {"action": "preview"}).status_code == 200


def test_downloads_and_new_pages_carry_the_security_headers(web):
    for path in ("/conversations", "/actions", "/outlook", "/resume", "/resume/download?format=md"):
        response = web.get(path)
        assert response.status_code == 200, path
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
