"""Who is calling and what they may do: one dependency per permission check.

- ``CurrentUser``: the authenticated user (bearer token, else the session cookie), else 401.
- ``OptionalUser``: the user or None (a bearer token that is not valid still answers 401).
- ``require(permission)``: a dependency that returns the user if one of their roles grants the
  permission, else answers 401 for anonymous callers and 403 for others.
- ``CsrfProtected``: refuses a form post without the session's CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from casa.accounts import login
from casa.accounts.csrf import CsrfProtected, verify_csrf
from casa.accounts.exceptions import InvalidToken, LoginRequired, MissingPermission
from casa.accounts.models import User
from casa.accounts.permissions import check_permission_name, grants
from casa.core.deps import ClockDep, SessionDep

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)
BearerToken = Annotated[str | None, Depends(oauth2_scheme)]


def client_ip(request: Request) -> str:
    """Return the caller's address (the proxy's forwarded one when proxy headers are trusted)."""
    return request.client.host if request.client else "unknown"


def get_optional_user(
    request: Request, session: SessionDep, clock: ClockDep, token: BearerToken
) -> User | None:
    """Return the caller's user: from the bearer token if one is sent, else the session cookie."""
    now = clock()
    if token is not None:
        user = login.user_for_token(session=session, token=token, now=now)
        if user is None:
            raise InvalidToken()
        return user
    key = request.session.get(login.WEB_SESSION_KEY) if "session" in request.scope else None
    if isinstance(key, str) and key:
        return login.user_for_web_session(session=session, key=key, now=now)
    return None


OptionalUser = Annotated[User | None, Depends(get_optional_user)]


def get_current_user(user: OptionalUser) -> User:
    """Return the caller's user, or answer 401."""
    if user is None:
        raise LoginRequired()
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


@cache
def require(permission: str) -> Callable[[User], User]:
    """Return the dependency that lets through only users holding a permission."""
    check_permission_name(permission)

    def dependency(user: CurrentUser) -> User:
        if not grants(user.roles, permission):
            raise MissingPermission(permission=permission)
        return user

    dependency.__name__ = "require_" + permission.replace(":", "_")
    dependency.__doc__ = f"Let through only users holding the permission {permission}."
    return dependency


__all__ = [
    "CsrfProtected",
    "CurrentUser",
    "OptionalUser",
    "client_ip",
    "get_current_user",
    "get_optional_user",
    "oauth2_scheme",
    "require",
    "verify_csrf",
]
