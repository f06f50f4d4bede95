"""Pages of accounts: register, log in, log out, and your account."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import Response

from casa.accounts import login, service
from casa.accounts.context import AccountContextMiddleware
from casa.accounts.csrf import rotate_csrf_token
from casa.accounts.deps import CsrfProtected, OptionalUser, client_ip
from casa.accounts.exceptions import AccountsError, BadCredentials, CsrfRejected, TooManyAttempts
from casa.accounts.models import User
from casa.accounts.permissions import ROLE_LABELS
from casa.accounts.schemas import UserOut
from casa.core.clock import Clock, local
from casa.core.config import Settings
from casa.core.deps import ClockDep, SessionDep, SettingsDep
from casa.core.middleware import LANG_COOKIE
from casa.core.templating import render

router = APIRouter(include_in_schema=False)

SESSION_COOKIE = "casa_session"
FLASH_KEY = "flash"
DEFAULT_NEXT = "/account"
LOGGED_OUT = "You have been logged out."

FormStr = Annotated[str, Form()]


def safe_next(target: str | None) -> str:
    """Return a local path to go to after login; anything pointing elsewhere becomes /account."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return DEFAULT_NEXT
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target or any(ord(c) < 32 for c in target):
        return DEFAULT_NEXT
    return target


def _error(exc: AccountsError, request: Request) -> dict[str, Any]:
    return {"error": exc.describe(str(request.state.lang)), "error_field": exc.field}


def _log_in(
    request: Request,
    response: Response,
    *,
    session: Session,
    user: User,
    settings: Settings,
    clock: Clock,
) -> None:
    key = login.open_web_session(
        session=session, user=user, now=clock(), ttl_s=settings.session_max_age_s
    )
    # A fresh session and CSRF token at login: a token planted before cannot ride the account.
    request.session.clear()
    request.session[login.WEB_SESSION_KEY] = key
    rotate_csrf_token(request)
    response.set_cookie(LANG_COOKIE, user.language, max_age=365 * 24 * 3600, samesite="lax")


@router.get("/login")
def login_page(request: Request, user: OptionalUser, next: str | None = None) -> Response:
    """Show the login form."""
    flash = request.session.pop(FLASH_KEY, None)
    return render(
        request,
        "accounts/login.html",
        {"next": safe_next(next), "email": "", "flash": flash, "signed_in": user is not None},
    )


@router.post("/login")
def login_submit(
    request: Request,
    _: CsrfProtected,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    email: FormStr = "",
    password: FormStr = "",
    next: FormStr = "",
) -> Response:
    """Check the credentials and open a browser session."""
    context: dict[str, Any] = {"next": safe_next(next), "email": email}
    try:
        user = login.authenticate(
            session=session,
            email=email,
            password=password,
            ip=client_ip(request),
            now=clock(),
            limit=settings.login_attempts_per_window,
            window_s=settings.login_window_s,
        )
    except BadCredentials as exc:
        session.commit()  # the failed attempt must count even though the login fails
        return render(
            request, "accounts/login.html", context | _error(exc, request), status_code=exc.status
        )
    except TooManyAttempts as exc:
        page = render(
            request, "accounts/login.html", context | _error(exc, request), status_code=exc.status
        )
        page.headers["Retry-After"] = str(exc.retry_after_s)
        return page
    response = RedirectResponse(safe_next(next), status_code=303)
    _log_in(request, response, session=session, user=user, settings=settings, clock=clock)
    return response


@router.get("/register")
def register_page(request: Request, next: str | None = None) -> Response:
    """Show the form to create an account."""
    return render(
        request,
        "accounts/register.html",
        {"next": safe_next(next), "form": {"language": request.state.lang}},
    )


@router.post("/register")
def register_submit(
    request: Request,
    _: CsrfProtected,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    name: FormStr = "",
    email: FormStr = "",
    password: FormStr = "",
    language: FormStr = "",
    next: FormStr = "",
) -> Response:
    """Create an account and log it in."""
    form = {"name": name, "email": email, "language": language or request.state.lang}
    try:
        user = service.register(
            session=session,
            email=email,
            password=password,
            name=name,
            language=form["language"],
            now=clock(),
        )
    except AccountsError as exc:
        context = {"next": safe_next(next), "form": form} | _error(exc, request)
        return render(request, "accounts/register.html", context, status_code=exc.status)
    response = RedirectResponse(safe_next(next), status_code=303)
    _log_in(request, response, session=session, user=user, settings=settings, clock=clock)
    return response


@router.post("/logout")
def logout(request: Request, _: CsrfProtected, session: SessionDep) -> Response:
    """End the browser session."""
    key = request.session.get(login.WEB_SESSION_KEY)
    if isinstance(key, str):
        login.close_web_session(session=session, key=key)
    request.session.clear()
    rotate_csrf_token(request)
    request.session[FLASH_KEY] = LOGGED_OUT
    return RedirectResponse("/login", status_code=303)


def _account_page(
    request: Request, user: User, *, status_code: int = 200, **extra: Any
) -> Response:
    context = {
        "user": UserOut.of(user),
        "member_since": f"{local(user.created_at):%Y-%m-%d}",
        "role_labels": ROLE_LABELS,
        **extra,
    }
    return render(request, "accounts/account.html", context, status_code=status_code)


def _to_login(request: Request) -> Response:
    return RedirectResponse("/login?" + urlencode({"next": request.url.path}), status_code=303)


@router.get("/account")
def account_page(request: Request, user: OptionalUser) -> Response:
    """Show the caller's profile, roles, data download and erasure form."""
    if user is None:
        return _to_login(request)
    return _account_page(request, user, saved=request.query_params.get("saved") == "1")


@router.post("/account")
def account_update(
    request: Request,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    name: FormStr = "",
    language: FormStr = "",
) -> Response:
    """Change the caller's name and preferred language."""
    if user is None:
        return _to_login(request)
    try:
        service.update_profile(session=session, user=user, name=name, language=language)
    except AccountsError as exc:
        return _account_page(request, user, status_code=exc.status, **_error(exc, request))
    response = RedirectResponse("/account?saved=1", status_code=303)
    response.set_cookie(LANG_COOKIE, user.language, max_age=365 * 24 * 3600, samesite="lax")
    return response


@router.post("/account/erase")
def account_erase(
    request: Request,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    password: FormStr = "",
) -> Response:
    """Erase the caller's account once the password is confirmed."""
    if user is None:
        return _to_login(request)
    try:
        service.erase_account(session=session, user=user, password=password)
    except AccountsError as exc:
        return _account_page(
            request, user, status_code=exc.status, erase_error=exc.describe(str(request.state.lang))
        )
    request.session.clear()
    rotate_csrf_token(request)
    return render(request, "accounts/erased.html")


async def csrf_rejected_page(request: Request, exc: Exception) -> Response:
    """Answer a refused form with a page that says what happened and how to go on."""
    assert isinstance(exc, CsrfRejected)
    message = exc.describe(str(getattr(request.state, "lang", "fr")))
    referer = urlsplit(request.headers.get("referer", ""))
    same_site = referer.netloc == request.url.netloc and referer.path.startswith("/")
    back = referer.path + (f"?{referer.query}" if referer.query else "") if same_site else "/"
    return render(
        request, "accounts/refused.html", {"message": message, "back": back}, status_code=403
    )


def install_session(app: FastAPI, settings: Settings) -> None:
    """Install the signed session cookie, the page context and the CSRF refusal page."""
    app.add_exception_handler(CsrfRejected, csrf_rejected_page)
    # Added first, so it runs inside the session middleware and can read the cookie.
    app.add_middleware(AccountContextMiddleware)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age_s,
        same_site="lax",
        https_only=settings.env == "production",
    )
