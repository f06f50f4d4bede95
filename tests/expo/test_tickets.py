from __future__ import annotations

import threading
import uuid

import pytest

from casa.core.db import Database
from casa.expo import checkin, editions, registration, tickets
from casa.expo.schemas import CheckinIn, RegistrationIn
from tests.expo.factories import NOW, YEAR, make_edition

pytestmark = pytest.mark.integration


def _ticket(db: Database, email: str = "visitor@casa.ma") -> tuple[int, str]:
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = registration.register(
            session=session,
            edition=edition,
            now=NOW,
            data=RegistrationIn(category="professional", name="Visitor", email=email, consent=True),
        )
        out = registration.to_out(session=session, edition=edition, registration=row, now=NOW)
        assert out.secret is not None
        return row.id, out.secret


def _scan(
    db: Database,
    secret: str,
    gate: str = "twin-center:a",
    kind: str = "entry",
    nonce: str | None = None,
) -> tuple[bool, str, bool]:
    with db.session() as session:
        out = checkin.scan(
            session=session,
            now=NOW,
            lang="en",
            data=CheckinIn(secret=secret, gate=gate, type=kind, nonce=nonce or uuid.uuid4().hex),
        )
        return out.accepted, out.reason, out.replayed


def test_offline_verification_tells_genuine_forged_altered_and_revoked(db: Database) -> None:
    make_edition(db, sessions=0)
    ident, secret = _ticket(db)
    _, other = _ticket(db, "other@casa.ma")
    body, sig = secret.split(".")
    altered = tickets._b64(tickets._unb64(body).replace(b"professional", b"vip")) + "." + sig
    forged = body + "." + other.split(".")[1]
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        registration.cancel(session=session, edition=edition, ident=ident, now=NOW)
        bundle = tickets.offline_bundle(session=session, edition=edition)
    gate = tickets.Verifier(bundle["keys"], set(bundle["revoked"]), YEAR)

    reasons = [gate.verify(s).reason for s in (other, altered, forged, secret, "garbage")]

    assert reasons == ["ok", "bad_signature", "bad_signature", "revoked", "malformed"]


def test_entry_exit_and_replayed_nonce_count_once(db: Database) -> None:
    make_edition(db, sessions=0)
    _, secret = _ticket(db)

    results = [
        _scan(db, secret, nonce="nonce-0001"),
        _scan(db, secret, nonce="nonce-0001"),
        _scan(db, secret, gate="technopark:b"),
        _scan(db, secret, kind="exit", gate="twin-center:b"),
        _scan(db, secret, gate="technopark:b"),
    ]
    with db.session() as session:
        counts = checkin.counts(
            session=session, edition=editions.get_edition(session=session, year=YEAR)
        )

    assert results == [
        (True, "ok", False),
        (True, "ok", True),
        (False, "already_inside", False),
        (True, "left", False),
        (True, "ok", False),
    ]
    assert [(c.venue, c.inside) for c in counts] == [("technopark", 1), ("twin-center", 0)]


def test_same_ticket_at_two_gates_at_once_is_admitted_once(db: Database) -> None:
    make_edition(db, sessions=0)
    _, secret = _ticket(db)
    barrier = threading.Barrier(8)
    results: list[bool] = []
    lock = threading.Lock()

    def gate(i: int) -> None:
        barrier.wait()
        accepted, _, _ = _scan(db, secret, gate=f"twin-center:g{i}")
        with lock:
            results.append(accepted)

    threads = [threading.Thread(target=gate, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(results) == [False] * 7 + [True]


def test_unknown_gate_is_refused(db: Database) -> None:
    from casa.expo.exceptions import InvalidGate

    make_edition(db, sessions=0)
    _, secret = _ticket(db)

    with pytest.raises(InvalidGate):
        _scan(db, secret, gate="nowhere:a")
