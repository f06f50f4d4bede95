"""Bulk import of registrations (one transaction, batched flushes) against one row per transaction.

Prints one JSON line: seconds to import N rows, with the per-row-transaction rate measured on a
tenth of the rows with ``register`` (scaled to N) as the baseline.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from expo_helpers import bench_edition

from casa.core import migrate
from casa.core.db import Database
from casa.expo import editions, registration
from casa.expo.schemas import RegistrationIn

N = int(os.environ.get("BENCH_ROWS", "6000"))
NOW = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


def _rows(prefix: str, n: int) -> list[dict[str, str]]:
    return [
        {
            "category": "professional" if i % 3 else "citizen",
            "name": f"Person {i}",
            "email": f"{prefix}{i}@example.org",
            "organisation": "Org",
            "city": "Casablanca",
            "country": "MA",
            "consent": "yes",
        }
        for i in range(n)
    ]


def main() -> None:
    """Import N rows in bulk, then N/10 rows one transaction each, on fresh SQLite files."""
    url = os.environ.get("CASA_BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory() as tmp:
        url = url or f"sqlite:///{Path(tmp) / 'casa.db'}"
        migrate.upgrade(url)
        db = Database(url)
        with db.session() as session:
            edition = bench_edition(session, NOW)
            registration.ensure_categories(
                session=session, edition=edition, quotas={"professional": N, "citizen": N}
            )
        began = time.perf_counter()
        with db.session() as session:
            edition = editions.get_edition(session=session, year=2026)
            report = registration.import_rows(
                session=session, edition=edition, rows=_rows("bulk", N), now=NOW
            )
        bulk = time.perf_counter() - began
        few = max(1, N // 10)
        began = time.perf_counter()
        for row in _rows("one", few):
            with db.session() as session:
                edition = editions.get_edition(session=session, year=2026)
                data = RegistrationIn(**{**row, "consent": True})  # type: ignore[arg-type]
                registration.register(session=session, edition=edition, data=data, now=NOW)
        naive = (time.perf_counter() - began) * N / few
        db.dispose()
    print(
        json.dumps(
            {
                "bench": "expo_import",
                "metric": "seconds",
                "value": round(bulk, 2),
                "unit": "s",
                "baseline": round(naive, 2),
                "ratio": round(bulk / naive, 3),
                "n": N,
                "created": report["created"],
                "errors": len(report["errors"]),
                "target": 30,
            }
        )
    )


if __name__ == "__main__":
    main()
