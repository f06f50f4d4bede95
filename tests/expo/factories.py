"""A small edition to test with: two venues, three rooms, a track, speakers and sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime

from casa.core.db import Database
from casa.expo import editions, programme
from casa.expo.schemas import EditionIn, RoomIn, SessionIn, SpeakerRef, VenueIn

NOW = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
YEAR = 2026


def make_edition(db: Database, *, sessions: int = 3) -> dict[str, str]:
    """Create the 2026 test edition; return its speakers' codes by name."""
    with db.session() as session:
        edition = editions.create_edition(
            session=session,
            data=EditionIn(
                year=YEAR,
                title="Smart City Expo Casablanca 2026",
                theme="Villes à vivre",
                starts_on=date(2026, 4, 20),
                ends_on=date(2026, 4, 21),
            ),
            now=NOW,
        )
        editions.upsert_venue(
            session=session,
            data=VenueIn(
                slug="twin-center",
                name="Twin Center",
                lat=33.58658,
                lon=-7.63229,
                rooms=[
                    RoomIn(name="Auditorium", capacity=300),
                    RoomIn(name="Salle A", capacity=60),
                ],
            ),
        )
        editions.upsert_venue(
            session=session,
            data=VenueIn(
                slug="technopark",
                name="Technopark",
                lat=33.544611,
                lon=-7.638096,
                rooms=[RoomIn(name="Hall", capacity=200)],
            ),
        )
        editions.add_track(
            session=session,
            edition=edition,
            slug="civic-tech",
            name="Technologie civique",
            color="#0969da",
        )
        people = {
            name: editions.add_speaker(session=session, edition=edition, name=name).code
            for name in ("Amina", "Omar", "Salma")
        }
        for i in range(sessions):
            programme.add_session(
                session=session,
                edition=edition,
                data=SessionIn(
                    title=f"Table ronde {i + 1}",
                    kind="round_table",
                    track="civic-tech",
                    duration_min=60,
                    audience=100,
                    speakers=[
                        SpeakerRef(speaker=people["Amina"]),
                        SpeakerRef(speaker=people["Omar"], role="moderator"),
                    ],
                ),
            )
        return people
