"""The trade show's API: organizers build exhibitors, plans and staff; staff edit their profile."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from tests.expo.factories import YEAR, make_edition
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration
BASE = f"/api/v1/expo/editions/{YEAR}"
COMPANY = {
    "slug": "derb-lab",
    "name": "Derb Lab",
    "kind": "startup",
    "sector": "e_government",
    "country": "MA",
    "city": "Casablanca",
    "website": "https://derb-lab.example.org/",
    "description": "Des services publics en darija.",
    "area_requested": 4,
}


def test_organizer_builds_the_show_and_staff_edit_their_profile(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=0)
    make_user(db, email="org@casa.ma", roles=("organizer",))
    staff_id = make_user(db, email="derb@casa.ma", name="Derb Staff")
    make_user(db, email="other@casa.ma", roles=("exhibitor",))
    org = bearer(client, "org@casa.ma")

    created = client.post(f"{BASE}/exhibitors", json=COMPANY, headers=org)
    client.post(
        f"{BASE}/exhibitors",
        json={**COMPANY, "slug": "atlas", "name": "Atlas", "kind": "sponsor", "sector": "energy"},
        headers=org,
    )
    hall = client.post(
        f"{BASE}/halls",
        json={
            "slug": "hall-1",
            "venue": "twin-center",
            "name": "Hall 1",
            "width": 20,
            "depth": 10,
            "booths": [{"code": "P1", "kind": "startup_pod", "x": 1, "y": 1, "w": 2, "h": 2}],
        },
        headers=org,
    )
    client.put(f"{BASE}/booths/P1/allocation", json={"exhibitor": "derb-lab"}, headers=org)
    linked = client.post(
        f"{BASE}/exhibitors/derb-lab/staff", json={"email": "derb@casa.ma"}, headers=org
    )
    staff = bearer(client, "derb@casa.ma")
    mine = client.get(f"{BASE}/my-exhibitors", headers=staff)
    edited = client.put(
        f"{BASE}/exhibitors/derb-lab/profile",
        json={"description": "خدمات عمومية بالدارجة", "description_lang": "ar"},
        headers=staff,
    )
    stranger = client.put(
        f"{BASE}/exhibitors/derb-lab/profile",
        json={"description": "spam"},
        headers=bearer(client, "other@casa.ma"),
    )
    village = client.get(f"{BASE}/exhibitors?kind=startup").json()
    unlinked = client.delete(f"{BASE}/exhibitors/derb-lab/staff/{staff_id}", headers=org)
    after = client.get(f"{BASE}/my-exhibitors", headers=staff)
    unknown = client.get(f"{BASE}/exhibitors/nobody-here", headers={"Accept-Language": "fr"})

    assert (created.status_code, created.json()["area_allocated"], created.json()["booths"]) == (
        200,
        0.0,
        [],
    )
    assert hall.json() == {
        "slug": "hall-1",
        "venue": "twin-center",
        "name": "Hall 1",
        "floor": 0,
        "width": 20.0,
        "depth": 10.0,
        "booths": [
            {
                "code": "P1",
                "kind": "startup_pod",
                "x": 1.0,
                "y": 1.0,
                "w": 2.0,
                "h": 2.0,
                "area": 4.0,
                "exhibitor": None,
                "exhibitor_name": None,
            }
        ],
    }
    assert linked.json() == [{"user_id": staff_id, "name": "Derb Staff", "email": "derb@casa.ma"}]
    assert [e["slug"] for e in mine.json()] == ["derb-lab"]
    assert (edited.status_code, stranger.status_code) == (200, 403)
    assert village == [
        {
            **COMPANY,
            "area_requested": 4.0,
            "description": "خدمات عمومية بالدارجة",
            "description_lang": "ar",
            "website": None,
            "logo_url": None,
            "area_allocated": 4.0,
            "booths": ["P1"],
            "generated": False,
        }
    ]
    assert (unlinked.status_code, after.json()) == (204, [])
    assert (unknown.status_code, unknown.json()["detail"]) == (
        404,
        "Introuvable dans cette édition : exposant 'nobody-here'",
    )
