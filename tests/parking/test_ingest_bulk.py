"""Observations stored in bulk: whole batches, the in-memory table of sites, large batches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from casa.core.db import Database
from casa.parking import ingest, ingest_store, sites
from casa.parking.schemas import BatchResult, RejectedObservation
from tests.parking.factories import make_site, make_source

pytestmark = pytest.mark.unit

T0 = datetime(2026, 4, 18, 9, 0, tzinfo=UTC)


def _obs(free: int, at: datetime, site: str = "a") -> dict[str, object]:
    return {"site": site, "free": free, "observed_at": at.isoformat()}


def _push(db: Database, items: list[dict[str, object]], key: str | None = None) -> BatchResult:
    with db.session() as session:
        source = None if key is None else ingest.source_for_key(session=session, key=key)
        return ingest.ingest(session=session, items=items, channel="http", now=T0, source=source)


def _free(db: Database, *refs: str) -> list[int | None]:
    with db.session() as session:
        return [sites.describe(session=session, ref=r, now=T0).live.free for r in refs]


def test_batch_of_many_sites_keeps_each_rule(db: Database) -> None:
    for ref in ("a", "b", "c"):
        make_site(db, ref, capacity=10)
    _push(db, [_obs(9, T0 - timedelta(minutes=1), "c")])

    result = _push(
        db,
        [
            _obs(1, T0 - timedelta(minutes=3), "a"),
            _obs(2, T0 - timedelta(minutes=2), "a"),
            _obs(2, T0 - timedelta(minutes=2), "a"),
            _obs(5, T0 - timedelta(minutes=4), "b"),
            _obs(4, T0 - timedelta(minutes=5), "c"),
            _obs(11, T0, "b"),
            _obs(3, T0, "nowhere"),
        ],
    )

    assert result == BatchResult(
        received=7,
        accepted=3,
        duplicates=1,
        late=1,
        rejected=2,
        errors=[
            RejectedObservation(
                index=5,
                reason="impossible",
                detail="free must be between 0 and the capacity 10, not 11",
            ),
            RejectedObservation(
                index=6, reason="unknown-site", detail="no site has the reference 'nowhere'"
            ),
        ],
    )
    assert _free(db, "a", "b", "c") == [2, 5, 9]


def test_site_created_after_a_batch_is_known_to_the_next(db: Database) -> None:
    make_site(db, "a")
    first = _push(db, [_obs(1, T0, "a"), _obs(1, T0, "b")])

    make_site(db, "b")
    second = _push(db, [_obs(2, T0, "b")])

    assert ([e.reason for e in first.errors], second.accepted, _free(db, "b")) == (
        ["unknown-site"],
        1,
        [2],
    )


def test_capacity_change_is_known_to_the_next_batch(db: Database) -> None:
    make_site(db, "a", capacity=10)
    first = _push(db, [_obs(15, T0 - timedelta(minutes=1))])

    make_site(db, "a", capacity=20)
    second = _push(db, [_obs(15, T0)])

    assert ([e.reason for e in first.errors], second.accepted, _free(db, "a")) == (
        ["impossible"],
        1,
        [15],
    )


def test_sites_given_to_a_new_source_are_known_to_the_next_batch(db: Database) -> None:
    make_site(db, "a")
    make_site(db, "b")
    everything = make_source(db, "all", all_sites=True)
    _push(db, [_obs(1, T0 - timedelta(minutes=1), "a")], key=everything)

    only_b = make_source(db, "only-b", site_refs=["b"])
    result = _push(db, [_obs(2, T0, "a"), _obs(3, T0, "b")], key=only_b)

    assert ([(e.index, e.reason) for e in result.errors], _free(db, "a", "b")) == (
        [(0, "forbidden")],
        [1, 3],
    )


def test_batch_larger_than_one_insert_is_stored_whole(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_store, "_INSERT_ROWS", 3)
    make_site(db, "a", capacity=100)
    make_site(db, "b", capacity=100)
    items = [_obs(i, T0 - timedelta(minutes=20 - i), "a" if i % 2 else "b") for i in range(1, 11)]
    _push(db, items[:4])

    result = _push(db, items)

    assert (result.accepted, result.duplicates, result.late, _free(db, "a", "b")) == (
        6,
        4,
        0,
        [9, 10],
    )
