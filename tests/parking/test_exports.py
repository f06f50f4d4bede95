"""Open outputs: DATEX II v3, ParkAPI-style JSON, GeoJSON, and live events on the bus."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from casa.core.bus import InProcessBus
from casa.core.clock import FrozenClock
from casa.core.db import Database
from casa.parking import ingest
from tests.parking.factories import count, make_site

pytestmark = pytest.mark.integration

PRK = "{http://datex2.eu/schema/3/parking}"


@pytest.fixture
def two_sites(db: Database, clock: FrozenClock) -> None:
    make_site(db, "a", capacity=40)
    make_site(db, "b", capacity=10, lat=33.59, lon=-7.62)
    count(db, "a", 10, clock() - timedelta(minutes=1))


def test_datex2_status_has_one_record_per_site_with_occupancy(
    client: TestClient, two_sites: None
) -> None:
    response = client.get("/api/v1/parking/datex2.xml")

    root = ET.fromstring(response.content)  # noqa: S314 (Casa's own output)
    records = {
        r.find(f"{PRK}parkingRecordReference").get("id"): (  # type: ignore[union-attr]
            r.findtext(f"{PRK}parkingOccupancy/{PRK}parkingNumberOfVacantSpaces"),
            r.findtext(f"{PRK}parkingOccupancy/{PRK}parkingOccupancy"),
            r.findtext(f"{PRK}parkingSiteStatus"),
        )
        for r in root.iter(f"{PRK}parkingRecordStatus")
    }
    assert (response.status_code, response.headers["content-type"]) == (200, "application/xml")
    assert records == {"a": ("10", "75.0", "spacesAvailable"), "b": (None, None, "statusUnknown")}


def test_datex2_table_has_one_parking_record_per_site(client: TestClient, two_sites: None) -> None:
    table = client.get("/api/v1/parking/datex2.xml?publication=table").content
    root = ET.fromstring(table)  # noqa: S314 (Casa's own output)

    assert [
        (r.get("id"), r.findtext(f"{PRK}parkingNumberOfSpaces"))
        for r in root.iter(f"{PRK}parkingRecord")
    ] == [("a", "40"), ("b", "10")]


def test_parkapi_lists_sites_with_realtime_free_capacity(
    client: TestClient, two_sites: None
) -> None:
    body = client.get("/api/v1/parking/parkapi.json").json()

    assert body["total_count"] == 2
    assert [
        (
            i["uid"],
            i["type"],
            i["capacity"],
            i["realtime_free_capacity"],
            i["realtime_data_updated_at"],
        )
        for i in body["items"]
    ] == [
        ("a", "UNDERGROUND", 40, 10, "2026-04-18T08:59:00+00:00"),
        ("b", "UNDERGROUND", 10, None, None),
    ]


def test_geojson_colours_sites_by_availability(client: TestClient, two_sites: None) -> None:
    response = client.get("/api/v1/parking/sites.geojson")

    features = response.json()["features"]
    assert response.headers["content-type"] == "application/geo+json"
    assert [
        (f["id"], f["geometry"]["coordinates"], f["properties"]["availability"]) for f in features
    ] == [("a", [-7.63229, 33.58658], "free"), ("b", [-7.62, 33.59], "unknown")]


def test_accepted_count_is_published_on_the_parking_channel(
    db: Database, clock: FrozenClock
) -> None:
    make_site(db, "a", capacity=40)
    bus = InProcessBus()

    def push() -> None:
        with db.session() as session:
            ingest.ingest(
                session=session,
                items=[{"site": "a", "free": 7, "observed_at": clock().isoformat()}],
                channel="http",
                now=clock(),
                bus=bus,
            )

    async def listen() -> dict[str, Any]:
        async with bus.subscribe("parking") as events:
            await asyncio.to_thread(push)
            return await asyncio.wait_for(anext(events), 5)

    assert asyncio.run(listen()) == {
        "type": "occupancy",
        "site": "a",
        "free": 7,
        "observed_at": "2026-04-18T09:00:00+00:00",
    }
