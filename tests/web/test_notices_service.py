"""The notices service: what is in force, and the language a notice is shown in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from casa.core.db import Database
from casa.web import service
from casa.web.exceptions import NoCurrentNotice, NoticeAlreadyExpired
from casa.web.schemas import NoticeIn, NoticeMessage, NoticeOut

pytestmark = pytest.mark.unit

NOW = datetime(2026, 4, 18, 9, 0, tzinfo=UTC)


def notice_in(**message: str) -> NoticeIn:
    return NoticeIn(message=NoticeMessage(**message))


def test_post_notice_returns_the_stored_notice(db: Database) -> None:
    with db.session() as session:
        posted = service.post_notice(
            session=session, data=notice_in(fr="Marché fermé"), now=NOW, posted_by_id=None
        )

    assert posted == NoticeOut(
        id=1,
        message=NoticeMessage(fr="Marché fermé"),
        level="info",
        posted_at=NOW,
        expires_at=None,
    )


def test_post_notice_clears_the_one_in_force(db: Database) -> None:
    with db.session() as session:
        service.post_notice(session=session, data=notice_in(fr="un"), now=NOW, posted_by_id=None)
        later = NOW + timedelta(minutes=1)
        service.post_notice(
            session=session, data=notice_in(fr="deux"), now=later, posted_by_id=None
        )

    with db.session() as session:
        current = service.find_current_notice(session=session, now=NOW + timedelta(minutes=2))
        cleared = service.clear_current_notice(session=session, now=NOW + timedelta(minutes=3))
        after = service.find_current_notice(session=session, now=NOW + timedelta(minutes=4))

    assert (current and current.message.fr, cleared.message.fr, after) == ("deux", "deux", None)


def test_post_notice_refuses_an_expiry_in_the_past(db: Database) -> None:
    data = NoticeIn(message=NoticeMessage(fr="x"), expires_at=NOW)

    with db.session() as session, pytest.raises(NoticeAlreadyExpired) as caught:
        service.post_notice(session=session, data=data, now=NOW, posted_by_id=None)

    assert (caught.value.status, caught.value.field) == (422, "expires_at")


def test_current_notice_raises_when_none_is_in_force(db: Database) -> None:
    with db.session() as session, pytest.raises(NoCurrentNotice) as caught:
        service.current_notice(session=session, now=NOW)

    assert (caught.value.status, caught.value.type_uri) == (
        404,
        "https://casa.ma/problems/no-current-notice",
    )


def test_a_notice_is_in_force_until_its_expiry_only(db: Database) -> None:
    data = NoticeIn(message=NoticeMessage(fr="x"), expires_at=NOW + timedelta(hours=1))
    with db.session() as session:
        service.post_notice(session=session, data=data, now=NOW, posted_by_id=None)

    with db.session() as session:
        found = [
            service.find_current_notice(session=session, now=NOW + timedelta(minutes=m)) is not None
            for m in (0, 59, 60, 61)
        ]

    assert found == [True, True, False, False]


@pytest.mark.parametrize(
    ("message", "lang", "expected"),
    [
        ({"fr": "Bonjour", "ar": "مرحبا", "en": "Hello"}, "ar", "مرحبا"),
        ({"fr": "Bonjour", "ar": "مرحبا", "en": "Hello"}, "en", "Hello"),
        ({"fr": "Bonjour", "en": "Hello"}, "ar", "Bonjour"),
        ({"en": "Hello"}, "ar", "Hello"),
        ({"ar": "مرحبا"}, "fr", "مرحبا"),
    ],
)
def test_message_in_language_falls_back_to_french_then_any(
    message: dict[str, str], lang: str, expected: str
) -> None:
    assert NoticeMessage(**message).in_language(lang) == expected


def test_notice_event_carries_the_whole_notice_as_json() -> None:
    notice = NoticeOut(
        id=7, message=NoticeMessage(en="Hi"), level="warning", posted_at=NOW, expires_at=None
    )

    assert service.notice_event("cleared", notice) == {
        "type": "notice",
        "action": "cleared",
        "notice": {
            "id": 7,
            "message": {"fr": None, "ar": None, "en": "Hi"},
            "level": "warning",
            "posted_at": "2026-04-18T09:00:00Z",
            "expires_at": None,
        },
    }
