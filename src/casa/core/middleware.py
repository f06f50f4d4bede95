"""Request middleware: language negotiation, metrics, access log, security headers.

Written as plain ASGI middleware rather than on BaseHTTPMiddleware: it wraps every request,
so it must add as little as possible to each one, and it must not buffer streamed responses.
"""

from __future__ import annotations

import time
import uuid

import structlog
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casa.core.i18n import pick_language
from casa.core.metrics import HTTP_LATENCY, HTTP_REQUESTS

LANG_COOKIE = "casa_lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600
LANG_COOKIE_ATTRIBUTES = f"Max-Age={LANG_COOKIE_MAX_AGE}; Path=/; SameSite=lax"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
log = structlog.get_logger("casa.http")


def _route_template(scope: Scope) -> str:
    path = getattr(scope.get("route"), "path", None)
    return str(path) if path else "unmatched"


class RequestContextMiddleware:
    """Pick the language, time and count the request, log server errors, add security headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        query_lang = conn.query_params.get("lang")
        lang = pick_language(
            query_lang, conn.cookies.get(LANG_COOKIE), conn.headers.get("accept-language")
        )
        scope.setdefault("state", {})["lang"] = lang
        request_id = conn.headers.get("x-request-id") or uuid.uuid4().hex
        status = 500
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if query_lang == lang:
                    headers.append("set-cookie", f"{LANG_COOKIE}={lang}; {LANG_COOKIE_ATTRIBUTES}")
            await send(message)

        structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            structlog.contextvars.unbind_contextvars("request_id")
            elapsed = time.perf_counter() - started
            route = _route_template(scope)
            HTTP_REQUESTS.labels(scope["method"], route, str(status)).inc()
            HTTP_LATENCY.labels(route).observe(elapsed)
            if status >= 500:
                log.error(
                    "request",
                    method=scope["method"],
                    path=scope["path"],
                    status=status,
                    ms=round(elapsed * 1000, 1),
                )
