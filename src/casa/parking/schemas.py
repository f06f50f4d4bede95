"""Pydantic models of parking: tariffs, sites, observations, search results, reservations."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

SiteKind = Literal[
    "underground", "multi_storey", "surface", "on_street", "park_and_ride", "building_garage"
]
SITE_KINDS: tuple[str, ...] = (
    "underground",
    "multi_storey",
    "surface",
    "on_street",
    "park_and_ride",
    "building_garage",
)
Need = Literal["ev", "disabled", "covered", "guarded", "motorcycle", "family", "reservable"]
NEEDS: tuple[str, ...] = (
    "ev",
    "disabled",
    "covered",
    "guarded",
    "motorcycle",
    "family",
    "reservable",
)
Money = Annotated[Decimal, Field(ge=0, le=100_000, max_digits=9, decimal_places=2)]


class TariffBand(BaseModel):
    """The whole price of a stay of up to ``up_to_minutes``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    up_to_minutes: int = Field(gt=0, le=7 * 24 * 60)
    price: Money


class NightRate(BaseModel):
    """A flat price that caps what a stay costs inside a nightly window (local time)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    starts: time
    ends: time
    price: Money


class Tariff(BaseModel):
    """A structured tariff from which the price of any stay is computed.

    ``bands`` price short stays as a whole (``5 MAD for 1 h, 8 MAD for 2 h``) and repeat past
    the last band; without bands, a linear rate charges ``unit_price`` per started
    ``unit_minutes`` (the first unit at ``first_unit_price`` when set). Each 24 hours from
    arrival costs at most ``daily_cap``; a monthly pass caps stays of 30 days or more.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    currency: Literal["MAD"] = "MAD"
    free_minutes: int = Field(default=0, ge=0, le=24 * 60)
    bands: tuple[TariffBand, ...] = ()
    unit_minutes: int | None = Field(default=None, gt=0, le=24 * 60)
    unit_price: Money | None = None
    first_unit_price: Money | None = None
    daily_cap: Money | None = None
    night: NightRate | None = None
    monthly_pass: Money | None = None
    lost_ticket: Money | None = None
    note: str | None = Field(default=None, max_length=300)

    @model_validator(mode="after")
    def _coherent(self) -> Tariff:
        if not self.bands and (self.unit_minutes is None or self.unit_price is None):
            raise ValueError("a tariff needs price bands or a unit rate (unit_minutes, unit_price)")
        if (self.unit_minutes is None) != (self.unit_price is None):
            raise ValueError("unit_minutes and unit_price go together")
        limits = [b.up_to_minutes for b in self.bands]
        prices = [b.price for b in self.bands]
        if limits != sorted(set(limits)):
            raise ValueError("bands must have strictly increasing up_to_minutes")
        if prices != sorted(prices):
            raise ValueError("a longer band cannot cost less than a shorter one")
        if self.night is not None and self.night.starts == self.night.ends:
            raise ValueError("the night window must not be empty")
        return self


class Entrance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    name: str | None = Field(default=None, max_length=120)


class GarageRules(BaseModel):
    """Optional rules an owner sets on a shared garage."""

    model_config = ConfigDict(extra="forbid")

    residents_first: bool = False
    whitelist: list[str] = Field(default_factory=list, max_length=500)
    residents: list[str] = Field(
        default_factory=list, max_length=500, description="residents' e-mails (booked first)"
    )
    concierges: list[str] = Field(
        default_factory=list, max_length=20, description="e-mails allowed to update the count"
    )


class SiteIn(BaseModel):
    """A site as loaded from bundled data or created by an operator."""

    model_config = ConfigDict(extra="forbid")

    ref: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")
    name: str = Field(min_length=1, max_length=200)
    kind: SiteKind
    operator: str | None = Field(default=None, max_length=200)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    coord_quality: Literal["surveyed", "approximate", "generated"] = "surveyed"
    address: str | None = Field(default=None, max_length=300)
    arrondissement: str | None = Field(default=None, max_length=80)
    entrances: list[Entrance] = Field(default_factory=list, max_length=20)
    capacity: int = Field(ge=0, le=100_000)
    capacity_disabled: int = Field(default=0, ge=0)
    capacity_ev: int = Field(default=0, ge=0)
    capacity_motorcycle: int = Field(default=0, ge=0)
    capacity_family: int = Field(default=0, ge=0)
    reservable: int = Field(default=0, ge=0)
    max_height_cm: int | None = Field(default=None, gt=0, le=1000)
    covered: bool = False
    guarded: bool = False
    opening_hours: str = Field(default="24/7", max_length=500)
    tariff: Tariff | None = None
    payment_means: list[str] = Field(default_factory=list, max_length=10)
    rules: GarageRules = Field(default_factory=GarageRules)
    is_demo: bool = False
    attribution: str | None = Field(default=None, max_length=300)

    @model_validator(mode="after")
    def _capacities_fit(self) -> SiteIn:
        for name in (
            "capacity_disabled",
            "capacity_ev",
            "capacity_motorcycle",
            "capacity_family",
            "reservable",
        ):
            if getattr(self, name) > self.capacity:
                raise ValueError(f"{name} cannot exceed the total capacity")
        return self


class Freshness(BaseModel):
    """How old the live count is; past 30 minutes it is shown as unknown, never as free."""

    state: Literal["live", "stale", "none"]
    observed_at: datetime | None
    age_s: int | None


class Live(BaseModel):
    free: int | None = Field(description="places free now for others; null when unknown")
    held: int = Field(description="places held by reservations now")
    occupancy: float | None = Field(description="share of places taken, 0 to 1")
    freshness: Freshness


class SiteOut(BaseModel):
    """A site with its live state."""

    ref: str
    name: str
    kind: str
    operator: str | None
    lat: float
    lon: float
    coord_quality: str
    address: str | None
    arrondissement: str | None
    entrances: list[Entrance]
    capacity: int
    capacity_disabled: int
    capacity_ev: int
    capacity_motorcycle: int
    capacity_family: int
    reservable: int
    max_height_cm: int | None
    covered: bool
    guarded: bool
    opening_hours: str
    open_now: bool
    tariff: Tariff | None
    payment_means: list[str]
    rules: GarageRules
    is_demo: bool
    attribution: str | None
    live: Live


class SiteHit(BaseModel):
    """One search result."""

    ref: str
    name: str
    kind: str
    operator: str | None
    lat: float
    lon: float
    address: str | None
    capacity: int
    covered: bool
    max_height_cm: int | None
    open_now: bool
    distance_m: int = Field(description="straight-line distance to the destination")
    walk_m: int = Field(description="estimated walking distance")
    walk_minutes: int
    free: int | None
    freshness: Freshness
    price: float | None = Field(description="price of the stay; null when the tariff is unknown")
    currency: str
    p_free_at_arrival: float | None
    score: float = Field(description="lower is better: walk, price and risk in minutes")


class Origin(BaseModel):
    lat: float
    lon: float
    place: str | None = None


class SearchResult(BaseModel):
    origin: Origin
    arrive_at: datetime
    stay_minutes: int
    radius_m: int
    sort: str
    count: int
    results: list[SiteHit]


class ObservationIn(BaseModel):
    """One observation: a count of free places, a spot's status, or a gate's entry or exit."""

    model_config = ConfigDict(extra="forbid")

    site: str = Field(min_length=1, max_length=80)
    kind: Literal["count", "spot", "entry", "exit"] = "count"
    free: int | None = None
    spot: str | None = Field(default=None, min_length=1, max_length=64)
    status: Literal["free", "taken"] | None = None
    event: str | None = Field(default=None, min_length=1, max_length=64)
    observed_at: AwareDatetime

    @model_validator(mode="after")
    def _shape(self) -> ObservationIn:
        if self.kind == "count" and self.free is None:
            raise ValueError("a count needs free")
        if self.kind == "spot" and (self.spot is None or self.status is None):
            raise ValueError("a spot observation needs spot and status")
        return self


class ObservationBatch(BaseModel):
    """Up to 1,000 observations; each is judged on its own."""

    observations: list[dict[str, Any]] = Field(max_length=1000)


class RejectedObservation(BaseModel):
    index: int
    reason: str
    detail: str


class BatchResult(BaseModel):
    received: int
    accepted: int
    duplicates: int
    late: int
    rejected: int
    errors: list[RejectedObservation]


class ReservationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site: str = Field(min_length=1, max_length=80)
    starts_at: AwareDatetime
    stay_minutes: int = Field(ge=15, le=14 * 24 * 60)
    plate: str | None = Field(default=None, max_length=16)

    @field_validator("plate")
    @classmethod
    def _plate(cls, value: str | None) -> str | None:
        return value.strip().upper() or None if value is not None else None


class ReservationOut(BaseModel):
    ref: str
    site: str
    site_name: str
    starts_at: datetime
    ends_at: datetime
    status: str
    price: float | None
    currency: str
    plate: str | None
    expires_at: datetime
    created_at: datetime


class DeclaredCount(BaseModel):
    model_config = ConfigDict(extra="forbid")

    free: int = Field(ge=0, le=100_000)


class CountStep(BaseModel):
    model_config = ConfigDict(extra="forbid")

    delta: int = Field(ge=-50, le=50, description="places freed (+) or taken (−)")
