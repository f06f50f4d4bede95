"""Pages of the trade show: directory, profile, floor plan, the stand's scanner, consent."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from tests.accounts.conftest import csrf_of, log_in
from tests.expo.factories import YEAR
from tests.expo.factories_exhibitors import make_staff, make_trade_show, make_visitor
from tests.factories import make_user

pytestmark = pytest.mark.integration


def _slugs(html: str) -> list[str]:
    return re.findall(r'<li class="expo-card" data-slug="([^"]+)"', html)


def _booths(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<g class="expo-booth[^"]*" data-code="([^"]+)" data-status="([^"]+)"', html)


@pytest.mark.parametrize(
    ("lang", "title", "startup_title", "kind_label"),
    [
        (
            "fr",
            "<h1>Exposants</h1>",
            "<h1>Village des startups</h1>",
            "Startup (village des startups)",
        ),
        (
            "ar",
            "<h1>العارضون</h1>",
            "<h1>قرية الشركات الناشئة</h1>",
            "شركة ناشئة (قرية الشركات الناشئة)",
        ),
    ],
)
def test_directory_filters_by_kind_and_sector_in_french_and_arabic(
    client: TestClient, db: Database, lang: str, title: str, startup_title: str, kind_label: str
) -> None:
    make_trade_show(db, allocate=True)

    every = client.get(f"/expo/{YEAR}/exhibitors?lang={lang}")
    village = client.get(f"/expo/{YEAR}/exhibitors?kind=startup&lang={lang}").text
    civic = client.get(f"/expo/{YEAR}/exhibitors?sector=e_government&lang={lang}").text

    assert (
        every.status_code,
        title in every.text,
        f'dir="{"rtl" if lang == "ar" else "ltr"}"' in every.text,
    ) == (
        200,
        True,
        True,
    )
    assert _slugs(every.text) == ["anfa-data", "atlas-mobility", "derb-lab", "casa-region"]
    assert (startup_title in village, kind_label in village, _slugs(village)) == (
        True,
        True,
        ["derb-lab"],
    )
    assert _slugs(civic) == ["derb-lab", "casa-region"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_floor_plan_and_profile_show_allocations(
    client: TestClient, db: Database, lang: str
) -> None:
    make_trade_show(db, allocate=True)

    plan = client.get(f"/expo/{YEAR}/floor-plan?lang={lang}")
    profile = client.get(f"/expo/{YEAR}/exhibitors/atlas-mobility?lang={lang}")
    legend = re.findall(
        r'expo-legend__swatch" style="background: (#[0-9a-f]+)"></span>([^<]+)<', plan.text
    )

    assert (plan.status_code, profile.status_code) == (200, 200)
    assert _booths(plan.text) == [
        ("AG", "agora_stage"),
        ("C1", "free"),
        ("P1", "startup"),
        ("P2", "free"),
        ("S1", "exhibitor"),
        ("S2", "free"),
    ]
    assert [fill for fill, _ in legend] == ["#9ec5fe", "#a7f3c0", "#ffffff", "#ffb3ad"]
    assert 'aria-label="S1 · Atlas Mobility · 9.0 m²"' in plan.text
    assert _booths(profile.text) == [
        ("AG", "agora_stage"),
        ("C1", "free"),
        ("P1", "startup"),
        ("P2", "free"),
        ("S1", "highlight"),
        ("S2", "free"),
    ]
    assert re.findall(r'id="exhibitor-booths">([^<]+)<', profile.text) == ["S1"]


def test_organizer_allocates_from_the_plan_and_sees_refusals(
    client: TestClient, db: Database
) -> None:
    make_trade_show(db, allocate=True)
    make_user(db, email="org@casa.ma", roles=("organizer",))
    log_in(client, "org@casa.ma")
    token = csrf_of(client.get(f"/expo/{YEAR}/floor-plan").text)

    given = client.post(
        f"/expo/{YEAR}/floor-plan/allocation",
        data={"csrf_token": token, "hall": "hall-1", "booth": "C1", "exhibitor": "anfa-data"},
        follow_redirects=False,
    )
    refused = client.post(
        f"/expo/{YEAR}/floor-plan/allocation?lang=fr",
        data={"csrf_token": token, "hall": "hall-1", "booth": "P2", "exhibitor": "anfa-data"},
    )
    page = client.get(given.headers["location"]).text

    assert (given.status_code, given.headers["location"]) == (
        303,
        f"/expo/{YEAR}/floor-plan?hall=hall-1&done=allocated",
    )
    assert re.findall(r'id="form-error">([^<]+)<', refused.text) == [
        "Ce stand ne peut pas être attribué: Le stand P2 est un pod startup : "
        "seules les startups du village peuvent l&#39;occuper"
    ]
    assert (refused.status_code, ("C1", "exhibitor") in _booths(page)) == (422, True)
    assert re.findall(
        r'<tr data-slug="([^"]+)"[^>]*><th[^>]*>[^<]+</th><td>([^<]+)</td><td>([^<]+)</td>', page
    ) == [
        ("anfa-data", "9.0 m²", "16.0 m²"),
        ("atlas-mobility", "9.0 m²", "9.0 m²"),
        ("derb-lab", "9.0 m²", "4.0 m²"),
        ("casa-region", "9.0 m²", "0.0 m²"),
    ]


def test_stand_scans_a_badge_and_visitor_withdraws_from_the_ticket_page(
    client: TestClient, db: Database
) -> None:
    make_trade_show(db)
    make_staff(db, slug="atlas-mobility", email="atlas@casa.ma")
    make_user(db, email="atlas-roles@casa.ma")
    _, secret = make_visitor(db, email="amina@casa.ma", name="Amina Tazi", share=True)
    _, omar = make_visitor(db, email="omar@casa.ma", name="Omar Alaoui", share=False)
    log_in(client, "atlas@casa.ma")
    token = csrf_of(client.get(f"/expo/{YEAR}/leads").text)

    scanned = client.post(
        f"/expo/{YEAR}/leads/scan",
        data={"csrf_token": token, "exhibitor": "atlas-mobility", "code": secret},
    )
    again = client.post(
        f"/expo/{YEAR}/leads/scan?lang=en",
        data={"csrf_token": token, "exhibitor": "atlas-mobility", "code": secret},
    )
    anonymous = client.post(
        f"/expo/{YEAR}/leads/scan?lang=ar",
        data={"csrf_token": token, "exhibitor": "atlas-mobility", "code": omar},
    )
    wrong = client.post(
        f"/expo/{YEAR}/leads/scan?lang=fr",
        data={"csrf_token": token, "exhibitor": "atlas-mobility", "code": "abc"},
    )
    client.post("/logout", data={"csrf_token": token})
    log_in(client, "amina@casa.ma")
    ticket = client.get(f"/expo/{YEAR}/ticket").text
    client.post(
        f"/expo/{YEAR}/ticket/exhibitors", data={"csrf_token": csrf_of(ticket), "share": "no"}
    )
    after = client.get(f"/expo/{YEAR}/ticket").text

    def outcome(html: str) -> str:
        found = re.search(r'id="scan-outcome"[^>]*>(.*?)</p>', html, re.S)
        return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split()) if found else ""

    assert outcome(scanned.text) == "Contact enregistré: Amina Tazi (Lydec)"
    assert outcome(again.text) == (
        "This badge was already scanned: the lead is unchanged. Lead saved: Amina Tazi (Lydec)"
    )
    assert outcome(anonymous.text) == "لم يوافق الزائر على مشاركة بياناته: تُحتسب الزيارة بدونها."
    assert (wrong.status_code, re.findall(r'id="form-error">([^<]+)<', wrong.text)) == (
        422,
        [
            "Ce badge ne peut pas être scanné: Ce n&#39;est pas un billet de l&#39;Expo : "
            "scannez de nouveau le badge ou tapez le code sous son QR"
        ],
    )
    assert re.findall(r'id="exhibitor-consent-state">([^<]+)<', ticket + after) == [
        "Ils reçoivent votre nom, votre organisation et votre e-mail.",
        "Ils ne font que compter votre visite : ils ne reçoivent ni votre nom ni vos coordonnées.",
    ]


def test_scanner_page_refuses_people_without_a_stand(client: TestClient, db: Database) -> None:
    make_trade_show(db)
    make_user(db, email="citizen@casa.ma")
    make_user(db, email="lonely@casa.ma", roles=("exhibitor",))

    anonymous = client.get(f"/expo/{YEAR}/leads", follow_redirects=False)
    log_in(client, "citizen@casa.ma")
    citizen = client.get(f"/expo/{YEAR}/leads")
    client.cookies.clear()
    log_in(client, "lonely@casa.ma")
    lonely = client.get(f"/expo/{YEAR}/leads?lang=en")

    assert (anonymous.status_code, anonymous.headers["location"]) == (
        303,
        f"/login?next=/expo/{YEAR}/leads",
    )
    assert citizen.status_code == 403
    assert (lonely.status_code, re.findall(r'id="form-error">([^<]+)<', lonely.text)) == (
        403,
        [
            "No exhibitor linked to your account: "
            "Ask the organizers to link your account to your company for this edition"
        ],
    )


def test_registration_form_offers_the_exhibitor_opt_in_unchecked(
    client: TestClient, db: Database
) -> None:
    make_trade_show(db)
    make_user(db, email="visitor@casa.ma", name="Visitor")
    log_in(client, "visitor@casa.ma")
    form = client.get(f"/expo/{YEAR}/register").text
    registered = client.post(
        f"/expo/{YEAR}/register",
        data={
            "csrf_token": csrf_of(form),
            "category": "citizen",
            "name": "Visitor",
            "email": "visitor@casa.ma",
            "consent": "yes",
            "share_with_exhibitors": "yes",
        },
    )

    assert re.findall(r'<input id="share_with_exhibitors"[^>]*>', form) == [
        '<input id="share_with_exhibitors" name="share_with_exhibitors" type="checkbox" '
        'value="yes" aria-describedby="share_with_exhibitors-hint">'
    ]
    assert re.findall(r'id="exhibitor-consent-state">([^<]+)<', registered.text) == [
        "Ils reçoivent votre nom, votre organisation et votre e-mail."
    ]


def test_stand_edits_its_public_profile(client: TestClient, db: Database) -> None:
    make_trade_show(db)
    make_staff(db, slug="derb-lab", email="derb@casa.ma")
    log_in(client, "derb@casa.ma")
    token = csrf_of(client.get(f"/expo/{YEAR}/leads").text)
    url = f"/expo/{YEAR}/exhibitors/derb-lab/profile"

    bad = client.post(
        url + "?lang=en", data={"csrf_token": token, "website": "not a url", "description": "x"}
    )
    saved = client.post(
        url,
        data={
            "csrf_token": token,
            "website": "https://derb-lab.example.org",
            "description": "خدمات عمومية بالدارجة",
            "description_lang": "ar",
        },
        follow_redirects=False,
    )
    other = client.post(
        f"/expo/{YEAR}/exhibitors/atlas-mobility/profile",
        data={"csrf_token": token, "description": "spam"},
    )
    public = client.get(f"/expo/{YEAR}/exhibitors/derb-lab").text

    assert (
        bad.status_code,
        re.findall(r'id="website-error" class="field-error">([^<]+)<', bad.text),
    ) == (
        422,
        ["Check this field"],
    )
    assert (saved.status_code, saved.headers["location"]) == (
        303,
        f"/expo/{YEAR}/leads?exhibitor=derb-lab&done=profile#profile",
    )
    assert other.status_code == 403
    assert re.findall(r'<p lang="([a-z]+)" dir="auto">([^<]+)</p>', public) == [
        ("ar", "خدمات عمومية بالدارجة")
    ]
