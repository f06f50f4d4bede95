"""Answers per intent, every figure read from the transit, parking and city services."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from casa.assistant.answers import say, separator
from casa.city.schemas import PlaceOut
from casa.core.clock import CASABLANCA
from casa.core.geo import haversine_m
from casa.transit import feed
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


def fares(form: str) -> Answer:
    """Give the single-ticket price under both fare tables."""
    now, voted = feed.single_ticket("in force"), feed.single_ticket("voted")
    text = say(
        "A single tram or busway trip costs {amount} MAD (table in force since {since}), with one "
        "free transfer within 30 minutes. The voted table ({voted_since}) puts it at {voted} MAD; "
        "its date of effect is not confirmed.",
        form,
        amount=f"{now.price_mad:.2f}",
        since=now.effective_from,
        voted=f"{voted.price_mad:.2f}",
        voted_since=voted.effective_from,
    )
    data = {
        "fare": {"amount": f"{now.price_mad:.2f}", "currency": "MAD", "table": "in force"},
        "voted": {"amount": f"{voted.price_mad:.2f}", "since": str(voted.effective_from)},
    }
    return text, data


def _stop_lines(net: transit.Network) -> dict[str, set[str]]:
    lines: dict[str, set[str]] = {}
    for trip in net.schedule.trips:
        for sid in trip.stops:
            stop = net.schedule.stops[sid]
            lines.setdefault(stop.parent or sid, set()).add(trip.route_id)
    return lines


def nearest_stop(session: Session, place: PlaceOut) -> tuple[str, str, int, list[str]]:
    """Return the stop (or station) nearest a place: id, name, distance in m, its lines."""
    net = transit.network(session=session)
    lines = _stop_lines(net)
    best = min(
        lines,
        key=lambda sid: haversine_m(
            (place.lat or 0.0, place.lon or 0.0),
            (net.schedule.stops[sid].lat, net.schedule.stops[sid].lon),
        ),
    )
    stop = net.schedule.stops[best]
    distance = haversine_m((place.lat or 0.0, place.lon or 0.0), (stop.lat, stop.lon))
    return best, stop.name, round(distance), sorted(lines[best])


def nearest(session: Session, form: str, place: PlaceOut) -> Answer:
    """Name the stop nearest a place, with its lines and distance."""
    sid, name, distance, lines = nearest_stop(session, place)
    text = say(
        "The nearest stop to {place} is {stop} ({lines}), {distance} m away.",
        form,
        place=place_name(place, form),
        stop=name,
        lines=", ".join(lines),
        distance=distance,
    )
    return text, {"stop": {"id": sid, "name": name, "distance_m": distance, "lines": lines}}


def departures(session: Session, form: str, place: PlaceOut, when: datetime) -> Answer:
    """List the next departures at the stop nearest a place."""
    sid, name, _, _ = nearest_stop(session, place)
    _, found = transit.departures(session=session, stop_id=sid, when=when, limit=5)
    if not found:
        return say("No departure from {stop} in the next three hours.", form, stop=name), {}
    items = [f"{d.route_id} → {d.headsign} {hhmm(d.at)}" for d in found]
    text = say(
        "Next departures at {stop}: {list}.", form, stop=name, list=separator(form).join(items)
    )
    data = {
        "stop": {"id": sid, "name": name},
        "departures": [
            {"line": d.route_id, "headsign": d.headsign, "at": d.at.isoformat()} for d in found
        ],
    }
    return text, data


def line_info(session: Session, form: str, line_id: str | None) -> Answer:
    """Describe a line: its termini and stops in order."""
    net = transit.network(session=session)
    if line_id is None or line_id not in net.schedule.routes:
        names = ", ".join(sorted(net.schedule.routes))
        return say("Which line? The network has {lines}.", form, lines=names), {}
    route = net.schedule.routes[line_id]
    stops = transit.line_stops(net, line_id)
    first_dir = stops[min(stops)]
    stop_names = [s.name for s in first_dir]
    text = say(
        "{line} ({name}) runs from {first} to {last}, {count} stops: {stops}.",
        form,
        line=route.short_name,
        name=route.long_name,
        first=stop_names[0],
        last=stop_names[-1],
        count=len(stop_names),
        stops=", ".join(stop_names),
    )
    return text, {"line": {"id": line_id, "stops": stop_names}}


def hours(form: str, line_id: str | None) -> Answer:
    """Give the first and last departures of each line (or of one)."""
    facts = [f for f in feed.load_lines() if line_id is None or f.line_id == line_id]
    items = [
        say(
            "{line} from {first} to {last}",
            form,
            line=f.line_id,
            first=f.first_departure,
            last=f.last_departure,
        )
        for f in facts
    ]
    data = {
        "hours": [
            {"line": f.line_id, "first": f.first_departure, "last": f.last_departure} for f in facts
        ]
    }
    return say("Service hours: {list}.", form, list=separator(form).join(items)), data


def parking(session: Session, form: str, place: PlaceOut, now: datetime) -> Answer:
    """List the car parks near a place with their live free places."""
    from casa.parking import search

    result = search.search(
        session=session, origin=(place.lat or 0.0, place.lon or 0.0), now=now, limit=3
    )
    name = place_name(place, form)
    if not result.results:
        return say(
            "I know no car park within 800 m of {place}. See the parking map at /parking.",
            form,
            place=name,
        ), {}
    items = []
    for hit in result.results:
        if hit.free is None:
            items.append(
                say(
                    "{name}: free places unknown, {walk} min walk",
                    form,
                    name=hit.name,
                    walk=hit.walk_minutes,
                )
            )
        else:
            items.append(
                say(
                    "{name}: {free} free of {capacity} (updated {age} min ago), {walk} min walk",
                    form,
                    name=hit.name,
                    free=hit.free,
                    capacity=hit.capacity,
                    age=round((hit.freshness.age_s or 0) / 60),
                    walk=hit.walk_minutes,
                )
            )
    text = say("Near {place}: {list}.", form, place=name, list=separator(form).join(items))
    data = {"parking": [h.model_dump(mode="json") for h in result.results]}
    return text, data


def alerts(session: Session, form: str, now: datetime) -> Answer:
    """Read the service alerts in force or coming, when transit publishes them."""
    try:
        from casa.transit import alerts as transit_alerts

        found = transit_alerts.current_and_coming(session=session, now=now)
    except (ImportError, AttributeError):
        return say(
            "I have no service alerts to read; "
            "see casatramway.ma for the operator's announcements.",
            form,
        ), {}
    if not found:
        return say("No service alert in force on the tram and busway.", form), {"alerts": []}
    lang = {"darija_ar": "ar", "darija_latn": "fr"}.get(form, form)
    items = [f"{', '.join(a.lines) or '—'}: {a.message(lang)}" for a in found]
    data = {
        "alerts": [{"id": a.id, "lines": list(a.lines), "message": a.message(lang)} for a in found]
    }
    return say("Service alerts: {list}.", form, list="; ".join(items)), data
