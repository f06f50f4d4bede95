"""Tickets signed with the edition's Ed25519 key, so a gate can verify them offline.

A ticket's QR secret is ``BODY.SIGNATURE``, both base64url without padding; the body reads
``KID|TICKET|YEAR|CATEGORY``. A gate needs only the edition's public keys and the revocation
list (``offline_bundle``) to tell a genuine ticket from a forged, altered or revoked one.

Private keys are stored encrypted (``key_crypto``). Public keys and revocation lists are kept
in memory per database (``caches``): a key is looked up again when a ticket names one the
process does not know (a key rotated by another worker), and a revocation list is read again
when the edition's revocations have changed (their count and latest time, one small query).
"""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
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
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from casa.core.config import get_settings
from casa.expo import key_crypto
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


def _secret(secret: str | None) -> str:
    return secret if secret is not None else get_settings().secret_key


def new_key(
    *, session: Session, edition: Edition, now: datetime, secret: str | None = None
) -> SigningKey:
    """Make a new active signing key for an edition; the older ones keep verifying."""
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    session.execute(
        update(SigningKey).where(SigningKey.edition_id == edition.id).values(active=False)
    )
    kid = secrets.token_hex(4)
    key = SigningKey(
        edition_id=edition.id,
        kid=kid,
        private_key=key_crypto.seal(raw, kid=kid, secret=_secret(secret)),
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
    """Signs tickets with one key (decrypted once, kept in memory for bulk work)."""

    def __init__(self, key: SigningKey, year: int, *, secret: str | None = None) -> None:
        self.kid = key.kid
        self.year = year
        raw = key_crypto.open_sealed(key.private_key, kid=key.kid, secret=_secret(secret))
        self._private = Ed25519PrivateKey.from_private_bytes(raw)

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

    def key(self, kid: str) -> Ed25519PublicKey | None:
        """Return the public key a ticket names, if known."""
        return self.keys.get(kid)

    def verify(self, secret: str) -> Verdict:
        """Return whether a secret is a genuine, live ticket, and why not."""
        try:
            body_text, sig_text = secret.strip().split(".")
            body, signature = _unb64(body_text), _unb64(sig_text)
            kid, ticket, year, category = body.decode().split("|")
            year_n = int(year)
        except (ValueError, binascii.Error, UnicodeDecodeError):
            return Verdict(False, "malformed")
        key = self.key(kid)
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


@dataclass
class Caches:
    """What one database's check-in keeps in memory: keys, editions, venues, revocations."""

    keys: dict[str, Ed25519PublicKey] = field(default_factory=dict)
    editions: dict[int, int] = field(default_factory=dict)  # year → edition id
    venues: dict[str, int] = field(default_factory=dict)  # slug → venue id
    # edition id (None: every edition) → (count and latest time of its revocations, tickets)
    revoked: dict[int | None, tuple[tuple[int, Any], set[str]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_CACHES: weakref.WeakKeyDictionary[Engine, Caches] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def caches(engine: Engine) -> Caches:
    """Return the in-memory caches of a database."""
    with _CACHES_LOCK:
        found = _CACHES.get(engine)
        if found is None:
            found = _CACHES[engine] = Caches()
        return found


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def load_keys(session: Session, cache: Caches) -> None:
    """Read every public key into the cache (a ticket named a key the process did not know)."""
    rows = session.execute(select(SigningKey.kid, SigningKey.public_key))
    keys = {kid: public_key(hexkey) for kid, hexkey in rows}
    with cache.lock:
        cache.keys = keys


class CachedVerifier(Verifier):
    """A verifier over every edition's keys, kept in memory and reloaded on an unknown key."""

    def __init__(self, cache: Caches, reload: Callable[[], None]) -> None:
        super().__init__({}, set(), None)
        self.cache = cache
        self.reload = reload

    def key(self, kid: str) -> Ed25519PublicKey | None:
        """Return a known key, reading the keys again once if the ticket names a new one."""
        found = self.cache.keys.get(kid)
        if found is None:
            self.reload()
            found = self.cache.keys.get(kid)
        return found


def public_keys(*, session: Session, edition: Edition | None = None) -> dict[str, str]:
    """Return the public keys (kid → hex) of one edition, or of every edition."""
    query = select(SigningKey.kid, SigningKey.public_key)
    if edition is not None:
        query = query.where(SigningKey.edition_id == edition.id)
    return {kid: key for kid, key in session.execute(query)}


def _revoked_query(edition: Edition | None) -> Any:
    query = select(Registration.ticket).where(
        Registration.revoked_at.is_not(None), Registration.ticket.is_not(None)
    )
    return query if edition is None else query.where(Registration.edition_id == edition.id)


def revoked(*, session: Session, edition: Edition | None = None) -> set[str]:
    """Return the identifiers of revoked tickets (read again only when revocations changed)."""
    cache = caches(_engine(session))
    marker = _revoked_query(edition).with_only_columns(
        func.count(Registration.ticket), func.max(Registration.revoked_at)
    )
    count, latest = session.execute(marker).one()
    stamp = (int(count), latest)
    ident = None if edition is None else edition.id
    known = cache.revoked.get(ident)
    if known is not None and known[0] == stamp:
        return set(known[1])
    tickets = {t for t in session.scalars(_revoked_query(edition)) if t is not None}
    with cache.lock:
        cache.revoked[ident] = (stamp, tickets)
    return set(tickets)


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


def reencrypt(*, session: Session, old_secret: str, new_secret: str) -> int:
    """Encrypt every signing key again under a new secret; return how many were."""
    rows = session.execute(select(SigningKey.id, SigningKey.kid, SigningKey.private_key)).all()
    for ident, kid, stored in rows:
        sealed = key_crypto.reseal(stored, kid=kid, old_secret=old_secret, new_secret=new_secret)
        session.execute(update(SigningKey).where(SigningKey.id == ident).values(private_key=sealed))
    session.flush()
    return len(rows)
