"""The Expo's pages: programme, speaker, registration with ticket and badge, editor, figures."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from tests.accounts.conftest import csrf_of, log_in
from tests.expo.factories import YEAR, make_edition
from tests.factories import make_user

pytestmark = pytest.mark.integration


def _texts(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


def _organizer_builds(client: TestClient, db: Database) -> None:
    make_user(db, email="org@casa.ma", roles=("organizer",))
    log_in(client, "org@casa.ma")
    token = csrf_of(client.get(f"/expo/{YEAR}/editor").text)
    for step in ("schedule", "publish"):
        done = client.post(
            f"/expo/{YEAR}/editor/{step}", data={"csrf_token": token}, follow_redirects=False
        )
        assert done.status_code == 303, done.text


def test_editor_adds_schedules_and_publishes_then_the_programme_shows_it(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=2)
    make_user(db, email="org@casa.ma", roles=("organizer",))
    log_in(client, "org@casa.ma")
    token = csrf_of(client.get(f"/expo/{YEAR}/editor?lang=en").text)
    added = client.post(
        f"/expo/{YEAR}/editor/sessions",
        data={"title": "Pitchs", "kind": "agora_pitch", "duration_min": "30", "csrf_token": token},
        follow_redirects=False,
    )
    before = client.get(f"/expo/{YEAR}/editor?lang=en").text
    client.post(f"/expo/{YEAR}/editor/schedule", data={"csrf_token": token})
    after = client.post(f"/expo/{YEAR}/editor/publish", data={"csrf_token": token}).text
    public = client.get(f"/expo/{YEAR}?lang=en").text

    assert (
        added.headers["location"],
        _texts(before, r'id="conflict-count">(\d+)<'),
        _texts(after, r'id="conflict-count">(\d+)<'),
        _texts(after, r'id="published-version">(\d+)<'),
        sorted(_texts(public, r'/sessions/\w+" dir="auto">([^<]+)<')),
    ) == (
        f"/expo/{YEAR}/editor?done=added",
        ["3"],
        ["0"],
        ["1"],
        ["Pitchs", "Table ronde 1", "Table ronde 2"],
    )


def test_editor_refuses_a_visitor_and_sends_anonymous_ones_to_login(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=1)
    anonymous = client.get(f"/expo/{YEAR}/editor", follow_redirects=False)
    make_user(db, email="v@casa.ma")
    log_in(client, "v@casa.ma")

    assert (
        anonymous.headers["location"],
        client.get(f"/expo/{YEAR}/editor").status_code,
        client.get(f"/expo/{YEAR}/checkin").status_code,
    ) == (f"/login?next=/expo/{YEAR}/editor", 403, 403)


def test_session_and_speaker_pages_link_each_other(client: TestClient, db: Database) -> None:
    people = make_edition(db, sessions=1)
    _organizer_builds(client, db)
    public = client.get(f"/expo/{YEAR}?lang=fr").text
    code = _texts(public, r"/sessions/(\w+)")[0]
    session_page = client.get(f"/expo/{YEAR}/sessions/{code}?lang=fr").text
    speaker_page = client.get(f"/expo/{YEAR}/speakers/{people['Omar']}?lang=fr").text

    assert (
        _texts(session_page, r'/speakers/\w+" dir="auto">([^<]+)<'),
        "(modérateur)" in session_page,
        _texts(speaker_page, r'/sessions/(\w+)" dir="auto"'),
        client.get(f"/expo/{YEAR}/sessions/NOPE00").status_code,
    ) == (["Amina", "Omar"], True, [code], 404)


def test_visitor_registers_and_gets_a_ticket_with_qr_and_badge(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=1)
    make_user(db, email="v@casa.ma", name="Visitor One")
    anonymous = client.get(f"/expo/{YEAR}/register", follow_redirects=False)
    log_in(client, "v@casa.ma")
    form = client.get(f"/expo/{YEAR}/register?lang=en").text
    fields = {"category": "citizen", "name": "Visitor One", "email": "v@casa.ma"}
    refused = client.post(
        f"/expo/{YEAR}/register?lang=en", data={**fields, "csrf_token": csrf_of(form)}
    )
    done = client.post(
        f"/expo/{YEAR}/register",
        data={**fields, "consent": "yes", "csrf_token": csrf_of(form)},
        follow_redirects=False,
    )
    ticket = client.get(f"/expo/{YEAR}/ticket?lang=en").text
    badge = client.get(f"/expo/{YEAR}/ticket/badge.pdf")

    assert (
        anonymous.headers["location"],
        refused.status_code,
        _texts(refused.text, r'id="consent-error" class="field-error">([^<]+)<'),
        done.headers["location"],
        _texts(ticket, r'id="registration-status">([^<]+)<'),
        len(_texts(ticket, r'<figure id="ticket-qr"><svg ')),
        badge.headers["content-type"],
        badge.content[:5],
    ) == (
        f"/login?next=/expo/{YEAR}/register",
        422,
        ["Registration needs your consent to the processing of your personal data"],
        f"/expo/{YEAR}/ticket",
        ["Confirmed · Citizen"],
        1,
        "application/pdf",
        b"%PDF-",
    )


def test_figures_page_compares_editions_with_bars_and_a_csv_link(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=2)
    html = client.get("/expo/figures?lang=en").text

    assert (
        _texts(html, r'<th scope="col">(\d{4})</th>'),
        _texts(html, r'<th scope="row">Sessions</th><td>([^<]+)</td>'),
        _texts(html, r'href="([^"]+)" id="figures-csv"'),
        len(_texts(html, r'<svg class="expo-chart"')),
    ) == (["2026"], ["2"], ["/api/v1/expo/kpis.csv"], 10)


def test_checkin_page_lists_the_venues_for_gate_staff(client: TestClient, db: Database) -> None:
    make_edition(db, sessions=1)
    make_user(db, email="gate@casa.ma", roles=("staff",))
    log_in(client, "gate@casa.ma")
    html = client.get(f"/expo/{YEAR}/checkin?lang=en").text

    assert _texts(html, r'<option value="([a-z-]+)">') == ["twin-center", "technopark"]
