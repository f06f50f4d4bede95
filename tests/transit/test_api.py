"""The transit API: feed, lines, stops, departures and journeys."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from casa.transit import service

pytestmark = pytest.mark.integration


@pytest.fixture
def loaded(db: Database) -> None:
    with db.session() as session:
        service.load_bundled(session=session, now=datetime(2026, 4, 18, tzinfo=UTC))


def test_feed_zip_is_a_gtfs_archive(client: TestClient) -> None:
    response = client.get("/api/v1/transit/feed.zip")

    names = sorted(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert (response.status_code, response.headers["content-type"]) == (200, "application/zip")
    assert "stops.txt" in names and "frequencies.txt" in names


def test_without_a_feed_journeys_say_how_to_load_one(client: TestClient) -> None:
    response = client.get("/api/v1/transit/journeys", params={"from": "a", "to": "b"})

    assert (response.status_code, response.json()["type"]) == (
        404,
        "https://casa.ma/problems/not-found",
    )


@pytest.mark.usefixtures("loaded")
def test_journey_from_casa_port_to_ain_diab_plage_rides_t1_then_t2(client: TestClient) -> None:
    response = client.get(
        "/api/v1/transit/journeys",
        params={"from": "Casa Port", "to": "Aïn Diab Plage", "depart_at": "2026-04-20T08:00"},
    )

    body = response.json()
    journey = body["journeys"][0]
    rides = [
        (leg["line"]["id"], leg["from"]["name"], leg["to"]["name"])
        for leg in journey["legs"]
        if leg["mode"] == "ride"
    ]
    assert (response.status_code, body["from"]["stop_id"], body["to"]["stop_id"]) == (
        200,
        "T3-casa-port",
        "T2-ain-diab-plage",
    )
    assert rides == [("T1", "Marché Central", "Abdelmoumen"), ("T2", "Anoual", "Ain Diab Plage")]
    assert (journey["fare"]["amount"], journey["fare"]["currency"], journey["fare"]["table"]) == (
        "8.00",
        "MAD",
        "in force since 2024-03-01",
    )
    assert [t["status"] for t in journey["fare"]["tables"]] == ["in force", "voted"]


@pytest.mark.usefixtures("loaded")
def test_legs_follow_each_other_in_time(client: TestClient) -> None:
    response = client.get(
        "/api/v1/transit/journeys",
        params={"from": "Sidi Moumen", "to": "Hay Al Wahda", "depart_at": "2026-04-20T17:10"},
    )

    for journey in response.json()["journeys"]:
        legs = journey["legs"]
        times = [(leg["departure"], leg["arrival"]) for leg in legs]
        assert all(a <= b for a, b in times)
        assert all(times[i][1] <= times[i + 1][0] for i in range(len(times) - 1))
        assert all(
            legs[i]["to"]["name"] == legs[i + 1]["from"]["name"] for i in range(len(legs) - 1)
        )


@pytest.mark.usefixtures("loaded")
def test_arrive_by_arrives_in_time(client: TestClient) -> None:
    response = client.get(
        "/api/v1/transit/journeys",
        params={"from": "Casa Voyageurs", "to": "Facultés", "arrive_by": "2026-04-20T09:00"},
    )

    arrivals = [j["arrival"] for j in response.json()["journeys"]]
    assert (
        response.status_code,
        len(arrivals) > 0,
        all(a <= "2026-04-20T09:00:00+01:00" for a in arrivals),
    ) == (200, True, True)


@pytest.mark.usefixtures("loaded")
def test_both_times_are_refused(client: TestClient) -> None:
    response = client.get(
        "/api/v1/transit/journeys",
        params={"from": "Casa Port", "to": "Facultés", "depart_at": "08:00", "arrive_by": "09:00"},
    )

    assert (response.status_code, response.json()["field"]) == (422, "arrive_by")


@pytest.mark.usefixtures("loaded")
def test_unknown_place_is_a_404_naming_the_field(client: TestClient) -> None:
    response = client.get("/api/v1/transit/journeys", params={"from": "Casa Port", "to": "zzzzqqq"})

    assert (response.status_code, response.json()["field"]) == (404, "to")


@pytest.mark.usefixtures("loaded")
def test_departures_at_a_terminus_leave_one_way_only(client: TestClient) -> None:
    response = client.get(
        "/api/v1/transit/stops/T1-sidi-moumen/departures",
        params={"at": "2026-04-20T08:00", "limit": 3},
    )

    deps = [(d["line"], d["headsign"], d["departure"]) for d in response.json()["departures"]]
    # Peak service from 07:00 every 4 min 45 s: the 14th, 15th and 16th trams.
    assert deps == [
        ("T1", "Lissasfa", "2026-04-20T08:01:45+01:00"),
        ("T1", "Lissasfa", "2026-04-20T08:06:30+01:00"),
        ("T1", "Lissasfa", "2026-04-20T08:11:15+01:00"),
    ]


@pytest.mark.usefixtures("loaded")
def test_departures_on_a_holiday_follow_the_weekend_headway(client: TestClient) -> None:
    response = client.get(
        "/api/v1/transit/stops/T1-sidi-moumen/departures",
        params={"at": "2026-05-01T08:00", "limit": 2},
    )

    times = [d["departure"] for d in response.json()["departures"]]
    # Labour Day: every 8 min 30 s from 05:30, as on a Saturday.
    assert times == ["2026-05-01T08:03:00+01:00", "2026-05-01T08:11:30+01:00"]


@pytest.mark.usefixtures("loaded")
def test_lines_and_a_line_with_its_stops(client: TestClient) -> None:
    lines = client.get("/api/v1/transit/lines").json()
    t4 = client.get("/api/v1/transit/lines/T4").json()

    assert [line["id"] for line in lines] == ["T1", "T2", "T3", "T4", "BW1", "BW2"]
    assert (len(t4["directions"]["0"]), t4["directions"]["0"][0]["name"]) == (19, "Mohammed Erradi")
    assert client.get("/api/v1/transit/lines/T9").status_code == 404


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize("when", ["0001-01-01T00:00", "9999-12-31T23:59", "8h", "25:99"])
def test_times_out_of_reach_or_malformed_are_a_422(client: TestClient, when: str) -> None:
    response = client.get(
        "/api/v1/transit/journeys",
        params={"from": "Casa Port", "to": "Facultés", "depart_at": when},
    )

    assert (response.status_code, response.json()["type"]) == (
        422,
        "https://casa.ma/problems/invalid-input",
    )
