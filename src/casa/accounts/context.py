"""Put the signed-in user and the CSRF token into every page's template context."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from casa.accounts import login
from casa.accounts.csrf import csrf_token
from casa.accounts.schemas import UserOut
from casa.core.db import Database

# Neither serves templates; sparing them the lookup keeps the API and assets cheap.
_SKIPPED_PREFIXES = ("/static", "/api/", "/healthz", "/readyz", "/metrics")


def _signed_in_user(request: Request) -> UserOut | None:
    key = request.session.get(login.WEB_SESSION_KEY)
    if not isinstance(key, str) or not key:
        return None
    db: Database = request.app.state.db
    with db.session() as session:
        user = login.user_for_web_session(session=session, key=key, now=request.app.state.clock())
        if user is None:
            # The session ended (logout elsewhere, expiry, erasure): forget its key.
            request.session.pop(login.WEB_SESSION_KEY, None)
            return None
        return UserOut.of(user)


class AccountContextMiddleware:
    """Add ``current_user`` (or None) and ``csrf_token`` to ``request.state.template_context``.

    Plain ASGI rather than BaseHTTPMiddleware: it wraps every request and must not buffer
    streamed responses.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(_SKIPPED_PREFIXES):
            request = Request(scope)
            user = await run_in_threadpool(_signed_in_user, request)
            state = scope.setdefault("state", {})
            context = dict(state.get("template_context", {}))
            context.update(current_user=user, csrf_token=csrf_token(request))
            state["template_context"] = context
        await self.app(scope, receive, send)
