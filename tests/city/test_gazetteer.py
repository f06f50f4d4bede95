"""The gazetteer: loading, upserting places, ranked search, geocoding."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casa.city import revisions, service
from casa.city.exceptions import BadPlace
from casa.city.models import Area, Place
from casa.city.schemas import PlaceIn, RegisterReport
from casa.core.db import Database

pytestmark = pytest.mark.unit


def _keys(session: Session, q: str, **kwargs: object) -> list[str]:
    return [h.place.key for h in service.search_places(session=session, q=q, **kwargs)]  # type: ignore[arg-type]


def _counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        places = dict(session.execute(select(Place.kind, func.count()).group_by(Place.kind)).all())
        areas = dict(session.execute(select(Area.kind, func.count()).group_by(Area.kind)).all())
    return {**{f"area:{k}": v for k, v in areas.items()}, **places}


EXPECTED_COUNTS = {
    "area:arrondissement": 16,
    "area:municipality": 1,
    "arrondissement": 16,
    "municipality": 1,
    "prefecture": 8,
    "stop": 150,
    "station": 2,
    "landmark": 4,
    "venue": 2,
    "car_park": 6,
}


def test_load_bundled_fills_areas_and_places(loaded: Database) -> None:
    assert _counts(loaded) == EXPECTED_COUNTS


def test_load_bundled_twice_changes_nothing(loaded: Database) -> None:
    with loaded.session() as session:
        report = service.load_bundled(session=session)
    assert report == "17 areas (0 new, 0 updated), 189 places (0 new, 0 updated)"
    assert _counts(loaded) == EXPECTED_COUNTS


def test_load_bundled_first_run_reports_new_rows(db: Database) -> None:
    with db.session() as session:
        report = service.load_bundled(session=session)
    assert report == "17 areas (17 new, 0 updated), 189 places (189 new, 0 updated)"


def test_stations_shared_by_lines_are_one_place(session: Session) -> None:
    place = service.get_place(session=session, key="stop:idriss-el-allam")
    assert place is not None
    assert (place.attributes["lines"], place.aliases) == (
        ["T3", "T4"],
        ["El Allam-El Harti", "Idriss El Harti", "Idriss Al Allam", "إدريس الحارثي"],
    )


def test_search_casa_voyageur_puts_the_station_first(session: Session) -> None:
    hits = service.search_places(session=session, q="casa voyageur", limit=3)
    assert [(h.place.key, h.score, h.matched) for h in hits] == [
        ("station:casa-voyageurs", 100.0, "casa voyageur"),
        ("stop:casa-voyageurs", 98.3, "Casa Voyageurs"),
        ("car_park:casa-voyageurs", 95.4, "Casa Voyageurs car park"),
    ]


@pytest.mark.parametrize(
    "query", ["casa port", "Casa-Port", "CASAPORT", "الدار البيضاء الميناء", "kaza por"]
)
def test_search_casa_port_puts_the_station_first(session: Session, query: str) -> None:
    assert _keys(session, query, limit=2) == ["station:casa-port", "stop:casa-port"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("توين سنتر", "landmark:twin-center"),
        ("عين الذياب", "stop:ain-diab-plage"),
        ("ain diab", "stop:ain-diab-plage"),
        ("lma3arif", "arrondissement:061410103"),
        ("Maarif", "arrondissement:061410103"),
        ("derb sultan", "stop:derb-sultan"),
        ("lgar", "station:casa-voyageurs"),
        ("Idriss El Harti", "stop:idriss-el-allam"),
        ("الحي المحمدى", "arrondissement:061410125"),
    ],
)
def test_search_finds_names_in_every_language(session: Session, query: str, expected: str) -> None:
    assert _keys(session, query, limit=1) == [expected]


def test_search_ranks_exact_then_prefix_then_fuzzy(session: Session) -> None:
    hits = service.search_places(session=session, q="sidi mou", limit=3)
    typo = service.search_places(session=session, q="sidi mouman", limit=2)
    assert [(h.place.key, h.score) for h in hits] == [
        ("arrondissement:061410153", 96.3),
        ("stop:sidi-moumen", 96.3),
        ("stop:hopital-sidi-moumen", 86.3),
    ]
    assert [(h.place.key, h.score) for h in typo] == [
        ("arrondissement:061410153", 71.8),
        ("stop:sidi-moumen", 71.8),
    ]


def test_search_with_kind_keeps_that_kind(session: Session) -> None:
    assert _keys(session, "casa voyageurs", kind="stop") == ["stop:casa-voyageurs"]


def test_search_names_in_requested_language(session: Session) -> None:
    hits = service.search_places(session=session, q="casa port", limit=1, lang="ar")
    assert (hits[0].name, hits[0].place.name("en")) == (
        "محطة الدار البيضاء الميناء",
        "Casa Port station",
    )


def test_search_blank_query_finds_nothing(session: Session) -> None:
    assert service.search_places(session=session, q=" -' ") == []


def test_search_sees_registered_places_at_once(session: Session) -> None:
    assert _keys(session, "Parking Derb Omar") == []
    report = service.register_places(
        session=session,
        places=[
            PlaceIn(
                key="car_park:derb-omar",
                kind="car_park",
                name_fr="Parking Derb Omar",
                name_ar="مرأب درب عمر",
                lat=33.5935,
                lon=-7.6090,
                source="test",
            )
        ],
    )
    assert report == RegisterReport(new=1)
    assert _keys(session, "Parking Derb Omar", limit=1) == ["car_park:derb-omar"]
    assert _keys(session, "مرأب درب عمر", limit=1) == ["car_park:derb-omar"]


def test_register_places_again_is_unchanged_then_updates(session: Session) -> None:
    place = PlaceIn(
        key="landmark:test-garden",
        kind="landmark",
        name_fr="Test Garden",
        lat=33.5896,
        lon=-7.6200,
        source="test",
    )
    first = service.register_places(session=session, places=[place])
    again = service.register_places(session=session, places=[place])
    moved = service.register_places(
        session=session, places=[place.model_copy(update={"aliases": ["Garden"]})]
    )
    row = service.get_place(session=session, key="landmark:test-garden")
    assert (first, again, moved) == (
        RegisterReport(new=1),
        RegisterReport(unchanged=1),
        RegisterReport(updated=1),
    )
    assert row is not None
    assert (row.aliases, row.area_code) == (["Garden"], "061410107")


def test_register_places_refuses_half_a_position(session: Session) -> None:
    place = PlaceIn(key="landmark:x", kind="landmark", name_fr="X", lat=33.5, source="test")
    with pytest.raises(BadPlace) as caught:
        service.register_places(session=session, places=[place])
    assert (caught.value.detail, caught.value.field) == (
        "Invalid place landmark:x: give both lat and lon, or neither.",
        "lat",
    )


def test_register_places_refuses_duplicate_keys(session: Session) -> None:
    place = PlaceIn(key="landmark:x", kind="landmark", name_fr="X", source="test")
    with pytest.raises(BadPlace) as caught:
        service.register_places(session=session, places=[place, place])
    assert caught.value.detail == "Invalid place landmark:x: the key appears twice."


def test_geocode_returns_the_place_or_none(session: Session) -> None:
    found = service.geocode(session=session, text="gare casa voyageurs")
    assert found is not None
    assert (found.key, found.lat, found.lon) == ("station:casa-voyageurs", 33.590358, -7.591948)
    assert service.geocode(session=session, text="zzzz qqqq") is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("z", None),  # begins Zénith, Zerktouni, Zone industrielle…: not a place
        ("zzzz", None),  # the same once elongation is folded
        ("tw", None),
        ("CFC", "stop:place-financiere"),  # short, but a whole name
        ("twin", "landmark:twin-center"),
    ],
)
def test_geocode_does_not_guess_from_a_letter_or_two(
    session: Session, text: str, key: str | None
) -> None:
    found = service.geocode(session=session, text=text)

    assert (found.key if found else None) == key


def test_search_index_follows_another_process_commit(loaded: Database) -> None:
    with loaded.session() as reader:
        assert _keys(reader, "Parking Derb Omar") == []
    with loaded.session() as writer:
        writer.add(
            Place(
                key="car_park:derb-omar",
                kind="car_park",
                name_fr="Parking Derb Omar",
                aliases=[],
                source="test",
                attributes={},
            )
        )
        revisions.bump(writer, "gazetteer")
    with loaded.session() as reader:
        assert _keys(reader, "Parking Derb Omar", limit=1) == ["car_park:derb-omar"]
