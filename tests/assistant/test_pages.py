"""WEBOT's chat page through the test client: without script (post, redirect) and with it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from casa.city import service as city
from casa.core.clock import FrozenClock
from casa.core.db import Database
from casa.parking import sites
from casa.transit import service as transit
from tests.accounts.conftest import csrf_of
from tests.web.pagetree import parse

pytestmark = pytest.mark.integration
DARIJA = "kifach nmchi mn casa port l ain diab ghda f 8"


@pytest.fixture
def loaded(db: Database, clock: FrozenClock) -> Database:
    with db.session() as session:
        city.load_bundled(session=session)
        sites.load_bundled(session=session, now=clock())
        transit.load_bundled(session=session, now=clock())
    return db


def turns(html: str) -> list[tuple[str, str | None, str | None, str]]:
    found = []
    for li in parse(html).find_all("li", class_="webot-turn"):
        text = li.find("p", class_="webot-text")
        author = str(li.attrs["class"]).split()[1].removeprefix("webot-turn--")
        found.append((author, text.attrs.get("lang"), text.attrs.get("dir"), text.text))
    return found


def legs(html: str) -> list[str | None]:
    return [li.attrs["data-line"] for li in parse(html).find_all("li", class_="webot-leg--ride")]


def ask(client: TestClient, text: str, **headers: str) -> object:
    token = csrf_of(client.get("/assistant?lang=fr").text)
    return client.post(
        "/assistant",
        data={"text": text, "csrf_token": token},
        headers=headers,
        follow_redirects=False,
    )


def test_chat_page_without_script_posts_then_shows_both_turns(
    client: TestClient, loaded: Database
) -> None:
    posted = ask(client, DARIJA)
    page = client.get("/assistant")
    tree = parse(page.text)

    shown = turns(page.text)
    assert (posted.status_code, posted.headers["location"]) == (303, "/assistant")  # type: ignore[attr-defined]
    assert [(a, lang, d) for a, lang, d, _ in shown] == [
        ("you", "ary-Latn", "ltr"),
        ("webot", "ary-Latn", "ltr"),
    ]
    fare = tree.find("p", class_="webot-fare").find("strong").text
    assert (shown[0][3], legs(page.text), fare) == (
        DARIJA,
        ["T1", "T2"],
        "8.00 MAD",
    )
    assert tree.find(id="webot-log").attrs["aria-live"] == "polite"


def test_chat_page_follow_up_plans_the_return(client: TestClient, loaded: Database) -> None:
    ask(client, DARIJA)
    ask(client, "w bach nrje3?")
    page = client.get("/assistant")

    shown = turns(page.text)
    back = parse(page.text).find_all("li", class_="webot-turn")[3]
    boarding = back.find_all("li", class_="webot-leg--ride")[0].find_all("span")[2].text
    assert (
        [a for a, *_ in shown],
        shown[3][3].startswith("rjou3:"),
        boarding.startswith("Ain Diab Plage → "),
    ) == (["you", "webot", "you", "webot"], True, True)


def test_chat_page_script_gets_only_the_new_turns_right_to_left(
    client: TestClient, loaded: Database
) -> None:
    response = ask(client, "شحال تيكي ديال الطرام؟", **{"X-Casa-Partial": "1"})

    assert (response.status_code, [(a, lang, d) for a, lang, d, _ in turns(response.text)]) == (  # type: ignore[attr-defined]
        200,
        [("you", "ary-Arab", "rtl"), ("webot", "ary-Arab", "rtl")],
    )


def test_chat_page_says_what_to_fix_for_an_empty_question(
    client: TestClient, loaded: Database
) -> None:
    full = ask(client, "   ")
    partial = ask(client, "", **{"X-Casa-Partial": "1"})

    tree = parse(full.text)  # type: ignore[attr-defined]
    alert, field = tree.find(id="webot-error"), tree.find(id="webot-text")
    assert (full.status_code, alert.text, field.attrs["aria-invalid"]) == (  # type: ignore[attr-defined]
        422,
        "Écrivez d'abord votre question.",
        "true",
    )
    assert (partial.status_code, partial.text.strip()) == (  # type: ignore[attr-defined]
        422,
        '<p class="webot-error" id="webot-error" role="alert">'
        "Écrivez d&#39;abord votre question.</p>",
    )


def test_chat_page_refuses_a_post_without_the_form_token(client: TestClient) -> None:
    response = client.post("/assistant", data={"text": "bonjour"}, follow_redirects=False)

    assert response.status_code == 403


def test_chat_page_forgets_the_conversation_after_thirty_minutes(
    client: TestClient, loaded: Database, clock: FrozenClock
) -> None:
    ask(client, "bonjour")
    clock.advance(minutes=31)

    assert turns(client.get("/assistant").text) == []


def test_embedded_chat_has_no_site_header_and_keeps_embedding(
    client: TestClient, loaded: Database
) -> None:
    page = parse(client.get("/assistant?embed=1&lang=ar").text)

    assert (
        page.find_all("header"),
        page.find("html").attrs["dir"],
        page.find("input", name="embed").attrs["value"],
        page.find("label", for_="webot-text").text,
    ) == ([], "rtl", "true", "سؤالك")


def test_widget_script_is_served(client: TestClient) -> None:
    response = client.get("/static/js/assistant-widget.js")

    assert (response.status_code, "/api/v1/assistant/messages" in response.text) == (200, True)


def _widget_labels(client: TestClient, url: str) -> list[dict[str, str]]:
    page = parse(client.get(url).text)
    return [
        {k.removeprefix("data-"): v for k, v in tag.attrs.items() if k.startswith("data-")}
        for tag in page.find_all("script", src="/static/js/assistant-widget.js")
    ]


def test_layout_adds_the_widget_in_the_pages_language_but_not_on_the_chat_page(
    client: TestClient,
) -> None:
    arabic = _widget_labels(client, "/?lang=ar")
    english = _widget_labels(client, "/transit?lang=en")
    chat = _widget_labels(client, "/assistant?lang=fr")

    assert (arabic[0]["open"], arabic[0]["close"], arabic[0]["title"]) == (
        "اسأل ويبوت",
        "أغلق ويبوت",
        "ويبوت، مساعد التنقل",
    )
    assert english == [
        {
            "open": "Ask WEBOT",
            "close": "Close WEBOT",
            "title": "WEBOT, the transport assistant",
            "question": "Your question",
            "send": "Send",
            "error": "WEBOT could not answer. Try again in a moment.",
            "empty": "Write your question first.",
            "page": "Open the chat page",
        }
    ]
    assert (len(arabic), chat) == (1, [])
