"""Accounts pages: CSRF refusal, login and logout cookies, registration errors, the account page."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select

from casa.accounts.models import User, WebSession
from casa.accounts.web import safe_next
from casa.core.db import Database
from tests.accounts.conftest import csrf_of, field_values, texts
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.integration

CSRF_MESSAGE = "This form has expired or was sent from another site. Reload the page and try again."


@pytest.fixture
def browser_client(client: TestClient) -> TestClient:
    """The test client, reading pages in English."""
    client.headers["Accept-Language"] = "en"
    return client


def _login(
    client: TestClient, email: str, password: str = DEFAULT_PASSWORD, next: str = ""
) -> Response:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"email": email, "password": password, "next": next, "csrf_token": token},
        follow_redirects=False,
    )


def _sessions(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(WebSession)) or 0)


def _user(db: Database, email: str = "amina@example.ma", **kwargs: object) -> int:
    return make_user(db, email=email, language="en", **kwargs)  # type: ignore[arg-type]


def test_login_page_has_a_labelled_form_with_a_csrf_token(browser_client: TestClient) -> None:
    page = browser_client.get("/login?next=/parking")

    fields = field_values(page.text)
    assert (
        page.status_code,
        page.headers["content-type"],
        sorted(fields),
        fields["next"],
        len(fields["csrf_token"]),
    ) == (
        200,
        "text/html; charset=utf-8",
        ["csrf_token", "email", "next", "password"],
        "/parking",
        43,
    )


def test_login_sets_an_http_only_session_cookie_and_redirects(
    browser_client: TestClient, db: Database
) -> None:
    _user(db)

    response = _login(browser_client, "amina@example.ma", next="/account")

    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("casa_session=")
    )
    flags = sorted(part.strip().lower() for part in cookie.split(";")[1:])
    assert (response.status_code, response.headers["location"], flags, _sessions(db)) == (
        303,
        "/account",
        ["httponly", "max-age=1209600", "path=/", "samesite=lax"],
        1,
    )


def test_login_with_a_wrong_password_shows_the_error_and_keeps_the_email(
    browser_client: TestClient, db: Database
) -> None:
    _user(db)

    response = _login(browser_client, "amina@example.ma", password="wrong password")

    assert (
        response.status_code,
        texts(response.text, ".error"),
        field_values(response.text)["email"],
    ) == (401, ["Wrong email or password."], "amina@example.ma")


def test_login_form_is_rate_limited_like_the_api(browser_client: TestClient, db: Database) -> None:
    _user(db)
    statuses = [
        _login(browser_client, "amina@example.ma", password=f"wrong {i}").status_code
        for i in range(5)
    ]

    limited = _login(browser_client, "amina@example.ma")

    assert (
        statuses,
        limited.status_code,
        limited.headers["retry-after"],
        texts(limited.text, ".error"),
    ) == ([401] * 5, 429, "300", ["Too many failed logins. Try again in 300 seconds."])


def test_post_without_csrf_token_is_refused_with_a_page(
    browser_client: TestClient, db: Database
) -> None:
    _user(db)
    browser_client.get("/login")

    response = browser_client.post(
        "/login", data={"email": "amina@example.ma", "password": DEFAULT_PASSWORD}
    )

    assert (
        response.status_code,
        response.headers["content-type"],
        texts(response.text, ".error"),
        _sessions(db),
    ) == (403, "text/html; charset=utf-8", [CSRF_MESSAGE], 0)


def test_post_with_another_sessions_csrf_token_is_refused(
    app: FastAPI, browser_client: TestClient, db: Database
) -> None:
    _user(db)
    with TestClient(app) as attacker:
        foreign_token = csrf_of(attacker.get("/login").text)
    browser_client.get("/login")

    response = browser_client.post(
        "/login",
        data={
            "email": "amina@example.ma",
            "password": DEFAULT_PASSWORD,
            "csrf_token": foreign_token,
        },
    )

    assert (response.status_code, _sessions(db)) == (403, 0)


def test_csrf_header_is_accepted_for_scripts(browser_client: TestClient, db: Database) -> None:
    _user(db)
    _login(browser_client, "amina@example.ma")
    token = csrf_of(browser_client.get("/account").text)

    response = browser_client.post(
        "/logout", headers={"X-CSRF-Token": token}, follow_redirects=False
    )

    assert (response.status_code, _sessions(db)) == (303, 0)


def test_logout_ends_the_server_side_session(browser_client: TestClient, db: Database) -> None:
    _user(db)
    _login(browser_client, "amina@example.ma")
    stolen_cookie = browser_client.cookies["casa_session"]
    token = csrf_of(browser_client.get("/account").text)

    response = browser_client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    after = browser_client.get("/login")
    browser_client.cookies.set("casa_session", stolen_cookie)
    replayed = browser_client.get("/account", follow_redirects=False)

    assert (
        response.status_code,
        response.headers["location"],
        _sessions(db),
        texts(after.text, ".notice"),
        replayed.status_code,
        replayed.headers["location"],
    ) == (303, "/login", 0, ["You have been logged out."], 303, "/login?next=%2Faccount")


def test_account_page_shows_profile_and_roles(browser_client: TestClient, db: Database) -> None:
    _user(db, name="Amina Bennani", roles=["citizen", "juror"])
    _login(browser_client, "amina@example.ma")

    page = browser_client.get("/account")

    assert (
        page.status_code,
        texts(page.text, "#profile-name"),
        texts(page.text, "#profile-email"),
        texts(page.text, ".role"),
    ) == (200, ["Amina Bennani"], ["amina@example.ma"], ["Citizen", "Juror"])


def test_account_form_changes_the_name(browser_client: TestClient, db: Database) -> None:
    _user(db)
    _login(browser_client, "amina@example.ma")
    token = csrf_of(browser_client.get("/account").text)

    page = browser_client.post(
        "/account", data={"name": "Amina B.", "language": "en", "csrf_token": token}
    )

    assert (page.status_code, texts(page.text, "#profile-name"), texts(page.text, ".notice")) == (
        200,
        ["Amina B."],
        ["Your changes have been saved."],
    )


def test_my_data_downloads_with_the_session_cookie(
    browser_client: TestClient, db: Database
) -> None:
    _user(db)
    _login(browser_client, "amina@example.ma")

    response = browser_client.get("/api/v1/me/data")

    accounts = response.json()["accounts"]
    assert (response.status_code, accounts["user"]["email"], len(accounts["web_sessions"])) == (
        200,
        "amina@example.ma",
        1,
    )


def test_register_form_keeps_values_and_shows_the_field_error(
    browser_client: TestClient, db: Database
) -> None:
    token = csrf_of(browser_client.get("/register").text)

    response = browser_client.post(
        "/register",
        data={
            "name": "Youssef",
            "email": "youssef@example.ma",
            "password": "short",
            "language": "ar",
            "csrf_token": token,
        },
    )

    values = field_values(response.text)
    assert (
        response.status_code,
        texts(response.text, "#password-error"),
        values["name"],
        values["email"],
        values["password"],
        '<option value="ar" lang="ar" selected>' in response.text,
    ) == (
        422,
        ["The password must have at least 10 characters."],
        "Youssef",
        "youssef@example.ma",
        "",
        True,
    )


def test_register_form_creates_the_account_and_logs_in(
    browser_client: TestClient, db: Database
) -> None:
    token = csrf_of(browser_client.get("/register").text)

    response = browser_client.post(
        "/register",
        data={
            "name": "Youssef",
            "email": "Youssef@example.ma",
            "password": "long enough pw",
            "language": "en",
            "csrf_token": token,
            "next": "/account",
        },
        follow_redirects=False,
    )
    me = browser_client.get("/api/v1/me").json()

    assert (
        response.status_code,
        response.headers["location"],
        me["email"],
        me["language"],
        _sessions(db),
    ) == (303, "/account", "youssef@example.ma", "en", 1)


def test_erase_form_erases_the_account_and_the_session(
    browser_client: TestClient, db: Database
) -> None:
    _user(db)
    _login(browser_client, "amina@example.ma")
    token = csrf_of(browser_client.get("/account").text)

    wrong = browser_client.post("/account/erase", data={"password": "nope", "csrf_token": token})
    erased = browser_client.post(
        "/account/erase", data={"password": DEFAULT_PASSWORD, "csrf_token": token}
    )
    with db.session() as session:
        users = session.scalar(select(func.count()).select_from(User))

    assert (
        wrong.status_code,
        texts(wrong.text, "#erase-error"),
        erased.status_code,
        texts(erased.text, ".accounts-title"),
        users,
        _sessions(db),
        browser_client.get("/api/v1/me").status_code,
    ) == (
        403,
        ["The password is wrong; the account was not erased."],
        200,
        ["Account erased"],
        0,
        0,
        401,
    )


def test_account_page_is_translated_into_arabic_right_to_left(
    browser_client: TestClient, db: Database
) -> None:
    _user(db)
    _login(browser_client, "amina@example.ma")

    page = browser_client.get("/account?lang=ar")

    html_tag = re.search(r'<html lang="(\w+)" dir="(\w+)"', page.text)
    assert (html_tag.groups() if html_tag else None, texts(page.text, ".accounts-title")) == (
        ("ar", "rtl"),
        ["حسابك"],
    )


def test_account_page_sends_anonymous_visitors_to_login(browser_client: TestClient) -> None:
    response = browser_client.get("/account", follow_redirects=False)

    assert (response.status_code, response.headers["location"]) == (303, "/login?next=%2Faccount")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/parking?near=gare", "/parking?near=gare"),
        ("", "/account"),
        ("https://evil.example/", "/account"),
        ("//evil.example/", "/account"),
        ("/\\evil.example", "/account"),
        ("javascript:alert(1)", "/account"),
        ("/ok\r\nSet-Cookie: x=1", "/account"),
    ],
)
def test_safe_next_keeps_only_local_paths(target: str, expected: str) -> None:
    assert safe_next(target) == expected


def test_login_never_redirects_off_site(browser_client: TestClient, db: Database) -> None:
    _user(db)

    response = _login(browser_client, "amina@example.ma", next="https://evil.example/")

    assert response.headers["location"] == "/account"
