"""Travel times between points: one interface, three providers, chosen by the settings.

- ``straight``: great-circle distance × ``settings.travel_detour_factor`` at a speed per mode
  (the default; no data needed);
- ``osm``: shortest paths on a road graph imported from an OpenStreetMap file
  (``casa city import-osm FILE``; see ``casa.city.osm``);
- ``osrm``: an OSRM server over HTTP (``settings.osrm_url``; see ``casa.city.osrm``).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from casa.city.exceptions import BadPoint, TravelUnavailable
from casa.city.schemas import Mode
from casa.core.config import Settings
from casa.core.geo import LatLon, haversine_m, haversine_matrix_m, valid_latlon

MODES: tuple[Mode, ...] = ("walk", "bike", "car")
SPEED_MPS: dict[Mode, float] = {"walk": 1.3, "bike": 4.2, "car": 8.3}
"""Door-to-door average speeds in town: 4.7 km/h on foot, 15 km/h by bike, 30 km/h by car."""


@dataclass(frozen=True, slots=True)
class Leg:
    """A trip between two points: how long it takes, how far it goes, and who said so."""

    duration_s: float
    distance_m: float
    provider: str


@runtime_checkable
class TravelTimeProvider(Protocol):
    """Anything that can tell how long it takes to go from one point to another."""

    name: str

    def duration_s(self, origin: LatLon, destination: LatLon, *, mode: Mode = "walk") -> float:
        """Return the travel time between two (lat, lon) points, in seconds."""
        ...

    def route(self, origin: LatLon, destination: LatLon, *, mode: Mode = "walk") -> Leg:
        """Return the travel time and distance between two points."""
        ...

    def matrix(
        self, origins: Sequence[LatLon], destinations: Sequence[LatLon], *, mode: Mode = "walk"
    ) -> list[list[float]]:
        """Return the travel times in seconds from each origin to each destination (inf if none)."""
        ...


class StraightLineProvider:
    """Great-circle distance stretched by a detour factor, covered at a speed per mode."""

    name = "straight"

    def __init__(self, detour_factor: float = 1.3, speeds: dict[Mode, float] | None = None) -> None:
        if detour_factor < 1.0:
            raise ValueError("the detour factor must be at least 1")
        self.detour_factor = detour_factor
        self.speeds = dict(speeds or SPEED_MPS)

    def route(self, origin: LatLon, destination: LatLon, *, mode: Mode = "walk") -> Leg:
        """Return the stretched straight-line trip between two points."""
        distance = haversine_m(origin, destination) * self.detour_factor
        return Leg(distance / self.speeds[mode], distance, self.name)

    def duration_s(self, origin: LatLon, destination: LatLon, *, mode: Mode = "walk") -> float:
        """Return the stretched straight-line travel time between two points, in seconds."""
        return self.route(origin, destination, mode=mode).duration_s

    def matrix(
        self, origins: Sequence[LatLon], destinations: Sequence[LatLon], *, mode: Mode = "walk"
    ) -> list[list[float]]:
        """Return the stretched straight-line travel times from each origin to each destination."""
        if not origins or not destinations:
            return [[] for _ in origins]
        seconds = haversine_matrix_m(origins, destinations) * (
            self.detour_factor / self.speeds[mode]
        )
        result: list[list[float]] = seconds.tolist()
        return result


def parse_point(text: str, *, field: str = "point") -> LatLon:
    """Read a point written ``LAT,LON`` in degrees."""
    parts = text.split(",")
    try:
        lat, lon = (float(p) for p in parts) if len(parts) == 2 else (math.nan, math.nan)
    except ValueError:
        lat = lon = math.nan
    if not valid_latlon(lat, lon):
        raise BadPoint(text=text, field=field)
    return lat, lon


def default_graph_path(settings: Settings) -> Path:
    """Return where the imported road graph lives."""
    return settings.osm_graph_path or settings.var_dir / "osm" / "graph.npz"


_osm_lock = threading.Lock()
_osm_cache: dict[Path, tuple[float, TravelTimeProvider]] = {}


def _osm_provider(path: Path) -> TravelTimeProvider:
    from casa.city.osm import OsmGraphProvider, RoadGraph

    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise TravelUnavailable(
            provider="osm", reason=f"no road graph at {path}; run: casa city import-osm FILE"
        ) from None
    with _osm_lock:
        hit = _osm_cache.get(path)
        if hit is None or hit[0] != mtime:
            hit = (mtime, OsmGraphProvider(RoadGraph.load(path)))
            _osm_cache[path] = hit
    return hit[1]


def provider_for(settings: Settings) -> TravelTimeProvider:
    """Return the travel-time provider the settings ask for."""
    if settings.travel_provider == "osm":
        return _osm_provider(default_graph_path(settings))
    if settings.travel_provider == "osrm":
        from casa.city.osrm import OsrmProvider

        if not settings.osrm_url:
            raise TravelUnavailable(provider="osrm", reason="CASA_OSRM_URL is not set")
        return OsrmProvider(settings.osrm_url)
    return StraightLineProvider(settings.travel_detour_factor)


def travel(*, settings: Settings, origin: LatLon, destination: LatLon, mode: Mode = "walk") -> Leg:
    """Return the trip between two points with the configured provider."""
    leg = provider_for(settings).route(origin, destination, mode=mode)
    if not math.isfinite(leg.duration_s):
        raise TravelUnavailable(provider=leg.provider, reason="no finite travel time")
    return leg
