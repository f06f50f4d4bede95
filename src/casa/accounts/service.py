"""Accounts services: registering, roles, profiles, personal data and its erasure."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casa.accounts import personal_data
from casa.accounts.exceptions import (
    EmailTaken,
    InvalidEmail,
    InvalidName,
    UnknownRole,
    UnsupportedLanguage,
    UserNotFound,
    WeakPassword,
    WrongPassword,
)
from casa.accounts.models import ApiToken, LoginAttempt, User, UserRole, WebSession
from casa.accounts.permissions import DEFAULT_ROLE, ROLES, is_role
from casa.core import security
from casa.core.config import get_settings
from casa.core.i18n import LANGUAGES

MIN_PASSWORD_LENGTH = 10
MAX_NAME_LENGTH = 120


def normalize_email(email: str) -> str:
    """Return an email address checked and lower-cased, or raise InvalidEmail."""
    try:
        checked = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise InvalidEmail() from None
    return checked.normalized.lower()


def check_password(password: str) -> None:
    """Raise WeakPassword when a password is too short to resist guessing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(min_length=MIN_PASSWORD_LENGTH)


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not 1 <= len(cleaned) <= MAX_NAME_LENGTH:
        raise InvalidName()
    return cleaned


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise UnsupportedLanguage(choices=", ".join(LANGUAGES))
    return language


def check_role(role: str) -> str:
    """Return a role name if Casa knows it, else raise UnknownRole listing the valid ones."""
    if not is_role(role):
        raise UnknownRole(role=role, choices=", ".join(ROLES))
    return role


def find_user(*, session: Session, email: str) -> User | None:
    """Return the user with this email, if any."""
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def get_user(*, session: Session, email: str) -> User:
    """Return the user with this email, or raise UserNotFound."""
    user = find_user(session=session, email=email)
    if user is None:
        raise UserNotFound(email=email.strip().lower())
    return user


def register(
    *,
    session: Session,
    email: str,
    password: str,
    name: str,
    now: datetime,
    language: str = "fr",
    roles: Iterable[str] = (DEFAULT_ROLE,),
) -> User:
    """Create an account; the email must be free and the password strong enough."""
    email = normalize_email(email)
    name = _clean_name(name)
    check_password(password)
    language = _check_language(language)
    wanted = sorted({check_role(r) for r in roles} or {DEFAULT_ROLE})
    if find_user(session=session, email=email) is not None:
        raise EmailTaken()
    user = User(
        email=email,
        name=name,
        password_hash=security.hash_password(password),
        language=language,
        created_at=now,
        is_active=True,
        role_rows=[UserRole(role=r) for r in wanted],
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError:
        # A concurrent registration of the same email lost on the unique constraint.
        raise EmailTaken() from None
    return user


def list_users(*, session: Session) -> list[User]:
    """Return every user, by email."""
    return list(session.scalars(select(User).order_by(User.email)))


def grant_role(*, session: Session, email: str, role: str) -> User:
    """Give a user a role (granting a held role changes nothing)."""
    check_role(role)
    user = get_user(session=session, email=email)
    if role not in user.roles:
        user.role_rows.append(UserRole(role=role))
        session.flush()
    return user


def revoke_role(*, session: Session, email: str, role: str) -> User:
    """Take a role from a user (revoking a role not held changes nothing)."""
    check_role(role)
    user = get_user(session=session, email=email)
    user.role_rows = [r for r in user.role_rows if r.role != role]
    session.flush()
    return user


def update_profile(
    *, session: Session, user: User, name: str | None = None, language: str | None = None
) -> User:
    """Change a user's display name and preferred language."""
    # Both are checked before either changes, so a refused update leaves the profile whole.
    new_name = _clean_name(name) if name is not None else user.name
    new_language = _check_language(language) if language is not None else user.language
    user.name, user.language = new_name, new_language
    session.flush()
    return user


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def export_data(*, session: Session, user: User, now: datetime) -> dict[str, Any]:
    """Return every personal datum Casa holds about a user, by domain."""
    tokens = session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
    )
    web_sessions = session.scalars(
        select(WebSession).where(WebSession.user_id == user.id).order_by(WebSession.id)
    )
    attempts = session.scalars(
        select(LoginAttempt).where(LoginAttempt.email == user.email).order_by(LoginAttempt.id)
    )
    accounts = {
        "user": {
            "id": user.id,
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "roles": user.roles,
            "created_at": _iso(user.created_at),
            "last_login_at": _iso(user.last_login_at),
            "is_active": user.is_active,
        },
        "api_tokens": [
            {
                "created_at": _iso(t.created_at),
                "expires_at": _iso(t.expires_at),
                "last_used_at": _iso(t.last_used_at),
            }
            for t in tokens
        ],
        "web_sessions": [
            {"created_at": _iso(s.created_at), "expires_at": _iso(s.expires_at)}
            for s in web_sessions
        ],
        "failed_logins": [{"at": _iso(a.at), "ip": a.ip} for a in attempts],
    }
    return {
        "exported_at": now.isoformat(),
        "accounts": accounts,
        **personal_data.export_all(session, user.id),
    }


def erase_account(*, session: Session, user: User, password: str) -> None:
    """Erase a user and everything every domain holds about them, once the password matches."""
    if not security.verify_password(user.password_hash, password):
        raise WrongPassword()
    user_id, email = user.id, user.email
    # Other domains' rows may point at the user, so they go first.
    personal_data.erase_all(session, user_id)
    session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    session.delete(user)
    session.flush()


def purge_expired(
    *, session: Session, now: datetime, attempts_max_age_s: int | None = None
) -> dict[str, int]:
    """Delete expired tokens and sessions and failed logins past the rate-limit window."""
    max_age = attempts_max_age_s or get_settings().login_window_s
    counts = {
        "api_tokens": session.execute(delete(ApiToken).where(ApiToken.expires_at <= now)),
        "web_sessions": session.execute(delete(WebSession).where(WebSession.expires_at <= now)),
        "login_attempts": session.execute(
            delete(LoginAttempt).where(LoginAttempt.at <= now - timedelta(seconds=max_age))
        ),
    }
    session.flush()
    return {name: int(getattr(result, "rowcount", 0)) for name, result in counts.items()}
