"""Answers per intent, every figure read from the transit, parking and city services."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from casa.assistant.answers import say, separator
from casa.assistant.journey_answers import Answer, hhmm, place_name
from casa.city.schemas import PlaceOut
from casa.core.geo import haversine_m
from casa.transit import facts
from casa.transit import service as transit


def fares(form: str) -> Answer:
    """Give the single-ticket price under both fare tables."""
    now, voted = facts.single_ticket("in force"), facts.single_ticket("voted")
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
    lines = [f for f in facts.load_lines() if line_id is None or f.line_id == line_id]
    items = [
        say(
            "{line} from {first} to {last}",
            form,
            line=f.line_id,
            first=f.first_departure,
            last=f.last_departure,
        )
        for f in lines
    ]
    data = {
        "hours": [
            {"line": f.line_id, "first": f.first_departure, "last": f.last_departure} for f in lines
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
