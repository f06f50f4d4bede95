"""The published programme in the c3voc schedule formats: frab XML, schedule2 JSON, frab JSON.

``schedule.xml`` follows the frab XML schema and ``schedule.json`` the c3voc *schedule2* JSON
schema. The older frab JSON form (``to_frab_json``) stays for the command line: the two JSON
schemas contradict each other (``start`` is an ``HH:MM`` time in one and an instant in the
other, days hold rooms in one and may not in the other), so no document can satisfy both.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import datetime, timedelta
from typing import Any
from xml.etree import ElementTree as ET

from sqlalchemy.orm import Session as DbSession

from casa import __version__
from casa.core.clock import CASABLANCA
from casa.expo import editions
from casa.expo.models import Edition, Room, Session, Speaker, Venue
from casa.expo.programme import published_sessions, tracks_of

NAMESPACE = uuid.UUID("6f1c1c3e-6d0b-4f7e-9a59-0c2a8e5e0e18")
FRAB_JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"
SCHEDULE2_SCHEMA = "https://c3voc.de/schema/schedule2"
#: Session kinds as the schedule2 event types.
EVENT_TYPES = {
    "keynote": "TALK",
    "talk": "TALK",
    "round_table": "DISCUSSION",
    "workshop": "WORKSHOP",
    "agora_pitch": "LIGHTNING_TALK",
}
#: Room kinds as the schedule2 room types.
ROOM_TYPES = {
    "lecturehall": "LECTURE_HALL",
    "stage": "STAGE",
    "workshop": "WORKSHOP",
    "outside": "OUTSIDE",
    "other": "OTHER",
}
#: The role a person is listed under when they hold several in one session, first wins.
ROLE_RANK = ("moderator", "speaker")
#: The track reference of sessions outside every track (schedule2 wants one for each event).
NO_TRACK = {"name": "Programme général", "slug": "general"}


def acronym(edition: Edition) -> str:
    """Return the edition's short name, as the schedule formats want it."""
    return f"scec{edition.year}"


def slugify(text: str, fallback: str = "session") -> str:
    """Return a lowercase ASCII slug of a text (the fallback when nothing Latin is left)."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or fallback


def room_guid(room: Room) -> str:
    """Return a stable UUID of a room."""
    return str(uuid.uuid5(NAMESPACE, f"room:{room.id}"))


def venue_guid(venue: Venue) -> str:
    """Return a stable UUID of a venue."""
    return str(uuid.uuid5(NAMESPACE, f"venue:{venue.slug}"))


def person_guid(speaker: Speaker) -> str:
    """Return a stable UUID of a speaker."""
    return str(uuid.uuid5(NAMESPACE, f"speaker:{speaker.code}"))


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _iso_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def _language(code: str) -> str:
    # schedule2 wants ISO 639-1; a tag such as fr-MA keeps its language, anything else is French.
    primary = code.split("-")[0].lower()
    return primary if re.fullmatch(r"[a-z]{2}", primary) else "fr"


def build(*, session: DbSession, edition: Edition, base_url: str) -> dict[str, Any]:
    """Return the published programme as one neutral structure every format is written from."""
    version, rows = published_sessions(session=session, edition=edition)
    rooms = editions.rooms_by_id(session=session)
    venues = editions.venues_by_id(session=session)
    by_code = editions.speakers_by_code(session=session, edition=edition)
    tracks = tracks_of(session=session, edition=edition)
    days = []
    for index, day in enumerate(editions.days_of(edition), start=1):
        start = editions.local_instant(day, edition.day_starts)
        end = editions.local_instant(day, edition.day_ends)
        events: dict[int, list[dict[str, Any]]] = {}
        for row, room_id, at in rows:
            if at.astimezone(CASABLANCA).date() == day:
                events.setdefault(room_id, []).append(_event(row, rooms[room_id], at, by_code))
        days.append({"index": index, "date": day, "start": start, "end": end, "rooms": events})
    return {
        "version": f"{version.version}" if version else "0",
        "edition": edition,
        "base_url": base_url.rstrip("/") + "/",
        "tracks": sorted(tracks.values(), key=lambda t: t.slug),
        "rooms": rooms,
        "venues": venues,
        "days": days,
        "track_of": {t.id: t for t in tracks.values()},
    }


def _event(row: Session, room: Room, at: datetime, speakers: dict[str, Speaker]) -> dict[str, Any]:
    roles: dict[str, str] = {}
    for ref in row.speakers:
        code, role = ref["speaker"], ref.get("role", "speaker")
        if code in speakers and (code not in roles or _rank(role) < _rank(roles[code])):
            roles[code] = role
    cast = [(speakers[code], role) for code, role in roles.items()]
    return {"row": row, "room": room, "at": at.astimezone(CASABLANCA), "cast": cast}


def _rank(role: str) -> int:
    return ROLE_RANK.index(role) if role in ROLE_RANK else len(ROLE_RANK)


def _room_name(room: Room, venues: dict[int, Venue]) -> str:
    return f"{venues[room.venue_id].name} – {room.name}"


def _room_slug(room: Room, venues: dict[int, Venue]) -> str:
    return f"{venues[room.venue_id].slug}-{slugify(room.name, fallback=f'room-{room.id}')}"


def _event_slug(row: Session, edition: Edition) -> str:
    return f"{acronym(edition)}-{row.code.lower()}-{slugify(row.title)}"


def _url(doc: dict[str, Any], row: Session) -> str:
    return f"{doc['base_url']}expo/{doc['edition'].year}/sessions/{row.code}"


def to_xml(doc: dict[str, Any]) -> bytes:
    """Write the programme as frab XML (the c3voc schedule.xml)."""
    edition: Edition = doc["edition"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name="casa", version=__version__)
    ET.SubElement(root, "version").text = doc["version"]
    conf = ET.SubElement(root, "conference")
    ET.SubElement(conf, "title").text = edition.title
    ET.SubElement(conf, "acronym").text = acronym(edition)
    ET.SubElement(conf, "start").text = edition.starts_on.isoformat()
    ET.SubElement(conf, "end").text = edition.ends_on.isoformat()
    ET.SubElement(conf, "days").text = str(len(doc["days"]))
    ET.SubElement(conf, "timeslot_duration").text = "00:15"
    ET.SubElement(conf, "base_url").text = doc["base_url"]
    ET.SubElement(conf, "time_zone_name").text = "Africa/Casablanca"
    for track in doc["tracks"]:
        ET.SubElement(conf, "track", name=track.name, color=track.color, slug=track.slug)
    for day in doc["days"]:
        day_el = ET.SubElement(
            root,
            "day",
            date=day["date"].isoformat(),
            start=day["start"].isoformat(),
            end=day["end"].isoformat(),
            index=str(day["index"]),
        )
        for room_id, events in sorted(day["rooms"].items()):
            room = doc["rooms"][room_id]
            room_el = ET.SubElement(
                day_el, "room", name=_room_name(room, doc["venues"]), guid=room_guid(room)
            )
            for event in events:
                _xml_event(room_el, event, doc)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _xml_event(parent: ET.Element, event: dict[str, Any], doc: dict[str, Any]) -> None:
    row: Session = event["row"]
    el = ET.SubElement(parent, "event", guid=row.guid, id=str(row.id), code=row.code)
    track = doc["track_of"].get(row.track_id)
    fields = {
        "room": _room_name(event["room"], doc["venues"]),
        "title": row.title,
        "subtitle": "",
        "type": row.kind,
        "date": event["at"].isoformat(),
        "start": event["at"].strftime("%H:%M"),
        "duration": _hhmm(row.duration_min),
        "abstract": row.abstract,
        "slug": _event_slug(row, doc["edition"]),
        "track": track.name if track else "",
        "language": row.language,
    }
    for name, value in fields.items():
        ET.SubElement(el, name).text = value
    persons = ET.SubElement(el, "persons")
    for person, _role in event["cast"]:
        ET.SubElement(
            persons, "person", id=str(person.id), guid=person_guid(person)
        ).text = person.name
    ET.SubElement(el, "links")
    ET.SubElement(el, "attachments")


def to_json(doc: dict[str, Any]) -> dict[str, Any]:
    """Write the programme as c3voc schedule2 JSON (what schedule.json serves)."""
    edition: Edition = doc["edition"]
    venues: dict[int, Venue] = doc["venues"]
    events = [
        _schedule2_event(e, doc)
        for day in doc["days"]
        for _, listed in sorted(day["rooms"].items())
        for e in listed
    ]
    events.sort(key=lambda e: (e["start"], e["room"]["name"], e["code"]))
    tracks = [{"name": t.name, "slug": t.slug, "color": t.color} for t in doc["tracks"]]
    if any(e["track"]["slug"] == NO_TRACK["slug"] for e in events):
        tracks.append(dict(NO_TRACK))
    return {
        "$schema": SCHEDULE2_SCHEMA,
        "generator": {"name": "casa", "version": __version__},
        "schedule": {
            "version": doc["version"],
            "conference": {
                "acronym": acronym(edition),
                "title": edition.title,
                "description": edition.theme,
                "start": doc["days"][0]["start"].isoformat(),
                "end": doc["days"][-1]["end"].isoformat(),
                "timeslot_duration": _iso_duration(15),
                "time_zone_name": "Africa/Casablanca",
                "url": f"{doc['base_url']}expo/{edition.year}",
                "languages": sorted({e["language"] for e in events}),
                "tracks": tracks,
                "rooms": [
                    _schedule2_room(room, venues[room.venue_id])
                    for rid, room in sorted(doc["rooms"].items())
                    if any(rid in day["rooms"] for day in doc["days"])
                ],
                "days": [
                    {
                        "index": day["index"],
                        "date": day["date"].isoformat(),
                        "start": day["start"].isoformat(),
                        "end": day["end"].isoformat(),
                    }
                    for day in doc["days"]
                ],
            },
            "events": events,
        },
    }


def _schedule2_room(room: Room, venue: Venue) -> dict[str, Any]:
    return {
        "name": f"{venue.name} – {room.name}",
        "slug": _room_slug(room, {venue.id: venue}),
        "type": ROOM_TYPES.get(room.kind, "OTHER"),
        "guid": room_guid(room),
        "capacity": room.capacity,
        "parent": {
            "type": "Building",
            "name": venue.name,
            "slug": venue.slug,
            "guid": venue_guid(venue),
        },
    }


def _schedule2_event(event: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    row: Session = event["row"]
    room: Room = event["room"]
    track = doc["track_of"].get(row.track_id)
    at: datetime = event["at"]
    return {
        "guid": row.guid,
        "code": row.code,
        "start": at.isoformat(),
        "end": (at + timedelta(minutes=row.duration_min)).isoformat(),
        "room": {
            "name": _room_name(room, doc["venues"]),
            "slug": _room_slug(room, doc["venues"]),
            "guid": room_guid(room),
        },
        "slug": _event_slug(row, doc["edition"]),
        "url": _url(doc, row),
        "title": row.title,
        "subtitle": None,
        "track": {"slug": track.slug if track else NO_TRACK["slug"]},
        "type": EVENT_TYPES.get(row.kind, "OTHER"),
        "language": _language(row.language),
        "abstract": row.abstract or None,
        "description": None,
        "participants": [
            {"name": p.name, "role": role.upper(), "guid": person_guid(p)}
            for p, role in event["cast"]
        ],
        "links": [],
        "attachments": [],
        "state": "CONFIRMED",
    }


def to_frab_json(doc: dict[str, Any]) -> dict[str, Any]:
    """Write the programme in the older frab JSON form (rooms inside days)."""
    edition: Edition = doc["edition"]
    rooms_used = sorted({rid for day in doc["days"] for rid in day["rooms"]})
    days = [
        {
            "index": day["index"],
            "date": day["date"].isoformat(),
            "day_start": day["start"].isoformat(),
            "day_end": day["end"].isoformat(),
            "rooms": {
                _room_name(doc["rooms"][rid], doc["venues"]): [_frab_event(e, doc) for e in events]
                for rid, events in sorted(day["rooms"].items())
            },
        }
        for day in doc["days"]
    ]
    return {
        "$schema": FRAB_JSON_SCHEMA,
        "generator": {"name": "casa", "version": __version__},
        "schedule": {
            "version": doc["version"],
            "base_url": doc["base_url"],
            "conference": {
                "acronym": acronym(edition),
                "title": edition.title,
                "description": edition.theme,
                "start": edition.starts_on.isoformat(),
                "end": edition.ends_on.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": "00:15",
                "time_zone_name": "Africa/Casablanca",
                "tracks": [
                    {"name": t.name, "slug": t.slug, "color": t.color} for t in doc["tracks"]
                ],
                "rooms": [
                    {
                        "name": _room_name(doc["rooms"][rid], doc["venues"]),
                        "guid": room_guid(doc["rooms"][rid]),
                        "capacity": doc["rooms"][rid].capacity,
                    }
                    for rid in rooms_used
                ],
                "days": days,
            },
        },
    }


def _frab_event(event: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    row: Session = event["row"]
    track = doc["track_of"].get(row.track_id)
    at: datetime = event["at"]
    return {
        "guid": row.guid,
        "code": row.code,
        "id": row.id,
        "date": at.isoformat(),
        "start": at.strftime("%H:%M"),
        "end": (at + timedelta(minutes=row.duration_min)).isoformat(),
        "duration": _hhmm(row.duration_min),
        "room": _room_name(event["room"], doc["venues"]),
        "slug": _event_slug(row, doc["edition"]),
        "url": _url(doc, row),
        "title": row.title,
        "subtitle": None,
        "track": track.name if track else None,
        "type": row.kind,
        "language": row.language,
        "abstract": row.abstract,
        "description": None,
        "persons": [{"id": p.id, "public_name": p.name} for p, _ in event["cast"]],
        "links": [],
        "attachments": [],
    }
