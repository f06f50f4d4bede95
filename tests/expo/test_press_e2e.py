"""The press walk in a browser: a journalist asks for accreditation with a card scan, an
organizer approves it, the journalist opens the press kit and asks a speaker for an interview."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from casa.core.db import Database
from tests.expo.factories_delegations import PNG
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.e2e

YEAR = 2018
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
    page.goto(server.url + f"/login?next=/expo/{YEAR}/press")
    page.fill("#email", email)
    page.fill("#password", DEFAULT_PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url(f"{server.url}/expo/{YEAR}/press")
    return page


def test_accreditation_approval_press_kit_and_interview_request(
    live_server: Any, browser: Any, tmp_path: Path
) -> None:
    db = Database(live_server.env["CASA_DATABASE_URL"])
    make_user(db, email="press-e2e@casa.ma", roles=("journalist",), name="Nadia Reporter")
    make_user(db, email="org-press-e2e@casa.ma", roles=("organizer",), name="Org Presse")
    db.dispose()
    card = tmp_path / "carte.png"
    card.write_bytes(PNG)

    journalist = _signed_in(browser, live_server, "press-e2e@casa.ma")
    journalist.locator("#ask-accreditation").click()
    journalist.fill("#outlet", "Radio Casa")
    journalist.fill("#press_card", "MA-2018-77")
    journalist.set_input_files("#card", str(card))
    journalist.check("#consent")
    journalist.locator("#accreditation-form button[type=submit]").click()
    journalist.wait_for_url(f"**/expo/{YEAR}/press/accreditation")
    pending = journalist.locator("#accreditation-status").inner_text()

    organizer = _signed_in(browser, live_server, "org-press-e2e@casa.ma")
    organizer.goto(f"{live_server.url}/expo/{YEAR}/press/review")
    row = organizer.locator("tr[data-email='press-e2e@casa.ma']")
    row.locator("button.approve").click()
    organizer.wait_for_url("**/press/review?done=approve")
    decided = organizer.locator("tr[data-email='press-e2e@casa.ma'] td.status").inner_text()

    journalist.reload()
    approved = journalist.locator("#accreditation-status").inner_text()
    journalist.locator("#press-kit-link").click()
    journalist.wait_for_url(f"**/expo/{YEAR}/press/kit")
    release = journalist.locator("#press-release").inner_text()
    downloads = journalist.locator("#press-downloads a").all_inner_texts()
    journalist.select_option("#speaker", label="Jordi Hereu")
    journalist.fill("#topic", "Barcelone et Casablanca")
    journalist.fill("#from", "2018-04-20T10:00")
    journalist.fill("#to", "2018-04-20T12:00")
    journalist.locator("#interview-form button[type=submit]").click()
    journalist.wait_for_url("**/press/kit?done=asked")
    requests = journalist.locator(
        "#interview-requests li[data-status='requested']"
    ).all_inner_texts()

    assert (pending, decided, approved) == ("En attente d'examen", "Acceptée", "Acceptée")
    assert release.startswith("Smart City Expo Casablanca 2018 – « Villes à vivre")
    assert downloads == [
        "Chiffres de toutes les éditions (CSV)",
        "Programme (frab XML)",
        "Programme (JSON)",
        "Programme (iCalendar)",
    ]
    assert [r for r in requests if "Barcelone et Casablanca" in r] == [
        "Jordi Hereu – Barcelone et Casablanca – Demandée"
    ]
