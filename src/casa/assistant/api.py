"""JSON API of the assistant: one message in, one answer out."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter

from casa.assistant import service, webhooks
from casa.assistant.schemas import MessageIn, MessageOut
from casa.core.deps import ClockDep, SessionDep

router = APIRouter(prefix="/api/v1/assistant", tags=["assistant"])
router.include_router(webhooks.router)


@router.post("/messages", response_model=MessageOut)
def message(body: MessageIn, session: SessionDep, clock: ClockDep) -> MessageOut:
    """Ask WEBOT a question in French, Arabic, Darija (either script) or English."""
    answer = service.reply(
        session=session, conversation_id=body.conversation_id, text=body.text, now=clock()
    )
    return MessageOut.model_validate(asdict(answer))
