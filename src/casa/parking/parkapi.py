"""Open JSON outputs: a ParkAPI-v3-style list of sites, and GeoJSON for maps."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from casa.parking.schemas import SiteOut

PARKAPI_TYPES = {
    "underground": "UNDERGROUND",
    "multi_storey": "CAR_PARK",
    "surface": "OFF_STREET_PARKING_GROUND",
    "on_street": "ON_STREET",
    "park_and_ride": "OFF_STREET_PARKING_GROUND",
    "building_garage": "UNDERGROUND",
}


def _fee(site: SiteOut) -> tuple[bool | None, str | None]:
    if site.tariff is None:
        return None, None
    return True, site.tariff.note


def parkapi_site(site: SiteOut, base_url: str) -> dict[str, Any]:
    """Return one site in the shape of a ParkAPI v3 parking site."""
    has_fee, fee_description = _fee(site)
    observed = site.live.freshness.observed_at
    return {
        "id": site.ref,
        "uid": site.ref,
        "name": site.name,
        "purpose": "CAR",
        "type": PARKAPI_TYPES[site.kind],
        "operator_name": site.operator,
        "address": site.address,
        "lat": f"{site.lat:.7f}",
        "lon": f"{site.lon:.7f}",
        "public_url": f"{base_url}/parking/sites/{site.ref}",
        "capacity": site.capacity,
        "capacity_disabled": site.capacity_disabled,
        "capacity_family": site.capacity_family,
        "capacity_charging": site.capacity_ev,
        "max_height": site.max_height_cm,
        "is_covered": site.covered,
        "supervision_type": "ATTENDED" if site.guarded else None,
        "park_and_ride_type": ["TRAM"] if site.kind == "park_and_ride" else None,
        "has_fee": has_fee,
        "fee_description": fee_description,
        "opening_hours": site.opening_hours,
        "has_realtime_data": observed is not None,
        "realtime_data_updated_at": observed.isoformat() if observed else None,
        "realtime_opening_status": "OPEN" if site.open_now else "CLOSED",
        "realtime_free_capacity": site.live.free,
        "tags": ["DEMO"] if site.is_demo else [],
    }


def parkapi(sites: list[SiteOut], *, base_url: str) -> dict[str, Any]:
    """Return every site in a ParkAPI-v3-style document."""
    items = [parkapi_site(s, base_url) for s in sites]
    return {"items": items, "total_count": len(items)}


def availability(site: SiteOut) -> str:
    """Name a site's availability for map colours: free, few, full, unknown or closed."""
    if not site.open_now:
        return "closed"
    free = site.live.free
    if free is None:
        return "unknown"
    if free == 0:
        return "full"
    return "few" if free < max(3, site.capacity * 0.1) else "free"


def geojson(sites: list[SiteOut], *, now: datetime) -> dict[str, Any]:
    """Return the sites as a GeoJSON FeatureCollection with their live state."""
    features = []
    for site in sites:
        observed = site.live.freshness.observed_at
        features.append(
            {
                "type": "Feature",
                "id": site.ref,
                "geometry": {"type": "Point", "coordinates": [site.lon, site.lat]},
                "properties": {
                    "ref": site.ref,
                    "name": site.name,
                    "kind": site.kind,
                    "capacity": site.capacity,
                    "free": site.live.free,
                    "held": site.live.held,
                    "availability": availability(site),
                    "freshness": site.live.freshness.state,
                    "observed_at": observed.isoformat() if observed else None,
                    "open_now": site.open_now,
                    "coord_quality": site.coord_quality,
                    "demo": site.is_demo,
                },
            }
        )
    return {"type": "FeatureCollection", "generated_at": now.isoformat(), "features": features}
