"""Logging in: password checks with a rate limit, API tokens and browser sessions.

Failed logins are counted in the database, so every worker process sees the same counts.
A failed login is flushed before ``BadCredentials`` is raised; the boundary must commit it
before letting the error through, or the attempt would be rolled back with the request.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from casa.accounts.exceptions import BadCredentials, TooManyAttempts
from casa.accounts.models import ApiToken, LoginAttempt, User, WebSession
from casa.core import security
from casa.core.metrics import LOGIN_ATTEMPTS

#: Where the signed session cookie keeps the key of the browser session.
WEB_SESSION_KEY = "sid"

# Writing last_used_at on every call would turn each read into a write; a minute is precise
# enough to tell a person when a token was last used.
_LAST_USED_PRECISION = timedelta(minutes=1)


def _retry_after(
    session: Session,
    column: InstrumentedAttribute[str],
    value: str,
    *,
    now: datetime,
    limit: int,
    window_s: int,
) -> int:
    since = now - timedelta(seconds=window_s)
    times = session.scalars(
        select(LoginAttempt.at)
        .where(column == value, LoginAttempt.at > since)
        .order_by(LoginAttempt.at)
    ).all()
    if len(times) < limit:
        return 0
    # The caller may try again once enough of the oldest failures have left the window.
    freed_at = times[len(times) - limit] + timedelta(seconds=window_s)
    return max(1, math.ceil((freed_at - now).total_seconds()))


def check_rate_limit(
    *, session: Session, email: str, ip: str, now: datetime, limit: int, window_s: int
) -> None:
    """Raise TooManyAttempts when the email or the client address used up its failures."""
    wait = max(
        _retry_after(session, LoginAttempt.email, email, now=now, limit=limit, window_s=window_s),
        _retry_after(session, LoginAttempt.ip, ip, now=now, limit=limit, window_s=window_s),
    )
    if wait:
        raise TooManyAttempts(retry_after_s=wait)


def authenticate(
    *,
    session: Session,
    email: str,
    password: str,
    ip: str,
    now: datetime,
    limit: int,
    window_s: int,
) -> User:
    """Return the user these credentials name, counting failures against a rate limit."""
    email = email.strip().lower()
    try:
        check_rate_limit(
            session=session, email=email, ip=ip, now=now, limit=limit, window_s=window_s
        )
    except TooManyAttempts:
        LOGIN_ATTEMPTS.labels("rate_limited").inc()
        raise
    user = session.scalar(select(User).where(User.email == email))
    stored = user.password_hash if user is not None and user.is_active else None
    if user is None or not security.verify_password(stored, password):
        session.add(LoginAttempt(email=email[:254], ip=ip[:64], at=now))
        session.flush()
        LOGIN_ATTEMPTS.labels("failure").inc()
        raise BadCredentials()
    if security.needs_rehash(user.password_hash):
        user.password_hash = security.hash_password(password)
    user.last_login_at = now
    # A success ends the suspicion on this account, but not on the address it came from.
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    session.flush()
    LOGIN_ATTEMPTS.labels("success").inc()
    return user


def issue_token(*, session: Session, user: User, now: datetime, ttl_s: int) -> str:
    """Create an API token for a user and return it (only its hash is stored)."""
    token = security.new_token()
    session.add(
        ApiToken(
            user_id=user.id,
            token_hash=security.hash_token(token),
            created_at=now,
            expires_at=now + timedelta(seconds=ttl_s),
        )
    )
    session.flush()
    return token


def user_for_token(*, session: Session, token: str, now: datetime) -> User | None:
    """Return the active user an unexpired token belongs to, or None."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == security.hash_token(token)))
    if row is None or row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    if row.last_used_at is None or now - row.last_used_at >= _LAST_USED_PRECISION:
        row.last_used_at = now
        session.flush()
    return user


def revoke_token(*, session: Session, token: str) -> bool:
    """Delete a token; tell whether it existed."""
    result = session.execute(
        delete(ApiToken).where(ApiToken.token_hash == security.hash_token(token))
    )
    return bool(getattr(result, "rowcount", 0))


def open_web_session(*, session: Session, user: User, now: datetime, ttl_s: int) -> str:
    """Create a browser session for a user and return the key to put in the signed cookie."""
    key = security.new_token()
    session.add(
        WebSession(
            user_id=user.id,
            key_hash=security.hash_token(key),
            created_at=now,
            expires_at=now + timedelta(seconds=ttl_s),
        )
    )
    session.flush()
    return key


def user_for_web_session(*, session: Session, key: str, now: datetime) -> User | None:
    """Return the active user of an unexpired browser session, or None."""
    row = session.scalar(select(WebSession).where(WebSession.key_hash == security.hash_token(key)))
    if row is None or row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.is_active else None


def close_web_session(*, session: Session, key: str) -> None:
    """End a browser session."""
    session.execute(delete(WebSession).where(WebSession.key_hash == security.hash_token(key)))
