"""Pages of the web shell: languages, the layout, the home catalogue, the map, missing assets."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.web.pagetree import Element, parse

pytestmark = pytest.mark.integration

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def page_of(client: TestClient, url: str, **headers: str) -> tuple[int, Element]:
    response = client.get(url, headers=headers)
    return response.status_code, parse(response.text)


def html_attrs(page: Element) -> dict[str, str | None]:
    return page.find("html").attrs


def switcher(page: Element) -> list[tuple[str | None, str | None, str | None, str]]:
    nav = page.find("nav", class_="language-switcher")
    return [
        (a.attrs.get("href"), a.attrs.get("lang"), a.attrs.get("aria-current"), a.text)
        for a in nav.find_all("a")
    ]


def test_home_is_french_by_default(web: TestClient) -> None:
    status, page = page_of(web, "/")

    assert (status, html_attrs(page), page.find("h1").text) == (
        200,
        {"lang": "fr", "dir": "ltr"},
        "Les services de la ville de Casablanca, en un seul endroit",
    )


def test_home_in_arabic_is_right_to_left_and_remembers_the_choice(web: TestClient) -> None:
    response = web.get("/?lang=ar")
    page = parse(response.text)

    assert (response.status_code, html_attrs(page), page.find("h1").text) == (
        200,
        {"lang": "ar", "dir": "rtl"},
        "خدمات مدينة الدار البيضاء في مكان واحد",
    )
    assert response.cookies.get("casa_lang") == "ar"


def test_language_cookie_wins_over_accept_language(web: TestClient) -> None:
    web.get("/?lang=ar")

    _, page = page_of(web, "/map", **{"Accept-Language": "en"})

    assert (html_attrs(page), page.find("h1").text) == (
        {"lang": "ar", "dir": "rtl"},
        "خريطة المدينة",
    )


def test_accept_language_english_alone_gives_english(web: TestClient) -> None:
    _, page = page_of(web, "/", **{"Accept-Language": "en"})

    assert (html_attrs(page), page.find("h1").text) == (
        {"lang": "en", "dir": "ltr"},
        "Casablanca's city services, in one place",
    )


def test_language_switcher_keeps_the_path_and_marks_the_current_language(
    web: TestClient,
) -> None:
    _, page = page_of(web, "/data?section=maps&lang=en")

    assert switcher(page) == [
        ("/data?section=maps&lang=fr", "fr", None, "Français"),
        ("/data?section=maps&lang=ar", "ar", None, "العربية"),
        ("/data?section=maps&lang=en", "en", "true", "English"),
    ]


def test_navigation_marks_the_current_page(web: TestClient) -> None:
    _, page = page_of(web, "/map?lang=en")

    nav = page.find("nav", class_="site-nav")
    assert [(a.text, a.attrs["href"], a.attrs.get("aria-current")) for a in nav.find_all("a")] == [
        ("Home", "/", None),
        ("City map", "/map", "page"),
        ("IPARK parking", "/parking", None),
        ("Tram & busway", "/transit", None),
        ("WEBOT assistant", "/assistant", None),
        ("Smart City Expo", "/expo", None),
    ]


def test_home_lists_open_services_and_the_coming_ones_apart(web: TestClient) -> None:
    _, page = page_of(web, "/?lang=en")

    def cards(section_class: str) -> list[tuple[str | None, str]]:
        section = page.find("section", class_=section_class)
        return [
            (li.attrs["data-service"], li.find("h3").text)
            for li in section.find_all("li", class_="service-card")
        ]

    assert cards("catalogue--coming") == [
        ("errands", "JAY2 errands"),
        ("connect", "Smart City Connect"),
    ]
    open_section = page.find_all("section", class_="catalogue")[0]
    assert [
        (li.attrs["data-service"], li.find("a").attrs["href"])
        for li in open_section.find_all("li", class_="service-card")
    ] == [
        ("map", "/map"),
        ("account", "/account"),
        ("parking", "/parking"),
        ("transit", "/transit"),
        ("assistant", "/assistant"),
        ("expo", "/expo"),
    ]


def test_every_page_has_a_skip_link_to_main_and_the_osm_attribution(web: TestClient) -> None:
    for url in ("/", "/map", "/data"):
        _, page = page_of(web, url + "?lang=en")

        skip = page.find("a", class_="skip-link")
        assert (skip.attrs["href"], page.find("main").attrs["id"]) == ("#main", "main")
        assert page.find("p", class_="attribution").text == (
            "Map data © OpenStreetMap contributors, ODbL."
        )


def test_anonymous_visitors_get_login_and_register_links(web: TestClient) -> None:
    _, page = page_of(web, "/?lang=en")

    area = page.find("div", class_="account-area")
    assert [(a.text, a.attrs["href"]) for a in area.find_all("a")] == [
        ("Log in", "/login"),
        ("Create an account", "/register"),
    ]


def test_signed_in_visitors_get_their_name_and_a_logout_form(web: TestClient, db: Database) -> None:
    make_user(db, email="amina@example.ma", name="Amina Bennani")
    token = CSRF_FIELD.search(web.get("/login").text).group(1)  # type: ignore[union-attr]
    login = web.post(
        "/login",
        data={"email": "amina@example.ma", "password": DEFAULT_PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert login.status_code == 303

    _, page = page_of(web, "/?lang=en")

    area = page.find("div", class_="account-area")
    form = area.find("form")
    assert (
        area.find("span", class_="account-area__name").text,
        [(a.text, a.attrs["href"]) for a in area.find_all("a")],
        (form.attrs["method"], form.attrs["action"]),
        [(i.attrs["name"], i.attrs["type"]) for i in form.find_all("input")],
        bool(form.find("input").attrs["value"]),
    ) == (
        "Amina Bennani",
        [("Account", "/account")],
        ("post", "/logout"),
        [("csrf_token", "hidden")],
        True,
    )


def test_map_page_loads_leaflet_and_the_layer_registry(web: TestClient) -> None:
    _, page = page_of(web, "/map?lang=en")

    scripts = [s.attrs["src"] for s in page.find_all("script", src=True)]
    container = page.find("div", id="casa-map")
    assert (scripts, container.attrs["data-lat"], container.attrs["data-lng"]) == (
        [
            "/static/vendor/htmx/htmx.min.js",
            "/static/js/notices.js",
            "/static/js/assistant-widget.js",
            "/static/vendor/leaflet/leaflet.js",
            "/static/js/map.js",
            "/static/js/arrondissements.js",
            "/static/js/parking-map.js",
            "/static/js/transit-map.js",
        ],
        "33.5731",
        "-7.5898",
    )


def test_vendor_files_are_served_from_the_vendor_folder(web: TestClient) -> None:
    response = web.get("/static/vendor/leaflet/leaflet.js")

    assert (response.status_code, response.text) == (200, "/* leaflet/leaflet.js */\n")


def test_without_assets_every_page_says_make_assets_is_needed(bare: TestClient) -> None:
    for url in ("/", "/map", "/data"):
        status, page = page_of(bare, url + "?lang=en")

        alert = page.find("div", class_="assets-missing")
        assert (status, alert.text) == (
            200,
            "The front-end libraries are not installed. Maps and live updates need them: "
            "run make assets in Casa's folder, then reload this page.",
        )


def test_without_assets_the_map_page_explains_instead_of_loading_leaflet(
    bare: TestClient,
) -> None:
    _, page = page_of(bare, "/map?lang=fr")

    scripts = [s.attrs["src"] for s in page.find_all("script", src=True)]
    assert (scripts, page.find("div", class_="casa-map--unavailable").text) == (
        [
            "/static/js/notices.js",
            "/static/js/assistant-widget.js",
            "/static/js/map.js",
            "/static/js/arrondissements.js",
            "/static/js/parking-map.js",
            "/static/js/transit-map.js",
        ],
        "La carte ne peut pas être affichée : sa bibliothèque n'est pas installée. "
        "Lancez make assets dans le dossier de Casa, puis rechargez cette page.",
    )


def test_with_assets_no_page_warns_about_them(web: TestClient) -> None:
    for url in ("/", "/map", "/data"):
        _, page = page_of(web, url)

        assert page.find_all("div", class_="assets-missing") == []


def test_other_packages_pages_share_the_layout(web: TestClient) -> None:
    _, page = page_of(web, "/login?lang=ar")

    assert (html_attrs(page), len(page.find_all("nav", class_="language-switcher"))) == (
        {"lang": "ar", "dir": "rtl"},
        1,
    )


def test_the_headers_logout_form_ends_the_session(web: TestClient, db: Database) -> None:
    make_user(db, email="amina@example.ma", name="Amina Bennani")
    token = CSRF_FIELD.search(web.get("/login").text).group(1)  # type: ignore[union-attr]
    web.post(
        "/login",
        data={"email": "amina@example.ma", "password": DEFAULT_PASSWORD, "csrf_token": token},
    )
    form = parse(web.get("/").text).find("form", class_="account-area__logout")
    fields = {i.attrs["name"]: i.attrs["value"] for i in form.find_all("input")}

    logout = web.post(str(form.attrs["action"]), data=fields, follow_redirects=False)
    _, page = page_of(web, "/?lang=en")

    assert (logout.status_code, logout.headers["location"]) == (303, "/login")
    assert [a.text for a in page.find("div", class_="account-area").find_all("a")] == [
        "Log in",
        "Create an account",
    ]
