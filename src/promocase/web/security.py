"""Security for a server on loopback: which requests get in, and the headers every answer carries.

The threat: any web page the user visits can send blind form or text/plain POSTs to
127.0.0.1, and with DNS rebinding it can even read the answers. So every request must name a
loopback Host, every request must carry the launch token or the session cookie it was exchanged
for, and every state-changing request must come from our own origin with a form content type
and the session's CSRF token. This module holds all of it; routes never check anything.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from html import escape
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE_NAME = "promocase_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
MAX_BODY_BYTES = 4 * 1024 * 1024  # uploads (ladders) are capped at 2 MiB by the importer

CSP = (
    "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
    "object-src 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # The launch URL carries the token: never leak it to another site through Referer.
    # (Not no-referrer: with it Chromium sends `Origin: null` on form posts, which we refuse.)
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


@dataclass
class Secrets:
    """The launch token printed in the URL, and the session key the cookie carries."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    session: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    def csrf_token(self) -> str:
        """The CSRF token for this server's session (forms and htmx send it back)."""
        return hmac.new(self.session.encode(), b"csrf", hashlib.sha256).hexdigest()


def host_name(host_header: str) -> str:
    """The name part of a Host header: 'localhost:8765' -> 'localhost', '[::1]:80' -> '[::1]'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        return host[: end + 1] if end != -1 else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _headers(scope: Scope) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in scope.get("headers", []):
        out.setdefault(key.decode("latin-1").lower(), value.decode("latin-1"))
    return out


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class SecurityMiddleware:
    """Host check, token/cookie auth, Origin + content type + CSRF on writes, safe headers."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        secrets_: Secrets,
        extra_hosts: frozenset[str] = frozenset(),
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.secrets = secrets_
        self.allowed_hosts = LOOPBACK_NAMES | {h.lower() for h in extra_hosts}
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        headers = _headers(scope)
        method = scope["method"].upper()

        host = headers.get("host", "")
        if host_name(host) not in self.allowed_hosts:
            await _plain(
                send, 403, "Forbidden: this server only answers to 127.0.0.1 or localhost."
            )
            return

        if method not in SAFE_METHODS:
            refusal = self._check_write(headers, host)
            if refusal:
                await _plain(send, 403, refusal)
                return

        # Exchange the launch token for the session cookie, then drop it from the address bar.
        query = scope.get("query_string", b"").decode("latin-1")
        params = parse_qsl(query, keep_blank_values=True)
        given = next((v for k, v in params if k == "token"), None)
        if given is not None and method in SAFE_METHODS:
            if _same(given, self.secrets.token):
                rest = urlencode([(k, v) for k, v in params if k != "token"])
                location = scope.get("path", "/") + (f"?{rest}" if rest else "")
                await _redirect_with_cookie(send, location, self.secrets.session)
                return
            await _unauthorised(send)
            return

        if not self._has_session(headers):
            await _unauthorised(send)
            return

        if method not in SAFE_METHODS:
            body = await _read_body(receive, self.max_body_bytes, headers)
            if body is None:
                await _plain(
                    send,
                    413,
                    f"The upload is larger than the {self.max_body_bytes // (1024 * 1024)} MiB "
                    "limit. Choose a smaller file.",
                )
                return
            csrf = headers.get(CSRF_HEADER) or await _form_csrf(scope, body)
            if not csrf or not _same(csrf, self.secrets.csrf_token()):
                await _plain(
                    send,
                    403,
                    "Forbidden: the form's CSRF token is missing or stale. Reload the page "
                    "and try again.",
                )
                return
            receive = _replay(body)

        await self.app(scope, receive, send)

    def _check_write(self, headers: dict[str, str], host: str) -> str | None:
        origin = headers.get("origin")
        if origin is not None and origin.lower() not in {
            f"http://{host.lower()}",
            f"https://{host.lower()}",
        }:
            return "Forbidden: cross-origin request."
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return "Forbidden: cross-site request."
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype not in FORM_TYPES:
            return "Forbidden: send a form (application/x-www-form-urlencoded or multipart)."
        return None

    def _has_session(self, headers: dict[str, str]) -> bool:
        raw = headers.get("cookie")
        if not raw:
            return False
        cookie: SimpleCookie = SimpleCookie()
        try:
            cookie.load(raw)
        except Exception:  # a malformed cookie header is just "no session"
            return False
        morsel = cookie.get(COOKIE_NAME)
        return morsel is not None and _same(morsel.value, self.secrets.session)


def session_cookie(value: str) -> str:
    # No Secure flag: the server speaks plain HTTP on loopback, where browsers treat it as secure.
    return f"{COOKIE_NAME}={value}; Path=/; HttpOnly; SameSite=Strict"


def _with_security_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            existing = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in SECURITY_HEADERS if k not in existing]
            message["headers"] = list(message.get("headers", [])) + extra
        await send(message)

    return wrapped


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


UNAUTHORISED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>promocase: open the link from your terminal</title></head>
<body><main class="narrow"><h1>Open the link from your terminal</h1>
<p>This page is private. <code>promocase serve</code> printed a link that ends in
<code>?token=…</code>; open that link (in this browser) to sign in.</p>
<p>Lost it? Stop the server with Ctrl+C and run <code>promocase serve</code> again.</p>
</main></body></html>"""


async def _unauthorised(send: Send) -> None:
    body = UNAUTHORISED_PAGE.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _redirect_with_cookie(send: Send, location: str, session: str) -> None:
    body = f'<a href="{escape(location)}">Continue</a>'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode("latin-1", "replace")),
                (b"set-cookie", session_cookie(session).encode()),
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive: Receive, limit: int, headers: dict[str, str]) -> bytes | None:
    """The whole request body, or None when it is over `limit` (read stops at the limit)."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _form_csrf(scope: Scope, body: bytes) -> str | None:
    from starlette.requests import Request

    request = Request(scope, _replay(body))
    try:
        form = await request.form(max_files=4, max_fields=200)
    except Exception:  # an unparsable form has no token
        return None
    try:
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    finally:
        await form.close()
