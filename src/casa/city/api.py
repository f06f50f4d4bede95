"""JSON API of city: the gazetteer, arrondissements, locating a point, travel times."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from casa.city import service, travel
from casa.city.areas import feature
from casa.city.exceptions import UnknownPlace
from casa.city.schemas import LocateOut, Mode, PlaceHit, PlaceOut, PrefectureOut, TravelOut
from casa.core.deps import LanguageDep, SessionDep, SettingsDep

GEOJSON = "application/geo+json"


router = APIRouter(prefix="/api/v1/city", tags=["city"])
LangQuery = Annotated[
    str | None,
    Query(alias="lang", pattern="^(fr|ar|en)$", description="language of names and messages"),
]


@router.get("/places", response_model=list[PlaceHit])
def search_places(
    session: SessionDep,
    lang: LanguageDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="a name in any language")],
    kind: Annotated[str | None, Query(pattern="^[a-z_]{2,20}$", examples=["stop"])] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    _lang: LangQuery = None,
) -> list[PlaceHit]:
    """Find places by name: exact and prefix matches first, then close spellings, with a score."""
    return service.search_places(session=session, q=q, kind=kind, limit=limit, lang=lang)


@router.get("/places/{key}", response_model=PlaceOut)
def get_place(session: SessionDep, key: str) -> PlaceOut:
    """Return a place by its stable key (for example ``station:casa-port``)."""
    place = service.get_place(session=session, key=key)
    if place is None:
        raise UnknownPlace(text=key, field="key")
    return PlaceOut.model_validate(place)


@router.get("/locate", response_model=LocateOut)
def locate(
    session: SessionDep,
    lang: LanguageDep,
    lat: Annotated[float, Query(ge=-90, le=90, examples=[33.5896])],
    lon: Annotated[float, Query(ge=-180, le=180, examples=[-7.62])],
) -> LocateOut:
    """Return the arrondissement containing a point (404 outside Casablanca's arrondissements)."""
    area = service.locate(session=session, lat=lat, lon=lon)
    name = {"ar": area.name_ar, "en": area.name_en}.get(lang, area.name_fr)
    return LocateOut(lat=lat, lon=lon, name=name, area=area)


@router.get("/arrondissements", response_class=JSONResponse)
def arrondissements(
    session: SessionDep,
    include_municipality: Annotated[
        bool, Query(description="add the Méchouar de Casablanca municipality")
    ] = False,
) -> JSONResponse:
    """Return the 16 arrondissements as a GeoJSON FeatureCollection."""
    body = service.feature_collection(session=session, include_municipality=include_municipality)
    return JSONResponse(body, media_type=GEOJSON)


@router.get("/arrondissements/{code}", response_class=JSONResponse)
def arrondissement(session: SessionDep, code: str) -> JSONResponse:
    """Return one arrondissement (by HCP code) as a GeoJSON Feature."""
    body: dict[str, Any] = feature(service.get_area(session=session, code=code))
    return JSONResponse(body, media_type=GEOJSON)


@router.get("/prefectures", response_model=list[PrefectureOut])
def prefectures(session: SessionDep) -> list[PrefectureOut]:
    """Return the prefectures of arrondissements with their arrondissements' codes."""
    return service.prefectures(session=session)


@router.get("/travel-time", response_model=TravelOut)
def travel_time(
    settings: SettingsDep,
    origin: Annotated[
        str, Query(alias="from", description="LAT,LON", examples=["33.5896,-7.6200"])
    ],
    destination: Annotated[
        str, Query(alias="to", description="LAT,LON", examples=["33.5904,-7.5919"])
    ],
    mode: Mode = "walk",
) -> TravelOut:
    """Return the travel time and distance between two points, and which provider said so."""
    a = travel.parse_point(origin, field="from")
    b = travel.parse_point(destination, field="to")
    leg = travel.travel(settings=settings, origin=a, destination=b, mode=mode)
    return TravelOut(
        origin=a,
        destination=b,
        mode=mode,
        duration_s=round(leg.duration_s, 1),
        distance_m=round(leg.distance_m, 1),
        provider=leg.provider,
    )
