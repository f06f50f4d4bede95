"""Errors as RFC 9457 problem details: one hierarchy, titles in the caller's language."""

from __future__ import annotations

from typing import Any, ClassVar

from casa.core.i18n import gettext

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://casa.ma/problems/"


class CasaError(Exception):
    """The root of every error a service raises on purpose.

    ``slug`` gives the stable problem ``type``; ``title`` is an English message id that is
    translated for the caller; ``detail`` says what to fix. A subclass may set ``message``, an
    English message id with ``{named}`` parameters: raised with those parameters, its detail is
    then said in the caller's language by ``describe(lang)``.
    """

    status: ClassVar[int] = 400
    slug: ClassVar[str] = "bad-request"
    title: ClassVar[str] = "Bad request"
    message: ClassVar[str | None] = None
    default_field: ClassVar[str | None] = None

    def __init__(
        self,
        detail: str | None = None,
        *,
        field: str | None = None,
        extra: dict[str, Any] | None = None,
        **params: Any,
    ) -> None:
        self.params = params
        self._templated = detail is None and self.message is not None
        if self._templated:
            assert self.message is not None
            detail = self.message.format(**params)
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.field = field or self.default_field
        self.extra = extra or {}

    def describe(self, lang: str) -> str:
        """Return the detail in a language (translated when it comes from ``message``)."""
        if self._templated and self.message is not None:
            return gettext(self.message, lang).format(**self.params)
        return self.detail

    @property
    def type_uri(self) -> str:
        """Return the stable URI naming this kind of problem."""
        return PROBLEM_BASE + self.slug


class InvalidInput(CasaError):
    status = 422
    slug = "invalid-input"
    title = "Invalid input"


class UnstorableValue(InvalidInput):
    slug = "unstorable-value"
    message = (
        "A value sent cannot be stored: remove control characters such as NUL, and keep texts "
        "and numbers within their limits"
    )


class NotFound(CasaError):
    status = 404
    slug = "not-found"
    title = "Not found"


class Conflict(CasaError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class NotAuthenticated(CasaError):
    status = 401
    slug = "not-authenticated"
    title = "Authentication required"


class PermissionDenied(CasaError):
    status = 403
    slug = "permission-denied"
    title = "Permission denied"


class RateLimited(CasaError):
    status = 429
    slug = "rate-limited"
    title = "Too many requests"

    def __init__(self, detail: str | None = None, *, retry_after_s: int = 60) -> None:
        super().__init__(detail, extra={"retry_after": retry_after_s})
        self.retry_after_s = retry_after_s


class ServiceUnavailable(CasaError):
    status = 503
    slug = "service-unavailable"
    title = "Service unavailable"


def problem(
    *,
    status: int,
    slug: str,
    title: str,
    detail: str | None = None,
    instance: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Build a problem+json body."""
    body: dict[str, Any] = {"type": PROBLEM_BASE + slug, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update({k: v for k, v in extra.items() if v is not None})
    return body
