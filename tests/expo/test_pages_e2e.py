"""The issue's walk in a browser: an organizer builds and publishes a programme, a visitor
registers and prints a badge, a gate checks them in, and the figures compare 2018 with it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from casa.core.db import Database
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.e2e

YEAR = 2027
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _route(route: Any) -> None:
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


def _signed_in(browser: Any, server: Any, email: str) -> Any:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.route("**/*", _route)
    page.goto(server.url + f"/login?next=/expo/{YEAR}")
    page.fill("#email", email)
    page.fill("#password", DEFAULT_PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url(f"{server.url}/expo/{YEAR}")
    return page


@pytest.fixture(scope="module")
def people(live_server: Any) -> dict[str, str]:
    db = Database(live_server.env["CASA_DATABASE_URL"])
    emails = {
        "organizer": "org-expo@casa.ma",
        "citizen": "visitor-expo@casa.ma",
        "staff": "gate-expo@casa.ma",
    }
    for role, email in emails.items():
        make_user(db, email=email, roles=(role,), name=f"{role.title()} Expo")
    db.dispose()
    with httpx.Client(base_url=live_server.url) as http:
        token = http.post(
            "/api/v1/auth/token",
            data={"username": emails["organizer"], "password": DEFAULT_PASSWORD},
        ).json()["access_token"]
        created = http.post(
            "/api/v1/expo/editions",
            headers={"Authorization": f"Bearer {token}"},
            json={
                "year": YEAR,
                "title": f"Smart City Expo Casablanca {YEAR}",
                "theme": "Villes à vivre",
                "starts_on": f"{YEAR}-04-20",
                "ends_on": f"{YEAR}-04-21",
            },
        )
        assert created.status_code == 201, created.text
    return emails


def test_programme_registration_badge_checkin_and_figures(
    live_server: Any, browser: Any, people: dict[str, str]
) -> None:
    organizer = _signed_in(browser, live_server, people["organizer"])
    organizer.goto(f"{live_server.url}/expo/{YEAR}/editor")
    for title, kind in (("Ouverture", "keynote"), ("Villes et données", "round_table")):
        organizer.fill("#title", title)
        organizer.select_option("#kind", kind)
        organizer.locator("#add-session button[type=submit]").click()
        organizer.wait_for_url("**/editor?done=added")
    organizer.locator("#run-scheduler").click()
    organizer.wait_for_url("**/editor?done=scheduled")
    organizer.locator("#publish").click()
    organizer.wait_for_url("**/editor?done=published")
    editor = (
        organizer.locator("#published-version").inner_text(),
        organizer.locator("#conflict-count").inner_text(),
    )

    visitor = _signed_in(browser, live_server, people["citizen"])
    visitor.goto(f"{live_server.url}/expo/{YEAR}")
    programme = sorted(visitor.locator(".expo-slot a").all_inner_texts())
    visitor.get_by_role("link", name="S'inscrire").click()
    visitor.select_option("#category", "citizen")
    visitor.check("#consent")
    visitor.locator("form.form button[type=submit]").click()
    visitor.wait_for_url(f"**/expo/{YEAR}/ticket")
    status = visitor.locator("#registration-status").inner_text()
    qr_shown = visitor.locator("#ticket-qr svg").is_visible()
    secret = visitor.locator("#ticket-secret").text_content().strip()
    badge = visitor.request.get(live_server.url + f"/expo/{YEAR}/ticket/badge.pdf")

    gate = _signed_in(browser, live_server, people["staff"])
    gate.goto(f"{live_server.url}/expo/{YEAR}/checkin")
    gate.select_option("#venue", "twin-center")
    gate.fill("#secret", secret)
    gate.get_by_role("button", name="Valider").click()
    gate.locator("#answer:not([hidden])").wait_for()
    answer = gate.locator("#answer").inner_text()
    gate.locator("#presence li[data-venue='twin-center']").wait_for()
    inside = gate.locator("#presence li[data-venue='twin-center']").inner_text()
    queued = gate.locator("#queued").inner_text()

    visitor.goto(f"{live_server.url}/expo/figures")
    table = visitor.locator("#figures-table")
    years = table.locator("thead th").all_inner_texts()[1:]
    rows = {
        row.locator("th").inner_text(): row.locator("td").all_inner_texts()
        for row in table.locator("tbody tr").all()
    }

    assert (editor, programme, status, qr_shown) == (
        ("1", "0"),
        ["Ouverture", "Villes et données"],
        "Confirmée · Citoyen·ne",
        True,
    )
    assert (badge.status, badge.headers["content-type"], badge.body()[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    assert (answer, inside, queued) == (
        "Citizen Expo — Bienvenue",
        "Twin Center : 1",
        "0",
    )
    assert (
        years,
        rows["Participants"],
        rows["Sessions"],
        rows["Entrées contrôlées"],
    ) == (["2018", str(YEAR)], ["6\u202f000", "1"], ["15", "2"], ["0", "1"])
