"""Tables of the assistant: conversations, kept 30 minutes after their last message (Law 09-08)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from casa.core.db import Base, UTCDateTime


class Conversation(Base):
    """What WEBOT remembers of a conversation: its language and the slots of the question."""

    __tablename__ = "assistant_conversations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    lang: Mapped[str] = mapped_column(String(16))
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
