from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import jsonschema
import pytest
from icalendar import Calendar
from lxml import etree

from casa.core.config import Settings
from casa.core.db import Database
from casa.expo import demo, editions, frab, ical, programme, scheduler
from casa.expo.schemas import PlacementIn, SessionIn, SpeakerRef
from tests.conftest import shared_path
from tests.expo.factories import NOW, YEAR, make_edition

pytestmark = pytest.mark.integration


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(shared_path("data", "schemas", name).read_text())
    return schema


def json_errors(body: dict[str, Any], schema_name: str) -> list[str]:
    """Return every error of a document against a JSON schema, every known format checked."""
    # Draft 6 alone checks neither uuid, date nor color: check every format jsonschema knows.
    validator = jsonschema.Draft6Validator(
        _schema(schema_name), format_checker=jsonschema.FormatChecker()
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]


def xml_errors(data: bytes) -> tuple[bool, str]:
    """Return whether a frab XML document is valid, and the schema's error log."""
    xsd = etree.XMLSchema(etree.parse(str(shared_path("data", "schemas", "frab-schedule.xml.xsd"))))
    valid = xsd.validate(etree.fromstring(data))
    return valid, str(xsd.error_log)


def schedule2_events(body: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the events of a schedule2 document."""
    events: list[dict[str, Any]] = body["schedule"]["events"]
    return events


@pytest.fixture
def doc(db: Database, settings: Settings) -> dict[str, object]:
    make_edition(db, sessions=4)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        scheduler.schedule_edition(session=session, settings=settings, edition=edition)
        programme.publish(session=session, edition=edition, now=NOW)
        return frab.build(session=session, edition=edition, base_url="https://casa.ma")


@pytest.fixture
def arabic_doc(db: Database) -> dict[str, object]:
    """An edition whose sessions have Arabic titles, a person in two roles, and an empty day."""
    people = make_edition(db, sessions=0)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        rooms = sorted(editions.rooms_by_id(session=session))
        day_one = editions.local_instant(edition.starts_on, 10 * 60)
        titles = ("المدينة الذكية والمواطن", "Ville durable – المدينة المستدامة")
        for i, title in enumerate(titles):
            row = programme.add_session(
                session=session,
                edition=edition,
                data=SessionIn(
                    title=title,
                    kind="round_table" if i == 0 else "agora_pitch",
                    track="civic-tech" if i == 0 else None,
                    abstract="نقاش مفتوح" if i == 0 else "",
                    language="ar" if i == 0 else "fr-MA",
                    duration_min=60,
                    audience=50,
                    speakers=[
                        SpeakerRef(speaker=people["Amina"], role="speaker"),
                        SpeakerRef(speaker=people["Amina"], role="moderator"),
                        SpeakerRef(speaker=people["Salma"]),
                    ],
                ),
            )
            programme.place(
                session=session,
                edition=edition,
                code=row.code,
                data=PlacementIn(room=rooms[i], starts_at=day_one + timedelta(hours=2 * i)),
            )
        programme.publish(session=session, edition=edition, now=NOW)
        return frab.build(session=session, edition=edition, base_url="https://casa.ma")


def test_frab_xml_validates_against_the_schema(doc: dict[str, object]) -> None:
    data = frab.to_xml(doc)

    assert (xml_errors(data), len(etree.fromstring(data).findall("day/room/event"))) == (
        (True, ""),
        4,
    )


def test_schedule_json_validates_against_schedule2(doc: dict[str, object]) -> None:
    body = frab.to_json(doc)

    assert (json_errors(body, "c3voc-schedule2.schema.json"), len(schedule2_events(body))) == (
        [],
        4,
    )


def test_frab_json_validates_against_the_frab_schema(doc: dict[str, object]) -> None:
    body = frab.to_frab_json(doc)
    events = [
        e for d in body["schedule"]["conference"]["days"] for r in d["rooms"].values() for e in r
    ]

    assert (json_errors(body, "frab-schedule.schema.json"), len(events)) == ([], 4)


def test_no_day_satisfies_both_json_schemas() -> None:
    day = {
        "index": 1,
        "date": "2026-04-20",
        "start": "2026-04-20T09:00:00+01:00",
        "end": "2026-04-20T19:00:00+01:00",
        "day_start": "2026-04-20T09:00:00+01:00",
        "day_end": "2026-04-20T19:00:00+01:00",
        "rooms": {},
    }
    found = {}
    for name in ("c3voc-schedule2.schema.json", "frab-schedule.schema.json"):
        schema = {"$ref": "#/definitions/Day", "definitions": _schema(name)["definitions"]}
        found[name] = [e.message for e in jsonschema.Draft6Validator(schema).iter_errors(day)]

    assert found == {
        "c3voc-schedule2.schema.json": [
            "Additional properties are not allowed "
            "('day_end', 'day_start', 'rooms' were unexpected)"
        ],
        "frab-schedule.schema.json": [
            "Additional properties are not allowed ('end', 'start' were unexpected)"
        ],
    }


def test_arabic_titles_roles_and_an_empty_day_validate(arabic_doc: dict[str, object]) -> None:
    body = frab.to_json(arabic_doc)
    xml = frab.to_xml(arabic_doc)
    tree = etree.fromstring(xml)

    assert json_errors(body, "c3voc-schedule2.schema.json") == []
    assert json_errors(frab.to_frab_json(arabic_doc), "frab-schedule.schema.json") == []
    assert xml_errors(xml) == (True, "")
    assert [len(day.findall("room/event")) for day in tree.findall("day")] == [2, 0]
    assert [d["date"] for d in body["schedule"]["conference"]["days"]] == [
        "2026-04-20",
        "2026-04-21",
    ]
    first, second = schedule2_events(body)
    amina, salma = (p["guid"] for p in first["participants"])
    assert {k: first[k] for k in ("title", "type", "language", "abstract", "track")} == {
        "title": "المدينة الذكية والمواطن",
        "type": "DISCUSSION",
        "language": "ar",
        "abstract": "نقاش مفتوح",
        "track": {"slug": "civic-tech"},
    }
    assert first["participants"] == [
        {"name": "Amina", "role": "MODERATOR", "guid": amina},
        {"name": "Salma", "role": "SPEAKER", "guid": salma},
    ]
    assert first["slug"] == f"scec{YEAR}-{first['code'].lower()}-session"
    assert {k: second[k] for k in ("type", "language", "abstract", "track")} == {
        "type": "LIGHTNING_TALK",
        "language": "fr",
        "abstract": None,
        "track": {"slug": "general"},
    }
    assert body["schedule"]["conference"]["tracks"][-1] == {
        "name": "Programme général",
        "slug": "general",
    }


def test_demo_2018_programme_validates_in_every_format(db: Database, settings: Settings) -> None:
    with db.session() as session:
        demo.load_2018(session=session, settings=settings, now=NOW, participants=20)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=2018)
        doc = frab.build(session=session, edition=edition, base_url="https://casa.ma")
    body = frab.to_json(doc)

    assert json_errors(body, "c3voc-schedule2.schema.json") == []
    assert json_errors(frab.to_frab_json(doc), "frab-schedule.schema.json") == []
    assert xml_errors(frab.to_xml(doc)) == (True, "")
    assert (len(schedule2_events(body)), len(body["schedule"]["conference"]["days"])) == (15, 5)


def test_ical_round_trips(db: Database, doc: dict[str, object]) -> None:
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        data = ical.programme(session=session, edition=edition, now=NOW)
        rows = programme.sessions_of(session=session, edition=edition)
        expected = sorted((r.title, r.starts_at) for r in rows)

    cal = Calendar.from_ical(data)
    got = sorted((str(e["summary"]), e.decoded("dtstart")) for e in cal.walk("VEVENT"))

    assert (got, Calendar.from_ical(cal.to_ical()).to_ical()) == (expected, cal.to_ical())


def test_favourites_ical_holds_only_kept_sessions(db: Database, doc: dict[str, object]) -> None:
    from tests.factories import make_user

    user_id = make_user(db, email="fan@casa.ma")
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = programme.sessions_of(session=session, edition=edition)[2]
        ical.add_favourite(session=session, user_id=user_id, row=row)
        ical.add_favourite(session=session, user_id=user_id, row=row)
        data = ical.favourites(session=session, edition=edition, user_id=user_id, now=NOW)
        title = row.title

    assert [str(e["summary"]) for e in Calendar.from_ical(data).walk("VEVENT")] == [title]
