"""Accounts services: registering, roles, permissions, login and its rate limit, purging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casa.accounts import login, permissions, service
from casa.accounts.exceptions import (
    BadCredentials,
    EmailTaken,
    InvalidEmail,
    TooManyAttempts,
    UnknownRole,
    UserNotFound,
    WeakPassword,
)
from casa.accounts.models import ApiToken, LoginAttempt, User, WebSession
from casa.accounts.permissions import ROLES, check_permission_name, grants, permissions_of
from casa.core.db import Database
from casa.core.metrics import LOGIN_ATTEMPTS
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.unit

NOW = datetime(2026, 4, 18, 9, 0, tzinfo=UTC)


def _authenticate(
    session: Session, email: str, password: str, *, ip: str = "10.0.0.1", now: datetime = NOW
) -> User:
    return login.authenticate(
        session=session,
        email=email,
        password=password,
        ip=ip,
        now=now,
        limit=3,
        window_s=300,
    )


def test_register_stores_lower_cased_email_and_argon2_hash(db: Database) -> None:
    with db.session() as session:
        service.register(
            session=session,
            email=" Amina@Example.MA ",
            password="long enough pw",
            name="  Amina   Bennani ",
            language="ar",
            now=NOW,
        )

    with db.session() as session:
        user = session.scalars(select(User)).one()
        assert (
            user.email,
            user.name,
            user.language,
            user.roles,
            user.is_active,
            user.created_at,
            user.password_hash[:10],
        ) == ("amina@example.ma", "Amina Bennani", "ar", ["citizen"], True, NOW, "$argon2id$")


def test_register_refuses_a_taken_email_whatever_its_case(db: Database) -> None:
    make_user(db, email="amina@example.ma")

    with db.session() as session, pytest.raises(EmailTaken) as caught:
        service.register(
            session=session,
            email="AMINA@example.ma",
            password="long enough pw",
            name="Other",
            now=NOW,
        )

    assert (caught.value.status, caught.value.field) == (409, "email")


@pytest.mark.parametrize("email", ["amina", "amina@", "@example.ma", "a b@example.ma", ""])
def test_register_refuses_an_invalid_email(db: Database, email: str) -> None:
    with db.session() as session, pytest.raises(InvalidEmail) as caught:
        service.register(session=session, email=email, password="long enough pw", name="A", now=NOW)

    assert (caught.value.status, caught.value.field) == (422, "email")


def test_register_refuses_a_password_under_ten_characters(db: Database) -> None:
    with db.session() as session, pytest.raises(WeakPassword) as caught:
        service.register(
            session=session, email="a@example.ma", password="123456789", name="A", now=NOW
        )

    assert (caught.value.detail, caught.value.field) == (
        "The password must have at least 10 characters.",
        "password",
    )


def test_register_refuses_an_unknown_role_listing_the_valid_ones(db: Database) -> None:
    with db.session() as session, pytest.raises(UnknownRole) as caught:
        service.register(
            session=session,
            email="a@example.ma",
            password="long enough pw",
            name="A",
            roles=["mayor"],
            now=NOW,
        )

    assert caught.value.detail == "Unknown role mayor; valid roles: " + ", ".join(ROLES) + "."


def test_grant_and_revoke_role_change_the_roles_held(db: Database) -> None:
    make_user(db, email="staff@example.ma")

    with db.session() as session:
        service.grant_role(session=session, email="staff@example.ma", role="staff")
        service.grant_role(session=session, email="staff@example.ma", role="staff")
        service.grant_role(session=session, email="STAFF@example.ma", role="juror")
        service.revoke_role(session=session, email="staff@example.ma", role="citizen")
    with db.session() as session:
        assert service.get_user(session=session, email="staff@example.ma").roles == [
            "juror",
            "staff",
        ]


def test_grant_role_to_an_unknown_email_raises_not_found(db: Database) -> None:
    with db.session() as session, pytest.raises(UserNotFound) as caught:
        service.grant_role(session=session, email="nobody@example.ma", role="staff")

    assert (caught.value.status, caught.value.detail) == (
        404,
        "No account uses the email nobody@example.ma.",
    )


def test_permissions_follow_roles_and_admin_holds_all(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fixed table, so permissions other domains declare do not change the expectation.
    monkeypatch.setattr(
        permissions,
        "PERMISSIONS",
        {"notices:post": frozenset({"staff", "admin"}), "users:manage": frozenset({"admin"})},
    )

    assert [
        grants(["citizen"], "notices:post"),
        grants(["staff"], "notices:post"),
        grants(["admin"], "notices:post"),
        grants(["staff"], "users:manage"),
        grants(["admin"], "users:manage"),
        grants(["admin"], "anything:else"),
        permissions_of(["citizen", "staff"]),
        permissions_of(["admin"]),
    ] == [False, True, True, False, True, True, ["notices:post"], ["notices:post", "users:manage"]]


def test_declared_permissions_grant_notices_to_staff_and_admin_only() -> None:
    assert sorted(permissions.PERMISSIONS["notices:post"]) == ["admin", "staff"]


def test_check_permission_name_refuses_an_undeclared_permission() -> None:
    with pytest.raises(ValueError, match="unknown permission 'notice:post'"):
        check_permission_name("notice:post")


def test_authenticate_returns_the_user_and_records_the_login(db: Database) -> None:
    make_user(db, email="amina@example.ma")

    with db.session() as session:
        user = _authenticate(session, "Amina@Example.ma", DEFAULT_PASSWORD)
        assert (user.email, user.last_login_at) == ("amina@example.ma", NOW)


def test_authenticate_rehashes_a_hash_made_with_old_parameters(db: Database) -> None:
    make_user(db, email="amina@example.ma")
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(DEFAULT_PASSWORD)
    with db.session() as session:
        service.get_user(session=session, email="amina@example.ma").password_hash = old

    with db.session() as session:
        _authenticate(session, "amina@example.ma", DEFAULT_PASSWORD)

    with db.session() as session:
        stored = service.get_user(session=session, email="amina@example.ma").password_hash
    assert (stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$"), stored == old) == (True, False)


def _fail_login(db: Database, email: str, *, ip: str = "10.0.0.1", now: datetime = NOW) -> str:
    """Try a wrong password the way a boundary does (commit the failure, then report)."""
    with db.session() as session:
        try:
            _authenticate(session, email, "wrong password", ip=ip, now=now)
        except (BadCredentials, TooManyAttempts) as exc:
            session.commit()
            return type(exc).__name__
    return "success"


def test_authenticate_counts_failures_in_the_metric(db: Database) -> None:
    make_user(db, email="amina@example.ma")
    before = LOGIN_ATTEMPTS.labels("failure")._value.get()

    outcomes = [_fail_login(db, "amina@example.ma"), _fail_login(db, "nobody@example.ma")]

    assert (outcomes, LOGIN_ATTEMPTS.labels("failure")._value.get() - before) == (
        ["BadCredentials", "BadCredentials"],
        2,
    )


def test_authenticate_refuses_after_the_limit_per_email_even_with_the_right_password(
    db: Database,
) -> None:
    make_user(db, email="amina@example.ma")
    outcomes = [_fail_login(db, "amina@example.ma", ip=f"10.0.0.{i}") for i in range(4)]

    with db.session() as session, pytest.raises(TooManyAttempts) as caught:
        _authenticate(session, "amina@example.ma", DEFAULT_PASSWORD, ip="10.0.0.99")

    assert (outcomes, caught.value.retry_after_s, caught.value.status) == (
        ["BadCredentials", "BadCredentials", "BadCredentials", "TooManyAttempts"],
        300,
        429,
    )


def test_authenticate_refuses_after_the_limit_per_address(db: Database) -> None:
    outcomes = [_fail_login(db, f"user{i}@example.ma", ip="10.0.0.7") for i in range(4)]

    assert outcomes == ["BadCredentials", "BadCredentials", "BadCredentials", "TooManyAttempts"]


def test_authenticate_lets_in_again_once_the_window_has_passed(db: Database) -> None:
    make_user(db, email="amina@example.ma")
    for minute in range(3):
        _fail_login(db, "amina@example.ma", now=NOW + timedelta(minutes=minute))

    with db.session() as session, pytest.raises(TooManyAttempts) as caught:
        _authenticate(session, "amina@example.ma", DEFAULT_PASSWORD, now=NOW + timedelta(minutes=3))
    with db.session() as session:
        user = _authenticate(
            session, "amina@example.ma", DEFAULT_PASSWORD, now=NOW + timedelta(minutes=5)
        )

    # The oldest failure leaves the 5-minute window at 09:05, two minutes after 09:03.
    assert (caught.value.retry_after_s, user.email) == (120, "amina@example.ma")


def test_authenticate_success_clears_the_failures_of_the_email(db: Database) -> None:
    make_user(db, email="amina@example.ma")
    _fail_login(db, "amina@example.ma")
    _fail_login(db, "amina@example.ma")

    with db.session() as session:
        _authenticate(session, "amina@example.ma", DEFAULT_PASSWORD)
    with db.session() as session:
        remaining = session.scalar(select(func.count()).select_from(LoginAttempt))

    assert remaining == 0


def test_tokens_resolve_until_expiry_or_revocation(db: Database) -> None:
    make_user(db, email="amina@example.ma")
    with db.session() as session:
        user = service.get_user(session=session, email="amina@example.ma")
        kept = login.issue_token(session=session, user=user, now=NOW, ttl_s=3600)
        revoked = login.issue_token(session=session, user=user, now=NOW, ttl_s=3600)
        login.revoke_token(session=session, token=revoked)

    with db.session() as session:
        found = [
            login.user_for_token(session=session, token=kept, now=NOW + timedelta(minutes=59)),
            login.user_for_token(session=session, token=kept, now=NOW + timedelta(minutes=60)),
            login.user_for_token(session=session, token=revoked, now=NOW),
            login.user_for_token(session=session, token="casa_forged", now=NOW),
        ]
        hashes = session.scalars(select(ApiToken.token_hash)).all()

    assert ([u.email if u else None for u in found], kept in hashes) == (
        ["amina@example.ma", None, None, None],
        False,
    )


def test_purge_expired_removes_only_what_has_expired(db: Database) -> None:
    make_user(db, email="amina@example.ma")
    with db.session() as session:
        user = service.get_user(session=session, email="amina@example.ma")
        login.issue_token(session=session, user=user, now=NOW - timedelta(hours=2), ttl_s=3600)
        login.issue_token(session=session, user=user, now=NOW, ttl_s=3600)
        login.open_web_session(
            session=session, user=user, now=NOW - timedelta(days=15), ttl_s=14 * 24 * 3600
        )
        login.open_web_session(session=session, user=user, now=NOW, ttl_s=14 * 24 * 3600)
        session.add(
            LoginAttempt(email="x@example.ma", ip="10.0.0.1", at=NOW - timedelta(seconds=301))
        )
        session.add(
            LoginAttempt(email="x@example.ma", ip="10.0.0.1", at=NOW - timedelta(seconds=10))
        )

    with db.session() as session:
        counts = service.purge_expired(session=session, now=NOW, attempts_max_age_s=300)
    with db.session() as session:
        left = [
            session.scalar(select(func.count()).select_from(t))
            for t in (ApiToken, WebSession, LoginAttempt)
        ]

    assert (counts, left) == ({"api_tokens": 1, "web_sessions": 1, "login_attempts": 1}, [1, 1, 1])
