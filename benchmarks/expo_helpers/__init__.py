"""What the Expo benchmarks share: the two-day edition they run on."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from casa.expo import editions
from casa.expo.models import Edition
from casa.expo.schemas import EditionIn


def bench_edition(session: Session, now: datetime) -> Edition:
    """Create the benchmarks' edition: 2026, two days from 20 April."""
    return editions.create_edition(
        session=session,
        data=EditionIn(
            year=2026,
            title="Bench",
            theme="Bench",
            starts_on=date(2026, 4, 20),
            ends_on=date(2026, 4, 21),
        ),
        now=now,
    )
