"""Geography helpers shared by every domain: distances, bounding boxes, a nearest-point index."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

EARTH_RADIUS_M = 6_371_008.8
"""Mean Earth radius (IUGG), in metres."""

LatLon = tuple[float, float]
"""A point as (latitude, longitude) in WGS 84 degrees."""


def valid_latlon(lat: float, lon: float) -> bool:
    """Tell whether a latitude and a longitude are within their ranges."""
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 and math.isfinite(lat + lon)


def haversine_m(a: LatLon, b: LatLon) -> float:
    """Return the great-circle distance between two points, in metres."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def haversine_matrix_m(
    origins: Sequence[LatLon], destinations: Sequence[LatLon]
) -> NDArray[np.float64]:
    """Return the great-circle distances from every origin to every destination, in metres."""
    o = np.radians(np.asarray(origins, dtype=np.float64).reshape(-1, 2))
    d = np.radians(np.asarray(destinations, dtype=np.float64).reshape(-1, 2))
    lat1, lon1 = o[:, 0][:, None], o[:, 1][:, None]
    lat2, lon2 = d[:, 0][None, :], d[:, 1][None, :]
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    result: NDArray[np.float64] = 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return result


@dataclass(frozen=True, slots=True)
class BBox:
    """A latitude/longitude bounding box (no antimeridian crossing: Casablanca is far from it)."""

    min_lat: float
    min_lon: float
    max_lat: float
    max_lon: float

    @classmethod
    def of(cls, points: Iterable[LatLon]) -> BBox:
        """Return the smallest box holding every point."""
        lats, lons = zip(*points, strict=True)
        return cls(min(lats), min(lons), max(lats), max(lons))

    def contains(self, point: LatLon) -> bool:
        """Tell whether a point lies in the box (edges included)."""
        return self.min_lat <= point[0] <= self.max_lat and self.min_lon <= point[1] <= self.max_lon

    def expanded(self, metres: float) -> BBox:
        """Return the box grown by a margin on every side."""
        dlat = math.degrees(metres / EARTH_RADIUS_M)
        mid = math.radians((self.min_lat + self.max_lat) / 2)
        dlon = dlat / max(math.cos(mid), 1e-9)
        return BBox(
            self.min_lat - dlat, self.min_lon - dlon, self.max_lat + dlat, self.max_lon + dlon
        )

    def as_list(self) -> list[float]:
        """Return the box in GeoJSON order: [west, south, east, north]."""
        return [self.min_lon, self.min_lat, self.max_lon, self.max_lat]


class PointIndex:
    """Nearest-point and radius queries over a fixed set of points.

    Points are projected onto a local plane (equirectangular around their mean latitude) and
    indexed with a k-d tree; distances returned are great-circle distances. Radius queries
    use the plane, which is off by a few tenths of a percent at most across a city.
    """

    def __init__(self, points: Sequence[LatLon]) -> None:
        arr = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        if len(arr) == 0:
            raise ValueError("a point index needs at least one point")
        self._points: list[LatLon] = [(float(a), float(b)) for a, b in arr]
        self._lat0 = float(np.radians(arr[:, 0].mean()))
        self._tree = cKDTree(self._project(arr))
        self.size = len(arr)

    def _project(self, arr: NDArray[np.float64]) -> NDArray[np.float64]:
        rad = np.radians(arr)
        x = rad[:, 1] * math.cos(self._lat0) * EARTH_RADIUS_M
        y = rad[:, 0] * EARTH_RADIUS_M
        return np.column_stack([x, y])

    def nearest(self, point: LatLon, k: int = 1) -> list[tuple[int, float]]:
        """Return the k nearest points as (index, great-circle metres), nearest first."""
        k = min(k, self.size)
        # The plane is slightly off at a city's edges: take a few spare candidates and rank
        # them by their true distance.
        spare = min(k + 4, self.size)
        _, idx = self._tree.query(self._project(np.asarray([point], dtype=np.float64)), k=spare)
        found = [int(i) for i in np.atleast_1d(idx.reshape(-1))]
        ranked = sorted((haversine_m(point, self._points[i]), i) for i in found)
        return [(i, d) for d, i in ranked[:k]]

    def nearest_many(
        self, points: Sequence[LatLon]
    ) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        """Return the index of, and the great-circle metres to, the nearest point of each query."""
        query = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        _, idx = self._tree.query(self._project(query))
        where = np.asarray(idx, dtype=np.intp).reshape(-1)
        dist = np.array(
            [haversine_m((q[0], q[1]), self._points[i]) for q, i in zip(query, where, strict=True)],
            dtype=np.float64,
        )
        return where, dist

    def within(self, point: LatLon, radius_m: float) -> list[int]:
        """Return the indices of the points within a radius, in increasing index order."""
        found = self._tree.query_ball_point(
            self._project(np.asarray([point], dtype=np.float64))[0], radius_m
        )
        return sorted(int(i) for i in found)
