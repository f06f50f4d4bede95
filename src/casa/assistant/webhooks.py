"""Webhooks of the messaging platforms: Telegram Bot API and WhatsApp Cloud API.

They are public by design (the platforms call them) and authenticated by a shared secret
header (Telegram) or an HMAC-SHA256 signature of the raw body (WhatsApp). Unconfigured, they
answer 404 as if absent.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import PlainTextResponse

from casa.assistant import channels
from casa.assistant.exceptions import (
    BadPayload,
    BadSignature,
    VerificationRefused,
    WebhookNotConfigured,
)
from casa.assistant.schemas import WebhookOut
from casa.core.config import Settings
from casa.core.deps import ClockDep, SessionDep, SettingsDep

router = APIRouter(tags=["assistant"])


def get_outbox(settings: SettingsDep) -> channels.Outbox:
    """Return the outbox replies leave through (replaced in tests)."""
    return channels.HttpOutbox(settings.telegram_bot_token, settings.whatsapp_token)


OutboxDep = Annotated[channels.Outbox, Depends(get_outbox)]


async def raw_body(request: Request) -> bytes:
    """Return the request's body exactly as sent (signatures cover these bytes)."""
    return await request.body()


def _json(body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadPayload() from None
    if not isinstance(payload, dict):
        raise BadPayload()
    return payload


def _whatsapp_secret(settings: Settings) -> str:
    if not (settings.whatsapp_app_secret and settings.whatsapp_token):
        raise WebhookNotConfigured(channel="WhatsApp")
    return settings.whatsapp_app_secret


@router.post("/telegram/{secret_path}", response_model=WebhookOut)
def telegram_update(
    secret_path: str,
    body: Annotated[bytes, Depends(raw_body)],
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    outbox: OutboxDep,
    secret: Annotated[str | None, Header(alias="X-Telegram-Bot-Api-Secret-Token")] = None,
) -> WebhookOut:
    """Receive a Telegram update and answer its message once."""
    expected = settings.telegram_secret
    if not (expected and settings.telegram_bot_token) or not channels.same_secret(
        secret_path, expected
    ):
        raise WebhookNotConfigured(channel="Telegram")
    if not channels.same_secret(secret, expected):
        raise BadSignature(channel="Telegram")
    incoming = channels.telegram_message(_json(body))
    if incoming is None:
        return WebhookOut(received=0, answered=0)
    done = channels.handle(session=session, incoming=incoming, outbox=outbox, now=clock())
    return WebhookOut(received=1, answered=int(done))


@router.get("/whatsapp", response_class=PlainTextResponse)
def whatsapp_verify(
    settings: SettingsDep,
    mode: Annotated[str, Query(alias="hub.mode", max_length=32)] = "",
    token: Annotated[str, Query(alias="hub.verify_token", max_length=256)] = "",
    challenge: Annotated[str, Query(alias="hub.challenge", max_length=256)] = "",
) -> PlainTextResponse:
    """Answer WhatsApp's webhook verification with its challenge."""
    _whatsapp_secret(settings)
    expected = settings.whatsapp_verify_token
    if mode != "subscribe" or not expected or not channels.same_secret(token, expected):
        raise VerificationRefused()
    return PlainTextResponse(challenge)


@router.post("/whatsapp", response_model=WebhookOut)
def whatsapp_notification(
    body: Annotated[bytes, Depends(raw_body)],
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    outbox: OutboxDep,
    signature: Annotated[str | None, Header(alias="X-Hub-Signature-256")] = None,
) -> WebhookOut:
    """Receive a WhatsApp notification and answer each of its messages once."""
    secret = _whatsapp_secret(settings)
    if not channels.signature_ok(secret=secret, body=body, header=signature):
        raise BadSignature(channel="WhatsApp")
    found = channels.whatsapp_messages(_json(body))
    now = clock()
    answered = sum(
        channels.handle(session=session, incoming=m, outbox=outbox, now=now) for m in found
    )
    return WebhookOut(received=len(found), answered=answered)
