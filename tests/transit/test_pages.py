"""Transit pages through the test client: the planner, lines, a line, a stop and its live block."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from casa.core.db import Database
from tests.web.pagetree import Element, parse

pytestmark = pytest.mark.integration

QUERY = "/transit?from=Casa+Port&to=A%C3%AFn+Diab+Plage&date=2026-04-20&time=08:00"


def page_of(client: TestClient, url: str) -> tuple[int, Element]:
    response = client.get(url)
    return response.status_code, parse(response.text)


@pytest.mark.usefixtures("casa_feed")
def test_planner_is_french_by_default_and_lists_the_legs(client: TestClient) -> None:
    status, page = page_of(client, QUERY)

    journey = page.find("li", class_="journey")
    legs = [" ".join(leg.text.split()) for leg in journey.find_all("li", class_="leg")]
    assert (status, page.find("html").attrs, page.find("h1").text) == (
        200,
        {"lang": "fr", "dir": "ltr"},
        "Itinéraires en tramway et busway",
    )
    assert (journey.find("h3").text, legs) == (
        "08:01 → 08:41",
        [
            "08:01 Marcher jusqu'à Marché Central (7 min)",
            "08:08 T1 Marché Central → Abdelmoumen "
            "(direction Lissasfa; arrivée à 08:19; arrêts : 6)",
            "08:19 Marcher jusqu'à Anoual (4 min)",
            "08:24 T2 Anoual → Ain Diab Plage "
            "(direction Ain Diab Plage; arrivée à 08:41; arrêts : 13)",
        ],
    )


@pytest.mark.usefixtures("casa_feed")
def test_planner_in_arabic_reads_right_to_left(client: TestClient) -> None:
    status, page = page_of(client, QUERY + "&lang=ar")

    assert (status, page.find("html").attrs, page.find("h1").text) == (
        200,
        {"lang": "ar", "dir": "rtl"},
        "رحلات الترامواي والباصواي",
    )


@pytest.mark.usefixtures("casa_feed")
def test_bad_time_says_so_on_the_page_and_keeps_the_inputs(client: TestClient) -> None:
    status, page = page_of(
        client, "/transit?from=Casa+Port&to=Anoual&date=2026-04-20&time=25:99&mode=arrive"
    )

    time_input = page.find("input", id="field-time")
    assert (
        status,
        page.find("p", class_="transit-error").text,
        time_input.attrs.get("aria-invalid"),
        [(i.attrs["id"], i.attrs.get("value")) for i in page.find_all("input")[:4]],
        "checked" in page.find("input", value="arrive").attrs,
    ) == (
        422,
        "Donnez une heure au format HH:MM ou une date et heure ISO, pas '25:99'.",
        "true",
        [
            ("field-from", "Casa Port"),
            ("field-to", "Anoual"),
            ("field-date", "2026-04-20"),
            ("field-time", "25:99"),
        ],
        True,
    )


def test_planner_form_works_before_any_search(client: TestClient) -> None:
    status, page = page_of(client, "/transit?lang=en")

    labels = [label.text for label in page.find_all("label") if label.attrs.get("for")]
    assert (status, labels, page.find_all("li", class_="journey")) == (
        200,
        ["From", "To", "Date", "Time"],
        [],
    )


@pytest.mark.usefixtures("casa_feed")
def test_line_page_lists_stops_in_order_and_its_headways(client: TestClient) -> None:
    # The test clock says Saturday 2026-04-18: the weekend timetable, off-peak all day.
    status, page = page_of(client, "/transit/lines/T1?lang=en")

    first = page.find_all("section", class_="line-direction")[0]
    stops = [a.text for a in first.find("ol", class_="stop-list").find_all("a")]
    assert (
        status,
        first.find("h2").text,
        first.find("p", class_="line-hours").text,
        [li.text for li in first.find("ul", class_="line-headways").find_all("li")],
        (len(stops), stops[0], stops[-1]),
    ) == (
        200,
        "Towards Lissasfa",
        "Today: first departure 05:30, last departure 22:30.",
        ["05:30–22:30: every 8.5 min"],
        (37, "Sidi Moumen", "Lissasfa"),
    )


@pytest.mark.usefixtures("casa_feed")
def test_stop_page_shows_departures_by_line_and_direction(client: TestClient) -> None:
    status, page = page_of(client, "/transit/stops/T1-abdelmoumen?at=2026-04-20T08:00&lang=en")

    block = page.find("div", id="departures")
    rows = [
        (tr.attrs["data-line"], tr.find_all("td")[0].text, [t.text for t in tr.find_all("time")])
        for tr in block.find("tbody").find_all("tr")
    ]
    assert (status, block.attrs["hx-trigger"], rows) == (
        200,
        "every 30s",
        [
            ("T1", "Lissasfa", ["08:00", "08:05", "08:10"]),
            ("T1", "Sidi Moumen", ["08:01", "08:05", "08:10"]),
        ],
    )


def test_unknown_stop_page_is_a_404_that_says_so(client: TestClient, casa_feed: Database) -> None:
    status, page = page_of(client, "/transit/stops/nowhere?lang=en")

    assert (status, page.find("p", class_="transit-error").text) == (
        404,
        "No stop has the id nowhere.",
    )
