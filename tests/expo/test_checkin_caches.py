"""What check-in keeps in memory never hides a change: revocations, new keys, new venues."""

from __future__ import annotations

import threading
import uuid

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from casa.expo import checkin, editions, registration, tickets
from casa.expo.schemas import CheckinIn, RegistrationIn, RoomIn, VenueIn
from tests.expo.factories import NOW, YEAR, make_edition
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration


def _ticket(db: Database, email: str) -> tuple[int, str]:
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = registration.register(
            session=session,
            edition=edition,
            now=NOW,
            data=RegistrationIn(category="citizen", name=email, email=email, consent=True),
        )
        out = registration.to_out(session=session, edition=edition, registration=row, now=NOW)
        assert out.secret is not None
        return row.id, out.secret


def _scan(db: Database, secret: str, gate: str = "twin-center:a", kind: str = "entry") -> str:
    with db.session() as session:
        data = CheckinIn(secret=secret, gate=gate, type=kind, nonce=uuid.uuid4().hex)
        return checkin.scan(session=session, data=data, now=NOW, lang="en").reason


def test_a_cancelled_ticket_is_refused_at_once_though_keys_are_cached(db: Database) -> None:
    make_edition(db, sessions=0)
    ident, secret = _ticket(db, "a@casa.ma")
    _, other = _ticket(db, "b@casa.ma")
    first = [_scan(db, secret), _scan(db, secret, kind="exit")]
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        revoked_before = tickets.revoked(session=session, edition=edition)
        registration.cancel(session=session, edition=edition, ident=ident, now=NOW)

    after = [_scan(db, secret), _scan(db, other)]
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        gate = tickets.verifier_for(session=session, edition=edition)
        revoked_after = tickets.revoked(session=session, edition=edition)

    assert (first, after) == (["ok", "left"], ["revoked", "ok"])
    assert (revoked_before, revoked_after) == (set(), {secret_ticket(secret)})
    assert (gate.verify(secret).reason, gate.verify(other).reason) == ("revoked", "ok")


def secret_ticket(secret: str) -> str:
    """Return the ticket identifier a QR secret carries."""
    return tickets._unb64(secret.split(".")[0]).decode().split("|")[1]


def test_a_key_rotated_by_another_worker_is_known_at_the_next_scan(db: Database) -> None:
    make_edition(db, sessions=0)
    _, old_secret = _ticket(db, "a@casa.ma")
    warm = _scan(db, old_secret)
    other_worker = Database(db.url)
    with other_worker.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        tickets.new_key(session=session, edition=edition, now=NOW)
    other_worker.dispose()
    _, new_secret = _ticket(db, "b@casa.ma")

    reasons = [warm, _scan(db, new_secret), _scan(db, old_secret, kind="exit")]

    kids = {
        tickets._unb64(s.split(".")[0]).decode().split("|")[0] for s in (old_secret, new_secret)
    }
    assert (len(kids), reasons) == (2, ["ok", "ok", "left"])


def test_a_venue_created_after_the_first_scans_opens_its_gates(db: Database) -> None:
    make_edition(db, sessions=0)
    _, secret = _ticket(db, "a@casa.ma")
    before = _scan(db, secret)
    _scan(db, secret, kind="exit")
    with db.session() as session:
        editions.upsert_venue(
            session=session,
            data=VenueIn(
                slug="anfa-park",
                name="Anfa Park",
                lat=33.5617,
                lon=-7.6616,
                rooms=[RoomIn(name="Tente", capacity=500)],
            ),
        )

    reasons = [before, _scan(db, secret, gate="anfa-park:nord")]

    assert reasons == ["ok", "ok"]


def test_api_scans_answer_each_their_own_even_when_grouped(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=0)
    make_user(db, email="gate@casa.ma", roles=("staff",))
    make_user(db, email="visitor@casa.ma")
    gate, visitor = bearer(client, "gate@casa.ma"), bearer(client, "visitor@casa.ma")
    _, secret = _ticket(db, "a@casa.ma")
    scan = {"secret": secret, "gate": "twin-center:a", "type": "entry", "nonce": "n-00000001"}

    answers = [
        client.post("/api/v1/expo/checkins", json=scan, headers=gate),
        client.post("/api/v1/expo/checkins", json=scan, headers=gate),
        client.post("/api/v1/expo/checkins", json={**scan, "nonce": "n-00000002"}, headers=gate),
        client.post("/api/v1/expo/checkins", json={**scan, "gate": "nowhere:a"}, headers=gate),
        client.post("/api/v1/expo/checkins", json={**scan, "nonce": "n-00000003"}, headers=visitor),
        client.post("/api/v1/expo/checkins", json=scan),
    ]

    assert [(a.status_code, a.json().get("reason")) for a in answers[:3]] == [
        (200, "ok"),
        (200, "ok"),
        (200, "already_inside"),
    ]
    assert [a.json()["replayed"] for a in answers[:3]] == [False, True, False]
    assert [(a.status_code, a.json()["type"]) for a in answers[3:]] == [
        (422, "https://casa.ma/problems/expo-invalid-gate"),
        (403, "https://casa.ma/problems/permission-denied"),
        (401, "https://casa.ma/problems/not-authenticated"),
    ]


def test_same_ticket_at_eight_gates_through_the_api_is_admitted_once(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=0)
    make_user(db, email="gate@casa.ma", roles=("staff",))
    gate = bearer(client, "gate@casa.ma")
    _, secret = _ticket(db, "a@casa.ma")
    barrier = threading.Barrier(8)
    reasons: list[str] = []
    lock = threading.Lock()

    def at_gate(i: int) -> None:
        body = {
            "secret": secret,
            "gate": f"twin-center:g{i}",
            "type": "entry",
            "nonce": f"g{i:08d}",
        }
        barrier.wait()
        answer = client.post("/api/v1/expo/checkins", json=body, headers=gate).json()
        with lock:
            reasons.append(answer["reason"])

    threads = [threading.Thread(target=at_gate, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(reasons) == ["already_inside"] * 7 + ["ok"]
