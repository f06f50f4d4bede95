"""Time: stored in UTC, shown in Africa/Casablanca, injectable so tests can freeze it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

CASABLANCA = ZoneInfo("Africa/Casablanca")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


class FrozenClock:
    """A clock that returns a fixed instant until moved; for tests and simulations."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("a frozen clock needs an aware datetime")
        self.at = at.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        """Move the clock forward by a timedelta given as keyword arguments."""
        from datetime import timedelta

        self.at = self.at + timedelta(**delta)


def local(at: datetime) -> datetime:
    """Return an aware instant in Casablanca's local time (zoneinfo handles Ramadan's UTC+0)."""
    return at.astimezone(CASABLANCA)
