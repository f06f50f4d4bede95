"""WEBOT on messaging platforms: Telegram Bot API and WhatsApp Cloud API updates in, replies out.

Each platform calls a webhook with its own payload; a message id seen before is answered once
only (platforms redeliver when unsure). Replies leave through an ``Outbox``, injected so tests
capture them without a network.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import httpx
from sqlalchemy.orm import Session

from casa.assistant import dialogue, service
from casa.assistant.answers import say
from casa.assistant.exceptions import ReplyNotSent
from casa.assistant.models import Delivery

TELEGRAM_API = "https://api.telegram.org"
WHATSAPP_API = "https://graph.facebook.com/v21.0"
COMMANDS = frozenset({"/start", "/help"})
TELEGRAM_LANGS = {"fr": "fr", "ar": "ar", "en": "en"}


class Outbox(Protocol):
    """Where WEBOT's replies to a platform go."""

    def telegram(self, *, chat_id: int | str, text: str) -> None:
        """Send a text to a Telegram chat (Bot API ``sendMessage``)."""

    def whatsapp(self, *, phone_number_id: str, to: str, text: str) -> None:
        """Send a text to a WhatsApp user (Cloud API ``messages``)."""


@dataclass
class HttpOutbox:
    """The outbox that calls the platforms over HTTPS."""

    telegram_token: str | None
    whatsapp_token: str | None
    timeout_s: float = 10.0

    def telegram(self, *, chat_id: int | str, text: str) -> None:
        """Send a text to a Telegram chat (Bot API ``sendMessage``)."""
        url = f"{TELEGRAM_API}/bot{self.telegram_token}/sendMessage"
        body = {"chat_id": chat_id, "text": text}
        httpx.post(url, json=body, timeout=self.timeout_s).raise_for_status()

    def whatsapp(self, *, phone_number_id: str, to: str, text: str) -> None:
        """Send a text to a WhatsApp user (Cloud API ``messages``)."""
        url = f"{WHATSAPP_API}/{phone_number_id}/messages"
        body = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to,
            "type": "text",
            "text": {"body": text},
        }
        headers = {"Authorization": f"Bearer {self.whatsapp_token}"}
        httpx.post(url, json=body, headers=headers, timeout=self.timeout_s).raise_for_status()


def first_delivery(*, session: Session, channel: str, message_id: str, now: datetime) -> bool:
    """Record a platform's message id; tell whether it is the first delivery of it."""
    values = {"channel": channel, "message_id": message_id[:128], "received_at": now}
    stmt = dialogue.insert_for(session, Delivery).values(**values).on_conflict_do_nothing()
    # RETURNING says whether a row went in on every driver (rowcount does not).
    return session.execute(stmt.returning(Delivery.message_id)).first() is not None


def signature_ok(*, secret: str, body: bytes, header: str | None) -> bool:
    """Check a WhatsApp ``X-Hub-Signature-256`` header: the HMAC-SHA256 of the raw body."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").lower())


def same_secret(given: str | None, expected: str) -> bool:
    """Compare a secret in constant time."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


@dataclass(frozen=True, slots=True)
class Incoming:
    """A message from a platform: who sent it, its id, its text (None when not text)."""

    channel: str
    message_id: str
    sender: str
    text: str | None
    lang: str
    reply_to: dict[str, Any]


def telegram_message(update: dict[str, Any]) -> Incoming | None:
    """Return the message of a Telegram update (None for edits, callbacks and the like)."""
    message = update.get("message")
    if not isinstance(message, dict):
        return None
    chat, sender = message.get("chat"), message.get("from")
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    message_id = message.get("message_id")
    if not isinstance(chat_id, int | str) or not isinstance(message_id, int | str):
        return None
    text = message.get("text")
    code = sender.get("language_code") if isinstance(sender, dict) else None
    lang = TELEGRAM_LANGS.get(str(code or "")[:2], "fr")
    return Incoming(
        channel="telegram",
        message_id=f"{chat_id}:{message_id}",
        sender=str(chat_id),
        text=text if isinstance(text, str) else None,
        lang=lang,
        reply_to={"chat_id": chat_id},
    )


def whatsapp_messages(payload: dict[str, Any]) -> list[Incoming]:
    """Return the messages of a WhatsApp Cloud API notification (statuses carry none)."""
    found = []
    for entry in _dicts(payload.get("entry")):
        for change in _dicts(entry.get("changes")):
            value = change.get("value")
            if not isinstance(value, dict):
                continue
            metadata = value.get("metadata")
            phone_id = metadata.get("phone_number_id") if isinstance(metadata, dict) else None
            for message in _dicts(value.get("messages")):
                sender, message_id = message.get("from"), message.get("id")
                if not isinstance(sender, str) or not isinstance(message_id, str) or not phone_id:
                    continue
                body = message.get("text")
                text = body.get("body") if isinstance(body, dict) else None
                found.append(
                    Incoming(
                        channel="whatsapp",
                        message_id=message_id,
                        sender=sender,
                        text=text if isinstance(text, str) else None,
                        lang="fr",
                        reply_to={"phone_number_id": str(phone_id), "to": sender},
                    )
                )
    return found


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def conversation_of(incoming: Incoming) -> str:
    """Return the conversation id of a sender (a hash: no phone number or chat id is stored)."""
    digest = hashlib.sha256(f"{incoming.channel}:{incoming.sender}".encode()).hexdigest()
    return f"{incoming.channel[:2]}-{digest[:40]}"


def answer_text(*, session: Session, incoming: Incoming, now: datetime) -> str:
    """Return WEBOT's reply to a platform message."""
    text = (incoming.text or "").strip()
    if not text or text.split()[0].split("@")[0] in COMMANDS:
        return say(service.HELP, incoming.lang)
    conversation = conversation_of(incoming)
    return service.reply(session=session, conversation_id=conversation, text=text, now=now).reply


def handle(*, session: Session, incoming: Incoming, outbox: Outbox, now: datetime) -> bool:
    """Answer a platform message once; tell whether it was new (a repeat does nothing)."""
    if not first_delivery(
        session=session, channel=incoming.channel, message_id=incoming.message_id, now=now
    ):
        return False
    reply = answer_text(session=session, incoming=incoming, now=now)
    try:
        if incoming.channel == "telegram":
            outbox.telegram(chat_id=incoming.reply_to["chat_id"], text=reply)
        else:
            outbox.whatsapp(
                phone_number_id=incoming.reply_to["phone_number_id"],
                to=incoming.reply_to["to"],
                text=reply,
            )
    except httpx.HTTPError as exc:
        # Unrecorded, so the platform's next delivery of this message is answered.
        raise ReplyNotSent(channel=incoming.channel) from exc
    return True
