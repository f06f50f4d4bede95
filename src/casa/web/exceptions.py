"""Errors of the web shell."""

from __future__ import annotations

from casa.core.errors import CasaError, InvalidInput, NotFound


class WebError(CasaError):
    """The root of every web shell error."""


class NoCurrentNotice(WebError, NotFound):
    slug = "no-current-notice"
    title = "No current notice"

    def __init__(self) -> None:
        super().__init__("No notice is in force right now.")


class NoticeAlreadyExpired(WebError, InvalidInput):
    def __init__(self) -> None:
        super().__init__("expires_at must be in the future.", field="expires_at")
