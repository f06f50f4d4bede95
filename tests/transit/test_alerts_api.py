"""Service alerts over the API: who may post them, what is refused, and journeys that show them."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration

CLOSE_ANOUAL: dict[str, Any] = {
    "effect": "closed_stops",
    "cause": "construction",
    "lines": ["T2"],
    "stops": ["T2-anoual"],
    "start": "2026-04-20T06:00:00+01:00",
    "end": "2026-04-20T12:00:00+01:00",
    "message": {"fr": "Anoual fermée pour travaux", "ar": "محطة أنوال مغلقة للأشغال"},
}
JOURNEY = {"from": "Casa Port", "to": "Aïn Diab Plage", "depart_at": "2026-04-20T08:00"}


@pytest.fixture
def staff(client: TestClient, casa_feed: Database) -> dict[str, str]:
    make_user(casa_feed, email="staff@casa.ma", roles=("staff",))
    return bearer(client, "staff@casa.ma")


def _problem(response: Any) -> tuple[int, str | None, str, str | None]:
    body = response.json()
    return (
        response.status_code,
        response.headers.get("content-type"),
        body["type"].rsplit("/", 1)[1],
        body.get("field"),
    )


def test_anonymous_caller_cannot_post_an_alert(client: TestClient) -> None:
    response = client.post("/api/v1/transit/alerts", json=CLOSE_ANOUAL)

    assert _problem(response) == (
        401,
        "application/problem+json",
        "not-authenticated",
        None,
    )


def test_citizen_cannot_post_an_alert(client: TestClient, casa_feed: Database) -> None:
    make_user(casa_feed, email="rider@casa.ma", roles=("citizen",))

    response = client.post(
        "/api/v1/transit/alerts", json=CLOSE_ANOUAL, headers=bearer(client, "rider@casa.ma")
    )

    assert _problem(response)[:3] == (403, "application/problem+json", "permission-denied")


def test_staff_posts_an_alert_and_everyone_reads_it(
    client: TestClient, staff: dict[str, str]
) -> None:
    posted = client.post("/api/v1/transit/alerts", json=CLOSE_ANOUAL, headers=staff)

    listed = client.get("/api/v1/transit/alerts")
    expected = {
        "id": 1,
        "effect": "closed_stops",
        "cause": "construction",
        "lines": ["T2"],
        "stops": ["T2-anoual"],
        "start": "2026-04-20T05:00:00Z",
        "end": "2026-04-20T11:00:00Z",
        "message": {"fr": "Anoual fermée pour travaux", "ar": "محطة أنوال مغلقة للأشغال"},
        "posted_at": "2026-04-18T09:00:00Z",
    }
    assert (posted.status_code, posted.json(), listed.json()) == (201, expected, [expected])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end": "2026-04-20T05:00:00+01:00"}, "end"),
        ({"start": "2026-04-10T05:00:00+01:00", "end": "2026-04-11T05:00:00+01:00"}, "end"),
        ({"stops": ["nowhere"]}, "stops"),
        ({"lines": ["T9"]}, "lines"),
        ({"stops": []}, "stops"),
        ({"message": {}}, "message"),
        ({"effect": "teleport"}, "effect"),
        ({"start": "2026-04-20T06:00:00"}, "start"),
    ],
)
def test_a_bad_alert_is_refused_naming_the_field(
    client: TestClient, staff: dict[str, str], change: dict[str, Any], field: str
) -> None:
    response = client.post("/api/v1/transit/alerts", json={**CLOSE_ANOUAL, **change}, headers=staff)

    assert (_problem(response), client.get("/api/v1/transit/alerts").json()) == (
        (422, "application/problem+json", "invalid-input", field),
        [],
    )


def test_staff_removes_an_alert_once(client: TestClient, staff: dict[str, str]) -> None:
    alert_id = client.post("/api/v1/transit/alerts", json=CLOSE_ANOUAL, headers=staff).json()["id"]

    first = client.delete(f"/api/v1/transit/alerts/{alert_id}", headers=staff)
    second = client.delete(f"/api/v1/transit/alerts/{alert_id}", headers=staff)

    assert (first.status_code, first.json()["id"], _problem(second)[::3]) == (
        200,
        alert_id,
        (404, "alert_id"),
    )


def _rides(journey: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (leg["line"]["id"], leg["from"]["stop_id"], leg["to"]["stop_id"])
        for leg in journey["legs"]
        if leg["mode"] == "ride"
    ]


def test_journey_avoids_a_closed_stop_and_shows_the_alert_in_arabic(
    client: TestClient, staff: dict[str, str]
) -> None:
    before = client.get("/api/v1/transit/journeys", params=JOURNEY).json()["journeys"][0]
    client.post("/api/v1/transit/alerts", json=CLOSE_ANOUAL, headers=staff)

    after = client.get(
        "/api/v1/transit/journeys", params=JOURNEY, headers={"Accept-Language": "ar"}
    ).json()["journeys"][0]

    used = {stop for _, a, b in _rides(after) for stop in (a, b)}
    assert (
        _rides(before),
        "T2-anoual" in used,
        [(a["id"], a["message"], a["language"]) for a in after["alerts"]],
    ) == (
        [("T1", "T1-marche-central", "T1-abdelmoumen"), ("T2", "T2-anoual", "T2-ain-diab-plage")],
        False,
        [(1, "محطة أنوال مغلقة للأشغال", "ar")],
    )


def test_alerts_are_published_as_gtfs_realtime(client: TestClient, staff: dict[str, str]) -> None:
    client.post("/api/v1/transit/alerts", json=CLOSE_ANOUAL, headers=staff)

    feed = client.get("/api/v1/transit/alerts/gtfs-rt.json").json()

    assert feed["entity"] == [
        {
            "id": "1",
            "alert": {
                "active_period": [{"start": 1776661200, "end": 1776682800}],
                "informed_entity": [{"route_id": "T2"}, {"stop_id": "T2-anoual"}],
                "cause": "CONSTRUCTION",
                "effect": "NO_SERVICE",
                "header_text": {
                    "translation": [
                        {"text": "Anoual fermée pour travaux", "language": "fr"},
                        {"text": "محطة أنوال مغلقة للأشغال", "language": "ar"},
                    ]
                },
                "description_text": {
                    "translation": [
                        {"text": "Anoual fermée pour travaux", "language": "fr"},
                        {"text": "محطة أنوال مغلقة للأشغال", "language": "ar"},
                    ]
                },
            },
        }
    ]
