"""Places, relations and roles in a message, with times and lines from ``times``.

Places come from the city gazetteer: every name and alias of every place, folded by
``casa.city.normalize``, is looked up over the message's word n-grams (longest first), also
without a clitic glued to the first word ("لكازا", "lcasa"), then by close spelling.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from casa.assistant.times import Span, find_lines, find_time
from casa.city.gazetteer import place_names, search_index
from casa.city.normalize import compact, normalize, slug
from casa.city.schemas import PlaceOut

MAX_WORDS = 6
# A transport question means the stop when a stop and a venue share a name.
TRANSPORT_RANK = {"station": 0, "stop": 1, "landmark": 2, "venue": 3, "arrondissement": 4}
FUZZY_CUTOFF = 88.0
FUZZY_MIN_LEN = 6
CLITICS = ("ل", "ب", "و", "ف", "l", "b", "w", "f")
STOPWORDS = frozenset(
    [
        "de",
        "du",
        "des",
        "le",
        "la",
        "les",
        "l",
        "d",
        "a",
        "au",
        "aux",
        "et",
        "en",
        "un",
        "une",
        "the",
        "to",
        "from",
        "of",
        "at",
        "in",
        "on",
        "near",
        "f",
        "l",
        "mn",
        "b",
        "w",
        "ila",
        "min",
        "ila",
        "ل",
        "من",
        "الى",
        "الي",
        "في",
        "ف",
        "و",
        "parking",
        "tram",
        "station",
        "arret",
        "gare",
        "stop",
        "bus",
        "busway",
        "blasa",
        "mahatta",
        "centre",
        "center",
        "plage",
        "beach",
        "place",
        "park",
        "quartier",
    ]
)
# Words a gazetteer name may contain that alone never name a place here.
NOT_PLACES = frozenset(
    normalize(w)
    for w in [
        "tram",
        "station",
        "gare",
        "parking",
        "park",
        "plage",
        "place",
        "centre",
        "center",
        "arret",
        "stop",
        "la",
        "gare",
        "marche",
        "oasis",
        "victoire",
        "corniche",
        "medina",
        "twins",
    ]
)
EXTRA_NAMES = {
    "train station": "station:casa-voyageurs",
    "la gare": "station:casa-voyageurs",
    "lagar": "station:casa-voyageurs",
    "lgar": "station:casa-voyageurs",
    "lgare": "station:casa-voyageurs",
    "corniche": "stop:ain-diab-plage",
    "lcorniche": "stop:ain-diab-plage",
    "الكورنيش": "stop:ain-diab-plage",
    "tours jumelles": "landmark:twin-center",
    "twins": "landmark:twin-center",
    "medina": "venue:bab-marrakech",
    "old medina": "venue:bab-marrakech",
    "technoparc": "stop:technopark",
    "technopark": "stop:technopark",
    "التكنوبارك": "stop:technopark",
    "تكنوبارك": "stop:technopark",
}
NEAR = re.compile(
    r"(?<!\w)(près du|près de|pres de|à côté de|a cote de|pas loin de|autour de|near|close to|"
    r"next to|around|nearby|7da|hda|qrib mn|9rib mn|9rib l|qrib l|9rib|qrib|قرب|بالقرب من|"
    r"حدا|قريب من|قريبة من|جنب)(?!\w)"
)
FROM_WORDS = frozenset(
    normalize(w)
    for w in [
        "de",
        "du",
        "des",
        "d",
        "depuis",
        "from",
        "mn",
        "men",
        "min",
        "من",
        "انطلاقا",
        "partant",
        "leaving",
        "suis",
        "f",
    ]
)
TO_WORDS = frozenset(
    normalize(w)
    for w in [
        "a",
        "au",
        "aux",
        "vers",
        "pour",
        "jusqu",
        "jusqua",
        "to",
        "towards",
        "l",
        "li",
        "ila",
        "lel",
        "إلى",
        "الى",
        "ل",
        "rejoindre",
        "reach",
        "arrive",
        "arriver",
        "rendre",
        "nwsl",
        "nwsel",
        "reach",
        "at",
    ]
)
ORIGIN_CUES = re.compile(r"(je suis à|je suis a|i'm at|i am at|ana f|ana fi|أنا في|انا ف)\s*$")


@dataclass
class PlaceTable:
    """Folded names of every place of the gazetteer, for exact and close lookups."""

    source: object
    names: dict[str, PlaceOut] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)
    by_key: dict[str, PlaceOut] = field(default_factory=dict)


_table: PlaceTable | None = None
_lock = threading.Lock()


def _prefer(a: PlaceOut | None, b: PlaceOut) -> PlaceOut:
    if a is None:
        return b
    return min(a, b, key=lambda p: (TRANSPORT_RANK.get(p.kind, 99), p.key))


def place_table(session: Session) -> PlaceTable:
    """Return the folded place names, rebuilt when the gazetteer changes."""
    global _table
    index = search_index(session)
    with _lock:
        if _table is not None and _table.source is index:
            return _table
    by_key = {p.key: p for p in index.places}
    names: dict[str, PlaceOut] = {}
    for place in index.places:
        if place.kind in {"prefecture", "car_park"}:
            continue
        for name in place_names(place):
            key = compact(normalize(name))
            if len(key) >= 3 and normalize(name) not in NOT_PLACES:
                names[key] = _prefer(names.get(key), place)
    for name, key in EXTRA_NAMES.items():
        if key in by_key:
            names[compact(normalize(name))] = by_key[key]
    table = PlaceTable(index, names, sorted(names), by_key)
    with _lock:
        _table = table
    return table


def place_value(place: PlaceOut) -> str:
    """Return the canonical value of a place: its key without the kind (areas by name)."""
    if place.kind in {"arrondissement", "municipality"}:
        return slug(place.name_en or place.name_fr)
    return place.key.split(":", 1)[1]


@dataclass(frozen=True, slots=True)
class FoundPlace:
    """A place named in a message, with where its words sit."""

    place: PlaceOut
    start: int
    end: int


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[\w'’-]+", text)]


def _lookup(table: PlaceTable, words: list[str]) -> PlaceOut | None:
    norm = normalize(" ".join(words))
    if not norm or norm in STOPWORDS or norm in NOT_PLACES:
        return None
    key = compact(norm)
    if key in table.names:
        return table.names[key]
    first = words[0].lower()
    for clitic in CLITICS:
        if first.startswith(clitic) and len(first) > len(clitic) + 2:
            stripped = compact(normalize(" ".join([first[len(clitic) :], *words[1:]])))
            if stripped in table.names:
                return table.names[stripped]
    return None


def find_places(table: PlaceTable, text: str, masked: list[tuple[int, int]]) -> list[FoundPlace]:
    """Return the places a message names, left to right (times and lines masked out)."""
    words = [w for w in _words(text) if not any(s <= w[1] < e or s < w[2] <= e for s, e in masked)]
    found: list[FoundPlace] = []
    i = 0
    while i < len(words):
        hit = None
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            chunk = words[i : i + n]
            if chunk[-1][1] - chunk[0][2] > 40 * n:
                continue
            place = _lookup(table, [w[0] for w in chunk])
            if place is not None:
                hit = (n, place)
                break
        if hit is None:
            hit = _fuzzy(table, words, i)
        if hit is None:
            i += 1
            continue
        n, place = hit
        found.append(FoundPlace(place, words[i][1], words[i + n - 1][2]))
        i += n
    return found


def _fuzzy(
    table: PlaceTable, words: list[tuple[str, int, int]], i: int
) -> tuple[int, PlaceOut] | None:
    for n in range(min(3, len(words) - i), 0, -1):
        chunk = [w[0] for w in words[i : i + n]]
        norm = normalize(" ".join(chunk))
        if normalize(chunk[0]) in STOPWORDS or any(normalize(c) in STOPWORDS for c in chunk[-1:]):
            continue
        key = compact(norm)
        if len(key) < FUZZY_MIN_LEN:
            continue
        best = process.extractOne(key, table.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            return n, table.names[best[0]]
    return None


def _role(text: str, start: int) -> str | None:
    before = text[:start]
    if ORIGIN_CUES.search(before.lower()):
        return "from"
    words = normalize(before).split()
    raw = re.findall(r"[\w'’]+", before.lower())
    last = words[-1] if words else ""
    glued = text[start : start + 1]
    if (raw and raw[-1] in {"d'", "d"}) or before.rstrip().endswith(("d'", "d’")):
        return "from"
    if last in FROM_WORDS and last != "f":
        return "from"
    if last in TO_WORDS:
        return "to"
    if glued == "ل":
        return "to"
    return None


@dataclass
class Entities:
    """What a message names."""

    places: list[FoundPlace]
    roles: list[str | None]
    time: Span | None
    arrive_by: bool
    lines: list[Span]
    near: Span | None


def extract(session: Session, text: str, table: PlaceTable | None = None) -> Entities:
    """Find times, lines, relations and places in a message."""
    time, arrive_by = find_time(text)
    lines = find_lines(text)
    near_match = NEAR.search(text.lower())
    near = Span("relation", "near", near_match.start(), near_match.end()) if near_match else None
    masked = [(s.start, s.end) for s in [time, *lines, near] if s is not None]
    places = find_places(table or place_table(session), text, masked)
    roles = [_role(text, p.start) for p in places]
    return Entities(places, roles, time, arrive_by, lines, near)


def labelled(entities: Entities, intent: str) -> list[dict[str, object]]:
    """Return the entities as the dataset labels them, roles decided for a journey."""
    out: list[dict[str, object]] = []
    roles = journey_roles(entities) if intent == "journey" else ["place"] * len(entities.places)
    for found, role in zip(entities.places, roles, strict=True):
        out.append(
            {
                "type": role,
                "value": place_value(found.place),
                "start": found.start,
                "end": found.end,
            }
        )
    for span in [entities.time, *entities.lines, entities.near]:
        if span is not None:
            out.append(
                {"type": span.type, "value": span.value, "start": span.start, "end": span.end}
            )
    return sorted(out, key=lambda e: (int(str(e["start"])), str(e["type"])))


def journey_roles(entities: Entities) -> list[str]:
    """Decide which named place is the origin and which the destination."""
    roles = list(entities.roles)
    places = entities.places
    if len(places) >= 2:
        if roles[0] is None and roles[1] is None:
            roles[0], roles[1] = "from", "to"
        for i in range(len(roles)):
            if roles[i] is None:
                other = "from" if "to" in roles else "to"
                roles[i] = other
            elif roles[i] == "from" and roles.count("from") > 1 and i > 0:
                roles[i] = "to"
        if roles.count("to") > 1:
            roles[roles.index("to")] = "from"
    elif places:
        roles = [roles[0] or "to"]
    return [r or "to" for r in roles]
