"""Jinja2 templates shared by every domain's pages, with the translation layer installed.

Each package keeps its pages in ``<package>/templates/<package>/``; the shared layout
(``base.html``) lives in ``casa/web/templates``. The loader looks in all of them, so a domain
below ``web`` in the layer order can extend the layout without importing ``casa.web``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from casa.core.errors import CasaError
from casa.core.i18n import LANGUAGE_NAMES, LANGUAGES, direction, gettext, translations

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MAP_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
"""Where every map's background tiles come from; only a visitor's browser fetches them."""
CITY_CENTRE = (33.5731, -7.5898)
"""Where a map of Casablanca opens when it has nothing else to show."""


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    """Return the shared template renderer."""
    folders = sorted(p for p in PACKAGE_DIR.glob("*/templates") if p.is_dir())
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(f)) for f in folders]),
        autoescape=select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["LANGUAGES"] = LANGUAGES
    env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    env.globals["MAP_TILES"] = MAP_TILES
    env.globals["CITY_CENTRE"] = CITY_CENTRE
    return Jinja2Templates(env=env)


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> Response:
    """Render a page in the request's language."""
    lang = str(getattr(request.state, "lang", "fr"))
    tr = translations(lang)
    renderer = templates()
    # The gettext callables are passed per render, so concurrent requests in other languages
    # never see each other's translations.
    ctx: dict[str, Any] = {
        "request": request,
        "lang": lang,
        "dir": direction(lang),
        "_": tr.gettext,
        "gettext": tr.gettext,
        "ngettext": tr.ngettext,
    }
    ctx.update(getattr(request.state, "template_context", {}))
    ctx.update(context or {})
    return renderer.TemplateResponse(request, name, ctx, status_code=status_code)


def error_context(request: Request, exc: CasaError) -> dict[str, Any]:
    """Say a domain error on a page in the visitor's language, with the field to fix."""
    lang = str(request.state.lang)
    return {
        "error": gettext(exc.title, lang),
        "error_detail": exc.describe(lang),
        "error_field": exc.field,
    }


def login_redirect(request: Request) -> Response:
    """Send an anonymous visitor to the login page, and back here afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
