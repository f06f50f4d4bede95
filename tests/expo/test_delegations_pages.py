"""Pages of delegations and press in French and Arabic: management, protocol, logistics,
accreditation with a card scan, review, the press kit and who may open which page."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from tests.accounts.conftest import csrf_of, log_in
from tests.expo.factories import YEAR, make_edition
from tests.expo.factories_delegations import GIF, PNG, delegates
from tests.factories import make_user

pytestmark = pytest.mark.integration


def _login(client: TestClient, email: str) -> None:
    # Another person may be logged in already: start from a clean client.
    client.cookies.clear()
    log_in(client, email)


def _cells(html: str, table: str) -> list[list[str]]:
    body = re.search(rf'<table id="{table}">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body is not None
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
        for r in rows
    ]


def test_organizer_builds_delegations_and_reads_protocol_and_logistics_in_fr_and_ar(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=0)
    people = delegates(db, ["Aya", "Ben"])
    make_user(db, email="org@casa.ma", roles=("organizer",))
    _login(client, "org@casa.ma")
    token = csrf_of(client.get(f"/expo/{YEAR}/delegations").text)
    steps = [
        client.post(
            f"/expo/{YEAR}/delegations",
            data={"city": "Dakar", "country": "sn", "csrf_token": token},
            follow_redirects=False,
        ),
        client.post(
            f"/expo/{YEAR}/delegations",
            data={"city": "Bamako", "country": "ML", "csrf_token": token},
            follow_redirects=False,
        ),
        client.post(
            f"/expo/{YEAR}/delegations/1/members",
            data={
                "registration": str(people["Aya"]),
                "position": "deputy_mayor",
                "head": "yes",
                "arrives_at": "2026-04-19T15:00",
                "departs_at": "2026-04-21T18:00",
                "hotel": "Hyatt",
                "room_type": "suite",
                "interpreter_languages": "wo, en",
                "dietary": "Halal",
                "csrf_token": token,
            },
            follow_redirects=False,
        ),
        client.post(
            f"/expo/{YEAR}/delegations/2/members",
            data={
                "registration": str(people["Ben"]),
                "position": "mayor",
                "head": "yes",
                "csrf_token": token,
            },
            follow_redirects=False,
        ),
    ]
    bad = client.post(
        f"/expo/{YEAR}/delegations", data={"city": "Dakar", "country": "SN", "csrf_token": token}
    )
    fr = client.get(f"/expo/{YEAR}/protocol?lang=fr").text
    ar = client.get(f"/expo/{YEAR}/protocol?lang=ar").text
    logistics = client.get(f"/expo/{YEAR}/logistics?lang=fr").text
    managed = client.get(f"/expo/{YEAR}/delegations?lang=ar").text

    assert [s.status_code for s in steps] == [303, 303, 303, 303]
    assert (bad.status_code, re.findall(r'id="form-error">([^<]+)<', html.unescape(bad.text))) == (
        422,
        [
            "Cette délégation existe déjà: "
            "Une délégation de Dakar (SN) participe déjà à cette édition"
        ],
    )
    assert _cells(fr, "protocol") == [
        ["1", "Bamako", "ML", "Ben", "Maire", "1"],
        ["2", "Dakar", "SN", "Aya", "Adjoint au maire", "1"],
    ]
    assert _cells(ar, "protocol") == [
        ["1", "Bamako", "ML", "Ben", "عمدة", "1"],
        ["2", "Dakar", "SN", "Aya", "نائب العمدة", "1"],
    ]
    assert ('dir="rtl"' in ar, "Halal" in managed, "Halal" in fr) == (True, True, False)
    assert (_cells(logistics, "rooms"), _cells(logistics, "interpreters")) == (
        [["Hyatt", "2026-04-19", "1", "0", "0", "1"], ["Hyatt", "2026-04-20", "1", "0", "0", "1"]],
        [
            ["2026-04-20", "en", "1", "1"],
            ["2026-04-20", "wo", "1", "1"],
            ["2026-04-21", "en", "1", "1"],
            ["2026-04-21", "wo", "1", "1"],
        ],
    )


def test_journalist_uploads_a_card_and_reads_the_error_in_arabic_then_the_state(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=0)
    make_user(db, email="jo@casa.ma", roles=("journalist",), name="Jo")
    make_user(db, email="org@casa.ma", roles=("organizer",))
    _login(client, "jo@casa.ma")
    page = client.get(f"/expo/{YEAR}/press/accreditation?lang=ar")
    token = csrf_of(page.text)
    form = {"outlet": "Hespress", "press_card": "MA-9", "consent": "yes", "csrf_token": token}
    wrong = client.post(
        f"/expo/{YEAR}/press/accreditation?lang=ar",
        data=form,
        files={"card": ("c.gif", GIF, "image/gif")},
    )
    sent = client.post(
        f"/expo/{YEAR}/press/accreditation",
        data=form,
        files={"card": ("c.png", PNG, "image/png")},
        follow_redirects=False,
    )
    kit_before = client.get(f"/expo/{YEAR}/press/kit?lang=fr")
    mine = client.get(f"/expo/{YEAR}/press/accreditation?lang=fr").text
    _login(client, "org@casa.ma")
    review = client.get(f"/expo/{YEAR}/press/review?lang=fr").text
    token = csrf_of(review)
    refused = client.post(
        f"/expo/{YEAR}/press/review/1/refuse",
        data={"reason": "Carte expirée", "csrf_token": token},
        follow_redirects=False,
    )
    _login(client, "jo@casa.ma")
    after = client.get(f"/expo/{YEAR}/press/accreditation?lang=fr").text

    assert (page.status_code, 'dir="rtl"' in page.text) == (200, True)
    assert (
        wrong.status_code,
        re.findall(r'id="card-error" class="field-error">([^<]+)<', wrong.text),
    ) == (
        422,
        ["يجب أن تكون نسخة البطاقة الصحفية ملف JPEG أو PNG أو PDF"],
    )
    assert (sent.status_code, kit_before.status_code) == (303, 403)
    assert re.findall(
        r'id="accreditation-status" data-status="(\w+)">([^<]+)<', html.unescape(mine)
    ) == [("pending", "En attente d'examen")]
    assert (
        refused.status_code,
        re.findall(
            r'id="accreditation-reason">Motif: <span dir="auto">([^<]+)<', html.unescape(after)
        ),
    ) == (
        303,
        ["Carte expirée"],
    )


def test_pages_refuse_those_without_the_role_and_the_press_page_is_public(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=0)
    make_user(db, email="cit@casa.ma")
    public = client.get(f"/expo/{YEAR}/press?lang=ar")
    anonymous = client.get(f"/expo/{YEAR}/delegations", follow_redirects=False)
    _login(client, "cit@casa.ma")
    codes = {
        path: client.get(f"/expo/{YEAR}/{path}").status_code
        for path in (
            "delegations",
            "protocol",
            "logistics",
            "press/review",
            "press/accreditation",
            "press/kit",
        )
    }

    assert (public.status_code, "الصحافة" in public.text) == (200, True)
    assert anonymous.headers["location"] == f"/login?next=/expo/{YEAR}/delegations"
    assert codes == {
        "delegations": 403,
        "protocol": 403,
        "logistics": 403,
        "press/review": 403,
        "press/accreditation": 403,
        "press/kit": 403,
    }
