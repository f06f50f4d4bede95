"""Every error answers RFC 9457 problem+json, in the caller's language."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import DataError

from casa.core.errors import Conflict, InvalidInput

pytestmark = pytest.mark.unit


def test_unknown_route_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/api/v1/nowhere", headers={"Accept-Language": "en"})

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "https://casa.ma/problems/not-found",
        "title": "Not found",
        "status": 404,
        "instance": "/api/v1/nowhere",
    }


def test_wrong_method_is_a_405_problem(client: TestClient) -> None:
    response = client.delete("/healthz", headers={"Accept-Language": "en"})

    assert response.status_code == 405
    assert response.json() == {
        "type": "https://casa.ma/problems/method-not-allowed",
        "title": "Method not allowed",
        "status": 405,
        "instance": "/healthz",
    }
    assert response.headers["allow"] == "GET"


def test_missing_query_parameter_is_a_422_naming_the_field(client: TestClient) -> None:
    response = client.get("/api/v1/events", headers={"Accept-Language": "en"})

    assert response.status_code == 422
    assert response.json() == {
        "type": "https://casa.ma/problems/invalid-input",
        "title": "Invalid input",
        "status": 422,
        "detail": "channel: Field required",
        "errors": [{"field": "channel", "message": "Field required"}],
        "field": "channel",
        "instance": "/api/v1/events",
    }


def test_domain_error_carries_its_field_and_status(app: FastAPI) -> None:
    def refuse() -> None:
        raise InvalidInput("radius_m must be at most 5000", field="radius_m")

    def clash() -> None:
        raise Conflict("this e-mail address is already registered", field="email")

    app.add_api_route("/test/refuse", refuse)
    app.add_api_route("/test/clash", clash)
    with TestClient(app) as client:
        refused = client.get("/test/refuse", headers={"Accept-Language": "en"})
        clashed = client.get("/test/clash", headers={"Accept-Language": "en"})

    assert (refused.status_code, refused.json()) == (
        422,
        {
            "type": "https://casa.ma/problems/invalid-input",
            "title": "Invalid input",
            "status": 422,
            "detail": "radius_m must be at most 5000",
            "field": "radius_m",
            "instance": "/test/refuse",
        },
    )
    assert (clashed.status_code, clashed.json()["type"], clashed.json()["field"]) == (
        409,
        "https://casa.ma/problems/conflict",
        "email",
    )


def test_unexpected_error_is_a_500_that_leaks_nothing(app: FastAPI) -> None:
    def explode() -> None:
        raise RuntimeError("password=hunter2 in a stack trace")

    app.add_api_route("/test/explode", explode)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/test/explode", headers={"Accept-Language": "en"})

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "https://casa.ma/problems/internal-error",
        "title": "Internal error",
        "status": 500,
        "detail": "Something went wrong on our side; it has been logged.",
        "instance": "/test/explode",
    }
    assert "hunter2" not in response.text


def test_a_value_the_database_refuses_is_a_422_in_the_callers_language(app: FastAPI) -> None:
    def store() -> None:
        raise DataError("INSERT …", {}, ValueError("text fields cannot contain NUL (0x00) bytes"))

    app.add_api_route("/test/store", store)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/test/store")

    assert (response.status_code, response.headers["content-type"], response.json()) == (
        422,
        "application/problem+json",
        {
            "type": "https://casa.ma/problems/unstorable-value",
            "title": "Données invalides",
            "status": 422,
            "detail": "Une valeur envoyée ne peut pas être enregistrée : retirez les caractères de "
            "contrôle comme NUL et gardez les textes et les nombres dans leurs limites",
            "instance": "/test/store",
        },
    )


def test_problem_title_follows_the_callers_language(client: TestClient) -> None:
    french = client.get("/api/v1/nowhere")
    arabic = client.get("/api/v1/nowhere?lang=ar")

    assert french.json()["title"] == "Introuvable"
    assert arabic.json()["title"] == "غير موجود"


def test_templated_detail_is_said_in_the_callers_language(app: FastAPI) -> None:
    from casa.accounts.exceptions import EmailTaken

    def taken() -> None:
        raise EmailTaken()

    app.add_api_route("/test/taken", taken)
    with TestClient(app) as client:
        answers = {
            lang: client.get(f"/test/taken?lang={lang}").json() for lang in ("fr", "ar", "en")
        }

    assert {
        lang: (body["title"], body["detail"], body["field"]) for lang, body in answers.items()
    } == {
        "fr": ("Conflit", "Un compte utilise déjà cette adresse e-mail.", "email"),
        "ar": ("تعارض", "هذا البريد الإلكتروني مستخدم في حساب آخر.", "email"),
        "en": ("Conflict", "An account already uses this email address.", "email"),
    }
