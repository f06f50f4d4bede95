"""Input and output shapes of the web shell's notices."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from casa.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from casa.web.models import Notice

Level = Literal["info", "warning"]
Text = Field(default=None, min_length=1, max_length=500)


class NoticeMessage(BaseModel):
    """A notice's text in each language; at least one is required."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    fr: str | None = Text
    ar: str | None = Text
    en: str | None = Text

    @model_validator(mode="after")
    def _at_least_one(self) -> NoticeMessage:
        if not (self.fr or self.ar or self.en):
            raise ValueError("give the message in at least one of fr, ar, en")
        return self

    def in_language(self, lang: str) -> str:
        """Return the text in a language, else in French, else in any language given."""
        texts = self.model_dump()
        order = [lang, DEFAULT_LANGUAGE, *LANGUAGES]
        return next(texts[code] for code in order if texts.get(code))


class NoticeIn(BaseModel):
    """A notice to post city-wide."""

    model_config = ConfigDict(extra="forbid")

    message: NoticeMessage = Field(
        examples=[{"fr": "Tramway T1 interrompu", "ar": "توقف الترامواي", "en": "T1 tram halted"}]
    )
    level: Level = "info"
    expires_at: AwareDatetime | None = Field(
        default=None, description="when the notice stops showing; an aware ISO 8601 instant"
    )


class NoticeOut(BaseModel):
    """A notice as every page shows it."""

    id: int
    message: NoticeMessage
    level: Level
    posted_at: datetime
    expires_at: datetime | None

    @classmethod
    def of(cls, notice: Notice) -> NoticeOut:
        """Return the public view of a stored notice."""
        return cls(
            id=notice.id,
            message=NoticeMessage(fr=notice.message_fr, ar=notice.message_ar, en=notice.message_en),
            level="warning" if notice.level == "warning" else "info",
            posted_at=notice.posted_at,
            expires_at=notice.expires_at,
        )
