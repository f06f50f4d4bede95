"""Journey answers: A to B now, at a time or arriving by, and follow-ups restricted to one mode."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from casa.assistant.answers import say, separator
from casa.city.schemas import PlaceOut
from casa.core.clock import CASABLANCA
from casa.transit import service as transit
from casa.transit.schemas import MODES, journey_out
from casa.transit.schemas import PlaceOut as TransitPlace

Answer = tuple[str, dict[str, Any]]


def place_name(place: PlaceOut, form: str) -> str:
    """Return a place's name in a language form."""
    names = {
        "ar": place.name_ar,
        "darija_ar": place.name_darija_ar or place.name_ar,
        "darija_latn": place.name_darija_latn,
        "en": place.name_en,
    }
    return names.get(form) or place.name_fr


def hhmm(at: datetime) -> str:
    """Return a Casablanca clock time."""
    return at.astimezone(CASABLANCA).strftime("%H:%M")


def resolve_time(value: str | None, now: datetime) -> datetime:
    """Return the instant a time entity means (now when absent)."""
    local = now.astimezone(CASABLANCA)
    if not value or value == "now":
        return local
    day = local.date()
    if value.startswith("tomorrow"):
        day += timedelta(days=1)
        value = value.removeprefix("tomorrow").strip()
    if not value:
        return datetime.combine(day, local.time(), tzinfo=CASABLANCA)
    hours, minutes = (int(x) for x in value.split(":"))
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=CASABLANCA)


def journey(
    session: Session,
    form: str,
    origin: PlaceOut,
    destination: PlaceOut,
    when: datetime,
    *,
    arrive_by: bool = False,
    mode: str | None = None,
) -> Answer:
    """Plan a journey and describe its legs, times and fare (riding one mode only, if asked)."""
    a_name, b_name = place_name(origin, form), place_name(destination, form)
    if origin.key == destination.key:
        return say(
            "You are already there: {origin} and {destination} are the same place.",
            form,
            origin=a_name,
            destination=b_name,
        ), {}

    def plan(start: datetime, window_min: int) -> tuple[Any, Any, list[Any]]:
        return transit.plan(
            session=session,
            origin=f"{origin.lat},{origin.lon}",
            destination=f"{destination.lat},{destination.lon}",
            when=start,
            arrive_by=arrive_by,
            window_min=window_min,
        )

    one_mode = bool(mode) and not arrive_by
    a, b, found = plan(when, MODE_WINDOW_MIN if one_mode else 0)
    net = transit.network(session=session)
    start = when + timedelta(minutes=MODE_WINDOW_MIN)
    day = when.astimezone(CASABLANCA).date()
    while one_mode and not any(_planned_rides_only(j, str(mode), net) for j in found):
        # None yet: look on, a window at a time, until the service day is over.
        window = rest_of_service_day_min(start, day)
        if window <= 0:
            break
        if window > MODE_WINDOW_MIN + SERVICE_AFTER_MIDNIGHT_MIN:
            window = MODE_WINDOW_MIN
        found = found + plan(start, window)[2]
        start += timedelta(minutes=window)
    if not found and one_mode:
        return say(NONE_LEFT[str(mode)], form, origin=a_name, destination=b_name), {
            "from": a_name,
            "to": b_name,
            "none_left_today": True,
        }
    if not found:
        return say(
            "I found no tram or busway journey from {origin} to {destination} at that time. "
            "See the planner at /api/v1/transit/journeys or casatramway.ma.",
            form,
            origin=a_name,
            destination=b_name,
        ), {}
    pa = TransitPlace(name=a_name, lat=a.lat, lon=a.lon, kind="place")
    pb = TransitPlace(name=b_name, lat=b.lat, lon=b.lon, kind="place")
    options = [
        journey_out(j, pa, pb, net.schedule.routes) for j in found[: 1 if not mode else None]
    ]
    best = options[0]
    parts = []
    if mode:
        riding = [o for o in options if _rides_only(o, mode)]
        found_it, missing = MODE_MESSAGES[mode]
        if riding:
            best = riding[0]
            parts.append(say(found_it, form))
        else:
            parts.append(say(missing, form, origin=a_name, destination=b_name))
    parts += [
        say(
            "From {origin} to {destination}: leave at {departure}, arrive at {arrival}.",
            form,
            origin=a_name,
            destination=b_name,
            departure=hhmm(best.departure),
            arrival=hhmm(best.arrival),
        )
    ]
    steps = []
    for leg in best.legs:
        minutes = math.ceil(leg.duration_s / 60)
        if leg.mode == "walk":
            if leg.destination.stop_id:
                steps.append(
                    say(
                        "walk to {stop} ({minutes} min)",
                        form,
                        stop=leg.destination.name,
                        minutes=minutes,
                    )
                )
            else:
                steps.append(say("walk to your destination ({minutes} min)", form, minutes=minutes))
        else:
            steps.append(
                say(
                    "take {line} at {stop} at {departure} towards {headsign}, "
                    "get off at {alight} at {arrival}",
                    form,
                    line=leg.line.short_name if leg.line else "?",
                    stop=leg.origin.name,
                    departure=hhmm(leg.departure),
                    headsign=leg.headsign or "",
                    alight=leg.destination.name,
                    arrival=hhmm(leg.arrival),
                )
            )
    parts.append(separator(form).join(steps) + ".")
    if best.fare is not None:
        used = next((t for t in best.fare.tables if t.used), None)
        voted = next((t for t in best.fare.tables if t.status == "voted"), None)
        if used is not None and voted is not None:
            parts.append(
                say(
                    "Fare: {amount} MAD ({tickets} ticket(s), table in force since {since}); "
                    "{voted} MAD under the voted table.",
                    form,
                    amount=f"{best.fare.amount:.2f}",
                    tickets=best.fare.tickets,
                    since=used.since,
                    voted=f"{voted.amount:.2f}",
                )
            )
    data = {
        "journey": best.model_dump(mode="json", by_alias=True),
        "from": a_name,
        "to": b_name,
    }
    return " ".join(parts), data


MODE_WINDOW_MIN = 90
"""How far after the asked time a one-mode journey is looked for first."""
SERVICE_AFTER_MIDNIGHT_MIN = 3 * 60
"""A service day's trips may run past midnight (GTFS times up to 27:00 here)."""
NONE_LEFT = {
    "tram": "No tram runs any more today from {origin} to {destination}. Ask me about tomorrow.",
    "bus": "No busway runs any more today from {origin} to {destination}. Ask me about tomorrow.",
}
MODE_MESSAGES = {
    "tram": (
        "By tram only:",
        "I found no journey by tram only from {origin} to {destination}; here is the best one.",
    ),
    "bus": (
        "By busway only:",
        "I found no journey by busway only from {origin} to {destination}; here is the best one.",
    ),
}


def rest_of_service_day_min(at: datetime, day: date) -> int:
    """Return the minutes from an instant to the end of a day's service (0 past its midnight).

    The planner reads the timetable of the instant's local date, so a search must start
    before that day's midnight; it may reach past it, up to the day's latest trips.
    """
    local = at.astimezone(CASABLANCA)
    if local.date() != day:
        return 0
    elapsed = local.hour * 60 + local.minute
    return 24 * 60 + SERVICE_AFTER_MIDNIGHT_MIN - elapsed


def _planned_rides_only(planned: Any, mode: str, net: Any) -> bool:
    rides = [leg for leg in planned.journey.legs if leg.trip is not None]
    routes = net.schedule.routes
    return bool(rides) and all(
        MODES.get(routes[leg.trip.route_id].route_type) == mode for leg in rides
    )


def _rides_only(journey: Any, mode: str) -> bool:
    rides = [leg for leg in journey.legs if leg.mode != "walk"]
    return bool(rides) and all(leg.line is not None and leg.line.mode == mode for leg in rides)
