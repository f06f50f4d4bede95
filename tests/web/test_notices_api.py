"""The notices API: who may post, what is in force, and the event every page hears."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.testclient import TestClient

from casa.core.clock import FrozenClock
from casa.core.db import Database
from tests.factories import bearer, make_user
from tests.web.pagetree import parse

pytestmark = pytest.mark.integration

NOTICE = {
    "message": {
        "fr": "Tramway T1 interrompu entre Casa-Voyageurs et Place Mohammed V",
        "ar": "توقف الترامواي T1 بين الدار البيضاء المسافرين وساحة محمد الخامس",
        "en": "Tram T1 halted between Casa-Voyageurs and Place Mohammed V",
    },
    "level": "warning",
}
NOW = "2026-04-18T09:00:00Z"


@pytest.fixture
def api(client: TestClient) -> TestClient:
    client.headers["Accept-Language"] = "en"
    return client


@pytest.fixture
def staff(api: TestClient, db: Database) -> dict[str, str]:
    make_user(db, email="staff@casa.ma", roles=("staff",))
    return bearer(api, "staff@casa.ma")


def problem_of(response: Any) -> tuple[int, str, dict[str, Any]]:
    body = response.json()
    return (
        response.status_code,
        response.headers["content-type"],
        {k: body.get(k) for k in ("type", "status", "field", "instance")},
    )


def test_post_notice_anonymously_answers_401(api: TestClient) -> None:
    response = api.post("/api/v1/notices", json=NOTICE)

    assert problem_of(response) == (
        401,
        "application/problem+json",
        {
            "type": "https://casa.ma/problems/not-authenticated",
            "status": 401,
            "field": None,
            "instance": "/api/v1/notices",
        },
    )


def test_post_notice_without_the_permission_answers_403(api: TestClient, db: Database) -> None:
    make_user(db, email="citizen@example.ma", roles=("citizen",))

    response = api.post("/api/v1/notices", json=NOTICE, headers=bearer(api, "citizen@example.ma"))

    assert problem_of(response) == (
        403,
        "application/problem+json",
        {
            "type": "https://casa.ma/problems/permission-denied",
            "status": 403,
            "field": None,
            "instance": "/api/v1/notices",
        },
    )


def test_post_notice_as_staff_answers_201_and_puts_it_in_force(
    api: TestClient, staff: dict[str, str]
) -> None:
    posted = api.post("/api/v1/notices", json=NOTICE, headers=staff)
    current = api.get("/api/v1/notices/current")

    expected = {
        "id": 1,
        "message": NOTICE["message"],
        "level": "warning",
        "posted_at": NOW,
        "expires_at": None,
    }
    assert (posted.status_code, posted.json()) == (201, expected)
    assert (current.status_code, current.json()) == (200, expected)


def test_post_notice_as_admin_is_allowed(api: TestClient, db: Database) -> None:
    make_user(db, email="admin@casa.ma", roles=("admin",))

    response = api.post("/api/v1/notices", json=NOTICE, headers=bearer(api, "admin@casa.ma"))

    assert response.status_code == 201


def test_a_new_notice_replaces_the_one_in_force(
    api: TestClient, staff: dict[str, str], clock: FrozenClock
) -> None:
    api.post("/api/v1/notices", json=NOTICE, headers=staff)
    clock.advance(minutes=5)
    api.post("/api/v1/notices", json={"message": {"fr": "Service rétabli"}}, headers=staff)

    assert api.get("/api/v1/notices/current").json() == {
        "id": 2,
        "message": {"fr": "Service rétabli", "ar": None, "en": None},
        "level": "info",
        "posted_at": "2026-04-18T09:05:00Z",
        "expires_at": None,
    }


def test_current_notice_when_none_answers_404_in_the_callers_language(api: TestClient) -> None:
    response = api.get("/api/v1/notices/current", headers={"Accept-Language": "fr"})

    assert (response.status_code, response.json()) == (
        404,
        {
            "type": "https://casa.ma/problems/no-current-notice",
            "title": "Aucun avis en cours",
            "status": 404,
            "detail": "No notice is in force right now.",
            "instance": "/api/v1/notices/current",
        },
    )


def test_a_notice_leaves_when_it_expires(
    api: TestClient, staff: dict[str, str], clock: FrozenClock
) -> None:
    notice = {**NOTICE, "expires_at": "2026-04-18T11:00:00+01:00"}
    api.post("/api/v1/notices", json=notice, headers=staff)

    before = api.get("/api/v1/notices/current")
    clock.advance(hours=1)
    after = api.get("/api/v1/notices/current")

    assert (before.status_code, before.json()["expires_at"], after.status_code) == (
        200,
        "2026-04-18T10:00:00Z",
        404,
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**NOTICE, "expires_at": "2026-04-18T08:59:00Z"}, "expires_at"),
        ({**NOTICE, "expires_at": "2026-04-18T12:00:00"}, "expires_at"),
        ({"message": {}}, "message"),
        ({"message": {"fr": "   "}}, "message.fr"),
        ({"message": {"de": "Achtung"}}, "message.de"),
        ({**NOTICE, "level": "panic"}, "level"),
        ({"message": {"fr": "x" * 501}}, "message.fr"),
    ],
)
def test_post_notice_with_bad_input_answers_422_naming_the_field(
    api: TestClient, staff: dict[str, str], body: dict[str, Any], field: str
) -> None:
    response = api.post("/api/v1/notices", json=body, headers=staff)

    assert problem_of(response) == (
        422,
        "application/problem+json",
        {
            "type": "https://casa.ma/problems/invalid-input",
            "status": 422,
            "field": field,
            "instance": "/api/v1/notices",
        },
    )
    assert api.get("/api/v1/notices/current").status_code == 404


def test_delete_current_notice_takes_it_down(
    api: TestClient, staff: dict[str, str], clock: FrozenClock
) -> None:
    api.post("/api/v1/notices", json=NOTICE, headers=staff)
    clock.advance(minutes=30)

    deleted = api.delete("/api/v1/notices/current", headers=staff)
    again = api.delete("/api/v1/notices/current", headers=staff)

    assert (deleted.status_code, deleted.json()["id"]) == (200, 1)
    assert api.get("/api/v1/notices/current").status_code == 404
    assert problem_of(again) == (
        404,
        "application/problem+json",
        {
            "type": "https://casa.ma/problems/no-current-notice",
            "status": 404,
            "field": None,
            "instance": "/api/v1/notices/current",
        },
    )


def test_delete_current_notice_needs_the_permission(api: TestClient, db: Database) -> None:
    make_user(db, email="citizen@example.ma")

    anonymous = api.delete("/api/v1/notices/current")
    citizen = api.delete("/api/v1/notices/current", headers=bearer(api, "citizen@example.ma"))

    assert (anonymous.status_code, citizen.status_code) == (401, 403)


def test_posting_and_clearing_publish_the_whole_notice_on_the_bus(
    api: TestClient, staff: dict[str, str]
) -> None:
    bus = api.app.state.bus  # type: ignore[attr-defined]

    async def listen() -> list[dict[str, Any]]:
        async with bus.subscribe("notices") as events:
            await asyncio.to_thread(api.post, "/api/v1/notices", json=NOTICE, headers=staff)
            await asyncio.to_thread(api.delete, "/api/v1/notices/current", headers=staff)
            return [
                await asyncio.wait_for(anext(events), timeout=10),
                await asyncio.wait_for(anext(events), timeout=10),
            ]

    received = asyncio.run(listen())

    notice = {
        "id": 1,
        "message": NOTICE["message"],
        "level": "warning",
        "posted_at": NOW,
        "expires_at": None,
    }
    assert received == [
        {"type": "notice", "action": "posted", "notice": notice},
        {"type": "notice", "action": "cleared", "notice": notice},
    ]


def test_pages_show_the_notice_in_force_in_their_language(
    api: TestClient, staff: dict[str, str]
) -> None:
    api.post("/api/v1/notices", json=NOTICE, headers=staff)

    def banner(url: str) -> tuple[str | None, str | None, bool, str]:
        element = parse(api.get(url).text).find("div", id="casa-notice")
        text = element.find("p", class_="notice-banner__text").text
        return (
            element.attrs["data-level"],
            element.attrs["data-notice-id"],
            "hidden" in element.attrs,
            text,
        )

    assert [banner("/map?lang=ar"), banner("/?lang=fr")] == [
        ("warning", "1", False, NOTICE["message"]["ar"]),
        ("warning", "1", False, NOTICE["message"]["fr"]),
    ]


def test_pages_without_a_notice_keep_the_banner_hidden(api: TestClient) -> None:
    element = parse(api.get("/").text).find("div", id="casa-notice")

    assert ("hidden" in element.attrs, element.find("p").text) == (True, "")
