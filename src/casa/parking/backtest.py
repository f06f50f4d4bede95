"""The backtest: the forecast's error on the last days of history against "same as now"."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.parking.forecast import (
    DAY_STEPS,
    HISTORY,
    MIN_SLOTS,
    STEP_MIN,
    TAU_GRID,
    Series,
    residuals,
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


def _tau_on(train_part: np.ndarray, week_slots: np.ndarray, start: datetime) -> float:
    cut = len(train_part) * 3 // 4
    inner = Series(start, train_part[:cut], week_slots[:cut])
    later = Series(start, train_part[cut:], week_slots[cut:])
    best, best_tau = math.inf, TAU_GRID[len(TAU_GRID) // 2]
    for tau in TAU_GRID:
        model, _, _ = residuals(inner, later, tau)
        if np.isfinite(model).any():
            score = float(np.nanmean(np.abs(model)))
            if score < best:
                best, best_tau = score, tau
    return best_tau


def backtest(
    *, session: Session, now: datetime, days: int = 7, history: timedelta = HISTORY
) -> BacktestReport:
    """Fit on the history before the last ``days`` days, forecast those days, compare."""
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
        tau = _tau_on(train.values, train.week_slots, train.start)
        model, naive, _ = residuals(train, test, tau)
        model_errors.append(model * site.capacity)
        naive_errors.append(naive * site.capacity)
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
