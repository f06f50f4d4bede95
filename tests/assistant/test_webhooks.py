"""WEBOT on Telegram and WhatsApp: payloads in each platform's documented format, no network."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from casa.app import create_app
from casa.assistant import webhooks
from casa.city import service as city
from casa.core.clock import FrozenClock
from casa.core.config import Settings
from casa.core.db import Database
from casa.transit import service as transit

pytestmark = pytest.mark.integration

SECRETS = {
    "telegram_bot_token": "123456:test-token",
    "telegram_secret": "tg-secret_0123",
    "whatsapp_app_secret": "wa-app-secret",
    "whatsapp_verify_token": "wa-verify",
    "whatsapp_token": "wa-token",
}
TELEGRAM = "/api/v1/assistant/telegram/tg-secret_0123"
WHATSAPP = "/api/v1/assistant/whatsapp"


@dataclass
class Recorder:
    """An outbox that keeps what would have been sent."""

    sent: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    fail: bool = False

    def telegram(self, *, chat_id: int | str, text: str) -> None:
        if self.fail:
            raise httpx.ConnectError("no network in tests")
        self.sent.append(("telegram", {"chat_id": chat_id, "text": text}))

    def whatsapp(self, *, phone_number_id: str, to: str, text: str) -> None:
        self.sent.append(("whatsapp", {"phone_number_id": phone_number_id, "to": to, "text": text}))


@pytest.fixture
def outbox() -> Recorder:
    return Recorder()


@pytest.fixture
def bot(
    settings: Settings, clock: FrozenClock, db: Database, outbox: Recorder
) -> Iterator[TestClient]:
    with db.session() as session:
        city.load_bundled(session=session)
        transit.load_bundled(session=session, now=clock())
    app = create_app(settings.model_copy(update=SECRETS), clock=clock)
    app.dependency_overrides[webhooks.get_outbox] = lambda: outbox
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def telegram_update(text: str, message_id: int = 1365, update_id: int = 10000) -> dict[str, Any]:
    """An Update as the Bot API documents it (a private chat's text message)."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": message_id,
            "from": {
                "id": 1111111,
                "is_bot": False,
                "first_name": "Amina",
                "language_code": "fr",
            },
            "chat": {"id": 1111111, "first_name": "Amina", "type": "private"},
            "date": 1776502800,
            "text": text,
        },
    }


def whatsapp_notification(
    text: str, message_id: str = "wamid.HBgLMjEyNjAwMDAwMDAVAgASGBQ="
) -> bytes:
    """A messages notification as the Cloud API documents it."""
    payload = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "212522000000",
                                "phone_number_id": "106540352242922",
                            },
                            "contacts": [{"profile": {"name": "Youssef"}, "wa_id": "212600000000"}],
                            "messages": [
                                {
                                    "from": "212600000000",
                                    "id": message_id,
                                    "timestamp": "1776502800",
                                    "text": {"body": text},
                                    "type": "text",
                                }
                            ],
                        },
                        "field": "messages",
                    }
                ],
            }
        ],
    }
    return json.dumps(payload, ensure_ascii=False).encode()


def signed(body: bytes, secret: str = SECRETS["whatsapp_app_secret"]) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": f"sha256={digest}", "Content-Type": "application/json"}


def tg_headers(secret: str = SECRETS["telegram_secret"]) -> dict[str, str]:
    return {"X-Telegram-Bot-Api-Secret-Token": secret}


def test_telegram_update_is_answered_with_send_message(bot: TestClient, outbox: Recorder) -> None:
    response = bot.post(
        TELEGRAM, json=telegram_update("chhal tiki dyal tram?"), headers=tg_headers()
    )

    assert (response.status_code, response.json()) == (200, {"received": 1, "answered": 1})
    assert [(kind, sent["chat_id"], "8.00" in sent["text"]) for kind, sent in outbox.sent] == [
        ("telegram", 1111111, True)
    ]


def test_telegram_repeated_delivery_answers_once(bot: TestClient, outbox: Recorder) -> None:
    update = telegram_update("Bonjour")
    first = bot.post(TELEGRAM, json=update, headers=tg_headers())
    again = bot.post(TELEGRAM, json=update, headers=tg_headers())

    assert (first.json(), again.status_code, again.json(), len(outbox.sent)) == (
        {"received": 1, "answered": 1},
        200,
        {"received": 1, "answered": 0},
        1,
    )


def test_telegram_conversation_keeps_its_context(bot: TestClient, outbox: Recorder) -> None:
    bot.post(TELEGRAM, json=telegram_update("Je veux aller à Ain Diab", 1), headers=tg_headers())
    bot.post(TELEGRAM, json=telegram_update("Casa Port", 2), headers=tg_headers())

    texts = [sent["text"] for _, sent in outbox.sent]
    assert (texts[0], texts[1].startswith("De Gare de Casa-Port à Aïn Diab Plage :")) == (
        "D'où partez-vous ?",
        True,
    )


def test_telegram_start_command_gets_the_help(bot: TestClient, outbox: Recorder) -> None:
    bot.post(TELEGRAM, json=telegram_update("/start"), headers=tg_headers())

    assert outbox.sent[0][1]["text"].startswith("Bonjour ! Je suis WEBOT.")


def test_telegram_refuses_a_wrong_secret_header(bot: TestClient, outbox: Recorder) -> None:
    response = bot.post(TELEGRAM, json=telegram_update("Bonjour"), headers=tg_headers("nope"))

    assert (response.status_code, response.json()["type"], outbox.sent) == (
        401,
        "https://casa.ma/problems/not-authenticated",
        [],
    )


def test_telegram_unknown_path_is_not_found(bot: TestClient) -> None:
    response = bot.post(
        "/api/v1/assistant/telegram/guess", json=telegram_update("x"), headers=tg_headers()
    )

    assert response.status_code == 404


def test_telegram_failed_reply_is_retried_on_the_next_delivery(
    bot: TestClient, outbox: Recorder
) -> None:
    update = telegram_update("Bonjour")
    outbox.fail = True
    failed = bot.post(TELEGRAM, json=update, headers=tg_headers())
    outbox.fail = False
    retried = bot.post(TELEGRAM, json=update, headers=tg_headers())

    assert (failed.status_code, retried.json(), len(outbox.sent)) == (
        503,
        {"received": 1, "answered": 1},
        1,
    )


def test_whatsapp_verification_echoes_the_challenge(bot: TestClient) -> None:
    ok = bot.get(
        WHATSAPP,
        params={
            "hub.mode": "subscribe",
            "hub.verify_token": "wa-verify",
            "hub.challenge": "1158201444",
        },
    )
    wrong = bot.get(
        WHATSAPP,
        params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"},
    )

    assert (ok.status_code, ok.text, wrong.status_code) == (200, "1158201444", 403)


def test_whatsapp_message_is_answered_in_its_script(bot: TestClient, outbox: Recorder) -> None:
    body = whatsapp_notification("شحال تيكي ديال الطرام؟")
    response = bot.post(WHATSAPP, content=body, headers=signed(body))

    kind, sent = outbox.sent[0]
    assert (response.json(), kind, sent["phone_number_id"], sent["to"]) == (
        {"received": 1, "answered": 1},
        "whatsapp",
        "106540352242922",
        "212600000000",
    )
    assert ("8.00" in sent["text"], sent["text"][0] in "ابتثجحخدذرزسشصضطظعغفقكلمنهوي") == (
        True,
        True,
    )


def test_whatsapp_repeated_delivery_answers_once(bot: TestClient, outbox: Recorder) -> None:
    body = whatsapp_notification("Bonjour")
    first = bot.post(WHATSAPP, content=body, headers=signed(body))
    again = bot.post(WHATSAPP, content=body, headers=signed(body))

    assert (first.json()["answered"], again.status_code, again.json()["answered"]) == (1, 200, 0)
    assert len(outbox.sent) == 1


def test_whatsapp_refuses_a_bad_signature(bot: TestClient, outbox: Recorder) -> None:
    body = whatsapp_notification("Bonjour")
    forged = bot.post(WHATSAPP, content=body, headers=signed(body, "other-secret"))
    unsigned = bot.post(WHATSAPP, content=body, headers={"Content-Type": "application/json"})

    assert (forged.status_code, unsigned.status_code, outbox.sent) == (401, 401, [])


def test_whatsapp_status_notification_answers_nothing(bot: TestClient, outbox: Recorder) -> None:
    body = json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": "102290129340398",
                    "changes": [
                        {
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {"phone_number_id": "106540352242922"},
                                "statuses": [{"id": "wamid.X", "status": "delivered"}],
                            },
                            "field": "messages",
                        }
                    ],
                }
            ],
        }
    ).encode()
    response = bot.post(WHATSAPP, content=body, headers=signed(body))

    assert (response.json(), outbox.sent) == ({"received": 0, "answered": 0}, [])


def test_webhooks_are_absent_when_not_configured(client: TestClient) -> None:
    answers = [
        client.post(TELEGRAM, json=telegram_update("x"), headers=tg_headers()),
        client.get(WHATSAPP, params={"hub.mode": "subscribe"}),
        client.post(WHATSAPP, content=b"{}"),
    ]

    assert [(r.status_code, r.headers["content-type"]) for r in answers] == [
        (404, "application/problem+json")
    ] * 3
