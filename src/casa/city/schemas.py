"""Input and output shapes of the city domain."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Mode = Literal["walk", "car", "bike"]
KIND_PATTERN = r"^[a-z][a-z_]{1,19}$"


class PlaceIn(BaseModel):
    """A place to add to or update in the gazetteer, identified by its stable key."""

    key: str = Field(min_length=3, max_length=120, examples=["car_park:rachidi"])
    kind: str = Field(pattern=KIND_PATTERN, examples=["car_park"])
    name_fr: str = Field(min_length=1, max_length=160)
    name_ar: str | None = Field(default=None, max_length=160)
    name_en: str | None = Field(default=None, max_length=160)
    name_darija_ar: str | None = Field(default=None, max_length=160)
    name_darija_latn: str | None = Field(default=None, max_length=160)
    aliases: list[str] = Field(default_factory=list)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    area_code: str | None = Field(default=None, max_length=16)
    source: str = Field(min_length=1, max_length=200)
    attributes: dict[str, Any] = Field(default_factory=dict)


class PlaceOut(BaseModel):
    """A place of the gazetteer."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    key: str
    kind: str
    name_fr: str
    name_ar: str | None
    name_en: str | None
    name_darija_ar: str | None
    name_darija_latn: str | None
    aliases: list[str]
    lat: float | None
    lon: float | None
    area_code: str | None
    source: str
    attributes: dict[str, Any]

    def name(self, lang: str) -> str:
        """Return the place's name in a language, French when it has none in that language."""
        chosen = {"ar": self.name_ar, "en": self.name_en}.get(lang)
        return chosen or self.name_fr


class PlaceHit(BaseModel):
    """A search result: the place, its name in your language, the name that matched, a score."""

    name: str
    score: float = Field(
        description="100 for an exact match, 90-99 prefix, 80-89 word prefix, below 80 fuzzy"
    )
    matched: str = Field(description="the name or alias that matched the query")
    place: PlaceOut


class RegisterReport(BaseModel):
    """What an upsert of places did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0


class AreaOut(BaseModel):
    """An arrondissement (or the Méchouar municipality), without its outline."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    code: str
    kind: str
    name_fr: str
    name_ar: str
    name_en: str
    prefecture: str
    prefecture_ar: str
    bbox: list[float] = Field(description="[west, south, east, north] in degrees")


class LocateOut(BaseModel):
    """The area containing a point."""

    lat: float
    lon: float
    name: str
    area: AreaOut


class PrefectureOut(BaseModel):
    """A prefecture of arrondissements and the arrondissements it holds."""

    name_fr: str
    name_ar: str
    arrondissements: list[str] = Field(description="HCP codes")


class TravelOut(BaseModel):
    """A travel time between two points."""

    origin: tuple[float, float]
    destination: tuple[float, float]
    mode: Mode
    duration_s: float
    distance_m: float
    provider: str
