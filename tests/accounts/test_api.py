"""The accounts JSON API: tokens, registration, /me, personal data, erasure, rate limits."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casa.accounts import login, personal_data
from casa.accounts.deps import require
from casa.accounts.models import ApiToken, LoginAttempt, User, UserRole, WebSession
from casa.accounts.permissions import permissions_of
from casa.core.clock import FrozenClock
from casa.core.db import Database
from tests.factories import DEFAULT_PASSWORD, bearer, make_user

pytestmark = pytest.mark.integration

PROBLEMS = "https://casa.ma/problems/"
NOW = datetime(2026, 4, 18, 9, 0, tzinfo=UTC)


def _token(api: TestClient, email: str, password: str, **headers: str) -> Any:
    return api.post(
        "/api/v1/auth/token", data={"username": email, "password": password}, headers=headers
    )


def test_token_flow_gives_a_bearer_token_that_opens_me(api: TestClient, db: Database) -> None:
    user_id = make_user(db, email="amina@example.ma", name="Amina Bennani", roles=["staff"])

    issued = _token(api, "Amina@Example.ma", DEFAULT_PASSWORD)
    body = issued.json()
    me = api.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})

    assert (
        issued.status_code,
        body["token_type"],
        body["expires_in"],
        issued.headers["cache-control"],
    ) == (200, "bearer", 3600, "no-store")
    assert me.json() == {
        "id": user_id,
        "email": "amina@example.ma",
        "name": "Amina Bennani",
        "language": "fr",
        "roles": ["staff"],
        "permissions": permissions_of(["staff"]),
        "created_at": "2026-04-01T08:00:00Z",
        "last_login_at": "2026-04-18T09:00:00Z",
    }


def test_token_with_wrong_password_answers_401_problem(api: TestClient, db: Database) -> None:
    make_user(db, email="amina@example.ma")

    response = _token(api, "amina@example.ma", "not the password")

    assert (response.status_code, response.headers["content-type"], response.json()) == (
        401,
        "application/problem+json",
        {
            "type": PROBLEMS + "not-authenticated",
            "title": "Authentication required",
            "status": 401,
            "detail": "Wrong email or password.",
            "instance": "/api/v1/auth/token",
        },
    )


def test_problem_title_follows_the_callers_language(api: TestClient) -> None:
    response = _token(api, "nobody@example.ma", "whatever pw", **{"Accept-Language": "fr"})

    assert response.json()["title"] == "Authentification requise"


def test_token_after_too_many_failures_answers_429_with_retry_after(
    api: TestClient, db: Database
) -> None:
    make_user(db, email="amina@example.ma")
    statuses = [_token(api, "amina@example.ma", f"wrong {i}").status_code for i in range(5)]

    limited = _token(api, "amina@example.ma", DEFAULT_PASSWORD)

    assert (statuses, limited.status_code, limited.headers["retry-after"], limited.json()) == (
        [401] * 5,
        429,
        "300",
        {
            "type": PROBLEMS + "rate-limited",
            "title": "Too many requests",
            "status": 429,
            "detail": "Too many failed logins. Try again in 300 seconds.",
            "retry_after": 300,
            "instance": "/api/v1/auth/token",
        },
    )


def test_rate_limit_lifts_when_the_window_has_passed(
    api: TestClient, db: Database, clock: FrozenClock
) -> None:
    make_user(db, email="amina@example.ma")
    for i in range(5):
        _token(api, "amina@example.ma", f"wrong {i}")

    clock.advance(seconds=300)

    assert _token(api, "amina@example.ma", DEFAULT_PASSWORD).status_code == 200


def test_rate_limit_is_shared_by_every_worker(
    api: TestClient, db: Database, app: FastAPI, settings: Any, clock: FrozenClock
) -> None:
    from casa.app import create_app

    make_user(db, email="amina@example.ma")
    for i in range(5):
        _token(api, "amina@example.ma", f"wrong {i}")

    with TestClient(create_app(settings, clock=clock)) as other_worker:
        response = _token(other_worker, "amina@example.ma", DEFAULT_PASSWORD)

    assert response.status_code == 429


def test_register_creates_a_citizen(api: TestClient, db: Database) -> None:
    response = api.post(
        "/api/v1/auth/register",
        json={
            "email": "Youssef@Example.ma",
            "password": "long enough pw",
            "name": "Youssef",
            "language": "ar",
        },
    )

    body = response.json()
    assert (
        response.status_code,
        response.headers["location"],
        body["email"],
        body["roles"],
        body["language"],
    ) == (201, "/api/v1/me", "youssef@example.ma", ["citizen"], "ar")


def test_register_with_a_taken_email_answers_409(api: TestClient, db: Database) -> None:
    make_user(db, email="amina@example.ma")

    response = api.post(
        "/api/v1/auth/register",
        json={"email": "AMINA@example.ma", "password": "long enough pw", "name": "Amina"},
    )

    assert (response.status_code, response.json()) == (
        409,
        {
            "type": PROBLEMS + "conflict",
            "title": "Conflict",
            "status": 409,
            "detail": "An account already uses this email address.",
            "field": "email",
            "instance": "/api/v1/auth/register",
        },
    )


@pytest.mark.parametrize(
    ("payload", "field", "detail"),
    [
        (
            {"email": "a@example.ma", "password": "short"},
            "password",
            "The password must have at least 10 characters.",
        ),
        (
            {"email": "not-an-email", "password": "long enough pw"},
            "email",
            "Enter a valid email address, such as name@example.ma.",
        ),
    ],
)
def test_register_with_bad_input_answers_422_naming_the_field(
    api: TestClient, payload: dict[str, str], field: str, detail: str
) -> None:
    response = api.post("/api/v1/auth/register", json={**payload, "name": "Amina"})

    assert (response.status_code, response.json()) == (
        422,
        {
            "type": PROBLEMS + "invalid-input",
            "title": "Invalid input",
            "status": 422,
            "detail": detail,
            "field": field,
            "instance": "/api/v1/auth/register",
        },
    )


def test_me_without_credentials_answers_401(api: TestClient) -> None:
    response = api.get("/api/v1/me")

    assert (response.status_code, response.headers["www-authenticate"], response.json()) == (
        401,
        "Bearer",
        {
            "type": PROBLEMS + "not-authenticated",
            "title": "Authentication required",
            "status": 401,
            "detail": "Log in, or send an access token in the Authorization header.",
            "instance": "/api/v1/me",
        },
    )


def test_me_with_an_unknown_token_answers_401(api: TestClient) -> None:
    response = api.get("/api/v1/me", headers={"Authorization": "Bearer casa_forged"})

    assert (response.status_code, response.json()["detail"]) == (
        401,
        "The access token is unknown, revoked or expired; ask for a new one.",
    )


def test_expired_token_stops_working(api: TestClient, db: Database, clock: FrozenClock) -> None:
    make_user(db, email="amina@example.ma")
    headers = bearer(api, "amina@example.ma")

    clock.advance(seconds=3600)

    assert api.get("/api/v1/me", headers=headers).status_code == 401


def test_patch_me_changes_name_and_language(api: TestClient, db: Database) -> None:
    make_user(db, email="amina@example.ma")
    headers = bearer(api, "amina@example.ma")

    response = api.patch("/api/v1/me", json={"name": "Amina B.", "language": "en"}, headers=headers)
    again = api.get("/api/v1/me", headers=headers).json()

    assert (
        (response.json()["name"], response.json()["language"]),
        (again["name"], again["language"]),
    ) == (("Amina B.", "en"), ("Amina B.", "en"))


def test_patch_me_with_an_unknown_language_answers_422(api: TestClient, db: Database) -> None:
    make_user(db, email="amina@example.ma")

    response = api.patch(
        "/api/v1/me", json={"language": "de"}, headers=bearer(api, "amina@example.ma")
    )

    assert (response.status_code, response.json()["field"]) == (422, "language")


def test_revoke_ends_the_calling_token_only(api: TestClient, db: Database) -> None:
    make_user(db, email="amina@example.ma")
    first, second = bearer(api, "amina@example.ma"), bearer(api, "amina@example.ma")

    revoked = api.post("/api/v1/auth/revoke", headers=first)

    assert (
        revoked.status_code,
        api.get("/api/v1/me", headers=first).status_code,
        api.get("/api/v1/me", headers=second).status_code,
    ) == (204, 401, 200)


def _guarded_app(app: FastAPI) -> FastAPI:
    def post_notice(user: Annotated[User, Depends(require("notices:post"))]) -> dict[str, str]:
        return {"posted_by": user.email}

    app.add_api_route("/test/notices", post_notice, methods=["POST"])
    return app


def test_require_answers_401_403_or_lets_through(app: FastAPI, db: Database) -> None:
    make_user(db, email="citizen@example.ma")
    make_user(db, email="staff@example.ma", roles=["staff"])
    make_user(db, email="admin@example.ma", roles=["admin"])
    with TestClient(_guarded_app(app), headers={"Accept-Language": "en"}) as api:
        anonymous = api.post("/test/notices")
        citizen = api.post("/test/notices", headers=bearer(api, "citizen@example.ma"))
        staff = api.post("/test/notices", headers=bearer(api, "staff@example.ma"))
        admin = api.post("/test/notices", headers=bearer(api, "admin@example.ma"))

    assert (
        anonymous.status_code,
        citizen.status_code,
        citizen.json(),
        staff.json(),
        admin.json(),
    ) == (
        401,
        403,
        {
            "type": PROBLEMS + "permission-denied",
            "title": "Permission denied",
            "status": 403,
            "detail": "Your roles do not grant the permission notices:post.",
            "instance": "/test/notices",
        },
        {"posted_by": "staff@example.ma"},
        {"posted_by": "admin@example.ma"},
    )


def test_require_returns_the_same_dependency_for_the_same_permission() -> None:
    assert require("notices:post") is require("notices:post")


def test_my_data_is_a_json_attachment_of_everything_held(
    api: TestClient, db: Database, clean_registry: None
) -> None:
    user_id = make_user(db, email="amina@example.ma", name="Amina")
    personal_data.register(
        "errands",
        exporter=lambda s, uid: {"errands": [f"errand of {uid}"]},
        eraser=lambda s, uid: None,
    )
    headers = bearer(api, "amina@example.ma")

    response = api.get("/api/v1/me/data", headers=headers)

    assert (response.headers["content-disposition"], response.json()) == (
        'attachment; filename="casa-personal-data-2026-04-18.json"',
        {
            "exported_at": "2026-04-18T09:00:00+00:00",
            "accounts": {
                "user": {
                    "id": user_id,
                    "email": "amina@example.ma",
                    "name": "Amina",
                    "language": "fr",
                    "roles": ["citizen"],
                    "created_at": "2026-04-01T08:00:00+00:00",
                    "last_login_at": "2026-04-18T09:00:00+00:00",
                    "is_active": True,
                },
                "api_tokens": [
                    {
                        "created_at": "2026-04-18T09:00:00+00:00",
                        "expires_at": "2026-04-18T10:00:00+00:00",
                        "last_used_at": "2026-04-18T09:00:00+00:00",
                    }
                ],
                "web_sessions": [],
                "failed_logins": [],
            },
            "errands": {"errands": [f"errand of {user_id}"]},
            "expo": {"registrations": [], "favourites": []},  # registered by casa.expo
            "expo_exhibitors": {"leads": [], "staff_of": []},  # by casa.expo.leads
            "expo_press": {  # by casa.expo.privacy_press
                "accreditations": [],
                "delegations": [],
                "interviews": [],
                "speaker_of": [],
            },
        },
    )


def _count(db: Database, model: type[Any], **where: Any) -> int:
    with db.session() as session:
        query = select(func.count()).select_from(model).filter_by(**where)
        return int(session.scalar(query) or 0)


def test_erasure_removes_everything_and_ends_the_token(
    api: TestClient, db: Database, clean_registry: None
) -> None:
    user_id = make_user(db, email="amina@example.ma", roles=["citizen", "juror"])
    make_user(db, email="other@example.ma")
    erased: list[int] = []

    def erase(session: Session, uid: int) -> None:
        erased.append(uid)

    personal_data.register("connect", exporter=lambda s, uid: None, eraser=erase)
    bearer(api, "other@example.ma")
    with db.session() as session:
        user = session.get(User, user_id)
        assert user is not None
        login.open_web_session(session=session, user=user, now=NOW, ttl_s=3600)
    headers = bearer(api, "amina@example.ma")
    _token(api, "amina@example.ma", "a wrong password")

    def held() -> list[int]:
        return [
            _count(db, User, id=user_id),
            _count(db, UserRole, user_id=user_id),
            _count(db, ApiToken, user_id=user_id),
            _count(db, WebSession, user_id=user_id),
            _count(db, LoginAttempt, email="amina@example.ma"),
            _count(db, User),
        ]

    before = held()
    refused = api.request("DELETE", "/api/v1/me", json={"password": "wrong pw!"}, headers=headers)
    response = api.request(
        "DELETE", "/api/v1/me", json={"password": DEFAULT_PASSWORD}, headers=headers
    )

    assert (before, refused.status_code, response.status_code, held(), erased) == (
        [1, 2, 1, 1, 1, 2],
        403,
        204,
        [0, 0, 0, 0, 0, 1],
        [user_id],
    )
    assert api.get("/api/v1/me", headers=headers).status_code == 401


def test_erasure_without_password_answers_422(api: TestClient, db: Database) -> None:
    make_user(db, email="amina@example.ma")

    response = api.request("DELETE", "/api/v1/me", json={}, headers=bearer(api, "amina@example.ma"))

    assert (response.status_code, response.json()["field"]) == (422, "password")


def test_openapi_offers_the_oauth2_password_flow(api: TestClient) -> None:
    schemes = api.get("/openapi.json").json()["components"]["securitySchemes"]

    assert schemes == {
        "OAuth2PasswordBearer": {
            "type": "oauth2",
            "flows": {"password": {"scopes": {}, "tokenUrl": "/api/v1/auth/token"}},
        }
    }
