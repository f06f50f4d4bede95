"""City services: the entry points other domains and the edges call.

``from casa.city import service as city`` gives loading, the gazetteer (search, geocode,
register), locating a point in an arrondissement and the GeoJSON of the arrondissements.
Travel times live in ``casa.city.travel``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casa import data
from casa.city.areas import (
    area_code_at,
    feature_collection,
    get_area,
    load_areas,
    locate,
    prefectures,
)
from casa.city.gazetteer import (
    geocode,
    get_place,
    read_places_csv,
    register_places,
    search_places,
)

__all__ = [
    "area_code_at",
    "feature_collection",
    "geocode",
    "get_area",
    "get_place",
    "load_bundled",
    "locate",
    "prefectures",
    "register_places",
    "search_places",
]


def load_bundled(*, session: Session) -> str:
    """Load the bundled arrondissements and gazetteer (idempotent); return a one-line report."""
    new, updated, unchanged = load_areas(session=session, path=data.path("arrondissements.geojson"))
    places = read_places_csv(data.path("places.csv"))
    report = register_places(session=session, places=places)
    return (
        f"{new + updated + unchanged} areas ({new} new, {updated} updated), "
        f"{len(places)} places ({report.new} new, {report.updated} updated)"
    )
