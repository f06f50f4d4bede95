"""Travel times: straight line, an imported OSM road graph, an OSRM server."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

from casa.city import travel
from casa.city.exceptions import BadOsmFile, BadPoint, NoRoute, TravelUnavailable
from casa.city.osm import OsmGraphProvider, RoadGraph, parse_maxspeed
from casa.city.osrm import OsrmProvider
from casa.core.config import Settings
from casa.core.geo import haversine_m
from tests.conftest import free_port, shared_path

pytestmark = pytest.mark.unit

SIDI_BELYOUT = (33.5896, -7.6200)
CASA_VOYAGEURS = (33.590358, -7.591948)
# Avenue Idriss 1er, a two-way street: its two ends in the OSM extract.
IDRISS_1_EAST = (33.5724538, -7.6141387)
IDRISS_1_WEST = (33.5721701, -7.6245586)
# One segment of a one-way street, in its direction of travel.
ONEWAY_FROM = (33.5667425, -7.6150797)
ONEWAY_TO = (33.5642813, -7.6146433)


# --- straight line ---------------------------------------------------------------------------


def test_straight_line_stretches_distance_at_mode_speed() -> None:
    provider = travel.StraightLineProvider(detour_factor=1.3)
    crow = haversine_m(SIDI_BELYOUT, CASA_VOYAGEURS)
    legs = {mode: provider.route(SIDI_BELYOUT, CASA_VOYAGEURS, mode=mode) for mode in travel.MODES}
    assert {m: (round(leg.distance_m, 1), round(leg.duration_s, 1)) for m, leg in legs.items()} == {
        "walk": (round(crow * 1.3, 1), round(crow * 1.3 / 1.3, 1)),
        "bike": (round(crow * 1.3, 1), round(crow * 1.3 / 4.2, 1)),
        "car": (round(crow * 1.3, 1), round(crow * 1.3 / 8.3, 1)),
    }


def test_straight_line_matrix_matches_single_durations() -> None:
    provider = travel.StraightLineProvider()
    points = [SIDI_BELYOUT, CASA_VOYAGEURS, IDRISS_1_EAST]
    matrix = provider.matrix(points, points, mode="bike")
    expected = [[provider.duration_s(a, b, mode="bike") for b in points] for a in points]
    assert [[round(x, 6) for x in row] for row in matrix] == [
        [round(x, 6) for x in row] for row in expected
    ]


def test_straight_line_refuses_detour_below_one() -> None:
    with pytest.raises(ValueError):
        travel.StraightLineProvider(detour_factor=0.5)


def test_provider_for_picks_by_settings(settings: Settings) -> None:
    assert isinstance(travel.provider_for(settings), travel.StraightLineProvider)
    assert isinstance(travel.provider_for(settings), travel.TravelTimeProvider)
    osrm = settings.model_copy(
        update={"travel_provider": "osrm", "osrm_url": "http://127.0.0.1:5000"}
    )
    assert isinstance(travel.provider_for(osrm), OsrmProvider)


def test_provider_for_osm_without_graph_says_what_to_do(settings: Settings) -> None:
    osm = settings.model_copy(update={"travel_provider": "osm"})
    with pytest.raises(TravelUnavailable) as caught:
        travel.provider_for(osm)
    path = settings.var_dir / "osm" / "graph.npz"
    assert caught.value.detail == (
        f"The osm travel-time provider is unavailable: no road graph at {path}; "
        "run: casa city import-osm FILE."
    )


def test_provider_for_osrm_without_url(settings: Settings) -> None:
    with pytest.raises(TravelUnavailable) as caught:
        travel.provider_for(settings.model_copy(update={"travel_provider": "osrm"}))
    assert (
        caught.value.detail
        == "The osrm travel-time provider is unavailable: CASA_OSRM_URL is not set."
    )


@pytest.mark.parametrize("text", ["33.5", "a,b", "33.5,-7.6,1", "95,-7.6", "33.5,-190", "nan,1"])
def test_parse_point_refuses_bad_points(text: str) -> None:
    with pytest.raises(BadPoint):
        travel.parse_point(text)


def test_parse_point_reads_lat_lon() -> None:
    assert travel.parse_point(" 33.5896 , -7.62 ") == (33.5896, -7.62)


# --- OSM road graph --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def osm_graph() -> RoadGraph:
    with shared_path("data", "osm", "casablanca-centre-main-roads.osm").open("rb") as fh:
        return RoadGraph.from_osm(fh)


@pytest.fixture(scope="module")
def osm(osm_graph: RoadGraph) -> OsmGraphProvider:
    return OsmGraphProvider(osm_graph)


def test_osm_graph_counts(osm_graph: RoadGraph) -> None:
    assert (osm_graph.ways, osm_graph.nodes, osm_graph.segments) == (751, 4694, 4940)
    assert int((osm_graph.oneway != 0).sum()) == 4331


def test_osm_graph_survives_save_and_load(osm_graph: RoadGraph, tmp_path: Path) -> None:
    osm_graph.save(tmp_path / "g.npz")
    loaded = RoadGraph.load(tmp_path / "g.npz")
    assert (loaded.ways, loaded.nodes, loaded.segments) == (751, 4694, 4940)
    assert loaded.length_m.tolist() == osm_graph.length_m.tolist()


def test_osm_route_along_a_street_is_a_bit_longer_than_the_crow_flies(
    osm: OsmGraphProvider,
) -> None:
    crow = haversine_m(IDRISS_1_EAST, IDRISS_1_WEST)
    leg = osm.route(IDRISS_1_EAST, IDRISS_1_WEST, mode="walk")
    assert crow < leg.distance_m < crow * 1.05
    assert (round(crow, 1), round(leg.distance_m, 1), round(leg.duration_s, 1)) == (
        965.9,
        968.8,
        745.3,
    )


def test_osm_car_respects_oneway_and_walking_does_not(osm: OsmGraphProvider) -> None:
    ahead = osm.route(ONEWAY_FROM, ONEWAY_TO, mode="car")
    back = osm.route(ONEWAY_TO, ONEWAY_FROM, mode="car")
    walk_back = osm.route(ONEWAY_TO, ONEWAY_FROM, mode="walk")
    assert [round(leg.distance_m, 1) for leg in (ahead, back, walk_back)] == [276.6, 1362.1, 276.6]


def test_osm_matrix_agrees_with_routes(osm: OsmGraphProvider) -> None:
    points = [ONEWAY_FROM, ONEWAY_TO, IDRISS_1_WEST]
    matrix = osm.matrix(points, points, mode="car")
    expected = [[osm.duration_s(a, b, mode="car") for b in points] for a in points]
    assert [[round(x, 3) for x in row] for row in matrix] == [
        [round(x, 3) for x in row] for row in expected
    ]


def test_osm_point_far_from_roads_has_no_route(osm: OsmGraphProvider) -> None:
    with pytest.raises(NoRoute):
        osm.route(IDRISS_1_EAST, (33.7, -7.4), mode="car")


def test_osm_provider_from_settings_uses_imported_graph(
    osm_graph: RoadGraph, settings: Settings
) -> None:
    osm_graph.save(settings.var_dir / "osm" / "graph.npz")
    leg = travel.travel(
        settings=settings.model_copy(update={"travel_provider": "osm"}),
        origin=IDRISS_1_EAST,
        destination=IDRISS_1_WEST,
        mode="walk",
    )
    assert (leg.provider, round(leg.distance_m, 1)) == ("osm", 968.8)


@pytest.mark.parametrize(
    ("tag", "kmh"), [("50", 50.0), ("30 mph", 48.28032), ("walk", None), (None, None)]
)
def test_parse_maxspeed(tag: str | None, kmh: float | None) -> None:
    assert parse_maxspeed(tag) == kmh


def test_osm_bad_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.osm"
    bad.write_text("<osm><node id='1' lat='x'", "utf-8")
    with bad.open("rb") as fh, pytest.raises(BadOsmFile):
        RoadGraph.from_osm(fh)


def test_osm_file_without_roads_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.osm"
    empty.write_text("<osm><node id='1' lat='33.5' lon='-7.6'/></osm>", "utf-8")
    with empty.open("rb") as fh, pytest.raises(BadOsmFile) as caught:
        RoadGraph.from_osm(fh)
    assert caught.value.detail == (
        f"The OpenStreetMap file {empty} cannot be read: "
        "it holds no way with a routable highway tag."
    )


# --- OSRM ------------------------------------------------------------------------------------


class _Osrm(BaseHTTPRequestHandler):
    """Answer like OSRM's HTTP API v1 (route and table services), recording each request."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        self.requests.append(self.path)
        parts = url.path.split("/")
        service, profile, coords = parts[1], parts[3], parts[4]
        points = [tuple(map(float, c.split(","))) for c in coords.split(";")]
        if any(lon > 0 for lon, _ in points):
            body: dict[str, object] = {
                "code": "NoRoute",
                "message": "Impossible route between points",
            }
            status = 400
        elif service == "route":
            body = {
                "code": "Ok",
                "routes": [
                    {
                        "duration": 321.5,
                        "distance": 2345.6,
                        "legs": [],
                        "weight": 321.5,
                        "weight_name": profile,
                    }
                ],
                "waypoints": [],
            }
            status = 200
        else:
            query = parse_qs(url.query)
            sources = [int(i) for i in query["sources"][0].split(";")]
            destinations = [int(i) for i in query["destinations"][0].split(";")]
            body = {
                "code": "Ok",
                "durations": [
                    [None if s == 0 and d == 3 else float(10 * s + d) for d in destinations]
                    for s in sources
                ],
                "sources": [],
                "destinations": [],
            }
            status = 200
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def osrm_url() -> Iterator[str]:
    _Osrm.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Osrm)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_osrm_route_reads_duration_and_distance(osrm_url: str) -> None:
    leg = OsrmProvider(osrm_url).route(SIDI_BELYOUT, CASA_VOYAGEURS, mode="car")
    assert (leg.duration_s, leg.distance_m, leg.provider) == (321.5, 2345.6, "osrm")
    assert _Osrm.requests == [
        "/route/v1/car/-7.620000,33.589600;-7.591948,33.590358"
        "?overview=false&alternatives=false&steps=false"
    ]


def test_osrm_walk_uses_foot_profile(osrm_url: str) -> None:
    OsrmProvider(osrm_url).duration_s(SIDI_BELYOUT, CASA_VOYAGEURS, mode="walk")
    assert (
        _Osrm.requests[0].split("?")[0] == "/route/v1/foot/-7.620000,33.589600;-7.591948,33.590358"
    )


def test_osrm_table_gives_matrix_with_inf_for_no_route(osrm_url: str) -> None:
    matrix = OsrmProvider(osrm_url).matrix(
        [SIDI_BELYOUT, CASA_VOYAGEURS], [IDRISS_1_EAST, IDRISS_1_WEST], mode="bike"
    )
    assert matrix == [[2.0, math.inf], [12.0, 13.0]]
    assert _Osrm.requests[0].split("?")[1] == (
        "sources=0%3B1&destinations=2%3B3&annotations=duration"
    )


def test_osrm_no_route_raises(osrm_url: str) -> None:
    with pytest.raises(NoRoute):
        OsrmProvider(osrm_url).route(SIDI_BELYOUT, (33.5, 7.6), mode="car")


def test_osrm_unreachable_server_says_so() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(TravelUnavailable) as caught:
        OsrmProvider(url, timeout_s=2).route(SIDI_BELYOUT, CASA_VOYAGEURS)
    assert (
        caught.value.detail
        == f"The osrm travel-time provider is unavailable: {url} does not answer (ConnectError)."
    )


def test_travel_with_osrm_settings(osrm_url: str, settings: Settings) -> None:
    configured = settings.model_copy(update={"travel_provider": "osrm", "osrm_url": osrm_url})
    leg = travel.travel(
        settings=configured, origin=SIDI_BELYOUT, destination=CASA_VOYAGEURS, mode="car"
    )
    assert leg == travel.Leg(321.5, 2345.6, "osrm")
