"""The city JSON API: search, locate, arrondissements, prefectures, travel times."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database

pytestmark = pytest.mark.integration


@pytest.fixture
def api(loaded: Database, client: TestClient) -> TestClient:
    return client


def test_places_casa_voyageur_station_first(api: TestClient) -> None:
    response = api.get("/api/v1/city/places", params={"q": "casa voyageur", "limit": 2})
    body = response.json()
    assert response.status_code == 200
    assert [(h["place"]["key"], h["name"], h["score"]) for h in body] == [
        ("station:casa-voyageurs", "Gare de Casa-Voyageurs", 100.0),
        ("stop:casa-voyageurs", "Casa Voyageurs", 98.3),
    ]


def test_places_arabic_query_names_in_arabic(api: TestClient) -> None:
    response = api.get(
        "/api/v1/city/places", params={"q": "الدار البيضاء الميناء", "lang": "ar", "limit": 1}
    )
    hit = response.json()[0]
    assert (hit["place"]["key"], hit["name"], hit["matched"], hit["score"]) == (
        "station:casa-port",
        "محطة الدار البيضاء الميناء",
        "الدار البيضاء الميناء",
        100.0,
    )


def test_places_whole_result_of_one_hit(api: TestClient) -> None:
    response = api.get("/api/v1/city/places", params={"q": "توين سنتر", "lang": "en", "limit": 1})
    assert response.json() == [
        {
            "name": "Twin Center",
            "score": 100.0,
            "matched": "توين سنتر",
            "place": {
                "id": response.json()[0]["place"]["id"],
                "key": "landmark:twin-center",
                "kind": "landmark",
                "name_fr": "Twin Center",
                "name_ar": "توين سنتر",
                "name_en": "Twin Center",
                "name_darija_ar": "التوين",
                "name_darija_latn": "twin",
                "aliases": [
                    "Twin Centre",
                    "Twin Center Casablanca",
                    "Twins",
                    "Tours jumelles",
                    "التوين سنتر",
                    "توين سانتر",
                ],
                "lat": 33.58658,
                "lon": -7.63229,
                "area_code": "061410103",
                "source": "OpenStreetMap contributors (ODbL)",
                "attributes": {"osm_ref": "node/770235536"},
            },
        }
    ]


def test_places_kind_filter(api: TestClient) -> None:
    response = api.get("/api/v1/city/places", params={"q": "hay hassani", "kind": "stop"})
    assert [(h["place"]["key"], h["score"]) for h in response.json()] == [
        ("stop:hay-hassani", 100.0),
        ("stop:avenue-hassan-ii", 63.2),
    ]


def test_places_without_query_is_422(api: TestClient) -> None:
    response = api.get("/api/v1/city/places")
    assert (response.status_code, response.json()["field"]) == (422, "q")


def test_place_by_key(api: TestClient) -> None:
    response = api.get("/api/v1/city/places/stop:idriss-el-allam")
    assert (response.status_code, response.json()["attributes"]["lines"]) == (200, ["T3", "T4"])


def test_place_by_unknown_key_is_404(api: TestClient) -> None:
    response = api.get("/api/v1/city/places/stop:nowhere")
    assert (response.status_code, response.json()["type"]) == (
        404,
        "https://casa.ma/problems/unknown-place",
    )


def test_locate_sidi_belyout(api: TestClient) -> None:
    response = api.get("/api/v1/city/locate", params={"lat": 33.5896, "lon": -7.62})
    assert response.status_code == 200
    assert response.json() == {
        "lat": 33.5896,
        "lon": -7.62,
        "name": "Sidi Belyout",
        "area": {
            "code": "061410107",
            "kind": "arrondissement",
            "name_fr": "Sidi Belyout",
            "name_ar": "سيدي بليوط",
            "name_en": "Sidi Belyout",
            "prefecture": "Casablanca-Anfa",
            "prefecture_ar": "عمالة مقاطعات الدار البيضاء أنفا",
            "bbox": [-7.639716, 33.583193, -7.579679, 33.621432],
        },
    }


def test_locate_in_the_sea_is_404_problem(api: TestClient) -> None:
    response = api.get("/api/v1/city/locate", params={"lat": 33.65, "lon": -7.65, "lang": "en"})
    assert (response.status_code, response.headers["content-type"]) == (
        404,
        "application/problem+json",
    )
    assert response.json() == {
        "type": "https://casa.ma/problems/outside-casablanca",
        "title": "Outside Casablanca",
        "status": 404,
        "detail": "The point 33.65, -7.65 is outside Casablanca's arrondissements.",
        "instance": "/api/v1/city/locate",
    }


def test_locate_in_the_sea_speaks_french_and_arabic(api: TestClient) -> None:
    fr = api.get("/api/v1/city/locate", params={"lat": 33.65, "lon": -7.65, "lang": "fr"}).json()
    ar = api.get("/api/v1/city/locate", params={"lat": 33.65, "lon": -7.65, "lang": "ar"}).json()
    assert (fr["title"], fr["detail"]) == (
        "Hors de Casablanca",
        "Le point 33.65, -7.65 est en dehors des arrondissements de Casablanca.",
    )
    assert (ar["title"], ar["detail"]) == (
        "خارج الدار البيضاء",
        "النقطة 33.65، -7.65 خارج مقاطعات الدار البيضاء.",
    )


@pytest.mark.parametrize(
    ("lat", "lon", "field"), [(91, -7.6, "lat"), (33.5, -181, "lon"), ("x", 0, "lat")]
)
def test_locate_out_of_range_is_422(api: TestClient, lat: object, lon: object, field: str) -> None:
    response = api.get("/api/v1/city/locate", params={"lat": lat, "lon": lon})
    assert (response.status_code, response.json()["field"]) == (422, field)


def test_arrondissements_geojson(api: TestClient) -> None:
    response = api.get("/api/v1/city/arrondissements")
    body = response.json()
    assert (response.status_code, response.headers["content-type"]) == (200, "application/geo+json")
    assert (body["type"], len(body["features"])) == ("FeatureCollection", 16)
    assert body["features"][2]["properties"] == {
        "code": "061410107",
        "name_fr": "Sidi Belyout",
        "name_ar": "سيدي بليوط",
        "name_en": "Sidi Belyout",
        "prefecture": "Casablanca-Anfa",
        "prefecture_ar": "عمالة مقاطعات الدار البيضاء أنفا",
        "kind": "arrondissement",
    }


def test_arrondissements_with_municipality(api: TestClient) -> None:
    body = api.get("/api/v1/city/arrondissements", params={"include_municipality": "true"}).json()
    assert [f["properties"]["kind"] for f in body["features"]].count("municipality") == 1
    assert len(body["features"]) == 17


def test_arrondissement_by_code(api: TestClient) -> None:
    body = api.get("/api/v1/city/arrondissements/061410103").json()
    assert (body["type"], body["id"], body["geometry"]["type"]) == (
        "Feature",
        "061410103",
        "Polygon",
    )


def test_arrondissement_unknown_code_is_404(api: TestClient) -> None:
    response = api.get("/api/v1/city/arrondissements/42", params={"lang": "en"})
    assert response.json() == {
        "type": "https://casa.ma/problems/unknown-area",
        "title": "Unknown arrondissement",
        "status": 404,
        "detail": "No arrondissement has the code 42.",
        "field": "code",
        "instance": "/api/v1/city/arrondissements/42",
    }


def test_prefectures_lists_eight(api: TestClient) -> None:
    body = api.get("/api/v1/city/prefectures").json()
    assert [p["name_fr"] for p in body] == [
        "Al Fida-Mers Sultan",
        "Aïn Chock",
        "Aïn Sebaâ-Hay Mohammadi",
        "Ben M'Sick",
        "Casablanca-Anfa",
        "Hay Hassani",
        "Moulay Rachid",
        "Sidi Bernoussi",
    ]


def test_travel_time_straight_line(api: TestClient) -> None:
    response = api.get(
        "/api/v1/city/travel-time",
        params={"from": "33.5896,-7.6200", "to": "33.590358,-7.591948", "mode": "walk"},
    )
    assert response.json() == {
        "origin": [33.5896, -7.62],
        "destination": [33.590358, -7.591948],
        "mode": "walk",
        "duration_s": 2599.8,
        "distance_m": 3379.7,
        "provider": "straight",
    }


def test_travel_time_bad_point_is_422(api: TestClient) -> None:
    response = api.get(
        "/api/v1/city/travel-time", params={"from": "33.5", "to": "33.6,-7.6", "lang": "en"}
    )
    assert (response.status_code, response.json()["field"], response.json()["detail"]) == (
        422,
        "from",
        "Give a point as LAT,LON in degrees, for example 33.5896,-7.6200 (got 33.5).",
    )


def test_travel_time_unknown_mode_is_422(api: TestClient) -> None:
    response = api.get(
        "/api/v1/city/travel-time", params={"from": "33.5,-7.6", "to": "33.6,-7.6", "mode": "fly"}
    )
    assert (response.status_code, response.json()["field"]) == (422, "mode")


@pytest.mark.parametrize(
    "path", ["/api/v1/city/places/a%00b", "/api/v1/city/arrondissements/0614%0010"]
)
def test_nul_in_a_key_is_404(api: TestClient, path: str) -> None:
    assert api.get(path).status_code == 404
