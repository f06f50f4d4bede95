"""Shared geography helpers: distances, boxes, the nearest-point index."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casa.core.geo import BBox, PointIndex, haversine_m, haversine_matrix_m, valid_latlon

pytestmark = pytest.mark.unit

CASA_PORT = (33.598241, -7.611962)
CASA_VOYAGEURS = (33.590358, -7.591948)
lat = st.floats(min_value=33.4, max_value=33.7)
lon = st.floats(min_value=-7.8, max_value=-7.4)
points = st.tuples(lat, lon)


def test_haversine_between_the_two_stations() -> None:
    assert round(haversine_m(CASA_PORT, CASA_VOYAGEURS), 1) == 2050.5


def test_haversine_one_degree_of_latitude() -> None:
    assert round(haversine_m((0.0, 0.0), (1.0, 0.0))) == 111195


@given(points, points)
def test_haversine_is_symmetric_and_matches_matrix(
    a: tuple[float, float], b: tuple[float, float]
) -> None:
    assert math.isclose(haversine_m(a, b), haversine_m(b, a), abs_tol=1e-6)
    assert math.isclose(float(haversine_matrix_m([a], [b])[0, 0]), haversine_m(a, b), abs_tol=1e-6)


def test_bbox_of_contains_and_expands() -> None:
    box = BBox.of([CASA_PORT, CASA_VOYAGEURS])
    grown = box.expanded(1000)
    assert box.as_list() == [-7.611962, 33.590358, -7.591948, 33.598241]
    assert (
        box.contains((33.595, -7.600)),
        box.contains((33.60, -7.60)),
        grown.contains((33.60, -7.60)),
    ) == (
        True,
        False,
        True,
    )


@given(st.lists(points, min_size=1, max_size=40), points)
def test_point_index_nearest_agrees_with_brute_force(
    pts: list[tuple[float, float]], q: tuple[float, float]
) -> None:
    index = PointIndex(pts)
    ((found, dist),) = index.nearest(q)
    best = min(haversine_m(q, p) for p in pts)
    assert dist == haversine_m(q, pts[found])
    assert math.isclose(dist, best, rel_tol=1e-3, abs_tol=0.5)


def test_point_index_within_radius() -> None:
    index = PointIndex([CASA_PORT, CASA_VOYAGEURS, (33.5896, -7.62)])
    assert index.within(CASA_PORT, 1500) == [0, 2]


def test_point_index_refuses_no_points() -> None:
    with pytest.raises(ValueError):
        PointIndex([])


@pytest.mark.parametrize(
    ("lat_", "lon_", "ok"),
    [
        (33.5, -7.6, True),
        (90, 180, True),
        (90.1, 0, False),
        (0, -180.1, False),
        (math.nan, 0, False),
    ],
)
def test_valid_latlon(lat_: float, lon_: float, ok: bool) -> None:
    assert valid_latlon(lat_, lon_) is ok
