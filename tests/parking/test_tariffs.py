"""The price of a stay computed from structured tariffs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from casa.parking.exceptions import InvalidTariff
from casa.parking.tariffs import parse_tariff, price_cents

pytestmark = pytest.mark.unit

# Monday 20 April 2026, 10:00 in Casablanca (UTC+1 outside Ramadan).
MONDAY_10H = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)

TRIANGLE = parse_tariff(
    {"unit_minutes": 60, "unit_price": "5", "daily_cap": "40", "monthly_pass": "300"}
)
FELIX = parse_tariff(
    {
        "bands": [
            {"up_to_minutes": 60, "price": "5"},
            {"up_to_minutes": 120, "price": "8"},
            {"up_to_minutes": 720, "price": "20"},
        ]
    }
)
MEHDI = parse_tariff(
    {
        "unit_minutes": 30,
        "unit_price": "3",
        "night": {"starts": "20:00", "ends": "09:00", "price": "30"},
    }
)


def _price(tariff: object, minutes: int, start: datetime = MONDAY_10H) -> float:
    return price_cents(tariff, start, start + timedelta(minutes=minutes)) / 100  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (1, 5.0),
        (60, 5.0),
        (61, 10.0),
        (90, 10.0),
        (7 * 60, 35.0),
        (10 * 60, 40.0),
        (24 * 60 + 30, 45.0),
    ],
)
def test_hourly_tariff_with_daily_cap_prices_started_hours(minutes: int, expected: float) -> None:
    assert _price(TRIANGLE, minutes) == expected


def test_monthly_pass_caps_a_stay_of_a_month() -> None:
    assert _price(TRIANGLE, 31 * 24 * 60) == 600.0


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(30, 5.0), (61, 8.0), (121, 20.0), (720, 20.0), (13 * 60, 25.0), (24 * 60, 40.0)],
)
def test_band_tariff_prices_whole_bands_and_repeats_past_the_last(
    minutes: int, expected: float
) -> None:
    assert _price(FELIX, minutes) == expected


def test_night_flat_rate_caps_the_night_part_of_a_stay() -> None:
    evening = datetime(2026, 4, 20, 17, 0, tzinfo=UTC)  # 18:00 local

    short_evening = _price(MEHDI, 4 * 60, evening)  # 18:00-22:00: 2 h day + 2 h night
    overnight = _price(MEHDI, 14 * 60, evening)  # 18:00-08:00: 2 h day + 12 h night

    assert (short_evening, overnight) == (24.0, 42.0)


def test_free_minutes_make_a_short_stay_free() -> None:
    tariff = parse_tariff({"unit_minutes": 60, "unit_price": "5", "free_minutes": 15})

    assert (_price(tariff, 15), _price(tariff, 16)) == (0.0, 5.0)


def test_first_unit_price_applies_once() -> None:
    tariff = parse_tariff({"unit_minutes": 30, "unit_price": "2", "first_unit_price": "4"})

    assert _price(tariff, 90) == 8.0


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"unit_minutes": 60},
        {"bands": [{"up_to_minutes": 120, "price": "5"}, {"up_to_minutes": 60, "price": "8"}]},
        {"bands": [{"up_to_minutes": 60, "price": "9"}, {"up_to_minutes": 120, "price": "8"}]},
        {"unit_minutes": 60, "unit_price": "-1"},
    ],
)
def test_incoherent_tariff_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(InvalidTariff) as caught:
        parse_tariff(data)

    assert caught.value.field == "tariff"
