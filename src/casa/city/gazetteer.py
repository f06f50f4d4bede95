"""The gazetteer: places and their names, an in-memory search index, geocoding."""

from __future__ import annotations

import csv
import json
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.city import revisions
from casa.city.areas import AreaIndex, area_index
from casa.city.exceptions import BadPlace
from casa.city.models import Place
from casa.city.normalize import compact, normalize
from casa.city.schemas import PlaceHit, PlaceIn, PlaceOut, RegisterReport

GAZETTEER = "gazetteer"
NAME_FIELDS = ("name_fr", "name_ar", "name_en", "name_darija_ar", "name_darija_latn")
KIND_RANK = {
    "station": 0,
    "landmark": 1,
    "venue": 2,
    "arrondissement": 3,
    "municipality": 4,
    "prefecture": 5,
    "stop": 6,
    "car_park": 7,
}
"""Among equal scores, the kind people most likely mean comes first."""
FUZZY_CUTOFF = 75.0
GEOCODE_MIN_SCORE = 60.0
GEOCODE_MIN_CHARS = 3
"""A text shorter than this (letters and digits, once normalised) names a place only exactly:
"z" (or "zzzz", elongation folded) begins too many names to pick one."""
MAX_LIMIT = 50
_FIELDS = ("kind", *NAME_FIELDS, "aliases", "lat", "lon", "area_code", "source", "attributes")


def place_names(place: PlaceOut | PlaceIn | Place) -> list[str]:
    """Return every name and alias of a place, canonical names first."""
    names = [getattr(place, f) for f in NAME_FIELDS]
    return [n for n in [*names, *place.aliases] if n]


@dataclass
class SearchIndex:
    """Names of every place, normalised once, for exact, prefix and fuzzy lookups."""

    places: list[PlaceOut]
    keys: list[str] = field(default_factory=list)
    """Sorted compact forms of every name, and of every name's tail from each word on."""
    key_entries: list[tuple[int, str, bool]] = field(default_factory=list)
    """For each key: (place position, original name, whether the key is the whole name)."""
    choices: dict[str | None, tuple[list[str], list[int], list[str]]] = field(default_factory=dict)
    """Per kind (None for all): normalised names, their place positions, original names."""

    @classmethod
    def build(cls, places: Sequence[PlaceOut]) -> SearchIndex:
        """Index a list of places."""
        index = cls(places=list(places))
        pairs: list[tuple[str, int, str, bool]] = []
        for pos, place in enumerate(index.places):
            seen: set[str] = set()
            for name in place_names(place):
                norm = normalize(name)
                if not norm or norm in seen:
                    continue
                seen.add(norm)
                words = norm.split()
                pairs.append((compact(norm), pos, name, True))
                pairs.extend(
                    (compact(" ".join(words[i:])), pos, name, False) for i in range(1, len(words))
                )
                for kind in (None, place.kind):
                    norms, owners, originals = index.choices.setdefault(kind, ([], [], []))
                    norms.append(norm)
                    owners.append(pos)
                    originals.append(name)
        pairs.sort(key=lambda p: (p[0], p[1]))
        index.keys = [p[0] for p in pairs]
        index.key_entries = [(p[1], p[2], p[3]) for p in pairs]
        return index

    def search(
        self, query: str, *, kind: str | None = None, limit: int = 10
    ) -> list[tuple[PlaceOut, float, str]]:
        """Return the best places for a query as (place, score, matched name), best first."""
        norm = normalize(query)
        if not norm or limit < 1:
            return []
        key = compact(norm)
        best: dict[int, tuple[float, str]] = {}

        def offer(pos: int, score: float, name: str) -> None:
            if kind is not None and self.places[pos].kind != kind:
                return
            if pos not in best or score > best[pos][0]:
                best[pos] = (score, name)

        start = bisect_left(self.keys, key)
        for i in range(start, len(self.keys)):
            found = self.keys[i]
            if not found.startswith(key):
                break
            pos, name, whole = self.key_entries[i]
            closeness = len(key) / len(found)
            if whole:
                offer(pos, 100.0 if found == key else 90.0 + 9.0 * closeness, name)
            else:
                offer(pos, 80.0 + 9.0 * closeness, name)
        norms, owners, originals = self.choices.get(kind, ([], [], []))
        # Plain and word-order-blind edit similarity; partial matching is left to the prefix
        # lookups above, since partial scorers rate any short name found inside a query highly.
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
            for _, score, i in process.extract(
                norm, norms, scorer=scorer, score_cutoff=FUZZY_CUTOFF, limit=limit * 4 + 20
            ):
                offer(owners[i], round(min(79.0, score * 0.79), 1), originals[i])
        ranked = sorted(
            best.items(),
            key=lambda item: (
                -item[1][0],
                KIND_RANK.get(self.places[item[0]].kind, 99),
                self.places[item[0]].name_fr,
                item[0],
            ),
        )
        return [(self.places[pos], round(score, 1), name) for pos, (score, name) in ranked[:limit]]


def _build_index(session: Session) -> SearchIndex:
    rows = session.scalars(select(Place).order_by(Place.id)).all()
    return SearchIndex.build([PlaceOut.model_validate(r) for r in rows])


def search_index(session: Session) -> SearchIndex:
    """Return this process's search index, rebuilt when places change."""
    return revisions.cached(session, GAZETTEER, _build_index)


def search_places(
    *, session: Session, q: str, kind: str | None = None, limit: int = 10, lang: str = "fr"
) -> list[PlaceHit]:
    """Find places by any of their names, tolerating accents, case, script variants and typos."""
    limit = max(1, min(limit, MAX_LIMIT))
    return [
        PlaceHit(name=place.name(lang), score=score, matched=matched, place=place)
        for place, score, matched in search_index(session).search(q, kind=kind, limit=limit)
    ]


def geocode(*, session: Session, text: str, kind: str | None = None) -> Place | None:
    """Return the place a text most likely names, or None when nothing matches well enough."""
    hits = search_index(session).search(text, kind=kind, limit=1)
    if not hits or hits[0][1] < GEOCODE_MIN_SCORE:
        return None
    if hits[0][1] < 100.0 and len(compact(normalize(text))) < GEOCODE_MIN_CHARS:
        return None
    return session.get(Place, hits[0][0].id)


def get_place(*, session: Session, key: str) -> Place | None:
    """Return a place by its stable key."""
    if "\x00" in key:  # PostgreSQL refuses NUL in text; no key holds one anyway
        return None
    return session.scalars(select(Place).where(Place.key == key)).one_or_none()


def _values(place: PlaceIn, areas: AreaIndex) -> dict[str, Any]:
    if (place.lat is None) != (place.lon is None):
        raise BadPlace(key=place.key, reason="give both lat and lon, or neither", field="lat")
    values = place.model_dump(exclude={"key"})
    values["aliases"] = list(dict.fromkeys(a.strip() for a in place.aliases if a.strip()))
    if values["area_code"] is None and place.lat is not None and place.lon is not None:
        found = areas.locate(place.lat, place.lon)
        values["area_code"] = found.code if found else None
    return values


def register_places(*, session: Session, places: Iterable[PlaceIn]) -> RegisterReport:
    """Add or update places by their stable key; a second identical call changes nothing."""
    report = RegisterReport()
    pending = list(places)
    keys = [p.key for p in pending]
    if len(keys) != len(set(keys)):
        dup = sorted({k for k in keys if keys.count(k) > 1})[0]
        raise BadPlace(key=dup, reason="the key appears twice", field="key")
    existing: dict[str, Place] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        existing.update(
            (p.key, p) for p in session.scalars(select(Place).where(Place.key.in_(chunk)))
        )
    areas = area_index(session)
    for place in pending:
        values = _values(place, areas)
        row = existing.get(place.key)
        if row is None:
            session.add(Place(key=place.key, **values))
            report.new += 1
        elif any(getattr(row, f) != values[f] for f in _FIELDS):
            for f in _FIELDS:
                setattr(row, f, values[f])
            report.updated += 1
        else:
            report.unchanged += 1
    if report.new or report.updated:
        session.flush()
        revisions.bump(session, GAZETTEER)
    return report


def read_places_csv(path: Path) -> list[PlaceIn]:
    """Read a gazetteer CSV as built by ``casa.data.build``."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            PlaceIn(
                key=row["key"],
                kind=row["kind"],
                name_fr=row["name_fr"],
                name_ar=row["name_ar"] or None,
                name_en=row["name_en"] or None,
                name_darija_ar=row["name_darija_ar"] or None,
                name_darija_latn=row["name_darija_latn"] or None,
                aliases=[a for a in row["aliases"].split("|") if a],
                lat=float(row["lat"]) if row["lat"] else None,
                lon=float(row["lon"]) if row["lon"] else None,
                source=row["source"],
                attributes=json.loads(row["attributes"] or "{}"),
            )
            for row in csv.DictReader(fh)
        ]
