"""Pydantic models of building garages shared by their owners: windows, listing, statistics."""

from __future__ import annotations

from datetime import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from casa.parking.schemas import GarageRules, Money

Day = Literal["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
DAYS: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


class ShareWindow(BaseModel):
    """When a garage's places are shared: some days of the week, from one time to another."""

    model_config = ConfigDict(extra="forbid")

    days: list[Day] = Field(min_length=1, max_length=7)
    opens: time
    closes: time

    @model_validator(mode="after")
    def _ordered(self) -> ShareWindow:
        if self.closes <= self.opens:
            raise ValueError("a sharing window must close after it opens")
        return self


class GarageIn(BaseModel):
    """A building garage shared by its owner or the building's syndic."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    address: str | None = Field(default=None, max_length=300)
    shared_places: int = Field(ge=1, le=500)
    windows: list[ShareWindow] = Field(min_length=1, max_length=14)
    price_per_hour: Money
    daily_cap: Money | None = None
    max_height_cm: int | None = Field(default=None, gt=0, le=1000)
    covered: bool = True
    rules: GarageRules = Field(default_factory=GarageRules)


class GarageStats(BaseModel):
    """What an owner sees of one garage: occupancy now and revenue."""

    ref: str
    name: str
    shared_places: int
    opening_hours: str
    open_now: bool
    free: int | None
    held_now: int
    occupancy: float | None
    upcoming: int = Field(description="reservations to come or under way")
    reservations_30d: int
    revenue_30d: float
    currency: str
