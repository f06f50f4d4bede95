"""The backtest: the forecast's error on the last days of history against "same as now".

Both forecasts are scored as they are served, in whole places: the model's share of places is
rounded to a number of places, as ``forecast.forecast`` gives it; "same as now" is the count
itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.parking.forecast import (
    DAY_STEPS,
    HISTORY,
    MIN_SLOTS,
    SMOOTH_GRID,
    STEP_MIN,
    Choice,
    Series,
    choose,
    series_of,
    split,
)
from casa.parking.models import Site

REPORT_STEPS = (1, 4, 12, 24, 48, 96)
"""Horizons reported, in 15-minute steps: 15 min, 1 h, 3 h, 6 h, 12 h, 24 h."""


@dataclass(frozen=True, slots=True)
class HorizonError:
    """Errors at one horizon, in places, pooled over sites."""

    minutes: int
    n: int
    mae: float
    rmse: float
    naive_mae: float
    naive_rmse: float


@dataclass
class BacktestReport:
    """What the backtest measured."""

    days: int
    sites: int
    skipped: int
    horizons: list[HorizonError] = field(default_factory=list)


def _chosen_on(train: Series, half_widths: tuple[int, ...]) -> Choice:
    # The parameters are chosen as a fit chooses them: on the last quarter of the history the
    # backtest fits on, held out of the profile.
    cut = len(train.values) * 3 // 4
    inner = Series(train.start, train.values[:cut], train.week_slots[:cut])
    later = Series(train.start, train.values[cut:], train.week_slots[cut:])
    return choose(inner, later, half_widths=half_widths)


def _in_places(chosen: Choice, capacity: int) -> tuple[np.ndarray, np.ndarray]:
    actual = (chosen.forecast + chosen.errors) * capacity
    return actual - np.round(chosen.forecast * capacity), chosen.naive * capacity


def backtest(
    *,
    session: Session,
    now: datetime,
    days: int = 7,
    history: timedelta = HISTORY,
    half_widths: tuple[int, ...] = SMOOTH_GRID,
) -> BacktestReport:
    """Fit on the history before the last ``days`` days, forecast those days, compare.

    ``half_widths`` are the profile smoothings a fit may choose from (``(0,)``: none)."""
    report = BacktestReport(days=days, sites=0, skipped=0)
    model_errors: list[np.ndarray] = []
    naive_errors: list[np.ndarray] = []
    for site in session.scalars(select(Site).where(Site.capacity > 0).order_by(Site.id)):
        series = series_of(
            session=session,
            site_id=site.id,
            capacity=site.capacity,
            since=now - history,
            until=now,
        )
        train, test = split(series, now - timedelta(days=days))
        known = int((~np.isnan(train.values)).sum())
        if known < MIN_SLOTS or len(test.values) <= DAY_STEPS:
            report.skipped += 1
            continue
        params = _chosen_on(train, half_widths)
        chosen = choose(train, test, taus=(params.tau_minutes,), half_widths=(params.half_width,))
        model, naive = _in_places(chosen, site.capacity)
        model_errors.append(model)
        naive_errors.append(naive)
        report.sites += 1
    if not model_errors:
        return report
    model_all = np.concatenate(model_errors)
    naive_all = np.concatenate(naive_errors)
    for step in REPORT_STEPS:
        m = model_all[:, step - 1]
        n = naive_all[:, step - 1]
        known = ~np.isnan(m) & ~np.isnan(n)
        m, n = m[known], n[known]
        if not m.size:
            continue
        report.horizons.append(
            HorizonError(
                minutes=step * STEP_MIN,
                n=int(m.size),
                mae=round(float(np.mean(np.abs(m))), 3),
                rmse=round(float(np.sqrt(np.mean(m**2))), 3),
                naive_mae=round(float(np.mean(np.abs(n))), 3),
                naive_rmse=round(float(np.sqrt(np.mean(n**2))), 3),
            )
        )
    return report
