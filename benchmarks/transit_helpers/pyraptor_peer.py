"""The pyraptor side of the race; runs in pyraptor's own environment (numpy<2, pandas 1.5).

Reads a GTFS folder for one date, builds pyraptor's timetable, then answers the queries given
as JSON on standard input ([origin stop, destination stop, departure seconds], ...), printing
one JSON line per query: the arrival found and the seconds the search took.

pyraptor 1.3.10's plain RAPTOR finds nothing (``RaptorAlgorithm.run`` drops the copies that
``Label.update`` returns, so no stop is ever reached); its McRAPTOR works, so the race uses it.
"""

from __future__ import annotations

import json
import sys
import time

from loguru import logger
from pyraptor.gtfs.timetable import gtfs_to_pyraptor_timetable, read_gtfs_timetable
from pyraptor.model.mcraptor import McRaptorAlgorithm


def main() -> None:
    folder, day, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    logger.remove()
    start = time.perf_counter()
    timetable = gtfs_to_pyraptor_timetable(read_gtfs_timetable(folder, day, ["Casa"]))
    print(json.dumps({"build_s": time.perf_counter() - start}), flush=True)
    for origin, destination, depart in json.loads(sys.stdin.read()):
        from_stops = timetable.stations.get(origin).stops
        to_stops = timetable.stations.get_stops(destination)
        t0 = time.perf_counter()
        bags, last = McRaptorAlgorithm(timetable).run(from_stops, depart, rounds)
        elapsed = time.perf_counter() - t0
        # The search stops early when nothing improves; later rounds' bags stay empty.
        times = [
            label.earliest_arrival_time
            for k in range(last + 1)
            for s in to_stops
            for label in bags[k][s].labels
        ]
        arrival = min(times) if times else None
        print(json.dumps({"arrival": arrival, "s": elapsed}), flush=True)


if __name__ == "__main__":
    main()
