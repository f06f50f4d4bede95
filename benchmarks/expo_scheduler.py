"""The scheduler on the 2018 programme and on 100 sessions, against a greedy first-fit baseline.

Prints one JSON line per programme: seconds to place it, its conflicts, and the greedy method's
count of sessions it could not place without a conflict.
"""

from __future__ import annotations

import json
import random
import time

from casa.expo.scheduler import Item, Problem, solve

DAY = 96


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


def greedy(p: Problem) -> int:
    """Place sessions first-fit in order; return how many found no conflict-free spot."""
    busy_room: dict[int, set[int]] = {r: set() for r in p.rooms}
    busy_person: dict[str, list[tuple[int, int, int]]] = {}
    failed = 0
    for item in p.items:
        placed = False
        for open_, close in p.days:
            for t in range(open_, close - item.length + 1):
                for r, (venue, cap) in sorted(p.rooms.items()):
                    span = set(range(t, t + item.length))
                    if cap < item.audience or span & busy_room[r]:
                        continue
                    if any(
                        t < e + p.travel[(v, venue)] // 15
                        and s < t + item.length + p.travel[(venue, v)] // 15
                        for sp in item.speakers
                        for s, e, v in busy_person.get(sp, [])
                    ):
                        continue
                    busy_room[r] |= span
                    for sp in item.speakers:
                        busy_person.setdefault(sp, []).append((t, t + item.length, venue))
                    placed = True
                    break
                if placed:
                    break
            if placed:
                break
        failed += not placed
    return failed


def main() -> None:
    """Time the scheduler on the 2018-sized and the 100-session programmes."""
    for name, args, target in (
        ("2018", (15, 85, 2, 7, 2018), 5),
        ("100", (100, 250, 3, 10, 100), 60),
    ):
        p = problem(*args)
        began = time.perf_counter()
        solve(p, time_limit_s=target)
        seconds = time.perf_counter() - began
        began = time.perf_counter()
        unplaced = greedy(p)
        greedy_s = time.perf_counter() - began
        print(
            json.dumps(
                {
                    "bench": "expo_scheduler",
                    "metric": f"seconds_{name}",
                    "value": round(seconds, 3),
                    "unit": "s",
                    "baseline": round(greedy_s, 3),
                    "ratio": round(seconds / max(greedy_s, 1e-6), 1),
                    "sessions": len(p.items),
                    "greedy_unplaced": unplaced,
                    "target_s": target,
                }
            )
        )


if __name__ == "__main__":
    main()
