"""Generated demo sites: on-street zones and shared building garages, clearly labelled as such.

``casa parking build-demo`` writes ``src/casa/data/parking/demo_sites.json`` from the bundled
arrondissement polygons; ``random_sites`` makes any number of sites for tests and benchmarks.
Every generated site has ``is_demo`` set and says so in its name and attribution.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape

from casa.city.normalize import slug
from casa.parking.schemas import SiteIn

DEMO_ATTRIBUTION = "generated demo data, not a real site"
#: Central Casablanca, where most generated sites fall (south, west, north, east).
CASABLANCA_BBOX = (33.50, -7.70, 33.62, -7.52)
#: Arrondissements with more kerbside demand get more generated zones and garages.
WEIGHTS = {
    "Anfa": 4,
    "Maârif": 4,
    "Sidi Belyout": 4,
    "Mers Sultan": 2,
    "Al Fida": 2,
    "Hay Hassani": 2,
    "Roches Noires": 2,
}

ON_STREET_TARIFF = {
    "unit_minutes": 60,
    "unit_price": "2",
    "night": {"starts": "20:00", "ends": "08:00", "price": "0"},
    "note": "demo: 2 MAD/h from 08:00 to 20:00, free at night",
}
GARAGE_TARIFFS = (
    {"unit_minutes": 60, "unit_price": "5", "daily_cap": "30", "note": "demo: 5 MAD/h, 30 MAD/day"},
    {
        "bands": [{"up_to_minutes": 120, "price": "10"}, {"up_to_minutes": 600, "price": "25"}],
        "note": "demo: 10 MAD for 2 h, 25 MAD for the day",
    },
    {
        "unit_minutes": 30,
        "unit_price": "2",
        "first_unit_price": "4",
        "daily_cap": "35",
        "note": "demo: 4 MAD the first half hour, then 2 MAD per 30 min, 35 MAD/day",
    },
)
GARAGE_HOURS = ("Mo-Fr 08:00-18:00", "Mo-Sa 07:30-19:30", "Mo-Fr 09:00-17:00; Sa 09:00-13:00")


def _point_in(polygon: Any, rng: random.Random) -> tuple[float, float]:
    min_lon, min_lat, max_lon, max_lat = polygon.bounds
    while True:
        lon, lat = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
        if polygon.contains(Point(lon, lat)):
            return round(lat, 6), round(lon, 6)


def on_street_zone(
    ref: str,
    name: str,
    lat: float,
    lon: float,
    rng: random.Random,
    arrondissement: str | None = None,
) -> dict[str, Any]:
    """Return a generated on-street zone."""
    capacity = rng.randint(15, 80)
    return {
        "ref": ref,
        "name": f"{name} (démo)",
        "kind": "on_street",
        "operator": "Ville de Casablanca (démo)",
        "lat": lat,
        "lon": lon,
        "coord_quality": "generated",
        "arrondissement": arrondissement,
        "capacity": capacity,
        "capacity_disabled": max(1, capacity // 25),
        "capacity_motorcycle": rng.randint(0, 10),
        "opening_hours": "24/7",
        "tariff": ON_STREET_TARIFF,
        "payment_means": ["cash", "sms"],
        "is_demo": True,
        "attribution": DEMO_ATTRIBUTION,
    }


def building_garage(
    ref: str,
    name: str,
    lat: float,
    lon: float,
    rng: random.Random,
    arrondissement: str | None = None,
) -> dict[str, Any]:
    """Return a generated building garage that its owner shares during the day."""
    shared = rng.randint(2, 14)
    return {
        "ref": ref,
        "name": f"{name} (démo)",
        "kind": "building_garage",
        "operator": "Propriétaires de l'immeuble (démo)",
        "lat": lat,
        "lon": lon,
        "coord_quality": "generated",
        "arrondissement": arrondissement,
        "capacity": shared,
        "capacity_ev": 1 if rng.random() < 0.2 else 0,
        "capacity_family": rng.randint(0, 2),
        "reservable": shared,
        "max_height_cm": rng.choice((190, 200, 210)),
        "covered": True,
        "guarded": rng.random() < 0.6,
        "opening_hours": rng.choice(GARAGE_HOURS),
        "tariff": rng.choice(GARAGE_TARIFFS),
        "payment_means": ["cash", "card"],
        "rules": {"residents_first": rng.random() < 0.3, "whitelist": []},
        "is_demo": True,
        "attribution": DEMO_ATTRIBUTION,
    }


def build_demo_sites(arrondissements_geojson: Path, *, seed: int = 2018) -> list[dict[str, Any]]:
    """Generate on-street zones and building garages spread over the arrondissements."""
    rng = random.Random(seed)  # noqa: S311 (reproducible demo data, not a secret)
    features = json.loads(arrondissements_geojson.read_text(encoding="utf-8"))["features"]
    sites: list[dict[str, Any]] = []
    for feature in sorted(features, key=lambda f: f["properties"]["name_fr"]):
        name = feature["properties"]["name_fr"]
        polygon = shape(feature["geometry"])
        weight = WEIGHTS.get(name, 1)
        for i in range(1, 2 * weight + 1):
            lat, lon = _point_in(polygon, rng)
            ref = f"demo-street-{_slug(name)}-{i}"
            sites.append(on_street_zone(ref, f"Zone {name} {i}", lat, lon, rng, name))
        for i in range(1, 3 * weight + 1):
            lat, lon = _point_in(polygon, rng)
            ref = f"demo-garage-{_slug(name)}-{i}"
            sites.append(building_garage(ref, f"Garage {name} {i}", lat, lon, rng, name))
    return sites


def random_sites(
    n: int, *, seed: int = 7, bbox: tuple[float, float, float, float] = CASABLANCA_BBOX
) -> list[SiteIn]:
    """Return n generated sites spread uniformly over a box (for tests and benchmarks)."""
    rng = random.Random(seed)  # noqa: S311 (reproducible demo data, not a secret)
    south, west, north, east = bbox
    sites = []
    for i in range(n):
        lat, lon = round(rng.uniform(south, north), 6), round(rng.uniform(west, east), 6)
        make = on_street_zone if rng.random() < 0.5 else building_garage
        sites.append(SiteIn.model_validate(make(f"gen-{i}", f"Site {i}", lat, lon, rng)))
    return sites


def _slug(text: str) -> str:
    return str(slug(text))


def write_demo_file(arrondissements_geojson: Path, target: Path) -> int:
    """Write the generated demo sites to a JSON file; return how many there are."""
    sites = build_demo_sites(arrondissements_geojson)
    for item in sites:
        SiteIn.model_validate(item)
    document = {
        "source": "generated by `casa parking build-demo` from the arrondissement polygons",
        "attribution": DEMO_ATTRIBUTION,
        "sites": sites,
    }
    target.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(sites)
