"""What the pages of IPARK share: a domain error shown on the form, the way to the login page."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from casa.core.errors import CasaError
from casa.core.i18n import gettext


def problem(request: Request, exc: CasaError) -> dict[str, Any]:
    """Return the template values that show a domain error on a form, in the page's language."""
    lang = str(request.state.lang)
    return {
        "error": gettext(exc.title, lang),
        "error_detail": exc.describe(lang),
        "error_field": exc.field,
    }


def login_redirect(request: Request) -> Response:
    """Send the visitor to the login page, coming back here afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
