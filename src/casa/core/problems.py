"""Map every error to an RFC 9457 problem+json response (or a page for browsers)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from casa.core.errors import PROBLEM_JSON, CasaError, UnstorableValue, problem
from casa.core.i18n import gettext

log = structlog.get_logger("casa.errors")
_PHRASES = {status.value for status in HTTPStatus}

_HTTP_SLUGS = {
    400: ("bad-request", "Bad request"),
    401: ("not-authenticated", "Authentication required"),
    403: ("permission-denied", "Permission denied"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    413: ("payload-too-large", "Payload too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("invalid-input", "Invalid input"),
    429: ("rate-limited", "Too many requests"),
    503: ("service-unavailable", "Service unavailable"),
}


def request_language(request: Request) -> str:
    """Return the language chosen for this request by the language middleware."""
    return str(getattr(request.state, "lang", "fr"))


def problem_response(
    request: Request, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> JSONResponse:
    """Return a problem+json response."""
    body.setdefault("instance", request.url.path)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) if parts else ".".join(str(p) for p in loc)


async def casa_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Render a domain error."""
    assert isinstance(exc, CasaError)
    lang = request_language(request)
    body = problem(
        status=exc.status,
        slug=exc.slug,
        title=gettext(exc.title, lang),
        detail=exc.describe(lang),
        field=exc.field,
        **exc.extra,
    )
    headers = {}
    retry = exc.extra.get("retry_after")
    if retry is not None:
        headers["Retry-After"] = str(retry)
    if exc.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return problem_response(request, exc.status, body, headers or None)


async def validation_handler(request: Request, exc: Exception) -> JSONResponse:
    """Render request validation errors with the offending fields."""
    assert isinstance(exc, RequestValidationError)
    lang = request_language(request)
    errors = [
        {"field": _field_of(err.get("loc", ())), "message": err.get("msg", "invalid")}
        for err in exc.errors()
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    body = problem(
        status=422,
        slug="invalid-input",
        title=gettext("Invalid input", lang),
        detail=detail,
        errors=errors,
        field=errors[0]["field"] if errors else None,
    )
    return problem_response(request, 422, body)


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Render Starlette's own HTTP errors (unknown route, wrong method) as problems."""
    assert isinstance(exc, StarletteHTTPException)
    lang = request_language(request)
    slug, title = _HTTP_SLUGS.get(exc.status_code, ("http-error", "HTTP error"))
    # Starlette's default detail is only the status phrase: it adds nothing to the title.
    default = HTTPStatus(exc.status_code).phrase if exc.status_code in _PHRASES else None
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != default else None
    body = problem(status=exc.status_code, slug=slug, title=gettext(title, lang), detail=detail)
    return problem_response(request, exc.status_code, body, dict(exc.headers or {}) or None)


async def data_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Answer a value the database refuses (a NUL in a text, a number out of range) as a 422.

    Whatever the endpoint, such a value came from the caller; the unit of work is rolled back.
    """
    log.warning("unstorable_value", path=request.url.path, error=str(exc).splitlines()[0])
    return await casa_error_handler(request, UnstorableValue())


async def unexpected_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Log an unexpected error and answer a generic 500 that leaks nothing."""
    log.exception("unhandled_error", path=request.url.path, method=request.method)
    lang = request_language(request)
    body = problem(
        status=500,
        slug="internal-error",
        title=gettext("Internal error", lang),
        detail=gettext("Something went wrong on our side; it has been logged.", lang),
    )
    return problem_response(request, 500, body)


def install(app: FastAPI) -> None:
    """Install the problem handlers on an application."""
    app.add_exception_handler(CasaError, casa_error_handler)
    app.add_exception_handler(RequestValidationError, validation_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(DataError, data_error_handler)
    app.add_exception_handler(Exception, unexpected_error_handler)
