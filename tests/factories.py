"""Factories shared by every domain's tests: accounts with roles, and their bearer headers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from casa.accounts import service
from casa.core.db import Database

DEFAULT_PASSWORD = "correct horse battery"
CREATED_AT = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


def make_user(
    db: Database,
    *,
    email: str,
    password: str = DEFAULT_PASSWORD,
    roles: Iterable[str] = ("citizen",),
    name: str = "Test Person",
    language: str = "fr",
) -> int:
    """Create an account with these roles and return its id."""
    with db.session() as session:
        user = service.register(
            session=session,
            email=email,
            password=password,
            name=name,
            language=language,
            roles=roles,
            now=CREATED_AT,
        )
        return user.id


def bearer(client: TestClient, email: str, password: str = DEFAULT_PASSWORD) -> dict[str, str]:
    """Log in through the API and return the Authorization header to send."""
    response = client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
