"""Arrondissements: loading their outlines, finding the one that contains a point, GeoJSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry, prep
from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.city import revisions
from casa.city.exceptions import BadCoordinates, OutsideCity, UnknownArea
from casa.city.models import Area
from casa.city.schemas import AreaOut, PrefectureOut
from casa.core.geo import BBox, valid_latlon

AREAS = "areas"
ARRONDISSEMENT = "arrondissement"
MUNICIPALITY = "municipality"
_FIELDS = (
    "kind",
    "name_fr",
    "name_ar",
    "name_en",
    "prefecture",
    "prefecture_ar",
    "geometry",
    "min_lat",
    "min_lon",
    "max_lat",
    "max_lon",
    "source",
)


def area_out(area: Area) -> AreaOut:
    """Return an area without its outline."""
    return AreaOut(
        code=area.code,
        kind=area.kind,
        name_fr=area.name_fr,
        name_ar=area.name_ar,
        name_en=area.name_en,
        prefecture=area.prefecture,
        prefecture_ar=area.prefecture_ar,
        bbox=[area.min_lon, area.min_lat, area.max_lon, area.max_lat],
    )


@dataclass(frozen=True)
class AreaIndex:
    """The outlines of every area in an R-tree, each prepared for fast point-in-polygon tests."""

    areas: tuple[AreaOut, ...]
    geometries: tuple[BaseGeometry, ...]
    prepared: tuple[PreparedGeometry, ...]
    tree: STRtree | None

    @classmethod
    def build(cls, session: Session) -> AreaIndex:
        """Build the index from the areas table."""
        rows = session.scalars(select(Area).order_by(Area.kind, Area.code)).all()
        geometries = tuple(shape(json.loads(a.geometry)) for a in rows)
        return cls(
            areas=tuple(area_out(a) for a in rows),
            geometries=geometries,
            prepared=tuple(prep(g) for g in geometries),
            tree=STRtree(geometries) if geometries else None,
        )

    def locate(self, lat: float, lon: float) -> AreaOut | None:
        """Return the area covering a point, if any."""
        if self.tree is None:
            return None
        point = Point(lon, lat)
        covering = [int(i) for i in self.tree.query(point) if self.prepared[int(i)].covers(point)]
        if not covering:
            return None
        # On a shared border, or where one area encloses another, the smallest one is meant.
        smallest = min(covering, key=lambda i: (self.geometries[i].area, self.areas[i].code))
        return self.areas[smallest]


def area_index(session: Session) -> AreaIndex:
    """Return this process's index of the areas, rebuilt when they change."""
    return revisions.cached(session, AREAS, AreaIndex.build)


def locate(*, session: Session, lat: float, lon: float) -> AreaOut:
    """Return the arrondissement (or the Méchouar municipality) containing a point."""
    if not valid_latlon(lat, lon):
        raise BadCoordinates(lat=lat, lon=lon, field="lat")
    found = area_index(session).locate(lat, lon)
    if found is None:
        raise OutsideCity(lat=lat, lon=lon)
    return found


def area_code_at(*, session: Session, lat: float, lon: float) -> str | None:
    """Return the code of the area containing a point, or None outside every area."""
    found = area_index(session).locate(lat, lon)
    return found.code if found else None


def get_area(*, session: Session, code: str) -> Area:
    """Return an area by its HCP code."""
    area = None if "\x00" in code else session.get(Area, code)
    if area is None:
        raise UnknownArea(code=code, field="code")
    return area


def feature(area: Area) -> dict[str, Any]:
    """Return an area as a GeoJSON Feature."""
    return {
        "type": "Feature",
        "id": area.code,
        "bbox": [area.min_lon, area.min_lat, area.max_lon, area.max_lat],
        "geometry": json.loads(area.geometry),
        "properties": {
            "code": area.code,
            "name_fr": area.name_fr,
            "name_ar": area.name_ar,
            "name_en": area.name_en,
            "prefecture": area.prefecture,
            "prefecture_ar": area.prefecture_ar,
            "kind": area.kind,
        },
    }


def feature_collection(*, session: Session, include_municipality: bool = False) -> dict[str, Any]:
    """Return the arrondissements (and optionally the Méchouar) as a GeoJSON FeatureCollection."""
    kinds = [ARRONDISSEMENT, MUNICIPALITY] if include_municipality else [ARRONDISSEMENT]
    rows = session.scalars(select(Area).where(Area.kind.in_(kinds)).order_by(Area.code)).all()
    return {"type": "FeatureCollection", "features": [feature(a) for a in rows]}


def prefectures(*, session: Session) -> list[PrefectureOut]:
    """Return the prefectures of arrondissements with the codes of their arrondissements."""
    rows = session.scalars(
        select(Area).where(Area.kind == ARRONDISSEMENT).order_by(Area.prefecture, Area.code)
    ).all()
    found: dict[str, PrefectureOut] = {}
    for area in rows:
        pref = found.setdefault(
            area.prefecture,
            PrefectureOut(name_fr=area.prefecture, name_ar=area.prefecture_ar, arrondissements=[]),
        )
        pref.arrondissements.append(area.code)
    return list(found.values())


def load_areas(*, session: Session, path: Path) -> tuple[int, int, int]:
    """Upsert the areas of a GeoJSON file by code; return (new, updated, unchanged)."""
    collection = json.loads(path.read_text("utf-8"))
    new = updated = unchanged = 0
    for feat in collection["features"]:
        props = feat["properties"]
        geom = shape(feat["geometry"])
        box = BBox(geom.bounds[1], geom.bounds[0], geom.bounds[3], geom.bounds[2])
        values: dict[str, Any] = {
            "kind": props["kind"],
            "name_fr": props["name_fr"],
            "name_ar": props["name_ar"],
            "name_en": props["name_en"],
            "prefecture": props["prefecture"],
            "prefecture_ar": props["prefecture_ar"],
            "geometry": json.dumps(feat["geometry"], separators=(",", ":")),
            "min_lat": box.min_lat,
            "min_lon": box.min_lon,
            "max_lat": box.max_lat,
            "max_lon": box.max_lon,
            "source": props["source"],
        }
        area = session.get(Area, props["code"])
        if area is None:
            session.add(Area(code=props["code"], **values))
            new += 1
        elif any(getattr(area, f) != values[f] for f in _FIELDS):
            for f in _FIELDS:
                setattr(area, f, values[f])
            updated += 1
        else:
            unchanged += 1
    if new or updated:
        session.flush()
        revisions.bump(session, AREAS)
    return new, updated, unchanged
