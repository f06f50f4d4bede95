"""Fixtures of the accounts tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from casa.accounts import personal_data
from tests.factories import DEFAULT_PASSWORD

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def api(client: TestClient) -> TestClient:
    """The test client, asking for English answers."""
    client.headers["Accept-Language"] = "en"
    return client


@pytest.fixture
def clean_registry() -> Iterator[None]:
    """Leave the personal-data registry as the test found it."""
    before = {h.name: h for h in personal_data.holders()}
    yield
    for holder in personal_data.holders():
        personal_data.unregister(holder.name)
    for holder in before.values():
        personal_data.register(holder.name, exporter=holder.exporter, eraser=holder.eraser)


def log_in(client: TestClient, email: str) -> None:
    """Log a test client in through the login page, with the factories' password."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"email": email, "password": DEFAULT_PASSWORD, "next": "/", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def csrf_of(html: str) -> str:
    """Return the CSRF token of the first form of a page."""
    match = CSRF_FIELD.search(html)
    assert match is not None, "the page has no CSRF field"
    return match.group(1)


class _Texts(HTMLParser):
    """Collect the text of every element carrying an id or a class."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[str]] = {}
        self._open: list[tuple[str, list[str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        values = dict(attrs)
        keys = [f"#{values['id']}"] if values.get("id") else []
        keys += [f".{c}" for c in (values.get("class") or "").split()]
        self._open.append((tag, keys, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            open_tag, keys, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            for key in keys:
                self.found.setdefault(key, []).append(text)
            if self._open:
                self._open[-1][2].extend(parts)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)


VOID_TAGS = frozenset({"input", "br", "img", "meta", "link", "hr", "source", "wbr", "area"})


def texts(html: str, selector: str) -> list[str]:
    """Return the whitespace-normalised text of the elements matching ``#id`` or ``.class``."""
    parser = _Texts()
    parser.feed(html)
    return parser.found.get(selector, [])


def field_values(html: str) -> dict[str, str]:
    """Return the value of every named input of a page (the last one wins)."""
    return {
        name: value
        for name, value in re.findall(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', html)
    }
