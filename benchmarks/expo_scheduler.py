"""The scheduler on the 2018 programme and on 100 sessions, checked by the conflict checker.

The 2018 programme is the demo edition (15 sessions, 85 speakers, its venues and rooms) loaded
into a fresh SQLite file, unplaced, then placed by ``schedule_edition``, which runs the conflict
checker on its result. The 100-session programme is synthetic, shaped like the Expo's (panels
of up to six speakers, three days, ten rooms across venues with travel times); the solver's
placement is turned into slots and given to the same checker. The baseline, timed in the same
run on the same problems, is a greedy first-fit placement: it prints its seconds, the sessions
it could not place and the conflicts of what it placed.

One JSON line per figure: seconds and conflicts for each programme.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import update

from casa.core import migrate
from casa.core.config import Settings
from casa.core.db import Database
from casa.expo import conflicts, demo, editions
from casa.expo.models import Room, Session
from casa.expo.scheduler import UNIT_MIN, Item, Problem, build_problem, schedule_edition, solve

DAY = 96
NOW = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
AXIS = datetime(2026, 4, 20, tzinfo=UTC)


def problem(n_sessions: int, n_speakers: int, days: int, rooms: int, seed: int) -> Problem:
    """Return a synthetic programme shaped like the Expo's: panels of speakers, several venues."""
    rng = random.Random(seed)
    venues = max(2, rooms // 3)
    room_map = {r + 1: (r % venues, rng.choice([120, 250, 400, 600])) for r in range(rooms)}
    travel = {
        (a, b): 0 if a == b else rng.choice([15, 25, 40])
        for a in range(venues)
        for b in range(venues)
    }
    items = []
    for i in range(n_sessions):
        panel = rng.sample(range(n_speakers), k=min(n_speakers, rng.randint(1, 6)))
        items.append(
            Item(
                code=f"S{i:05d}",
                length=rng.choice([3, 4, 6]),
                audience=rng.choice([80, 150, 240]),
                speakers=[f"p{p}" for p in panel],
            )
        )
    return Problem(
        items=items,
        rooms=room_map,
        travel=travel,
        days=[(d * DAY + 36, d * DAY + 76) for d in range(days)],
    )


def greedy(p: Problem) -> dict[str, tuple[int, int]]:
    """Place sessions first-fit in order, skipping any spot with a conflict; return placements."""
    busy_room: dict[int, set[int]] = {r: set() for r in p.rooms}
    busy_person: dict[str, list[tuple[int, int, int]]] = {}
    placed: dict[str, tuple[int, int]] = {}
    for item in p.items:
        spot = _first_fit(p, item, busy_room, busy_person)
        if spot is None:
            continue
        r, t = spot
        busy_room[r] |= set(range(t, t + item.length))
        for sp in item.speakers:
            busy_person.setdefault(sp, []).append((t, t + item.length, p.rooms[r][0]))
        placed[item.code] = spot
    return placed


def _first_fit(
    p: Problem,
    item: Item,
    busy_room: dict[int, set[int]],
    busy_person: dict[str, list[tuple[int, int, int]]],
) -> tuple[int, int] | None:
    for open_, close in p.days:
        for t in range(open_, close - item.length + 1):
            span = set(range(t, t + item.length))
            if not all(
                any(a <= t and t + item.length <= b for a, b in p.availability[sp])
                for sp in item.speakers
                if p.availability.get(sp)
            ):
                continue
            for r, (venue, cap) in sorted(p.rooms.items()):
                if cap < item.audience or span & busy_room[r]:
                    continue
                if any(
                    t < e + -(-p.travel.get((v, venue), 0) // UNIT_MIN)
                    and s < t + item.length + -(-p.travel.get((venue, v), 0) // UNIT_MIN)
                    for sp in item.speakers
                    for s, e, v in busy_person.get(sp, [])
                ):
                    continue
                return r, t
    return None


def check(p: Problem, placed: dict[str, tuple[int, int]]) -> int:
    """Return the conflict checker's count for placements on a synthetic problem."""
    rooms = {
        r: Room(id=r, venue_id=venue, name=f"room {r}", capacity=cap)
        for r, (venue, cap) in p.rooms.items()
    }
    at = {i.code: i for i in p.items}
    slots = [
        conflicts.Slot(
            code=code,
            room_id=r,
            venue_id=p.rooms[r][0],
            start=AXIS + timedelta(minutes=t * UNIT_MIN),
            end=AXIS + timedelta(minutes=(t + at[code].length) * UNIT_MIN),
            audience=at[code].audience,
            speakers=frozenset(at[code].speakers),
        )
        for code, (r, t) in placed.items()
    ]
    bounds = [
        (AXIS + timedelta(minutes=a * UNIT_MIN), AXIS + timedelta(minutes=b * UNIT_MIN))
        for a, b in p.days
    ]
    return len(conflicts.check(slots, rooms=rooms, travel=p.travel, availability={}, bounds=bounds))


def line(metric: str, value: float, unit: str, baseline: float, **data: Any) -> str:
    """Return one figure as a JSON line."""
    ratio = round(value / baseline, 2) if baseline else None
    return json.dumps(
        {
            "bench": "expo_scheduler",
            "metric": metric,
            "value": value,
            "unit": unit,
            "baseline": baseline,
            "ratio": ratio,
            **data,
        },
        ensure_ascii=False,
    )


def bench_2018(tmp: Path) -> list[str]:
    """Place the demo 2018 programme from scratch; the checker runs inside schedule_edition."""
    url = f"sqlite:///{tmp / 'casa.db'}"
    migrate.upgrade(url)
    settings = Settings(database_url=url, var_dir=tmp)
    db = Database(url)
    try:
        with db.session() as session:
            demo.load_2018(session=session, settings=settings, now=NOW, participants=1)
        with db.session() as session:
            edition = editions.get_edition(session=session, year=2018)
            session.execute(
                update(Session)
                .where(Session.edition_id == edition.id)
                .values(room_id=None, starts_at=None, locked=False)
            )
            speakers = len(editions.speakers_by_code(session=session, edition=edition))
            began = time.perf_counter()
            result = schedule_edition(
                session=session, settings=settings, edition=edition, time_limit_s=5
            )
            seconds = time.perf_counter() - began
            p, _ = build_problem(session=session, settings=settings, edition=edition)
            session.rollback()
    finally:
        db.dispose()
    began = time.perf_counter()
    placed = greedy(p)
    greedy_s = time.perf_counter() - began
    size = {
        "sessions": len(p.items),
        "speakers": speakers,
        "rooms": len(p.rooms),
        "days": len(p.days),
        "target_s": 5,
    }
    return _figures("2018", seconds, len(result.conflicts), greedy_s, p, placed, size)


def bench_synthetic(name: str, args: tuple[int, int, int, int, int], target: int) -> list[str]:
    """Place a synthetic programme with the solver and the greedy baseline; check both."""
    p = problem(*args)
    began = time.perf_counter()
    result = solve(p, time_limit_s=target)
    seconds = time.perf_counter() - began
    found = check(p, result) + len(p.items) - len(result)
    began = time.perf_counter()
    placed = greedy(p)
    greedy_s = time.perf_counter() - began
    size = {
        "sessions": len(p.items),
        "speakers": args[1],
        "rooms": len(p.rooms),
        "days": len(p.days),
        "target_s": target,
    }
    return _figures(name, seconds, found, greedy_s, p, placed, size)


def _figures(
    name: str,
    seconds: float,
    found: int,
    greedy_s: float,
    p: Problem,
    placed: dict[str, tuple[int, int]],
    size: dict[str, int],
) -> list[str]:
    unplaced = len(p.items) - len(placed)
    greedy_conflicts = check(p, placed) + unplaced
    baseline = {"greedy_unplaced": unplaced, "greedy_conflicts": greedy_conflicts}
    return [
        line(f"seconds_{name}", round(seconds, 3), "s", round(greedy_s, 4), **size, **baseline),
        line(f"conflicts_{name}", found, "conflicts", greedy_conflicts, **size, **baseline),
    ]


def main() -> None:
    """Time and check the scheduler on the 2018 programme and on 100 sessions."""
    with tempfile.TemporaryDirectory() as tmp:
        for out in bench_2018(Path(tmp)):
            print(out)
    for out in bench_synthetic("100", (100, 250, 3, 10, 100), 60):
        print(out)


if __name__ == "__main__":
    main()
