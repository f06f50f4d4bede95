"""Road graph from an OpenStreetMap XML file, and travel times along it.

Every way with a routable ``highway`` tag becomes a chain of segments between its nodes.
Cars go at the way's ``maxspeed`` or, lacking one, at a speed typical of its ``highway`` type
in town, and respect ``oneway`` (and roundabouts); walking ignores ``oneway`` and may not use
motorways; bikes respect ``oneway`` unless ``oneway:bicycle=no``. The graph is stored as a
compact ``.npz`` file; nearest nodes come from a k-d tree, shortest paths from
``scipy.sparse.csgraph``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
from defusedxml import ElementTree
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from casa.city.exceptions import BadOsmFile, NoRoute
from casa.city.schemas import Mode
from casa.city.travel import SPEED_MPS, Leg
from casa.core.geo import EARTH_RADIUS_M, LatLon, PointIndex

CAR_KMH = {
    "motorway": 90,
    "trunk": 60,
    "primary": 50,
    "secondary": 40,
    "tertiary": 30,
    "unclassified": 25,
    "residential": 20,
    "living_street": 10,
    "service": 15,
    "motorway_link": 50,
    "trunk_link": 40,
    "primary_link": 30,
    "secondary_link": 30,
    "tertiary_link": 25,
    "road": 20,
}
FOOT_ONLY = {"footway", "pedestrian", "path", "steps", "cycleway", "track", "bridleway"}
NO_WALK = {"motorway", "motorway_link"}
ROUTABLE = set(CAR_KMH) | FOOT_ONLY
CAR, WALK, BIKE = 1, 2, 4
ACCESS_BIT: dict[Mode, int] = {"car": CAR, "walk": WALK, "bike": BIKE}
MAX_SNAP_M = 1500.0
"""A point farther than this from every road of the graph has no route on it."""
_MAXSPEED = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mph|km/h|kmh)?\s*$")


def parse_maxspeed(value: str | None) -> float | None:
    """Return a ``maxspeed`` tag in km/h, or None when it is absent or not a number."""
    if not value:
        return None
    match = _MAXSPEED.match(value)
    if not match:
        return None
    speed = float(match.group(1))
    return speed * 1.609344 if match.group(2) == "mph" else speed


def _oneway(tags: dict[str, str]) -> int:
    value = tags.get("oneway", "")
    if value in ("yes", "true", "1"):
        return 1
    if value == "-1":
        return -1
    if value == "no":
        return 0
    return (
        1
        if tags.get("junction") in ("roundabout", "circular") or tags.get("highway") == "motorway"
        else 0
    )


@dataclass(frozen=True)
class RoadGraph:
    """Nodes (OSM id, lat, lon) and segments (u, v, metres, car m/s, oneway, access bits)."""

    node_ids: NDArray[np.int64]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    u: NDArray[np.int32]
    v: NDArray[np.int32]
    length_m: NDArray[np.float64]
    car_mps: NDArray[np.float64]
    oneway: NDArray[np.int8]
    bike_oneway: NDArray[np.int8]
    access: NDArray[np.uint8]
    ways: int

    @property
    def nodes(self) -> int:
        """Return the number of nodes."""
        return len(self.node_ids)

    @property
    def segments(self) -> int:
        """Return the number of segments (each joins two consecutive nodes of a way)."""
        return len(self.u)

    @classmethod
    def from_osm(
        cls, source: IO[bytes], progress: Callable[[int], None] | None = None
    ) -> RoadGraph:
        """Parse an OSM XML stream; ``progress`` receives the byte offset reached now and then."""
        coords: dict[int, tuple[float, float]] = {}
        ways: list[tuple[list[int], dict[str, str]]] = []
        try:
            for count, (_, elem) in enumerate(ElementTree.iterparse(source, events=("end",))):
                if elem.tag == "node":
                    coords[int(elem.get("id"))] = (float(elem.get("lat")), float(elem.get("lon")))
                    elem.clear()
                elif elem.tag == "way":
                    tags = {t.get("k"): t.get("v") for t in elem.iter("tag")}
                    if tags.get("highway") in ROUTABLE and tags.get("area") != "yes":
                        ways.append(([int(n.get("ref")) for n in elem.iter("nd")], tags))
                    elem.clear()
                if progress and count % 5000 == 0:
                    progress(source.tell())
        except (ElementTree.ParseError, TypeError, ValueError) as exc:
            raise BadOsmFile(path=getattr(source, "name", "?"), reason=str(exc)) from None
        if progress:
            progress(source.tell())
        return cls._assemble(coords, ways, getattr(source, "name", "?"))

    @classmethod
    def _assemble(
        cls,
        coords: dict[int, tuple[float, float]],
        ways: list[tuple[list[int], dict[str, str]]],
        name: str,
    ) -> RoadGraph:
        if not ways:
            raise BadOsmFile(path=name, reason="it holds no way with a routable highway tag")
        index: dict[int, int] = {}
        u: list[int] = []
        v: list[int] = []
        speed: list[float] = []
        oneway: list[int] = []
        bike_oneway: list[int] = []
        access: list[int] = []
        for refs, tags in ways:
            highway = tags["highway"]
            kmh = parse_maxspeed(tags.get("maxspeed")) or CAR_KMH.get(highway, 20)
            bits = (0 if highway in FOOT_ONLY else CAR) | (0 if highway in NO_WALK else WALK) | BIKE
            way_oneway = _oneway(tags)
            way_bike = 0 if tags.get("oneway:bicycle") == "no" else way_oneway
            known = [r for r in refs if r in coords]
            for a, b in itertools.pairwise(known):
                if a == b:
                    continue
                u.append(index.setdefault(a, len(index)))
                v.append(index.setdefault(b, len(index)))
                speed.append(kmh / 3.6)
                oneway.append(way_oneway)
                bike_oneway.append(way_bike)
                access.append(bits)
        ids = np.fromiter(index, dtype=np.int64, count=len(index))
        latlon = np.array([coords[i] for i in index], dtype=np.float64).reshape(-1, 2)
        ua, va = np.asarray(u, dtype=np.int32), np.asarray(v, dtype=np.int32)
        return cls(
            node_ids=ids,
            lat=latlon[:, 0],
            lon=latlon[:, 1],
            u=ua,
            v=va,
            length_m=_segment_lengths(latlon, ua, va),
            car_mps=np.asarray(speed, dtype=np.float64),
            oneway=np.asarray(oneway, dtype=np.int8),
            bike_oneway=np.asarray(bike_oneway, dtype=np.int8),
            access=np.asarray(access, dtype=np.uint8),
            ways=len(ways),
        )

    def save(self, path: Path) -> None:
        """Write the graph as a compressed ``.npz`` file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            np.savez_compressed(
                fh,
                node_ids=self.node_ids,
                lat=self.lat,
                lon=self.lon,
                u=self.u,
                v=self.v,
                length_m=self.length_m,
                car_mps=self.car_mps,
                oneway=self.oneway,
                bike_oneway=self.bike_oneway,
                access=self.access,
                ways=np.asarray(self.ways),
            )

    @classmethod
    def load(cls, path: Path) -> RoadGraph:
        """Read a graph written by ``save``."""
        with np.load(path) as data:
            arrays: dict[str, Any] = {k: data[k] for k in data.files}
        arrays["ways"] = int(arrays["ways"])
        return cls(**arrays)


def _segment_lengths(
    latlon: NDArray[np.float64], u: NDArray[np.int32], v: NDArray[np.int32]
) -> NDArray[np.float64]:
    rad = np.radians(latlon)
    lat1, lon1, lat2, lon2 = rad[u, 0], rad[u, 1], rad[v, 0], rad[v, 1]
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    lengths: NDArray[np.float64] = 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return lengths


@dataclass(frozen=True)
class _ModeGraph:
    time: csr_matrix
    length: csr_matrix
    nodes: NDArray[np.intp]
    index: PointIndex


class OsmGraphProvider:
    """Travel times along an imported OpenStreetMap road graph."""

    name = "osm"

    def __init__(self, graph: RoadGraph) -> None:
        self.graph = graph
        self._modes: dict[Mode, _ModeGraph] = {}

    def _mode(self, mode: Mode) -> _ModeGraph:
        if mode not in self._modes:
            self._modes[mode] = self._build(mode)
        return self._modes[mode]

    def _build(self, mode: Mode) -> _ModeGraph:
        g = self.graph
        allowed = (g.access & ACCESS_BIT[mode]) > 0
        direction = {"walk": np.zeros_like(g.oneway), "bike": g.bike_oneway, "car": g.oneway}[mode]
        speed = g.car_mps if mode == "car" else np.full(g.segments, SPEED_MPS[mode])
        fwd = allowed & (direction >= 0)
        bwd = allowed & (direction <= 0)
        src = np.concatenate([g.u[fwd], g.v[bwd]])
        dst = np.concatenate([g.v[fwd], g.u[bwd]])
        length = np.concatenate([g.length_m[fwd], g.length_m[bwd]])
        seconds = np.concatenate([g.length_m[fwd] / speed[fwd], g.length_m[bwd] / speed[bwd]])
        # csr_matrix would add up parallel segments: keep only the quickest of each pair, and
        # keep zero-length segments as (tiny) edges rather than missing ones.
        order = np.lexsort((seconds, dst, src))
        src, dst, length, seconds = src[order], dst[order], length[order], seconds[order]
        first = np.ones(len(src), dtype=bool)
        first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
        src, dst, length, seconds = src[first], dst[first], length[first], seconds[first]
        shape = (g.nodes, g.nodes)
        nodes = np.unique(np.concatenate([src, dst])).astype(np.intp)
        if len(nodes) == 0:
            raise NoRoute(mode=mode)
        return _ModeGraph(
            time=csr_matrix((np.maximum(seconds, 1e-3), (src, dst)), shape=shape),
            length=csr_matrix((np.maximum(length, 1e-3), (src, dst)), shape=shape),
            nodes=nodes,
            index=PointIndex(list(zip(g.lat[nodes], g.lon[nodes], strict=True))),
        )

    def _snap(
        self, graph: _ModeGraph, points: Sequence[LatLon], mode: Mode
    ) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        where, dist = graph.index.nearest_many(points)
        if len(dist) and float(dist.max()) > MAX_SNAP_M:
            raise NoRoute(mode=mode)
        return graph.nodes[where], dist

    def route(self, origin: LatLon, destination: LatLon, *, mode: Mode = "walk") -> Leg:
        """Return the quickest trip on the road graph, plus the legs to and from the graph."""
        graph = self._mode(mode)
        (a, b), (da, db) = self._snap(graph, [origin, destination], mode)
        times, pred = dijkstra(graph.time, indices=int(a), return_predecessors=True)
        if not math.isfinite(times[b]):
            raise NoRoute(mode=mode)
        metres = 0.0
        node = int(b)
        while node != int(a):
            prev = int(pred[node])
            metres += float(graph.length[prev, node])
            node = prev
        access_s = (da + db) / SPEED_MPS[mode]
        return Leg(float(times[b]) + float(access_s), metres + float(da + db), self.name)

    def duration_s(self, origin: LatLon, destination: LatLon, *, mode: Mode = "walk") -> float:
        """Return the quickest travel time on the road graph, in seconds."""
        return self.route(origin, destination, mode=mode).duration_s

    def matrix(
        self, origins: Sequence[LatLon], destinations: Sequence[LatLon], *, mode: Mode = "walk"
    ) -> list[list[float]]:
        """Return the quickest travel times from every origin to every destination (inf if none)."""
        if not origins or not destinations:
            return [[] for _ in origins]
        graph = self._mode(mode)
        src, dsrc = self._snap(graph, origins, mode)
        dst, ddst = self._snap(graph, destinations, mode)
        unique, inverse = np.unique(src, return_inverse=True)
        times = dijkstra(graph.time, indices=unique)[inverse][:, dst]
        speed = SPEED_MPS[mode]
        result: list[list[float]] = (times + dsrc[:, None] / speed + ddst[None, :] / speed).tolist()
        return result
