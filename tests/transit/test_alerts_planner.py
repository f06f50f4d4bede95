"""The planner and service alerts: closed stops are avoided only while closed; alerts are shown."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from casa.core.clock import CASABLANCA
from casa.core.db import Database
from casa.transit import alerts, planner, service
from casa.transit.schemas import AlertIn
from casa.transit.timetable import Timetable, WalkParams

pytestmark = pytest.mark.integration

AT_8 = datetime(2026, 4, 20, 8, 0, tzinfo=CASABLANCA)


def _post(db: Database, start: str, end: str, stops: list[str], lines: list[str]) -> None:
    with db.session() as session:
        data = AlertIn.model_validate(
            {
                "effect": "closed_stops",
                "lines": lines,
                "stops": stops,
                "start": start,
                "end": end,
                "message": {"fr": "Fermé", "en": "Closed"},
            }
        )
        schedule = service.network(session=session).schedule
        alerts.post_alert(
            session=session, data=data, schedule=schedule, now=datetime(2026, 4, 18, tzinfo=UTC)
        )


def _plan(db: Database) -> list[tuple[list[tuple[str, str, str]], list[int]]]:
    with db.session() as session:
        _, _, found = service.plan(
            session=session, origin="Casa Port", destination="Aïn Diab Plage", when=AT_8
        )
    result = []
    for p in found:
        stops = p.timetable.stops
        rides = [
            (leg.trip.route_id, stops[leg.from_stop].stop_id, stops[leg.to_stop].stop_id)
            for leg in p.journey.legs
            if leg.trip is not None and leg.from_stop is not None and leg.to_stop is not None
        ]
        result.append((rides, [a.id for a in p.alerts]))
    return result


BASELINE = [
    (
        [("T1", "T1-marche-central", "T1-abdelmoumen"), ("T2", "T2-anoual", "T2-ain-diab-plage")],
        [],
    )
]


def test_journey_without_alerts_is_the_usual_one(casa_feed: Database) -> None:
    assert _plan(casa_feed) == BASELINE


def test_closed_transfer_stop_changes_the_journey_and_attaches_the_alert(
    casa_feed: Database,
) -> None:
    _post(casa_feed, "2026-04-20T07:00+01:00", "2026-04-20T10:00+01:00", ["T2-anoual"], ["T2"])

    assert _plan(casa_feed) == [
        (
            [
                ("T3", "T3-casa-port", "T3-derb-tolba"),
                ("T2", "T2-derb-sultan", "T2-ain-diab-plage"),
            ],
            [1],
        )
    ]


def test_closure_over_before_the_journey_changes_nothing(casa_feed: Database) -> None:
    _post(casa_feed, "2026-04-20T05:00+01:00", "2026-04-20T07:30+01:00", ["T2-anoual"], ["T2"])

    assert _plan(casa_feed) == BASELINE


def test_closure_starting_on_the_way_is_avoided(casa_feed: Database) -> None:
    # Anoual closes at 08:20, after the query time, before the transfer there at 08:24.
    _post(casa_feed, "2026-04-20T08:20+01:00", "2026-04-20T09:00+01:00", ["T2-anoual"], [])

    [(rides, attached)] = _plan(casa_feed)

    assert ("T2-anoual" in {s for _, a, b in rides for s in (a, b)}, attached) == (False, [1])


def test_planner_passes_through_a_closed_stop_without_stopping(weekday_tt: Timetable) -> None:
    params = WalkParams()
    stops = weekday_tt.stop_index
    a, b = weekday_tt.stops[stops["T1-marche-central"]], weekday_tt.stops[stops["T1-les-hopitaux"]]
    o = planner.endpoint(weekday_tt, a.lat, a.lon, WalkParams(max_walk_m=0))
    d = planner.endpoint(weekday_tt, b.lat, b.lon, WalkParams(max_walk_m=0))
    closed = np.zeros(weekday_tt.n_stops, dtype=bool)
    closed[stops["T1-place-mohammed-v"]] = True

    free = planner.depart_at(weekday_tt, o, d, 8 * 3600, params)
    shut = planner.depart_at(weekday_tt, o, d, 8 * 3600, params, closed=closed)

    assert [(j.departure, j.arrival, j.rides) for j in shut] == [
        (j.departure, j.arrival, j.rides) for j in free
    ]


def test_planner_never_alights_at_a_closed_destination_stop(weekday_tt: Timetable) -> None:
    stops = weekday_tt.stop_index
    a, b = weekday_tt.stops[stops["T1-marche-central"]], weekday_tt.stops[stops["T1-les-hopitaux"]]
    exact = WalkParams(max_walk_m=0)
    o = planner.endpoint(weekday_tt, a.lat, a.lon, exact)
    d = planner.endpoint(weekday_tt, b.lat, b.lon, exact)
    closed = np.zeros(weekday_tt.n_stops, dtype=bool)
    closed[stops["T1-les-hopitaux"]] = True

    assert planner.depart_at(weekday_tt, o, d, 8 * 3600, exact, closed=closed) == []
