"""Service alerts: staff post disruptions of lines and stops over a period, in fr/ar/en.

The planner reads the alerts of a query's day: stops closed by an alert are neither boarded
nor alighted at while it runs (vehicles pass through), and each journey carries the alerts
that touch its lines, stops and time. Changes are told on the bus channel ``transit``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.core.clock import CASABLANCA
from casa.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from casa.transit import planner
from casa.transit.exceptions import (
    AlertLineUnknown,
    AlertNeedsStops,
    AlertNotFound,
    AlertPeriodInvalid,
    AlertStopUnknown,
)
from casa.transit.models import TransitAlert
from casa.transit.schedule import Schedule
from casa.transit.timetable import Timetable

if TYPE_CHECKING:
    from casa.transit.schemas import AlertIn

CHANNEL = "transit"
EFFECTS = ("closed_stops", "reduced_service", "information")
CAUSES = (
    "unknown",
    "other",
    "technical_problem",
    "strike",
    "demonstration",
    "accident",
    "holiday",
    "weather",
    "maintenance",
    "construction",
    "police_activity",
    "medical_emergency",
)
Action = Literal["posted", "removed"]

_GTFS_RT_EFFECT = {
    "closed_stops": "NO_SERVICE",
    "reduced_service": "REDUCED_SERVICE",
    "information": "OTHER_EFFECT",
}


@dataclass(frozen=True, slots=True)
class Alert:
    """A service alert: what it does, to which lines and stops, when, and what it says."""

    id: int
    effect: str
    cause: str
    lines: tuple[str, ...]
    stops: tuple[str, ...]
    start: datetime
    end: datetime
    messages: dict[str, str]
    posted_at: datetime

    def message(self, lang: str) -> str:
        """Return the message in a language, else in French, else in any language given."""
        order = [lang, DEFAULT_LANGUAGE, *LANGUAGES]
        return next((self.messages[c] for c in order if self.messages.get(c)), "")

    def in_force(self, at: datetime) -> bool:
        """Tell whether the alert runs at an instant (its end excluded)."""
        return self.start <= at < self.end

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Tell whether the alert runs at some time between two instants (both included)."""
        return self.start <= end and start < self.end


def _of(row: TransitAlert) -> Alert:
    messages = {
        lang: text
        for lang, text in (("fr", row.message_fr), ("ar", row.message_ar), ("en", row.message_en))
        if text
    }
    return Alert(
        id=row.id,
        effect=row.effect,
        cause=row.cause,
        lines=tuple(row.lines or ()),
        stops=tuple(row.stops or ()),
        start=row.starts_at,
        end=row.ends_at,
        messages=messages,
        posted_at=row.posted_at,
    )


def post_alert(
    *,
    session: Session,
    data: AlertIn,
    schedule: Schedule,
    now: datetime,
    posted_by_id: int | None = None,
) -> Alert:
    """Post an alert after checking its period and that its lines and stops exist."""
    if data.end <= data.start or data.end <= now:
        raise AlertPeriodInvalid()
    for line in data.lines:
        if line not in schedule.routes:
            raise AlertLineUnknown(line_id=line)
    for stop in data.stops:
        if stop not in schedule.stops:
            raise AlertStopUnknown(stop_id=stop)
    if data.effect == "closed_stops" and not data.stops:
        raise AlertNeedsStops()
    row = TransitAlert(
        effect=data.effect,
        cause=data.cause,
        lines=list(dict.fromkeys(data.lines)),
        stops=list(dict.fromkeys(data.stops)),
        starts_at=data.start.astimezone(UTC),
        ends_at=data.end.astimezone(UTC),
        message_fr=data.message.fr,
        message_ar=data.message.ar,
        message_en=data.message.en,
        posted_at=now,
        posted_by_id=posted_by_id,
    )
    session.add(row)
    session.flush()
    return _of(row)


def remove_alert(*, session: Session, alert_id: int) -> Alert:
    """Delete an alert; return it as it was."""
    row = session.get(TransitAlert, alert_id)
    if row is None:
        raise AlertNotFound(alert_id=alert_id)
    alert = _of(row)
    session.delete(row)
    session.flush()
    return alert


def alerts_between(*, session: Session, start: datetime, end: datetime) -> list[Alert]:
    """Return the alerts that run at some time between two instants, soonest first."""
    query = (
        select(TransitAlert)
        .where(TransitAlert.ends_at > start, TransitAlert.starts_at <= end)
        .order_by(TransitAlert.starts_at, TransitAlert.id)
    )
    return [_of(row) for row in session.scalars(query)]


def current_and_coming(*, session: Session, now: datetime) -> list[Alert]:
    """Return the alerts in force or coming, soonest first."""
    query = (
        select(TransitAlert)
        .where(TransitAlert.ends_at > now)
        .order_by(TransitAlert.starts_at, TransitAlert.id)
    )
    return [_of(row) for row in session.scalars(query)]


def stop_family(schedule: Schedule, stop_ids: Iterable[str]) -> set[str]:
    """Return stops with their station's platforms (a closed station closes its platforms)."""
    wanted = set(stop_ids)
    return wanted | {sid for sid, s in schedule.stops.items() if s.parent in wanted}


@dataclass(frozen=True, slots=True)
class Closure:
    """Stops closed from one instant (included) to another (excluded)."""

    stops: frozenset[str]
    start: datetime
    end: datetime


def closures(alerts: Sequence[Alert], schedule: Schedule) -> list[Closure]:
    """Return the stop closures of some alerts, stations expanded to their platforms."""
    return [
        Closure(frozenset(stop_family(schedule, a.stops)), a.start, a.end)
        for a in alerts
        if a.effect == "closed_stops" and a.stops
    ]


def touching(
    alerts: Sequence[Alert],
    *,
    schedule: Schedule,
    lines: set[str],
    stops: set[str],
    start: datetime,
    end: datetime,
) -> list[Alert]:
    """Return the alerts running between two instants that name one of these lines or stops.

    An alert naming neither lines nor stops concerns the whole network.
    """
    found = []
    for alert in alerts:
        if not alert.overlaps(start, end):
            continue
        network_wide = not alert.lines and not alert.stops
        if network_wide or lines & set(alert.lines) or stops & stop_family(schedule, alert.stops):
            found.append(alert)
    return found


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=CASABLANCA)


Shut = list[tuple[np.ndarray[Any, np.dtype[np.int64]], int, int]]


def closure_windows(tt: Timetable, day: date, found: Sequence[Closure]) -> Shut:
    """Return each closure as timetable stop indices and seconds of the service day."""
    midnight = _midnight(day)
    shut: Shut = []
    for c in found:
        idx = np.array(sorted(tt.stop_index[s] for s in c.stops if s in tt.stop_index), np.int64)
        start = int((c.start - midnight).total_seconds())
        end = int((c.end - midnight).total_seconds())
        if len(idx) and end > start:
            shut.append((idx, start, end))
    return shut


def closed_stops_used(found: Sequence[planner.Journey], shut: Shut, n: int) -> planner.Closed:
    """Return the stops (of n) where a journey boards or alights while they are closed."""
    used = np.zeros(n, dtype=bool)
    for j in found:
        for leg in j.legs:
            if leg.trip is None:
                continue
            for stop, at in ((leg.from_stop, leg.start), (leg.to_stop, leg.end)):
                for stops, start, end in shut:
                    if stop is not None and start <= at < end and stop in stops:
                        used[stop] = True
    return used


def journey_alerts(
    j: planner.Journey, day: date, posted: Sequence[Alert], schedule: Schedule
) -> tuple[Alert, ...]:
    """Return the alerts that touch a journey's lines, stops (passed ones too) and time."""
    if j.rides == 0:
        return ()
    midnight = _midnight(day)
    lines: set[str] = set()
    stops: set[str] = set()
    for leg in j.legs:
        if leg.trip is not None:
            lines.add(leg.trip.route_id)
            stops.update(leg.trip.stops[leg.board : leg.alight + 1])
    stops |= {p for s in stops if (p := schedule.stops[s].parent) is not None}
    return tuple(
        touching(
            posted,
            schedule=schedule,
            lines=lines,
            stops=stops,
            start=midnight + timedelta(seconds=j.departure),
            end=midnight + timedelta(seconds=j.arrival),
        )
    )


def alert_event(action: Action, alert: Alert) -> dict[str, Any]:
    """Return the bus event telling that an alert was posted or removed."""
    return {
        "type": "alert",
        "action": action,
        "alert": {
            "id": alert.id,
            "effect": alert.effect,
            "lines": list(alert.lines),
            "stops": list(alert.stops),
            "start": alert.start.isoformat(),
            "end": alert.end.isoformat(),
        },
    }


def gtfs_realtime(
    alerts: Sequence[Alert], *, now: datetime, agency_id: str | None = None
) -> dict[str, Any]:
    """Return the alerts as a GTFS-realtime FeedMessage in its JSON form."""

    def translated(alert: Alert) -> dict[str, Any]:
        return {
            "translation": [
                {"text": text, "language": lang} for lang, text in alert.messages.items()
            ]
        }

    entities = []
    for alert in alerts:
        informed: list[dict[str, str]] = [{"route_id": line} for line in alert.lines]
        informed += [{"stop_id": stop} for stop in alert.stops]
        entities.append(
            {
                "id": str(alert.id),
                "alert": {
                    "active_period": [
                        {"start": int(alert.start.timestamp()), "end": int(alert.end.timestamp())}
                    ],
                    "informed_entity": informed or [{"agency_id": agency_id or ""}],
                    "cause": (
                        f"{alert.cause.upper()}_CAUSE"
                        if alert.cause in ("unknown", "other")
                        else alert.cause.upper()
                    ),
                    "effect": _GTFS_RT_EFFECT[alert.effect],
                    "header_text": translated(alert),
                    "description_text": translated(alert),
                },
            }
        )
    return {
        "header": {
            "gtfs_realtime_version": "2.0",
            "incrementality": "FULL_DATASET",
            "timestamp": int(now.timestamp()),
        },
        "entity": entities,
    }
