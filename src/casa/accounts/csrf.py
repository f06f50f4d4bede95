"""CSRF protection for forms: a per-session token echoed in a hidden field or a header."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from casa.accounts.exceptions import CsrfRejected
from casa.core.security import csrf_tokens_match, new_csrf_token

CSRF_SESSION_KEY = "csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def csrf_token(request: Request) -> str:
    """Return the session's CSRF token, creating it on first use."""
    token = request.session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = new_csrf_token()
        request.session[CSRF_SESSION_KEY] = token
    return token


def rotate_csrf_token(request: Request) -> str:
    """Replace the session's CSRF token (on login and logout) and return the new one."""
    token = new_csrf_token()
    request.session[CSRF_SESSION_KEY] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Refuse a request whose form field or header does not carry the session's CSRF token."""
    given = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if given is None and content_type.startswith(_FORM_TYPES):
        value = (await request.form()).get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not csrf_tokens_match(request.session.get(CSRF_SESSION_KEY), given):
        raise CsrfRejected()


#: Add as a parameter (``_: CsrfProtected``) to every handler of a state-changing form.
CsrfProtected = Annotated[None, Depends(verify_csrf)]
