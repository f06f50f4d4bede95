"""The gate checks tickets itself while the server cannot be reached, and syncs once back.

With the edition's offline bundle (public keys, cancelled tickets) in the page, a gate that
lost the network admits a genuine ticket provisionally, refuses a forged or cancelled one with
the server's reasons, and keeps every scan with its nonce; back online, the server's answers
are final and a second sync of the same scans counts nothing twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from casa.core.db import Database
from casa.core.i18n import gettext
from casa.expo import checkin, editions, registration
from casa.expo.checkin import SCAN_REASONS
from casa.expo.models import Scan
from casa.expo.schemas import RegistrationIn
from tests.expo.factories import NOW, YEAR, make_edition
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.e2e

NO_ED25519 = """
(() => {
  const original = crypto.subtle.importKey.bind(crypto.subtle);
  crypto.subtle.importKey = (format, data, algorithm, ...rest) =>
    (algorithm && (algorithm.name || algorithm)) === "Ed25519"
      ? Promise.reject(new DOMException("Algorithm: Unrecognized name", "NotSupportedError"))
      : original(format, data, algorithm, ...rest);
})();
"""


@dataclass
class Gate:
    """A served edition, its database, and the secrets of its visitors' tickets."""

    url: str
    db: Database
    secrets: dict[str, str]


def _fr(message: str) -> str:
    return gettext(message, "fr")


@pytest.fixture
def gate(database_url: str, serve: Any) -> Iterator[Gate]:
    """Serve an edition with a gate agent and three tickets, Karim's cancelled."""
    db = Database(database_url)
    make_edition(db, sessions=0)
    make_user(db, email="gate@casa.ma", roles=("staff",))
    secrets: dict[str, str] = {}
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        for name in ("Salma", "Karim", "Nadia"):
            data = RegistrationIn(
                category="citizen", name=name, email=f"{name.lower()}@casa.ma", consent=True
            )
            row = registration.register(session=session, edition=edition, now=NOW, data=data)
            out = registration.to_out(session=session, edition=edition, registration=row, now=NOW)
            assert out.secret is not None
            secrets[name] = out.secret
            if name == "Karim":
                registration.cancel(session=session, edition=edition, ident=row.id, now=NOW)
    yield Gate(serve({"CASA_DATABASE_URL": database_url}).url, db, secrets)
    db.dispose()


def _open_gate(page: Any, url: str) -> None:
    page.goto(f"{url}/login?next=/expo/{YEAR}/checkin")
    page.fill("#email", "gate@casa.ma")
    page.fill("#password", DEFAULT_PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url(f"{url}/expo/{YEAR}/checkin")


def _scan(page: Any, secret: str) -> str:
    """Type a ticket code at the gate and return the answer once it changed."""
    page.evaluate("document.getElementById('answer').textContent = ''")
    page.fill("#secret", secret)
    page.press("#secret", "Enter")
    page.wait_for_function("document.getElementById('answer').textContent !== ''")
    return str(page.inner_text("#answer"))


def _inside(db: Database) -> tuple[int, int]:
    """Return how many are inside the edition's venues, and how many scans the server kept."""
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        inside = sum(c.inside for c in checkin.counts(session=session, edition=edition))
        return inside, int(session.scalar(select(func.count()).select_from(Scan)) or 0)


def _synced(page: Any, entries: int) -> list[tuple[str, str, str]]:
    """Wait until the queue is empty and the log holds this many entries; return them."""
    page.wait_for_function(
        f"document.getElementById('queued').textContent === '0'"
        f" && document.querySelectorAll('#sync-log li').length === {entries}"
    )
    return [
        (
            item.get_attribute("data-accepted"),
            item.get_attribute("data-changed") or "",
            item.inner_text().split(" · ", 2)[2],
        )
        for item in page.locator("#sync-log li").all()
    ]


def _forge(secret: str) -> str:
    body, signature = secret.split(".")
    first = "B" if signature[0] != "B" else "C"
    return f"{body}.{first}{signature[1:]}"


def test_an_offline_gate_checks_tickets_itself_and_syncs_once(gate: Gate, page: Any) -> None:
    _open_gate(page, gate.url)
    page.wait_for_selector("#offline-status[data-state=ready]")
    with httpx.Client(base_url=gate.url) as http:  # Nadia enters at another gate meanwhile
        token = http.post(
            "/api/v1/auth/token", data={"username": "gate@casa.ma", "password": DEFAULT_PASSWORD}
        ).json()["access_token"]
        elsewhere = http.post(
            "/api/v1/expo/checkins",
            headers={"Authorization": f"Bearer {token}"},
            json={
                "secret": gate.secrets["Nadia"],
                "gate": "twin-center:b",
                "type": "entry",
                "nonce": "other-gate-0001",
            },
        ).json()["reason"]
    page.context.set_offline(True)
    refused = _fr("Refused offline: %(reason)s")
    offline = [
        _scan(page, gate.secrets["Salma"]),
        _scan(page, _forge(gate.secrets["Salma"])),
        _scan(page, gate.secrets["Karim"]),
        _scan(page, gate.secrets["Salma"]),
        _scan(page, gate.secrets["Nadia"]),
    ]
    queue = page.evaluate("localStorage.getItem('casa-expo-checkins')")
    before = _inside(gate.db)

    page.context.set_offline(False)
    first = _synced(page, 5)
    after = _inside(gate.db)
    page.evaluate(  # the same scans again, as if the answers had been lost on the way
        "q => { localStorage.setItem('casa-expo-checkins', q);"
        " dispatchEvent(new Event('online')); }",
        queue,
    )
    second = _synced(page, 10)[:5]

    assert elsewhere == "ok"
    assert offline == [
        _fr("Admitted offline — will sync"),
        refused.replace("%(reason)s", _fr(SCAN_REASONS["bad_signature"])),
        refused.replace("%(reason)s", _fr(SCAN_REASONS["revoked"])),
        _fr("Already inside (offline): this device admitted this ticket already."),
        _fr("Admitted offline — will sync"),
    ]
    assert (len(json.loads(queue)), before, after, _inside(gate.db)) == (5, (1, 1), (2, 6), (2, 6))
    changed = _fr("Changed by the server:")
    # Newest first: Nadia was already inside at gate b, which only the server knew.
    assert first == [
        ("false", "true", f"{changed} " + _fr(SCAN_REASONS["already_inside"])),
        ("false", "", _fr(SCAN_REASONS["already_inside"])),
        ("false", "", _fr(SCAN_REASONS["revoked"])),
        ("false", "", _fr(SCAN_REASONS["bad_signature"])),
        ("true", "", f"Salma — {_fr(SCAN_REASONS['ok'])}"),
    ]
    assert second == first


def test_a_browser_without_ed25519_says_so_and_only_queues(gate: Gate, page: Any) -> None:
    page.add_init_script(NO_ED25519)
    _open_gate(page, gate.url)
    page.wait_for_selector("#offline-status[data-state=unsupported]")
    status = page.inner_text("#offline-status")
    page.context.set_offline(True)
    shown = _scan(page, gate.secrets["Salma"])
    page.context.set_offline(False)
    page.wait_for_function("document.getElementById('queued').textContent === '0'")

    assert (status, shown, page.inner_text("#answer"), _inside(gate.db)) == (
        _fr(
            "This browser cannot check tickets offline (no Ed25519 signatures): without the "
            "network, scans are kept and sent later."
        ),
        _fr("No network: the scan is kept and will be sent later."),
        f"Salma — {_fr(SCAN_REASONS['ok'])}",
        (1, 1),
    )


def test_a_failing_server_is_treated_like_no_network(gate: Gate, page: Any) -> None:
    _open_gate(page, gate.url)
    page.wait_for_selector("#offline-status[data-state=ready]")
    page.route("**/api/v1/expo/checkins", lambda route: route.fulfill(status=503, body="{}"))
    shown = _scan(page, gate.secrets["Salma"])
    waiting = page.inner_text("#queued")
    page.unroute("**/api/v1/expo/checkins")
    page.evaluate("dispatchEvent(new Event('online'))")

    assert (shown, waiting, _synced(page, 1), _inside(gate.db)) == (
        _fr("Admitted offline — will sync"),
        "1",
        [("true", "", f"Salma — {_fr(SCAN_REASONS['ok'])}")],
        (1, 1),
    )
