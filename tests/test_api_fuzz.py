"""An OpenAPI fuzz of the whole API: no input, anonymous or authenticated, gets a 5xx."""

from __future__ import annotations

import os

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from casa.core.db import Database
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration

EXAMPLES = int(os.environ.get("CASA_FUZZ_EXAMPLES", "25"))


@pytest.fixture
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture
def admin_headers(app: FastAPI, db: Database) -> dict[str, str]:
    make_user(db, email="fuzz-admin@casa.ma", password="fuzzing password 1", roles=("admin",))
    with TestClient(app) as client:
        return bearer(client, "fuzz-admin@casa.ma", "fuzzing password 1")


# Event streams never end by design; they are covered by their own tests.
schema = schemathesis.pytest.from_fixture("api_schema").exclude(path_regex=r"(/events|/stream)$")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_never_answers_a_server_error(
    case: schemathesis.Case, admin_headers: dict[str, str]
) -> None:
    anonymous = case.call()
    case.validate_response(anonymous, checks=[not_a_server_error])
    if case.method.upper() == "DELETE" and case.path == "/api/v1/me":
        return  # erasing the fuzzing account would end the authenticated half of the run
    authenticated = case.call(headers={**(case.headers or {}), **admin_headers})
    case.validate_response(authenticated, checks=[not_a_server_error])
