"""Delegations: protocol order, members, the logistics summary and who may see what."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from casa.expo import delegations, editions
from casa.expo.delegation_errors import (
    AlreadyInDelegation,
    BadStay,
    DelegationExists,
    NotADelegate,
)
from casa.expo.schemas_delegations import (
    DelegationIn,
    InterpreterDay,
    LogisticsOut,
    MemberIn,
    ProtocolEntry,
    RoomNight,
)
from tests.expo.factories import NOW, YEAR, make_edition
from tests.expo.factories_delegations import delegates
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration


def _delegation(session, edition, city: str, country: str, order: int = 0) -> int:  # type: ignore[no-untyped-def]
    data = DelegationIn(city=city, country=country, protocol_order=order)
    return delegations.create(session=session, edition=edition, data=data, now=NOW).id


def test_protocol_order_ranks_heads_then_organizers_order_then_city(db: Database) -> None:
    make_edition(db, sessions=0)
    people = delegates(db, ["Aya", "Ben", "Chen", "Dia", "Eva", "Fay"])
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        heads = {
            "Dakar": ("Aya", "mayor", 0),
            "Shanghai": ("Chen", "deputy_mayor", 0),
            "Bamako": ("Ben", "mayor", 0),
            "Abidjan": ("Dia", "mayor", 1),
            "Laayoune": ("Eva", "governor", 5),
        }
        countries = {"Dakar": "SN", "Shanghai": "CN", "Bamako": "ML", "Abidjan": "CI"}
        for city, (name, position, order) in heads.items():
            ident = _delegation(session, edition, city, countries.get(city, "MA"), order)
            delegations.add_member(
                session=session,
                edition=edition,
                ident=ident,
                data=MemberIn(registration=people[name], position=position, head=True),
            )
        tomsk = _delegation(session, edition, "Tomsk", "RU")
        delegations.add_member(
            session=session,
            edition=edition,
            ident=tomsk,
            data=MemberIn(registration=people["Fay"], position="official"),
        )
        result = delegations.protocol(session=session, edition=edition)

    assert result == [
        ProtocolEntry(
            precedence=1,
            city="Laayoune",
            country="MA",
            head="Eva",
            head_position="governor",
            members=1,
        ),
        ProtocolEntry(
            precedence=2, city="Bamako", country="ML", head="Ben", head_position="mayor", members=1
        ),
        ProtocolEntry(
            precedence=3, city="Dakar", country="SN", head="Aya", head_position="mayor", members=1
        ),
        ProtocolEntry(
            precedence=4, city="Abidjan", country="CI", head="Dia", head_position="mayor", members=1
        ),
        ProtocolEntry(
            precedence=5,
            city="Shanghai",
            country="CN",
            head="Chen",
            head_position="deputy_mayor",
            members=1,
        ),
        ProtocolEntry(
            precedence=6, city="Tomsk", country="RU", head=None, head_position=None, members=1
        ),
    ]


def test_a_new_head_replaces_the_former_one(db: Database) -> None:
    make_edition(db, sessions=0)
    people = delegates(db, ["Aya", "Ben"])
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        ident = _delegation(session, edition, "Dakar", "SN")
        for name, position in (("Aya", "deputy_mayor"), ("Ben", "mayor")):
            delegations.add_member(
                session=session,
                edition=edition,
                ident=ident,
                data=MemberIn(registration=people[name], position=position, head=True),
            )
        item = delegations.listed(session=session, edition=edition)[0]
        out = delegations.to_out(item, 1)

    assert (out.head, out.head_position, [(m.name, m.head) for m in out.members]) == (
        "Ben",
        "mayor",
        [("Ben", True), ("Aya", False)],
    )


def test_members_must_be_registered_delegates_once_with_a_sane_stay(db: Database) -> None:
    make_edition(db, sessions=0)
    people = delegates(db, ["Aya"])
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        from casa.expo import registration
        from casa.expo.schemas import RegistrationIn

        citizen = registration.register(
            session=session,
            edition=edition,
            data=RegistrationIn(category="citizen", name="Cy", email="cy@casa.ma", consent=True),
            now=NOW,
        ).id
        ident = _delegation(session, edition, "Dakar", "SN")
        delegations.add_member(
            session=session, edition=edition, ident=ident, data=MemberIn(registration=people["Aya"])
        )
        raised = []
        for call in (
            lambda: _delegation(session, edition, "Dakar", "SN"),
            lambda: delegations.add_member(
                session=session, edition=edition, ident=ident, data=MemberIn(registration=citizen)
            ),
            lambda: delegations.add_member(
                session=session,
                edition=edition,
                ident=ident,
                data=MemberIn(registration=people["Aya"]),
            ),
            lambda: delegations.update_member(
                session=session,
                edition=edition,
                ident=ident,
                member_id=1,
                data=MemberIn(
                    registration=people["Aya"],
                    arrives_at=datetime(2026, 4, 21, tzinfo=UTC),
                    departs_at=datetime(2026, 4, 20, tzinfo=UTC),
                ),
            ),
        ):
            with pytest.raises((DelegationExists, NotADelegate, AlreadyInDelegation, BadStay)) as e:
                call()
            raised.append((type(e.value).__name__, e.value.field, e.value.describe("en")))

    assert raised == [
        (
            "DelegationExists",
            "city",
            "A delegation of Dakar (SN) already takes part in this edition",
        ),
        (
            "NotADelegate",
            "registration",
            f"Registration {citizen} is not in the delegation member category: "
            "register the person as a delegation member first",
        ),
        (
            "AlreadyInDelegation",
            "registration",
            f"Registration {people['Aya']} already belongs to a delegation: "
            "remove it from there first",
        ),
        ("BadStay", "departs_at", "The departure must come after the arrival"),
    ]


def test_logistics_counts_rooms_per_hotel_night_and_interpreters_per_language_day(
    db: Database,
) -> None:
    make_edition(db, sessions=0)
    people = delegates(db, ["Chen", "Li", "Wei", "Ivan", "Olga"])
    # 23:30 UTC on the 19th is already the 20th in Casablanca (UTC+1 outside Ramadan).
    stay = {
        "Chen": ("2026-04-19T13:00Z", "2026-04-22T08:00Z", "Hyatt", "suite", ["zh"]),
        "Li": ("2026-04-19T13:00Z", "2026-04-22T08:00Z", "Hyatt", "single", ["zh"]),
        "Wei": ("2026-04-19T23:30Z", "2026-04-21T08:00Z", "Hyatt", "double", ["zh", "en"]),
        "Ivan": ("2026-04-20T09:00Z", "2026-04-21T18:00Z", "Sheraton", None, ["ru"]),
        "Olga": (None, None, "Sheraton", "single", ["ru"]),
    }
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        shanghai = _delegation(session, edition, "Shanghai", "CN")
        tomsk = _delegation(session, edition, "Tomsk", "RU")
        for name, (arrives, departs, hotel, room, languages) in stay.items():
            delegations.add_member(
                session=session,
                edition=edition,
                ident=tomsk if name in ("Ivan", "Olga") else shanghai,
                data=MemberIn(
                    registration=people[name],
                    arrives_at=datetime.fromisoformat(arrives) if arrives else None,
                    departs_at=datetime.fromisoformat(departs) if departs else None,
                    hotel=hotel,
                    room_type=room,
                    interpreter_languages=languages,
                ),
            )
        summary = delegations.logistics(session=session, edition=edition)

    def night(hotel: str, day: int, single: int, double: int, suite: int) -> RoomNight:
        return RoomNight(
            hotel=hotel,
            night=date(2026, 4, day),
            rooms=single + double + suite,
            single=single,
            double=double,
            suite=suite,
        )

    def need(day: int, language: str, interpreters: int, members: int) -> InterpreterDay:
        return InterpreterDay(
            day=date(2026, 4, day), language=language, interpreters=interpreters, members=members
        )

    assert summary == LogisticsOut(
        rooms=[
            night("Hyatt", 19, 1, 0, 1),
            night("Hyatt", 20, 1, 1, 1),
            night("Hyatt", 21, 1, 0, 1),
            night("Sheraton", 20, 1, 0, 0),
        ],
        interpreters=[
            need(20, "en", 1, 1),
            need(20, "ru", 1, 2),
            need(20, "zh", 1, 3),
            need(21, "en", 1, 1),
            need(21, "ru", 1, 2),
            need(21, "zh", 1, 3),
        ],
        without_dates=1,
    )


def test_delegation_api_is_for_organizers_and_protocol_for_reception_staff(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=0)
    people = delegates(db, ["Aya"])
    for email, role in (("org@casa.ma", "organizer"), ("gate@casa.ma", "staff")):
        make_user(db, email=email, roles=(role,))
    make_user(db, email="cit@casa.ma")
    org, gate, cit = (bearer(client, e) for e in ("org@casa.ma", "gate@casa.ma", "cit@casa.ma"))
    base = f"/api/v1/expo/editions/{YEAR}"
    created = client.post(
        f"{base}/delegations", json={"city": "Dakar", "country": "SN"}, headers=org
    )
    ident = created.json()["id"]
    member = client.post(
        f"{base}/delegations/{ident}/members",
        json={
            "registration": people["Aya"],
            "position": "mayor",
            "head": True,
            "dietary": "halal, no nuts",
        },
        headers=org,
    )
    bad_country = client.post(
        f"{base}/delegations", json={"city": "Paris", "country": "France"}, headers=org
    )
    answers = {
        "anonymous": client.get(f"{base}/delegations").status_code,
        "citizen": client.get(f"{base}/delegations", headers=cit).status_code,
        "staff on delegations": client.get(f"{base}/delegations", headers=gate).status_code,
        "staff on logistics": client.get(f"{base}/logistics", headers=gate).status_code,
        "citizen on protocol": client.get(f"{base}/protocol", headers=cit).status_code,
    }
    protocol = client.get(f"{base}/protocol", headers=gate)
    listed = client.get(f"{base}/delegations", headers=org).json()

    assert (created.status_code, member.status_code, bad_country.status_code) == (201, 201, 422)
    assert bad_country.json()["field"] == "country"
    assert answers == {
        "anonymous": 401,
        "citizen": 403,
        "staff on delegations": 403,
        "staff on logistics": 403,
        "citizen on protocol": 403,
    }
    assert protocol.json() == [
        {
            "precedence": 1,
            "city": "Dakar",
            "country": "SN",
            "head": "Aya",
            "head_position": "mayor",
            "members": 1,
        }
    ]
    assert [m["dietary"] for d in listed for m in d["members"]] == ["halal, no nuts"]
