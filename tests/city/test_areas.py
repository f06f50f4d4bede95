"""Arrondissements: locating points, GeoJSON outlines, prefectures."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import shape
from sqlalchemy.orm import Session

from casa.city import service
from casa.city.exceptions import BadCoordinates, OutsideCity, UnknownArea
from casa.city.schemas import AreaOut, PrefectureOut

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("lat", "lon", "code", "name_fr"),
    [
        (33.5896, -7.6200, "061410107", "Sidi Belyout"),
        (33.58658, -7.63229, "061410103", "Maârif"),
        (33.590358, -7.591948, "061410123", "Assoukhour Assawda (Roches Noires)"),
        (33.586942, -7.501496, "061410153", "Sidi Moumen"),
        (33.535051, -7.670077, "061410131", "Hay Hassani"),
        (33.587432, -7.680807, "061410101", "Anfa"),
        (33.610086, -7.509819, "061410151", "Sidi Bernoussi"),
        (33.585634, -7.566729, "061410125", "Hay Mohammadi"),
        (33.572125, -7.595833, "061410111", "Al Fida"),
        (33.544611, -7.638096, "061410141", "Aïn Chock"),
        (33.580389, -7.605109, "061410181", "Méchouar de Casablanca"),
    ],
)
def test_locate_known_points(
    session: Session, lat: float, lon: float, code: str, name_fr: str
) -> None:
    area = service.locate(session=session, lat=lat, lon=lon)
    assert (area.code, area.name_fr) == (code, name_fr)


def test_locate_sidi_belyout_whole_answer(session: Session) -> None:
    assert service.locate(session=session, lat=33.5896, lon=-7.6200) == AreaOut(
        code="061410107",
        kind="arrondissement",
        name_fr="Sidi Belyout",
        name_ar="سيدي بليوط",
        name_en="Sidi Belyout",
        prefecture="Casablanca-Anfa",
        prefecture_ar="عمالة مقاطعات الدار البيضاء أنفا",
        bbox=[-7.639716, 33.583193, -7.579679, 33.621432],
    )


def test_locate_in_the_sea_is_outside(session: Session) -> None:
    with pytest.raises(OutsideCity) as caught:
        service.locate(session=session, lat=33.65, lon=-7.65)
    assert caught.value.detail == "The point 33.65, -7.65 is outside Casablanca's arrondissements."


def test_locate_refuses_impossible_coordinates(session: Session) -> None:
    with pytest.raises(BadCoordinates):
        service.locate(session=session, lat=95.0, lon=-7.6)


def test_locate_before_loading_is_outside(db: object) -> None:
    from casa.core.db import Database

    assert isinstance(db, Database)
    with db.session() as session, pytest.raises(OutsideCity):
        service.locate(session=session, lat=33.5896, lon=-7.6200)


def test_feature_collection_has_16_valid_arrondissements(session: Session) -> None:
    collection = service.feature_collection(session=session)
    geometries = [shape(f["geometry"]) for f in collection["features"]]
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 16
    assert {g.geom_type for g in geometries} <= {"Polygon", "MultiPolygon"}
    assert all(g.is_valid and not g.is_empty for g in geometries)
    assert {f["properties"]["kind"] for f in collection["features"]} == {"arrondissement"}
    assert sorted(collection["features"][0]["properties"]) == [
        "code",
        "kind",
        "name_ar",
        "name_en",
        "name_fr",
        "prefecture",
        "prefecture_ar",
    ]


def test_feature_collection_with_municipality_adds_mechouar(session: Session) -> None:
    collection = service.feature_collection(session=session, include_municipality=True)
    assert [f["properties"]["code"] for f in collection["features"]][-1] == "061410181"
    assert (
        json.loads(json.dumps(collection))["features"][-1]["properties"]["kind"] == "municipality"
    )
    assert len(collection["features"]) == 17


def test_arrondissements_do_not_overlap(session: Session) -> None:
    collection = service.feature_collection(session=session, include_municipality=True)
    geometries = [shape(f["geometry"]) for f in collection["features"]]
    overlaps = [
        (i, j)
        for i, a in enumerate(geometries)
        for j, b in enumerate(geometries)
        if i < j and a.intersection(b).area > 1e-6
    ]
    assert overlaps == []


def test_get_area_unknown_code(session: Session) -> None:
    with pytest.raises(UnknownArea) as caught:
        service.get_area(session=session, code="999")
    assert (caught.value.detail, caught.value.field) == (
        "No arrondissement has the code 999.",
        "code",
    )


def test_prefectures_hold_their_arrondissements(session: Session) -> None:
    assert service.prefectures(session=session) == [
        PrefectureOut(
            name_fr="Al Fida-Mers Sultan",
            name_ar="عمالة مقاطعات الفداء مرس السلطان",
            arrondissements=["061410111", "061410113"],
        ),
        PrefectureOut(
            name_fr="Aïn Chock", name_ar="عمالة مقاطعات عين الشق", arrondissements=["061410141"]
        ),
        PrefectureOut(
            name_fr="Aïn Sebaâ-Hay Mohammadi",
            name_ar="عمالة مقاطعات عين السبع الحي المحمدي",
            arrondissements=["061410121", "061410123", "061410125"],
        ),
        PrefectureOut(
            name_fr="Ben M'Sick",
            name_ar="عمالة مقاطعات ابن امسيك",
            arrondissements=["061410161", "061410163"],
        ),
        PrefectureOut(
            name_fr="Casablanca-Anfa",
            name_ar="عمالة مقاطعات الدار البيضاء أنفا",
            arrondissements=["061410101", "061410103", "061410107"],
        ),
        PrefectureOut(
            name_fr="Hay Hassani",
            name_ar="عمالة مقاطعات الحي الحسني",
            arrondissements=["061410131"],
        ),
        PrefectureOut(
            name_fr="Moulay Rachid",
            name_ar="عمالة مقاطعات مولاي رشيد",
            arrondissements=["061410171", "061410173"],
        ),
        PrefectureOut(
            name_fr="Sidi Bernoussi",
            name_ar="عمالة مقاطعات سيدي البرنوصي",
            arrondissements=["061410151", "061410153"],
        ),
    ]
