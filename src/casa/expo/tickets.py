"""Tickets signed with the edition's Ed25519 key, so a gate can verify them offline.

A ticket's QR secret is ``BODY.SIGNATURE``, both base64url without padding; the body reads
``KID|TICKET|YEAR|CATEGORY``. A gate needs only the edition's public keys and the revocation
list (``offline_bundle``) to tell a genuine ticket from a forged, altered or revoked one.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from casa.expo.models import Edition, Registration, SigningKey

REASONS: dict[str, str] = {
    "ok": "Valid ticket",
    "malformed": "This is not a ticket of the Expo",
    "unknown_key": "This ticket was signed with a key the edition does not know",
    "bad_signature": "Forged or altered ticket: the signature does not match",
    "revoked": "This ticket was cancelled",
    "wrong_edition": "This ticket is for another edition",
}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_key(*, session: Session, edition: Edition, now: datetime) -> SigningKey:
    """Make a new active signing key for an edition; the older ones keep verifying."""
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    session.execute(
        update(SigningKey).where(SigningKey.edition_id == edition.id).values(active=False)
    )
    key = SigningKey(
        edition_id=edition.id,
        kid=secrets.token_hex(4),
        private_key=raw.hex(),
        public_key=public.hex(),
        active=True,
        created_at=now,
    )
    session.add(key)
    session.flush()
    return key


def active_key(*, session: Session, edition: Edition, now: datetime) -> SigningKey:
    """Return the edition's active signing key, making one the first time."""
    key = session.scalar(
        select(SigningKey).where(SigningKey.edition_id == edition.id, SigningKey.active)
    )
    return key or new_key(session=session, edition=edition, now=now)


class Signer:
    """Signs tickets with one key (kept in memory for bulk work)."""

    def __init__(self, key: SigningKey, year: int) -> None:
        self.kid = key.kid
        self.year = year
        self._private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(key.private_key))

    def sign(self, ticket: str, category: str) -> str:
        """Return the QR secret of a ticket."""
        body = f"{self.kid}|{ticket}|{self.year}|{category}".encode()
        return _b64(body) + "." + _b64(self._private.sign(body))


def new_ticket_id() -> str:
    """Return a fresh ticket identifier."""
    return secrets.token_hex(10)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a gate concludes from a QR secret."""

    ok: bool
    reason: str
    ticket: str | None = None
    year: int | None = None
    category: str | None = None


@lru_cache(maxsize=256)
def public_key(hexkey: str) -> Ed25519PublicKey:
    """Return a loaded public key (kept: a gate verifies thousands of tickets per key)."""
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hexkey))


class Verifier:
    """Verifies secrets offline against public keys and a revocation list."""

    def __init__(
        self, public_keys: dict[str, str], revoked: set[str], year: int | None = None
    ) -> None:
        self.keys = {kid: public_key(hexkey) for kid, hexkey in public_keys.items()}
        self.revoked = revoked
        self.year = year

    def verify(self, secret: str) -> Verdict:
        """Return whether a secret is a genuine, live ticket, and why not."""
        try:
            body_text, sig_text = secret.strip().split(".")
            body, signature = _unb64(body_text), _unb64(sig_text)
            kid, ticket, year, category = body.decode().split("|")
            year_n = int(year)
        except (ValueError, binascii.Error, UnicodeDecodeError):
            return Verdict(False, "malformed")
        key = self.keys.get(kid)
        if key is None:
            return Verdict(False, "unknown_key", ticket)
        try:
            key.verify(signature, body)
        except InvalidSignature:
            return Verdict(False, "bad_signature", ticket)
        if self.year is not None and year_n != self.year:
            return Verdict(False, "wrong_edition", ticket, year_n, category)
        if ticket in self.revoked:
            return Verdict(False, "revoked", ticket, year_n, category)
        return Verdict(True, "ok", ticket, year_n, category)


def public_keys(*, session: Session, edition: Edition | None = None) -> dict[str, str]:
    """Return the public keys (kid → hex) of one edition, or of every edition."""
    query = select(SigningKey.kid, SigningKey.public_key)
    if edition is not None:
        query = query.where(SigningKey.edition_id == edition.id)
    return {kid: key for kid, key in session.execute(query)}


def revoked(*, session: Session, edition: Edition | None = None) -> set[str]:
    """Return the identifiers of revoked tickets."""
    query = select(Registration.ticket).where(
        Registration.revoked_at.is_not(None), Registration.ticket.is_not(None)
    )
    if edition is not None:
        query = query.where(Registration.edition_id == edition.id)
    return {t for t in session.scalars(query) if t is not None}


def offline_bundle(*, session: Session, edition: Edition) -> dict[str, Any]:
    """Return what a gate downloads to verify tickets without the network."""
    return {
        "year": edition.year,
        "algorithm": "Ed25519",
        "keys": public_keys(session=session, edition=edition),
        "revoked": sorted(revoked(session=session, edition=edition)),
    }


def verifier_for(*, session: Session, edition: Edition | None = None) -> Verifier:
    """Return a verifier loaded with the current keys and revocation list."""
    return Verifier(
        public_keys(session=session, edition=edition),
        revoked(session=session, edition=edition),
        None if edition is None else edition.year,
    )
