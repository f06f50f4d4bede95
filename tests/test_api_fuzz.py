"""An OpenAPI fuzz of the whole API: no input, anonymous or authenticated, gets a 5xx."""

from __future__ import annotations

import os

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from casa.core.db import Database
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration

EXAMPLES = int(os.environ.get("CASA_FUZZ_EXAMPLES", "25"))


@pytest.fixture
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.from_asgi("/openapi.json", app)


@pytest.fixture
def admin_headers(app: FastAPI, db: Database) -> dict[str, str]:
    from fastapi.testclient import TestClient

    make_user(db, email="fuzz-admin@casa.ma", password="fuzzing password 1", roles=("admin",))
    with TestClient(app) as client:
        return bearer(client, "fuzz-admin@casa.ma", "fuzzing password 1")


# The event stream never ends by design; it is covered by its own tests.
schema = schemathesis.from_pytest_fixture("api_schema").exclude(path="/api/v1/events")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_never_answers_a_server_error(
    case: schemathesis.Case, admin_headers: dict[str, str]
) -> None:
    anonymous = case.call_asgi()
    case.validate_response(anonymous, checks=(not_a_server_error,))
    if case.path in ("/api/v1/me",) and case.method == "DELETE":
        return  # erasing the fuzzing account would end the authenticated half of the run
    authenticated = case.call_asgi(headers={**(case.headers or {}), **admin_headers})
    case.validate_response(authenticated, checks=(not_a_server_error,))
