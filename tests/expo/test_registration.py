from __future__ import annotations

from datetime import UTC, datetime

import pytest

from casa.accounts import personal_data
from casa.core.db import Database
from casa.expo import editions, kpis, privacy, registration
from casa.expo.exceptions import AlreadyRegistered, NoConsent
from casa.expo.mail import ConsoleMailer
from casa.expo.schemas import RegistrationIn
from tests.expo.factories import NOW, YEAR, make_edition
from tests.factories import make_user

pytestmark = pytest.mark.integration


def _person(n: int, category: str = "citizen", consent: bool = True) -> RegistrationIn:
    return RegistrationIn(category=category, name=f"P{n}", email=f"p{n}@casa.ma", consent=consent)


def test_quota_waiting_list_and_promotion_on_cancel(db: Database) -> None:
    make_edition(db, sessions=0)
    mailer = ConsoleMailer()
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        registration.ensure_categories(session=session, edition=edition, quotas={"citizen": 2})
        rows = [
            registration.register(
                session=session, edition=edition, data=_person(i), now=NOW, mailer=mailer, lang="en"
            )
            for i in range(3)
        ]
        before = [r.status for r in rows]
        registration.cancel(session=session, edition=edition, ident=rows[0].id, now=NOW)
        after = [r.status for r in rows]
        with pytest.raises(AlreadyRegistered):
            registration.register(session=session, edition=edition, data=_person(1), now=NOW)
        with pytest.raises(NoConsent):
            registration.register(
                session=session, edition=edition, data=_person(9, consent=False), now=NOW
            )

    assert (before, after) == (
        ["confirmed", "confirmed", "waiting"],
        ["cancelled", "confirmed", "confirmed"],
    )
    assert [m["To"] for m in mailer.outbox] == ["p0@casa.ma", "p1@casa.ma", "p2@casa.ma"]


def test_journalist_waits_for_approval(db: Database) -> None:
    make_edition(db, sessions=0)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = registration.register(
            session=session, edition=edition, data=_person(1, "journalist"), now=NOW
        )
        pending = (row.status, row.ticket)
        registration.approve(session=session, edition=edition, ident=row.id)

    assert (pending, row.status, row.ticket is not None) == (("pending", None), "confirmed", True)


def test_import_reports_each_refused_row(db: Database) -> None:
    make_edition(db, sessions=0)
    rows = [
        {"category": "citizen", "name": "A", "email": "a@casa.ma", "consent": "yes"},
        {"category": "alien", "name": "B", "email": "b@casa.ma", "consent": "yes"},
        {"category": "citizen", "name": "C", "email": "a@casa.ma", "consent": "yes"},
        {"category": "citizen", "name": "D", "email": "d@casa.ma", "consent": "no"},
        {"category": "citizen", "name": "E", "email": "not-an-email", "consent": "yes"},
    ]
    seen: list[int] = []
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        report = registration.import_rows(
            session=session, edition=edition, rows=rows, now=NOW, progress=seen.append
        )

    assert [(e["line"], e["field"]) for e in report["errors"]] == [
        (3, "category"),
        (4, "email"),
        (5, "consent"),
        (6, "email"),
    ]
    assert (report["rows"], report["created"], seen) == (5, 1, [1, 2, 3, 4, 5])


def test_kpis_compute_and_entered_figures_win(db: Database) -> None:
    make_edition(db, sessions=2)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        for i in range(3):
            registration.register(session=session, edition=edition, data=_person(i), now=NOW)
        kpis.enter(session=session, edition=edition, metric="exhibitors", value=12, source="count")
        result = kpis.figures(session=session, edition=edition)
        table = kpis.to_csv(session=session)

    assert result["figures"] == {
        "participants": 3,
        "journalists": 0,
        "delegation_members": 0,
        "nationalities": 0,
        "cities": 0,
        "speakers": 3,
        "sessions": 2,
        "exhibitors": 12,
        "checkins": 0,
        "no_show_rate": 1.0,
    }
    assert table == (
        "year,participants,journalists,delegation_members,nationalities,cities,speakers,"
        "sessions,exhibitors,checkins,no_show_rate\n2026,3,0,0,0,0,3,2,12,0,1\n"
    )


def test_personal_data_export_erase_and_retention_purge(db: Database) -> None:
    make_edition(db, sessions=0)
    user_id = make_user(db, email="me@casa.ma")
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = registration.register(
            session=session, edition=edition, data=_person(1), now=NOW, user_id=user_id
        )
        registration.register(session=session, edition=edition, data=_person(2), now=NOW)
        exported = personal_data.export_all(session, user_id)["expo"]["registrations"][0]["email"]
        personal_data.erase_all(session, user_id)
        erased = (row.name, row.email)
        purged = privacy.purge(session=session, now=datetime(2027, 6, 1, tzinfo=UTC))

    assert (exported, erased, purged) == ("p1@casa.ma", ("—", None), 1)
