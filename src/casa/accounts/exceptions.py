"""Errors of accounts: each carries an English message id and its parameters.

The API and the pages say ``message`` in the reader's language through ``describe(lang)``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from casa.core.errors import (
    CasaError,
    Conflict,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    RateLimited,
)


class AccountsError(CasaError):
    """The root of every accounts error."""

    message: ClassVar[str | None] = "Bad request"

    def __init__(self, *, field: str | None = None, **params: Any) -> None:
        # CasaError's initialiser is called directly: some parents (RateLimited) take other
        # arguments than the ones every accounts error shares.
        CasaError.__init__(self, field=field, **params)


class EmailTaken(AccountsError, Conflict):
    message = "An account already uses this email address."
    default_field = "email"


class InvalidEmail(AccountsError, InvalidInput):
    message = "Enter a valid email address, such as name@example.ma."
    default_field = "email"


class WeakPassword(AccountsError, InvalidInput):
    message = "The password must have at least {min_length} characters."
    default_field = "password"


class InvalidName(AccountsError, InvalidInput):
    message = "Enter a name of 1 to 120 characters."
    default_field = "name"


class UnsupportedLanguage(AccountsError, InvalidInput):
    message = "Choose a language among: {choices}."
    default_field = "language"


class UnknownRole(AccountsError, InvalidInput):
    message = "Unknown role {role}; valid roles: {choices}."
    default_field = "role"


class UserNotFound(AccountsError, NotFound):
    message = "No account uses the email {email}."
    default_field = "email"


class BadCredentials(AccountsError, NotAuthenticated):
    message = "Wrong email or password."


class WrongPassword(AccountsError, PermissionDenied):
    message = "The password is wrong; the account was not erased."
    default_field = "password"


class InvalidToken(AccountsError, NotAuthenticated):
    message = "The access token is unknown, revoked or expired; ask for a new one."


class LoginRequired(AccountsError, NotAuthenticated):
    message = "Log in, or send an access token in the Authorization header."


class MissingPermission(AccountsError, PermissionDenied):
    message = "Your roles do not grant the permission {permission}."


class CsrfRejected(AccountsError, PermissionDenied):
    message = "This form has expired or was sent from another site. Reload the page and try again."
    default_field = "csrf_token"


class TooManyAttempts(AccountsError, RateLimited):
    message = "Too many failed logins. Try again in {retry_after_s} seconds."

    def __init__(self, *, retry_after_s: int) -> None:
        super().__init__(retry_after_s=retry_after_s)
        self.retry_after_s = retry_after_s
        self.extra = {"retry_after": retry_after_s}
