"""Travel times from an OSRM server (``/route/v1`` and ``/table/v1``) over HTTP."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import httpx

from casa.city.exceptions import NoRoute, TravelUnavailable
from casa.city.schemas import Mode
from casa.city.travel import Leg
from casa.core.geo import LatLon

PROFILES: dict[Mode, str] = {"car": "car", "bike": "bike", "walk": "foot"}
"""OSRM profile per mode, as named by the Lua profiles shipped with OSRM."""


def _coords(points: Sequence[LatLon]) -> str:
    # OSRM wants longitude first.
    return ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)


class OsrmProvider:
    """Ask an OSRM server for routes and tables."""

    name = "osrm"

    def __init__(
        self, base_url: str, *, timeout_s: float = 5.0, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.transport = transport

    def _get(self, path: str, params: dict[str, str], mode: Mode) -> dict[str, Any]:
        try:
            with httpx.Client(
                base_url=self.base_url, timeout=self.timeout_s, transport=self.transport
            ) as client:
                response = client.get(path, params=params)
        except httpx.HTTPError as exc:
            raise TravelUnavailable(
                provider=self.name, reason=f"{self.base_url} does not answer ({type(exc).__name__})"
            ) from None
        try:
            body: dict[str, Any] = response.json()
        except ValueError:
            raise TravelUnavailable(
                provider=self.name,
                reason=f"{self.base_url} answered HTTP {response.status_code} without JSON",
            ) from None
        code = body.get("code")
        if code in ("NoRoute", "NoSegment"):
            raise NoRoute(mode=mode)
        if code != "Ok":
            raise TravelUnavailable(
                provider=self.name, reason=f"{code}: {body.get('message', '')}".strip()
            )
        return body

    def route(self, origin: LatLon, destination: LatLon, *, mode: Mode = "walk") -> Leg:
        """Return OSRM's quickest route between two points."""
        body = self._get(
            f"/route/v1/{PROFILES[mode]}/{_coords([origin, destination])}",
            {"overview": "false", "alternatives": "false", "steps": "false"},
            mode,
        )
        routes = body.get("routes") or []
        if not routes:
            raise NoRoute(mode=mode)
        return Leg(float(routes[0]["duration"]), float(routes[0]["distance"]), self.name)

    def duration_s(self, origin: LatLon, destination: LatLon, *, mode: Mode = "walk") -> float:
        """Return OSRM's travel time between two points, in seconds."""
        return self.route(origin, destination, mode=mode).duration_s

    def matrix(
        self, origins: Sequence[LatLon], destinations: Sequence[LatLon], *, mode: Mode = "walk"
    ) -> list[list[float]]:
        """Return OSRM's travel times from every origin to every destination (inf if none)."""
        if not origins or not destinations:
            return [[] for _ in origins]
        n = len(origins)
        body = self._get(
            f"/table/v1/{PROFILES[mode]}/{_coords([*origins, *destinations])}",
            {
                "sources": ";".join(str(i) for i in range(n)),
                "destinations": ";".join(str(n + j) for j in range(len(destinations))),
                "annotations": "duration",
            },
            mode,
        )
        rows = body.get("durations")
        if not isinstance(rows, list) or len(rows) != n:
            raise TravelUnavailable(provider=self.name, reason="the table has no durations")
        return [[math.inf if value is None else float(value) for value in row] for row in rows]
