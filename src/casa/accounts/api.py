"""JSON API of accounts: OAuth2 password tokens, registration, your profile and your data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm

from casa.accounts import login, service
from casa.accounts.deps import BearerToken, CurrentUser, client_ip
from casa.accounts.exceptions import BadCredentials, LoginRequired
from casa.accounts.schemas import EraseIn, ProfileUpdate, RegisterIn, TokenOut, UserOut
from casa.core.deps import ClockDep, SessionDep, SettingsDep

router = APIRouter(tags=["accounts"])

_NO_STORE = {"Cache-Control": "no-store"}


@router.post("/api/v1/auth/token", summary="Log in and get an access token")
def issue_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> TokenOut:
    """Exchange an email (as ``username``) and a password for a bearer token."""
    now = clock()
    try:
        user = login.authenticate(
            session=session,
            email=form.username,
            password=form.password,
            ip=client_ip(request),
            now=now,
            limit=settings.login_attempts_per_window,
            window_s=settings.login_window_s,
        )
    except BadCredentials:
        session.commit()  # the failed attempt must count even though the request fails
        raise
    token = login.issue_token(
        session=session, user=user, now=now, ttl_s=settings.access_token_ttl_s
    )
    response.headers.update(_NO_STORE)
    return TokenOut(access_token=token, expires_in=settings.access_token_ttl_s)


@router.post(
    "/api/v1/auth/revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke the access token of this request",
)
def revoke_token(user: CurrentUser, token: BearerToken, session: SessionDep) -> None:
    """Revoke the bearer token sent with this request; it stops working at once."""
    if token is None:
        raise LoginRequired()
    login.revoke_token(session=session, token=token)


@router.post(
    "/api/v1/auth/register",
    status_code=status.HTTP_201_CREATED,
    summary="Create an account",
)
def register(body: RegisterIn, response: Response, session: SessionDep, clock: ClockDep) -> UserOut:
    """Create a citizen account; then ask for a token with the same email and password."""
    user = service.register(
        session=session,
        email=body.email,
        password=body.password,
        name=body.name,
        language=body.language,
        now=clock(),
    )
    response.headers["Location"] = "/api/v1/me"
    return UserOut.of(user)


@router.get("/api/v1/me", summary="Your account")
def read_me(user: CurrentUser) -> UserOut:
    """Return the caller's account, roles and permissions."""
    return UserOut.of(user)


@router.patch("/api/v1/me", summary="Change your name or language")
def update_me(body: ProfileUpdate, user: CurrentUser, session: SessionDep) -> UserOut:
    """Change the caller's display name or preferred language."""
    service.update_profile(session=session, user=user, name=body.name, language=body.language)
    return UserOut.of(user)


@router.get("/api/v1/me/data", summary="Download every personal datum Casa holds about you")
def download_my_data(user: CurrentUser, session: SessionDep, clock: ClockDep) -> JSONResponse:
    """Return the caller's personal data from every domain, as a JSON file to save."""
    now = clock()
    data = service.export_data(session=session, user=user, now=now)
    filename = f"casa-personal-data-{now:%Y-%m-%d}.json"
    return JSONResponse(
        data,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', **_NO_STORE},
    )


@router.delete(
    "/api/v1/me",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Erase your account and your personal data",
)
def erase_me(body: EraseIn, user: CurrentUser, session: SessionDep) -> None:
    """Erase the caller's account, tokens, sessions and data in every domain."""
    service.erase_account(session=session, user=user, password=body.password)
