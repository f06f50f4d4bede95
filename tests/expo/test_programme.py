from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from casa.core.config import Settings
from casa.core.db import Database
from casa.expo import conflicts, editions, programme, scheduler
from casa.expo.exceptions import NotSchedulable
from casa.expo.models import Room
from casa.expo.schemas import PlacementIn
from tests.expo.factories import NOW, YEAR, make_edition

pytestmark = pytest.mark.integration

DAY = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)  # 10:00 in Casablanca


def _rooms(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {r.name: r.id for r in session.scalars(select(Room))}


def _place(db: Database, placements: list[tuple[str, datetime]]) -> list[str]:
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        rows = programme.sessions_of(session=session, edition=edition)
        rooms = {r.name: r.id for r in session.scalars(select(Room))}
        for row, (room, at) in zip(rows, placements, strict=False):
            programme.place(
                session=session,
                edition=edition,
                code=row.code,
                data=PlacementIn(room=rooms[room], starts_at=at),
            )
        return [r.code for r in rows]


def _kinds(db: Database, settings: Settings) -> list[tuple[str, list[str]]]:
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        found = conflicts.check_edition(session=session, settings=settings, edition=edition)
        return [(c.kind, c.sessions) for c in found]


def test_conflicts_find_overlap_travel_and_small_room(db: Database, settings: Settings) -> None:
    make_edition(db)
    codes = _place(
        db,
        [
            ("Auditorium", DAY),
            ("Auditorium", DAY + timedelta(minutes=30)),
            ("Hall", DAY + timedelta(minutes=90)),
        ],
    )
    _place(db, [])  # no change

    kinds = _kinds(db, settings)

    assert kinds == [
        ("room_overlap", [codes[0], codes[1]]),
        ("speaker_double_booked", [codes[0], codes[1]]),
        ("speaker_travel", [codes[1], codes[2]]),
        ("speaker_double_booked", [codes[0], codes[1]]),
        ("speaker_travel", [codes[1], codes[2]]),
    ]


def test_conflicts_flag_a_room_too_small(db: Database, settings: Settings) -> None:
    make_edition(db, sessions=1)
    codes = _place(db, [("Salle A", DAY)])

    assert _kinds(db, settings) == [("room_too_small", [codes[0]])]


def test_scheduler_places_everything_without_conflict(db: Database, settings: Settings) -> None:
    make_edition(db, sessions=6)

    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        result = scheduler.schedule_edition(session=session, settings=settings, edition=edition)

    assert (result.placed, result.conflicts) == (6, [])


def test_scheduler_rerun_after_publication_moves_only_what_must(
    db: Database, settings: Settings
) -> None:
    make_edition(db, sessions=4)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        scheduler.schedule_edition(session=session, settings=settings, edition=edition)
        programme.publish(session=session, edition=edition, now=NOW)
        rows = programme.sessions_of(session=session, edition=edition)
        # The editor pushes one session onto another's room and time: one of the two must move.
        target = rows[1]
        programme.place(
            session=session,
            edition=edition,
            code=rows[0].code,
            data=PlacementIn(room=target.room_id, starts_at=target.starts_at),
        )
        edited = {r.code: (r.room_id, r.starts_at) for r in rows}
        result = scheduler.schedule_edition(session=session, settings=settings, edition=edition)
        after = {r.code: (r.room_id, r.starts_at) for r in rows}

    # Either clashing session may be the one moved; nothing else may move.
    changed = sorted(code for code in edited if edited[code] != after[code])
    assert (result.moved, result.conflicts, len(changed)) == (1, [], 1)
    assert changed[0] in {rows[0].code, target.code}


def test_scheduler_refuses_a_session_no_room_can_hold(db: Database, settings: Settings) -> None:
    make_edition(db, sessions=0)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        from casa.expo.schemas import SessionIn

        programme.add_session(
            session=session,
            edition=edition,
            data=SessionIn(title="Plénière", kind="keynote", duration_min=60, audience=5000),
        )
        with pytest.raises(NotSchedulable):
            scheduler.schedule_edition(session=session, settings=settings, edition=edition)
