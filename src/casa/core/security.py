"""Secrets at rest and in transit: Argon2 password hashes, opaque tokens, CSRF tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOKEN_PREFIX = "casa_"  # noqa: S105 (lets secret scanners spot leaked tokens)

#: Argon2id with the library's recommended parameters (RFC 9106, low-memory profile).
PASSWORD_HASHER = PasswordHasher()

# Verifying against this when the account is unknown makes both failures take the same time,
# so response times do not reveal which emails have an account.
_DUMMY_HASH = PASSWORD_HASHER.hash("casa-timing-equaliser")


def hash_password(password: str, *, hasher: PasswordHasher = PASSWORD_HASHER) -> str:
    """Return the Argon2id hash of a password."""
    return hasher.hash(password)


def verify_password(
    stored_hash: str | None, password: str, *, hasher: PasswordHasher = PASSWORD_HASHER
) -> bool:
    """Tell whether a password matches a stored hash (None means no account: always False)."""
    try:
        return hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str, *, hasher: PasswordHasher = PASSWORD_HASHER) -> bool:
    """Tell whether a hash was made with other parameters than the current ones."""
    try:
        return hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def new_token() -> str:
    """Return a fresh opaque bearer token (256 random bits)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Return the SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_csrf_token() -> str:
    """Return a fresh CSRF token for one browser session."""
    return secrets.token_urlsafe(32)


def csrf_tokens_match(expected: str | None, given: str | None) -> bool:
    """Compare a session's CSRF token with the one a form sent, in constant time."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))
