"""The automatic scheduler: CP-SAT places sessions in rooms and quarter-hour slots.

Hard rules are the conflict checker's: one session per room at a time, rooms large enough,
speakers available for the whole session and never in two places at once, with the travel
time between venues. When sessions are already placed (after publication), the objective
keeps as many of them where they are as possible, so a re-run moves only what it must.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from ortools.sat.python import cp_model
from sqlalchemy.orm import Session as DbSession

from casa.core.clock import CASABLANCA
from casa.core.config import Settings
from casa.expo import conflicts, editions
from casa.expo.exceptions import (
    NoFeasibleSchedule,
    NoRoomLargeEnough,
    NoSessions,
    NoSlotForSpeakers,
)
from casa.expo.models import Edition, Room
from casa.expo.programme import sessions_of
from casa.expo.schemas import ScheduleResult

UNIT_MIN = 15
SLOTS_PER_DAY = 24 * 60 // UNIT_MIN


@dataclass
class Item:
    """A session to place, in slot units."""

    code: str
    length: int
    audience: int
    speakers: list[str]
    previous: tuple[int, int] | None = None
    locked: bool = False


@dataclass
class Problem:
    """Everything the solver needs, in slot units on one axis across the edition's days."""

    items: list[Item]
    rooms: dict[int, tuple[int, int]]
    travel: dict[tuple[int, int], int]
    days: list[tuple[int, int]]
    availability: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def allowed_starts(item: Item, problem: Problem) -> list[int]:
    """Return the slots where a session may start: inside a day and its speakers' windows."""
    starts = []
    for open_, close in problem.days:
        for t in range(open_, close - item.length + 1):
            if all(
                any(a <= t and t + item.length <= b for a, b in problem.availability[p])
                for p in item.speakers
                if problem.availability.get(p)
            ):
                starts.append(t)
    return starts


def solve(problem: Problem, *, time_limit_s: float = 30.0) -> dict[str, tuple[int, int]]:
    """Return each session's room and start slot, or raise NotSchedulable."""
    model = cp_model.CpModel()
    start: dict[str, cp_model.IntVar] = {}
    in_room: dict[str, dict[int, cp_model.IntVar]] = {}
    at_venue: dict[str, dict[int, cp_model.IntVar]] = {}
    by_room: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
    keep: list[cp_model.IntVar] = []
    for item in problem.items:
        starts = allowed_starts(item, problem)
        rooms = [r for r, (_, cap) in sorted(problem.rooms.items()) if cap >= item.audience]
        if not starts or not rooms:
            raise (NoSlotForSpeakers if rooms else NoRoomLargeEnough)(code=item.code)
        s = model.new_int_var_from_domain(cp_model.Domain.from_values(starts), f"start_{item.code}")
        start[item.code] = s
        choice = {r: model.new_bool_var(f"in_{item.code}_{r}") for r in rooms}
        in_room[item.code] = choice
        model.add_exactly_one(choice.values())
        for r, b in choice.items():
            by_room[r].append(
                model.new_optional_fixed_size_interval_var(s, item.length, b, f"iv_{item.code}_{r}")
            )
        venues: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for r, b in choice.items():
            venues[problem.rooms[r][0]].append(b)
        at_venue[item.code] = {}
        for v, bs in venues.items():
            vb = model.new_bool_var(f"at_{item.code}_{v}")
            model.add(vb == sum(bs))
            at_venue[item.code][v] = vb
        if item.previous is not None:
            room, slot = item.previous
            if room in choice and slot in starts:
                k = model.new_bool_var(f"keep_{item.code}")
                model.add(s == slot).only_enforce_if(k)
                model.add(choice[room] == 1).only_enforce_if(k)
                if item.locked:
                    model.add(k == 1)
                keep.append(k)
    for intervals in by_room.values():
        model.add_no_overlap(intervals)
    by_speaker: dict[str, list[Item]] = defaultdict(list)
    for item in problem.items:
        for p in item.speakers:
            by_speaker[p].append(item)
    pairs = {
        (a.code, b.code): (a, b)
        for items in by_speaker.values()
        for i, a in enumerate(items)
        for b in items[i + 1 :]
    }
    for (ca, cb), (ia, ib) in sorted(pairs.items()):
        first = model.new_bool_var(f"order_{ca}_{cb}")
        model.add(start[cb] >= start[ca] + ia.length).only_enforce_if(first)
        model.add(start[ca] >= start[cb] + ib.length).only_enforce_if(~first)
        for v, va in at_venue[ca].items():
            for w, wb in at_venue[cb].items():
                if v == w:
                    continue
                there = math.ceil(problem.travel.get((v, w), 0) / UNIT_MIN)
                back = math.ceil(problem.travel.get((w, v), 0) / UNIT_MIN)
                model.add(start[cb] >= start[ca] + ia.length + there).only_enforce_if(
                    [first, va, wb]
                )
                model.add(start[ca] >= start[cb] + ib.length + back).only_enforce_if(
                    [~first, va, wb]
                )
    if keep:
        model.maximize(sum(keep))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = 4
    solver.parameters.random_seed = 7
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise NoFeasibleSchedule()
    return {
        code: (next(r for r, b in in_room[code].items() if solver.value(b)), solver.value(s))
        for code, s in start.items()
    }


def to_slot(edition: Edition, at: datetime) -> int | None:
    """Return the slot of an instant on the edition's axis, or None off the quarter-hour grid."""
    local = at.astimezone(CASABLANCA)
    minute = local.hour * 60 + local.minute
    if minute % UNIT_MIN or local.second:
        return None
    return (local.date() - edition.starts_on).days * SLOTS_PER_DAY + minute // UNIT_MIN


def from_slot(edition: Edition, slot: int) -> datetime:
    """Return the instant of a slot on the edition's axis."""
    day = editions.days_of(edition)[slot // SLOTS_PER_DAY]
    return editions.local_instant(day, (slot % SLOTS_PER_DAY) * UNIT_MIN)


def build_problem(
    *, session: DbSession, settings: Settings, edition: Edition
) -> tuple[Problem, dict[int, Room]]:
    """Gather an edition's sessions, rooms, travel times and availability for the solver."""
    rooms = editions.rooms_by_id(session=session)
    venues = editions.venues_by_id(session=session)
    speakers = editions.speakers_by_code(session=session, edition=edition)
    items = []
    for row in sessions_of(session=session, edition=edition):
        previous = None
        if row.room_id is not None and row.starts_at is not None:
            slot = to_slot(edition, row.starts_at)
            previous = None if slot is None else (row.room_id, slot)
        items.append(
            Item(
                code=row.code,
                length=math.ceil(row.duration_min / UNIT_MIN),
                audience=row.audience,
                speakers=sorted({ref["speaker"] for ref in row.speakers}),
                previous=previous,
                locked=row.locked,
            )
        )
    availability = {}
    for code, speaker in speakers.items():
        spans = []
        for a, b in conflicts.windows(speaker):
            sa, sb = _ceil_slot(edition, a), _floor_slot(edition, b)
            if sa < sb:
                spans.append((sa, sb))
        if speaker.availability:
            availability[code] = spans
    days = [
        (
            i * SLOTS_PER_DAY + math.ceil(edition.day_starts / UNIT_MIN),
            i * SLOTS_PER_DAY + edition.day_ends // UNIT_MIN,
        )
        for i in range(len(editions.days_of(edition)))
    ]
    problem = Problem(
        items=items,
        rooms={r.id: (r.venue_id, r.capacity) for r in rooms.values()},
        travel=editions.travel_minutes(settings=settings, venues=venues.values()),
        days=days,
        availability=availability,
    )
    return problem, rooms


def _minutes_from_start(edition: Edition, at: datetime) -> float:
    local = at.astimezone(CASABLANCA)
    days = (local.date() - edition.starts_on).days
    return days * 24 * 60 + local.hour * 60 + local.minute + local.second / 60


def _ceil_slot(edition: Edition, at: datetime) -> int:
    return math.ceil(_minutes_from_start(edition, at) / UNIT_MIN)


def _floor_slot(edition: Edition, at: datetime) -> int:
    return math.floor(_minutes_from_start(edition, at) / UNIT_MIN)


def schedule_edition(
    *, session: DbSession, settings: Settings, edition: Edition, time_limit_s: float = 30.0
) -> ScheduleResult:
    """Place every session of an edition, moving as few already placed ones as possible."""
    began = time.perf_counter()
    problem, _ = build_problem(session=session, settings=settings, edition=edition)
    if not problem.items:
        raise NoSessions()
    result = solve(problem, time_limit_s=time_limit_s)
    moved = 0
    for row in sessions_of(session=session, edition=edition):
        room, slot = result[row.code]
        at = from_slot(edition, slot)
        if row.room_id is not None and (row.room_id != room or row.starts_at != at):
            moved += 1
        row.room_id, row.starts_at = room, at
    session.flush()
    found = conflicts.check_edition(session=session, settings=settings, edition=edition)
    return ScheduleResult(
        status="placed",
        placed=len(result),
        moved=moved,
        conflicts=found,
        seconds=round(time.perf_counter() - began, 3),
    )
