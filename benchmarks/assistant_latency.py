"""WEBOT in process: p50/p95 per message for replies that plan a journey, and peak memory.

Runs on a fresh SQLite database loaded with the bundled data; prints one JSON line per figure.
The baseline is the transit planner asked directly (the part of the reply that is not WEBOT's).
Wall-clock figures are the target's; CPU time per reply (this thread only) is printed too,
because on a shared machine it moves far less with the neighbours' load.
"""

from __future__ import annotations

import json
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from casa.assistant import service
from casa.city import service as city
from casa.core import migrate
from casa.core.db import Database
from casa.parking import sites
from casa.transit import service as transit

NOW = datetime(2026, 4, 20, 6, 30, tzinfo=UTC)
MESSAGES = [
    "kifach nmchi mn casa port l ain diab ghda f 8",
    "Comment aller de Casa Voyageurs à Anfa Park à 8h30 ?",
    "How do I get from Lissasfa to Sidi Moumen at 5pm?",
    "كيفاش نمشي من كازا بور ل سيدي معروف دابا؟",
    "كيف أذهب من المعاريف إلى الأحباس؟",
]
ROUNDS = 40


def p95(values: list[float]) -> float:
    """Return the 95th percentile."""
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    """Measure and print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        migrate.upgrade(url)
        db = Database(url)
        with db.session() as session:
            city.load_bundled(session=session)
            sites.load_bundled(session=session, now=NOW)
            transit.load_bundled(session=session, now=NOW)
        with db.session() as session:
            service.reply(session=session, conversation_id=None, text=MESSAGES[0], now=NOW)
            times, plans, cpu, cpu_plans = [], [], [], []
            for _ in range(ROUNDS):
                for text in MESSAGES:
                    start, start_cpu = time.perf_counter(), time.thread_time()
                    answer = service.reply(
                        session=session, conversation_id=None, text=text, now=NOW
                    )
                    times.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.thread_time() - start_cpu) * 1000)
                    assert "journey" in answer.data, text
                    start, start_cpu = time.perf_counter(), time.thread_time()
                    transit.plan(
                        session=session, origin="Casa Port", destination="Ain Diab", when=NOW
                    )
                    plans.append((time.perf_counter() - start) * 1000)
                    cpu_plans.append((time.thread_time() - start_cpu) * 1000)
            session.rollback()
        db.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(times)
    for metric, value, base in (
        ("reply_with_journey_p50", statistics.median(times), statistics.median(plans)),
        ("reply_with_journey_p95", p95(times), p95(plans)),
        ("reply_with_journey_cpu_p95", p95(cpu), p95(cpu_plans)),
    ):
        print(
            json.dumps(
                {
                    "bench": "assistant_latency",
                    "metric": metric,
                    "value": round(value, 2),
                    "unit": "ms",
                    "baseline": round(base, 2),
                    "ratio": round(value / base, 2),
                    "n": n,
                    "target": 20,
                }
            )
        )
    print(
        json.dumps(
            {
                "bench": "assistant_latency",
                "metric": "peak_rss",
                "value": round(peak_mb),
                "unit": "MB",
                "baseline": None,
                "ratio": None,
                "n": n,
                "target": 300,
            }
        )
    )


if __name__ == "__main__":
    main()
