"""Lead scanning at a stand against check-in at a gate, on the same badges, in the same run.

Both verify the badge's signature and write one row in their own unit of work (SQLite, WAL).
A hall of 60 stands scanning at a busy moment asks for a few tens of scans per second: the
target is 100 scans/s on one worker. Prints one JSON line: leads recorded per second, with the
gate's check-ins per second (a path written for throughput) as the baseline.
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from expo_helpers import bench_edition

from casa.core import migrate
from casa.core.db import Database
from casa.expo import booths, checkin, editions, exhibitors, leads, registration
from casa.expo.schemas import CheckinIn, RegistrationIn, VenueIn
from casa.expo.schemas_exhibitors import BoothIn, ExhibitorIn, HallIn

N = 600
NOW = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)


def _setup(db: Database) -> list[str]:
    with db.session() as session:
        edition = bench_edition(session, NOW)
        editions.upsert_venue(
            session=session,
            data=VenueIn(slug="twin-center", name="Twin Center", lat=33.5, lon=-7.6),
        )
        booths.upsert_hall(
            session=session,
            edition=edition,
            data=HallIn(
                slug="hall",
                venue="twin-center",
                name="Hall",
                width=10,
                depth=10,
                booths=[BoothIn(code="S1", x=0, y=0, w=3, h=3)],
            ),
        )
        exhibitors.upsert_exhibitor(
            session=session,
            edition=edition,
            data=ExhibitorIn(
                slug="stand", name="Stand", kind="exhibitor", sector="other", country="MA"
            ),
            now=NOW,
        )
        registration.ensure_categories(session=session, edition=edition, quotas={"citizen": N})
        secrets = []
        for i in range(N):
            row = registration.register(
                session=session,
                edition=edition,
                data=RegistrationIn(
                    category="citizen",
                    name=f"Visitor {i}",
                    email=f"v{i}@example.org",
                    consent=True,
                    share_with_exhibitors=i % 2 == 0,
                ),
                now=NOW,
            )
            out = registration.to_out(session=session, edition=edition, registration=row, now=NOW)
            assert out.secret is not None
            secrets.append(out.secret)
    return secrets


def _scan_leads(db: Database, secrets: list[str]) -> float:
    began = time.perf_counter()
    for secret in secrets:
        with db.session() as session:
            edition = editions.get_edition(session=session, year=2026)
            stand = exhibitors.get_exhibitor(session=session, edition=edition, slug="stand")
            leads.scan(
                session=session,
                edition=edition,
                exhibitor=stand,
                code=secret,
                user_id=None,
                now=NOW,
            )
    return len(secrets) / (time.perf_counter() - began)


def _check_in(db: Database, secrets: list[str]) -> float:
    began = time.perf_counter()
    for i, secret in enumerate(secrets):
        with db.session() as session:
            data = CheckinIn(
                secret=secret, gate="twin-center:a", type="entry", nonce=f"bench{i:08d}"
            )
            checkin.scan(session=session, data=data, now=NOW)
    return len(secrets) / (time.perf_counter() - began)


def main() -> None:
    """Register N visitors, then scan every badge at a stand and at a gate."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        migrate.upgrade(url)
        db = Database(url)
        try:
            secrets = _setup(db)
            rate = _scan_leads(db, secrets)
            gate = _check_in(db, secrets)
        finally:
            db.dispose()
    print(
        json.dumps(
            {
                "bench": "expo_leads",
                "metric": "leads_per_s",
                "value": round(rate),
                "unit": "scans/s",
                "baseline": round(gate),
                "ratio": round(rate / gate, 2),
                "n": N,
                "database": "sqlite",
                "target": 100,
            }
        )
    )


if __name__ == "__main__":
    main()
