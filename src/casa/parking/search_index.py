"""The static side of a search: every site's facts in memory, behind a k-d tree.

The index is rebuilt when ``parking_meta.sites_version`` changes (every write to a site bumps
it, so each worker notices on its next search). Besides the entries it keeps the facts a
search filters on as NumPy arrays, so filtering ~80 candidates is a few array operations.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.core.geo import LatLon, PointIndex, haversine_m, haversine_matrix_m
from casa.parking.models import Site
from casa.parking.schemas import NEEDS, Tariff
from casa.parking.sites import SITES_VERSION, sites_version


@dataclass(frozen=True, slots=True)
class Entry:
    """The static facts of one site that a search reads."""

    id: int
    ref: str
    name: str
    kind: str
    operator: str | None
    lat: float
    lon: float
    address: str | None
    capacity: int
    capacity_disabled: int
    capacity_ev: int
    capacity_motorcycle: int
    capacity_family: int
    reservable: int
    covered: bool
    guarded: bool
    max_height_cm: int | None
    opening_hours: str
    tariff: Tariff | None

    def has(self, need: str) -> bool:
        """Tell whether the site meets a need."""
        return {
            "ev": self.capacity_ev > 0,
            "disabled": self.capacity_disabled > 0,
            "covered": self.covered,
            "guarded": self.guarded,
            "motorcycle": self.capacity_motorcycle > 0,
            "family": self.capacity_family > 0,
            "reservable": self.reservable > 0,
        }[need]


class SiteIndex:
    """Every site's static facts, a k-d tree over their positions and arrays to filter on."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)
        self._coords: list[LatLon] = [(e.lat, e.lon) for e in self.entries]
        self._points = PointIndex(self._coords) if self.entries else None
        self.coords: NDArray[np.float64] = np.asarray(self._coords, dtype=np.float64).reshape(-1, 2)
        self.needs: dict[str, NDArray[np.bool_]] = {
            need: np.array([e.has(need) for e in self.entries], dtype=bool) for need in NEEDS
        }
        self.max_height: NDArray[np.float64] = np.array(
            [np.inf if e.max_height_cm is None else e.max_height_cm for e in self.entries],
            dtype=np.float64,
        )
        # Sites share a few opening-hours expressions: a search reads each distinct one once.
        self.expressions: tuple[str, ...] = tuple(sorted({e.opening_hours for e in self.entries}))
        number = {text: i for i, text in enumerate(self.expressions)}
        self.expression_of: NDArray[np.intp] = np.array(
            [number[e.opening_hours] for e in self.entries], dtype=np.intp
        )

    def near(self, point: LatLon, radius_m: float) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        """Return the positions of the sites within a radius and their distances, by the tree."""
        if self._points is None:
            return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.float64)
        found = np.asarray(self._points.within(point, radius_m), dtype=np.intp)
        if not len(found):
            return found, np.empty(0, dtype=np.float64)
        distances = haversine_matrix_m([point], cast(Sequence[LatLon], self.coords[found]))[0]
        keep = distances <= radius_m
        return found[keep], distances[keep]

    def within(self, point: LatLon, radius_m: float) -> list[tuple[Entry, float]]:
        """Return the sites within a radius with their distance, using the tree."""
        found, distances = self.near(point, radius_m)
        entries = self.entries
        return [(entries[i], d) for i, d in zip(found.tolist(), distances.tolist(), strict=True)]

    def scan(self, point: LatLon, radius_m: float) -> list[tuple[Entry, float]]:
        """Return the same sites as ``within`` by measuring the distance to every site."""
        pairs = [(e, haversine_m(point, (e.lat, e.lon))) for e in self.entries]
        return [(e, d) for e, d in pairs if d <= radius_m]


def entry_of(site: Site) -> Entry:
    """Return the static facts of a site row."""
    return Entry(
        id=site.id,
        ref=site.ref,
        name=site.name,
        kind=site.kind,
        operator=site.operator,
        lat=site.lat,
        lon=site.lon,
        address=site.address,
        capacity=site.capacity,
        capacity_disabled=site.capacity_disabled,
        capacity_ev=site.capacity_ev,
        capacity_motorcycle=site.capacity_motorcycle,
        capacity_family=site.capacity_family,
        reservable=site.reservable,
        covered=site.covered,
        guarded=site.guarded,
        max_height_cm=site.max_height_cm,
        opening_hours=site.opening_hours,
        tariff=_tariff(json.dumps(site.tariff, sort_keys=True)) if site.tariff else None,
    )


@lru_cache(maxsize=256)
def _tariff(text: str) -> Tariff:
    # Sites sharing a tariff share one object, so a search prices each tariff once.
    return Tariff.model_validate_json(text)


_indexes: dict[str, tuple[tuple[Any, ...], SiteIndex]] = {}
_build_lock = threading.Lock()


def site_index(session: Session, meta: Mapping[str, str] | None = None) -> SiteIndex:
    """Return the index of the sites, rebuilt only when the sites table has changed.

    ``meta`` is ``parking_meta`` already read in this unit of work, which saves a query.
    """
    signature = (sites_version(session) if meta is None else meta.get(SITES_VERSION),)
    key = str(session.get_bind().engine.url)
    cached = _indexes.get(key)
    if cached is not None and cached[0] == signature:
        return cached[1]
    # One thread rebuilds; the searches that arrive meanwhile wait for its index rather than
    # each reading every site again.
    with _build_lock:
        cached = _indexes.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        rows = session.scalars(select(Site).order_by(Site.id))
        index = SiteIndex([entry_of(s) for s in rows])
        _indexes[key] = (signature, index)
    return index


def warm(session: Session) -> None:
    """Build the index of the sites now, so that no search waits for it."""
    site_index(session)


def is_current(session: Session, meta: Mapping[str, str] | None = None) -> bool:
    """Tell whether the index of the sites is built and matches the sites table.

    ``meta`` is ``parking_meta`` already read in this unit of work, which saves a query.
    """
    cached = _indexes.get(str(session.get_bind().engine.url))
    version = sites_version(session) if meta is None else meta.get(SITES_VERSION)
    return cached is not None and cached[0] == (version,)


Finder = Callable[[Session, SiteIndex, LatLon, float], list[tuple[Entry, float]]]


def memory_scan_finder(
    session: Session, index: SiteIndex, origin: LatLon, radius_m: float
) -> list[tuple[Entry, float]]:
    """Find the sites within a radius by measuring every cached site (a benchmark baseline)."""
    return index.scan(origin, radius_m)


def table_scan_finder(
    session: Session, index: SiteIndex, origin: LatLon, radius_m: float
) -> list[tuple[Entry, float]]:
    """Find the sites within a radius by reading every row of the sites table (the baseline of
    a search without an index)."""
    found = []
    for site in session.scalars(select(Site).order_by(Site.id)):
        distance = haversine_m(origin, (site.lat, site.lon))
        if distance <= radius_m:
            found.append((entry_of(site), distance))
    return found
