from __future__ import annotations

import json

import jsonschema
import pytest
from icalendar import Calendar
from lxml import etree

from casa.core.config import Settings
from casa.core.db import Database
from casa.expo import editions, frab, ical, programme, scheduler
from tests.conftest import shared_path
from tests.expo.factories import NOW, YEAR, make_edition

pytestmark = pytest.mark.integration


@pytest.fixture
def doc(db: Database, settings: Settings) -> dict[str, object]:
    make_edition(db, sessions=4)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        scheduler.schedule_edition(session=session, settings=settings, edition=edition)
        programme.publish(session=session, edition=edition, now=NOW)
        return frab.build(session=session, edition=edition, base_url="https://casa.ma")


def test_frab_xml_validates_against_the_schema(doc: dict[str, object]) -> None:
    schema = etree.XMLSchema(
        etree.parse(str(shared_path("data", "schemas", "frab-schedule.xml.xsd")))
    )
    tree = etree.fromstring(frab.to_xml(doc))

    valid = schema.validate(tree)

    assert (valid, str(schema.error_log), len(tree.findall("day/room/event"))) == (True, "", 4)


def test_frab_json_validates_against_the_schema(doc: dict[str, object]) -> None:
    schema = json.loads(shared_path("data", "schemas", "frab-schedule.schema.json").read_text())
    body = frab.to_json(doc)

    errors = [e.message for e in jsonschema.Draft6Validator(schema).iter_errors(body)]
    events = [
        e for d in body["schedule"]["conference"]["days"] for r in d["rooms"].values() for e in r
    ]

    assert (errors, len(events)) == ([], 4)


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
