from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from tests.expo.factories import YEAR, make_edition
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration


def test_organizer_schedules_publishes_and_a_visitor_is_checked_in(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=3)
    make_user(db, email="org@casa.ma", roles=("organizer",))
    make_user(db, email="visitor@casa.ma")
    org = bearer(client, "org@casa.ma")
    visitor = bearer(client, "visitor@casa.ma")

    unpublished = client.get(f"/api/v1/expo/editions/{YEAR}/schedule.json").json()
    scheduled = client.post(f"/api/v1/expo/editions/{YEAR}/schedule", headers=org).json()
    published = client.post(f"/api/v1/expo/editions/{YEAR}/publish", headers=org).json()
    xml = client.get(f"/api/v1/expo/editions/{YEAR}/schedule.xml")
    reg = client.post(
        f"/api/v1/expo/editions/{YEAR}/registrations",
        headers=visitor,
        json={
            "category": "citizen",
            "name": "Visitor",
            "email": "visitor@casa.ma",
            "consent": True,
        },
    ).json()
    scan = {"secret": reg["secret"], "gate": "twin-center:a", "type": "entry", "nonce": "n-000001"}
    first = client.post("/api/v1/expo/checkins", json=scan, headers=org)
    refused = client.post("/api/v1/expo/checkins", headers=visitor, json=scan)
    presence = client.get(f"/api/v1/expo/editions/{YEAR}/presence", headers=org).json()
    figures = client.get(f"/api/v1/expo/editions/{YEAR}/kpis").json()["figures"]

    assert unpublished["schedule"]["events"] == []
    assert (scheduled["placed"], scheduled["conflicts"], published) == (
        3,
        [],
        {"version": 1, "sessions": 3},
    )
    assert (xml.status_code, xml.headers["content-type"]) == (200, "application/xml")
    assert (reg["status"], first.status_code, first.json()["accepted"]) == ("confirmed", 200, True)
    assert refused.status_code == 403
    assert presence == [
        {"venue": "technopark", "name": "Technopark", "inside": 0},
        {"venue": "twin-center", "name": "Twin Center", "inside": 1},
    ]
    assert (figures["participants"], figures["checkins"], figures["no_show_rate"]) == (1, 1, 0.0)


def test_unknown_edition_is_a_problem(client: TestClient) -> None:
    response = client.get("/api/v1/expo/editions/2031/kpis", headers={"Accept-Language": "en"})

    assert (response.status_code, response.json()["detail"]) == (
        404,
        "No edition of the Expo in 2031",
    )
