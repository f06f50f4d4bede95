"""The gates in a browser: live counts follow the scans, and the camera reads a real ticket.

Chromium is started with a fake camera that plays a Y4M video of a ticket's QR code (drawn
with segno), so the page's scanner (qr-scanner.js: BarcodeDetector where the browser has it,
else jsQR) reads it as a phone would.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import segno
from PIL import Image
from sqlalchemy import func, select

from casa.core.db import Database
from casa.core.i18n import gettext
from casa.expo import editions, registration
from casa.expo.models import Registration, Scan
from casa.expo.schemas import RegistrationIn
from tests.conftest import CHROMIUM
from tests.expo.factories import NOW, YEAR, make_edition
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
WIDTH, HEIGHT = 640, 480


def qr_video(secret: str, path: Path, frames: int = 10) -> Path:
    """Write a Y4M (4:2:0) video whose every frame shows the QR code of a secret."""
    png = io.BytesIO()
    segno.make(secret, error="m").save(png, kind="png", scale=6, border=4)
    code = Image.open(io.BytesIO(png.getvalue())).convert("RGB")
    frame = Image.new("RGB", (WIDTH, HEIGHT), "white")
    frame.paste(code, ((WIDTH - code.width) // 2, (HEIGHT - code.height) // 2))
    y, cb, cr = frame.convert("YCbCr").split()
    half = (WIDTH // 2, HEIGHT // 2)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + b"".join(b"FRAME\n" + planes for _ in range(frames)))
    return path


def _route(route: Any) -> None:
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def gate(database_url: str, serve: Any) -> Iterator[tuple[Any, Database, str]]:
    """A served edition with a gate agent and one visitor's ticket; yield server, db, secret."""
    db = Database(database_url)
    make_edition(db, sessions=0)
    make_user(db, email="gate@casa.ma", roles=("staff",))
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = registration.register(
            session=session,
            edition=edition,
            now=NOW,
            data=RegistrationIn(category="citizen", name="Salma", email="s@casa.ma", consent=True),
        )
        secret = registration.to_out(
            session=session, edition=edition, registration=row, now=NOW
        ).secret
    assert secret is not None
    yield serve({"CASA_DATABASE_URL": database_url}), db, secret
    db.dispose()


@pytest.fixture
def camera_browser(browser: Any, tmp_path: Path, gate: tuple[Any, Database, str]) -> Iterator[Any]:
    """A second headless Chromium, from the session's Playwright, whose camera films the ticket."""
    video = qr_video(gate[2], tmp_path / "ticket.y4m")
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    yield chromium
    chromium.close()


def _page(browser: Any, url: str) -> Any:
    context = browser.new_context(locale="fr-FR")
    context.grant_permissions(["camera"], origin=url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.route("**/*", _route)
    return page


def test_a_scan_through_the_api_changes_the_open_affluence_page(
    gate: tuple[Any, Database, str], camera_browser: Any
) -> None:
    server, _, secret = gate
    page = _page(camera_browser, server.url)
    page.goto(f"{server.url}/expo/{YEAR}/affluence")
    page.wait_for_selector("[data-presence-year][data-ready=true]")
    count = page.locator("li[data-venue=twin-center] .expo-inside")
    before = count.inner_text()

    with httpx.Client(base_url=server.url) as http:
        token = http.post(
            "/api/v1/auth/token", data={"username": "gate@casa.ma", "password": DEFAULT_PASSWORD}
        ).json()["access_token"]
        answer = http.post(
            "/api/v1/expo/checkins",
            headers={"Authorization": f"Bearer {token}"},
            json={"secret": secret, "gate": "twin-center:a", "type": "entry", "nonce": "live-0001"},
        ).json()
    page.wait_for_function(
        "document.querySelector('li[data-venue=twin-center] .expo-inside').textContent === '1'"
    )

    assert (before, answer["reason"], count.inner_text()) == ("0", "ok", "1")


def test_the_camera_reads_a_real_ticket_and_the_gate_admits_it(
    gate: tuple[Any, Database, str], camera_browser: Any
) -> None:
    server, db, _ = gate
    page = _page(camera_browser, server.url)
    page.goto(f"{server.url}/login?next=/expo/{YEAR}/checkin")
    page.fill("#email", "gate@casa.ma")
    page.fill("#password", DEFAULT_PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url(f"{server.url}/expo/{YEAR}/checkin")

    page.click("#camera")
    page.wait_for_selector("#answer.expo-answer--ok")
    shown = page.inner_text("#answer")
    pressed = page.get_attribute("#camera", "aria-pressed")
    page.wait_for_function(
        "document.querySelector('li[data-venue=twin-center] .expo-inside').textContent === '1'"
    )
    page.click("#camera")
    with db.session() as session:
        inside = session.scalar(select(Registration.inside_venue_id))
        scans = session.scalar(select(func.count()).select_from(Scan))
        venue = editions.venues_by_id(session=session)[inside].slug if inside else None

    assert (shown, pressed) == (f"Salma — {gettext('Welcome', 'fr')}", "true")
    assert (venue, scans) == ("twin-center", 1)
    assert page.get_attribute("#camera", "aria-pressed") == "false"
