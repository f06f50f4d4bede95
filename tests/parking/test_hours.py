"""Opening hours in OSM syntax, read in Casablanca's local time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from casa.parking import hours
from casa.parking.exceptions import InvalidOpeningHours

pytestmark = pytest.mark.unit

WEEKDAYS = "Mo-Fr 08:00-18:00"


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (datetime(2026, 4, 20, 6, 59, tzinfo=UTC), False),  # Monday 07:59 local
        (datetime(2026, 4, 20, 7, 0, tzinfo=UTC), True),  # Monday 08:00 local
        (datetime(2026, 4, 20, 16, 59, tzinfo=UTC), True),
        (datetime(2026, 4, 20, 17, 0, tzinfo=UTC), False),  # Monday 18:00 local
        (datetime(2026, 4, 18, 10, 0, tzinfo=UTC), False),  # Saturday
        (datetime(2026, 3, 2, 8, 0, tzinfo=UTC), True),  # Ramadan: UTC+0, 08:00 local
    ],
)
def test_is_open_reads_local_time(at: datetime, expected: bool) -> None:
    assert hours.is_open(WEEKDAYS, at) is expected


def test_open_throughout_needs_the_whole_window() -> None:
    inside = hours.open_throughout(
        WEEKDAYS, datetime(2026, 4, 20, 8, 0, tzinfo=UTC), datetime(2026, 4, 20, 17, 0, tzinfo=UTC)
    )
    past_closing = hours.open_throughout(
        WEEKDAYS,
        datetime(2026, 4, 20, 16, 0, tzinfo=UTC),
        datetime(2026, 4, 20, 17, 30, tzinfo=UTC),
    )

    assert (inside, past_closing) == (True, False)


def test_invalid_expression_says_what_to_write() -> None:
    with pytest.raises(InvalidOpeningHours) as caught:
        hours.validate("weekdays nine to five")

    assert (
        caught.value.field,
        caught.value.detail.startswith("'weekdays nine to five' is not"),
    ) == ("opening_hours", True)


def test_week_cuts_nights_at_midnight_and_leaves_closed_days_empty() -> None:
    # Friday 2026-04-17 on: open Friday and Saturday nights until two in the morning.
    week = hours.week("Fr-Sa 20:00-02:00", date(2026, 4, 17), days=4)

    assert week == [
        (date(2026, 4, 17), [("20:00", "24:00")]),
        (date(2026, 4, 18), [("00:00", "02:00"), ("20:00", "24:00")]),
        (date(2026, 4, 19), [("00:00", "02:00")]),
        (date(2026, 4, 20), []),
    ]


def test_week_of_a_site_always_open_is_whole_days() -> None:
    assert hours.week(hours.ALWAYS, date(2026, 4, 17), days=2) == [
        (date(2026, 4, 17), [("00:00", "24:00")]),
        (date(2026, 4, 18), [("00:00", "24:00")]),
    ]
