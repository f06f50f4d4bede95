"""Forecasts of free places: a weekly profile corrected by the current deviation, as HSL does.

A site's history of counts is read as a series of 15-minute slots (the share of places free at
the end of each slot). The weekly profile is the mean share for each of the week's 672 local
slots, smoothed by a moving average over neighbouring slots (a few weeks give each slot only a
few values, and their noise would otherwise pass into every forecast). A forecast starts from
the live count: its deviation from the profile decays exponentially over the horizon with a
time constant ``tau``; ``tau`` and the width of the smoothing are chosen on held-out history.
The errors the model made on that held-out history, by horizon, give the probability that at
least one place is still free at a given arrival time.
"""

from __future__ import annotations

import math
import threading
import uuid
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casa.core.clock import local
from casa.parking.exceptions import NoForecast
from casa.parking.forecast_schemas import ForecastOut, ForecastStep
from casa.parking.models import ForecastModel, Meta, Observation, Site, SiteStatus
from casa.parking.occupancy import SLOT, STALE_AFTER, slot_of

STEP_MIN = 15
WEEK_SLOTS = 7 * 24 * 4
DAY_STEPS = 96
HORIZONS = (1, 2, 4, 8, 16, 32, 64, 96)
"""Horizon buckets (in 15-minute steps) by which forecast errors are kept."""
LEVELS = tuple(i / 20 for i in range(21))
"""Quantile levels of the stored error distributions."""
TAU_GRID = (30.0, 60.0, 120.0, 240.0, 480.0, 960.0)
SMOOTH_GRID = (0, 1, 2, 3)
"""Half-widths, in slots, of the moving average over the weekly profile (0: not smoothed)."""
HISTORY = timedelta(days=56)
HOLDOUT = timedelta(days=7)
MIN_SLOTS = DAY_STEPS * 2
CARRY_SLOTS = 2
"""A count stands for the following slots for 30 minutes at most, as it does on the map."""
FORECAST_VERSION = "forecast_version"


@dataclass(frozen=True, slots=True)
class Series:
    """A site's history as shares of free places, one value per 15-minute slot (NaN: unknown)."""

    start: datetime
    values: np.ndarray
    week_slots: np.ndarray


@dataclass(frozen=True, slots=True)
class Choice:
    """The parameters chosen on held-out history, and the errors made there with them."""

    tau_minutes: float
    half_width: int
    errors: np.ndarray
    """actual − forecast, origins × horizons, in shares (NaN where unknown)."""
    naive: np.ndarray
    """The same for "same as now"."""
    forecast: np.ndarray
    """The forecasts themselves, in shares."""


@dataclass(frozen=True, slots=True)
class Fitted:
    """The parts of a fitted model a forecast reads."""

    profile: np.ndarray
    tau_minutes: float
    errors: np.ndarray


def week_slot(at: datetime) -> int:
    """Return the local slot of the week (0 = Monday 00:00) an instant falls in."""
    t = local(at)
    return t.weekday() * DAY_STEPS + t.hour * 4 + t.minute // STEP_MIN


def series_of(
    *, session: Session, site_id: int, capacity: int, since: datetime, until: datetime
) -> Series:
    """Read a site's counts between two instants into a slot series."""
    start = slot_of(since)
    n = max(0, int((until - start) / SLOT))
    values = np.full(n, np.nan)
    rows = session.execute(
        select(Observation.observed_at, Observation.free)
        .where(
            Observation.site_id == site_id,
            Observation.kind == "count",
            Observation.observed_at >= start,
            Observation.observed_at < until,
        )
        .order_by(Observation.observed_at)
    )
    for at, free in rows:
        if free is None or capacity <= 0:
            continue
        i = int((at - start) / SLOT)
        if 0 <= i < n:
            values[i] = min(free, capacity) / capacity
    _carry(values)
    slots = np.array([week_slot(start + i * SLOT) for i in range(n)], dtype=np.int64)
    return Series(start=start, values=values, week_slots=slots)


def _carry(values: np.ndarray) -> None:
    held = np.nan
    age = 0
    for i in range(len(values)):
        if not np.isnan(values[i]):
            held, age = values[i], 0
        elif age < CARRY_SLOTS and not np.isnan(held):
            age += 1
            values[i] = held


def profile_of(values: np.ndarray, week_slots: np.ndarray, half_width: int = 0) -> np.ndarray:
    """Return the mean share free for each slot of the week, filling gaps from nearby slots,
    averaged over ``half_width`` slots on each side (wrapping round the week)."""
    known = ~np.isnan(values)
    sums = np.bincount(week_slots[known], weights=values[known], minlength=WEEK_SLOTS)
    counts = np.bincount(week_slots[known], minlength=WEEK_SLOTS)
    profile = np.full(WEEK_SLOTS, np.nan)
    np.divide(sums, counts, out=profile, where=counts > 0)
    if np.isnan(profile).all():
        return np.full(WEEK_SLOTS, 0.5)
    # A slot never seen takes the same time of day on the other days, else the overall mean.
    by_day = profile.reshape(7, DAY_STEPS)
    daily = np.nanmean(np.where(np.isnan(by_day), np.nan, by_day), axis=0) if known.any() else None
    overall = float(np.nanmean(profile))
    for day in range(7):
        for step in range(DAY_STEPS):
            if np.isnan(by_day[day, step]):
                value = daily[step] if daily is not None else np.nan
                by_day[day, step] = overall if np.isnan(value) else value
    return smoothed(by_day.reshape(WEEK_SLOTS), half_width)


def smoothed(profile: np.ndarray, half_width: int) -> np.ndarray:
    """Return a weekly profile averaged over ``half_width`` slots each side, round the week."""
    if half_width <= 0:
        return profile
    window = 2 * half_width + 1
    padded = np.concatenate([profile[-half_width:], profile, profile[:half_width]])
    return np.convolve(padded, np.full(window, 1.0 / window), mode="valid")


def predict_steps(
    profile: np.ndarray, tau_minutes: float, origins: np.ndarray, current: np.ndarray, steps: int
) -> np.ndarray:
    """Forecast the share free ``1..steps`` slots past each origin slot of the week."""
    h = np.arange(1, steps + 1)
    decay = np.exp(-h * STEP_MIN / tau_minutes)
    deviation = current - profile[origins]
    ahead = profile[(origins[:, None] + h[None, :]) % WEEK_SLOTS]
    return np.clip(ahead + deviation[:, None] * decay[None, :], 0.0, 1.0)


def choose(
    train: Series,
    test: Series,
    steps: int = DAY_STEPS,
    *,
    taus: tuple[float, ...] = TAU_GRID,
    half_widths: tuple[int, ...] = SMOOTH_GRID,
) -> Choice:
    """Fit the profile on ``train``, forecast every origin of ``test`` ``steps`` slots ahead
    with each ``tau`` and smoothing width, and keep the pair of least mean absolute error."""
    x = test.values
    n = len(x) - steps
    if n <= 0:
        empty = np.full((0, steps), np.nan)
        return Choice(taus[len(taus) // 2], half_widths[0], empty, empty, empty)
    base = profile_of(train.values, train.week_slots)
    current = x[:n]
    unknown = np.isnan(current)
    actual = np.stack([x[1 + i : 1 + i + steps] for i in range(n)])
    naive = actual - current[:, None]
    naive[unknown] = np.nan
    origins = test.week_slots[:n]
    best: tuple[float, Choice] | None = None
    for half_width in half_widths:
        profile = smoothed(base, half_width)
        for tau in taus:
            forecast = predict_steps(profile, tau, origins, current, steps)
            errors = actual - forecast
            errors[unknown] = np.nan
            score = float(np.nanmean(np.abs(errors))) if np.isfinite(errors).any() else math.inf
            if best is None or score < best[0]:
                best = (score, Choice(tau, half_width, errors, naive, forecast))
    assert best is not None
    return best[1]


def split(series: Series, at: datetime) -> tuple[Series, Series]:
    """Cut a series in two at an instant."""
    i = max(0, min(len(series.values), int((slot_of(at) - series.start) / SLOT)))
    later = series.start + i * SLOT
    return (
        Series(series.start, series.values[:i], series.week_slots[:i]),
        Series(later, series.values[i:], series.week_slots[i:]),
    )


def error_quantiles(errors: np.ndarray) -> np.ndarray:
    """Return the quantiles of errors for each horizon bucket (rows: buckets, columns: levels)."""
    rows = []
    lower = 0
    for upper in HORIZONS:
        chunk = errors[:, lower:upper].ravel() if errors.size else np.array([])
        chunk = chunk[~np.isnan(chunk)]
        rows.append(np.quantile(chunk, LEVELS) if chunk.size else np.zeros(len(LEVELS)))
        lower = upper
    return np.array(rows)


def fit_site(
    *, session: Session, site: Site, now: datetime, history: timedelta = HISTORY
) -> ForecastModel | None:
    """Fit a site's model on its history and store it; None when the history is too short."""
    series = series_of(
        session=session, site_id=site.id, capacity=site.capacity, since=now - history, until=now
    )
    if int((~np.isnan(series.values)).sum()) < MIN_SLOTS:
        return None
    known_from = series.start + int(np.argmax(~np.isnan(series.values))) * SLOT
    holdout = min(HOLDOUT, (now - known_from) / 3)
    train, test = split(series, now - holdout)
    chosen = choose(train, test)
    stored = session.get(ForecastModel, site.id) or ForecastModel(site_id=site.id)
    stored.fitted_at = now
    stored.history_from = known_from
    stored.history_to = now
    stored.slots = int((~np.isnan(series.values)).sum())
    stored.tau_minutes = chosen.tau_minutes
    profile = profile_of(series.values, series.week_slots, chosen.half_width)
    stored.profile = [round(float(v), 4) for v in profile]
    stored.errors = [[round(float(v), 4) for v in row] for row in error_quantiles(chosen.errors)]
    session.add(stored)
    return stored


def fit_all(*, session: Session, now: datetime, history: timedelta = HISTORY) -> tuple[int, int]:
    """Fit every site with enough history; return (fitted, skipped)."""
    fitted = skipped = 0
    for site in session.scalars(select(Site).where(Site.capacity > 0).order_by(Site.id)):
        if fit_site(session=session, site=site, now=now, history=history) is None:
            session.execute(delete(ForecastModel).where(ForecastModel.site_id == site.id))
            skipped += 1
        else:
            fitted += 1
    meta = session.get(Meta, FORECAST_VERSION)
    if meta is None:
        session.add(Meta(key=FORECAST_VERSION, value=uuid.uuid4().hex))
    else:
        meta.value = uuid.uuid4().hex
    session.flush()
    return fitted, skipped


def _fitted(model: ForecastModel) -> Fitted:
    return Fitted(np.array(model.profile), model.tau_minutes, np.array(model.errors))


_cache: dict[str, tuple[str | None, dict[int, Fitted]]] = {}
_lock = threading.Lock()


_VERSION = select(Meta.value).where(Meta.key == FORECAST_VERSION)


def models(session: Session, meta: Mapping[str, str] | None = None) -> dict[int, Fitted]:
    """Return every site's fitted model, read again only when a fit has changed them.

    ``meta`` is ``parking_meta`` already read in this unit of work, which saves a query.
    """
    if meta is None:
        version = session.connection().execute(_VERSION).scalar()
    else:
        version = meta.get(FORECAST_VERSION)
    key = str(session.get_bind().engine.url)
    with _lock:
        cached = _cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    loaded = {m.site_id: _fitted(m) for m in session.scalars(select(ForecastModel))}
    with _lock:
        _cache[key] = (version, loaded)
    return loaded


def expected_share(model: Fitted, share_now: float, observed_at: datetime, at: datetime) -> float:
    """Forecast the share of places free at an instant from a count made earlier."""
    minutes = max(0.0, (at - observed_at).total_seconds() / 60)
    deviation = share_now - model.profile[week_slot(observed_at)]
    value = model.profile[week_slot(at)] + deviation * math.exp(-minutes / model.tau_minutes)
    return min(1.0, max(0.0, float(value)))


def p_at_least_one(
    model: Fitted, *, free: int, capacity: int, observed_at: datetime, at: datetime
) -> float:
    """Return the chance of at least one free place at an instant, from the backtest's errors."""
    if capacity <= 0:
        return 0.0
    minutes = max(0.0, (at - observed_at).total_seconds() / 60)
    step = math.ceil(minutes / STEP_MIN)
    if step == 0:
        return 1.0 if free > 0 else 0.0
    bucket = min(bisect_left(HORIZONS, step), len(HORIZONS) - 1)
    expected = expected_share(model, free / capacity, observed_at, at)
    # At least one place free means the error is above (0.5 place − expected), in shares.
    threshold = 0.5 / capacity - expected
    quantiles = model.errors[bucket]
    below = float(np.interp(threshold, quantiles, LEVELS, left=0.0, right=1.0))
    return round(min(1.0, max(0.0, 1.0 - below)), 3)


def forecast(*, session: Session, site: Site, now: datetime) -> ForecastOut:
    """Forecast a site's free places by 15-minute step for the next 24 hours."""
    model = models(session).get(site.id)
    if model is None:
        raise NoForecast(f"{site.name} has no forecast yet: too little history", field="site")
    status = session.get(SiteStatus, site.id)
    fresh = (
        status is not None
        and status.free is not None
        and status.observed_at is not None
        and now - status.observed_at <= STALE_AFTER
    )
    origin = slot_of(now)
    if fresh:
        assert status is not None and status.free is not None and status.observed_at is not None
        free_now, observed_at = min(status.free, site.capacity), status.observed_at
    else:
        # Without a live count the forecast is the profile alone.
        observed_at = origin
        free_now = round(model.profile[week_slot(origin)] * site.capacity)
    steps = []
    for k in range(1, DAY_STEPS + 1):
        at = origin + k * SLOT
        share = expected_share(model, free_now / max(1, site.capacity), observed_at, at)
        bucket = min(bisect_left(HORIZONS, k), len(HORIZONS) - 1)
        errors = model.errors[bucket]
        low = min(1.0, max(0.0, share + float(errors[2])))
        high = min(1.0, max(0.0, share + float(errors[-3])))
        steps.append(
            ForecastStep(
                at=at,
                free=round(share * site.capacity),
                low=round(low * site.capacity),
                high=round(high * site.capacity),
                p_free=p_at_least_one(
                    model, free=free_now, capacity=site.capacity, observed_at=observed_at, at=at
                ),
            )
        )
    return ForecastOut(
        site=site.ref,
        capacity=site.capacity,
        generated_at=now.astimezone(UTC),
        based_on_live_count=fresh,
        tau_minutes=model.tau_minutes,
        steps=steps,
    )
