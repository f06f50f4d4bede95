"""Pydantic models of forecasts: a site's free places by 15-minute step for the next 24 hours."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class ForecastStep(BaseModel):
    at: datetime = Field(description="end of the 15-minute step")
    free: int = Field(description="expected free places")
    low: int = Field(description="10th percentile of free places, from the backtest's errors")
    high: int = Field(description="90th percentile of free places")
    p_free: float = Field(description="probability that at least one place is free")


class ForecastOut(BaseModel):
    site: str
    capacity: int
    generated_at: datetime
    based_on_live_count: bool
    tau_minutes: float = Field(description="how fast today's deviation from the profile fades")
    steps: list[ForecastStep]
