"""Ticket signing keys encrypted at rest with a key derived from ``CASA_SECRET_KEY``.

A private key is stored as ``v1.`` followed by base64url(nonce ‖ AES-256-GCM ciphertext): the
AES key is derived from the secret with HKDF-SHA256, and the key id is the associated data, so
a stored key copied onto another key's row does not decrypt. Public keys stay in clear: a gate
verifies tickets offline with them alone.
"""

from __future__ import annotations

import base64
import binascii
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from casa.expo.checkin_errors import SigningKeyLocked

PREFIX = "v1."
_INFO = b"casa expo ticket signing keys v1"
_NONCE = 12


@lru_cache(maxsize=8)
def _aead(secret: str) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret.encode())
    return AESGCM(key)


def seal(raw: bytes, *, kid: str, secret: str) -> str:
    """Return a private key encrypted for storage, bound to its key id."""
    nonce = os.urandom(_NONCE)
    sealed = nonce + _aead(secret).encrypt(nonce, raw, kid.encode())
    return PREFIX + base64.urlsafe_b64encode(sealed).decode()


def is_sealed(stored: str) -> bool:
    """Tell whether a stored private key is in the encrypted form."""
    return stored.startswith(PREFIX)


def open_sealed(stored: str, *, kid: str, secret: str) -> bytes:
    """Return the raw private key of a stored one; raise SigningKeyLocked if it will not open."""
    if not is_sealed(stored):
        raise SigningKeyLocked(kid=kid)
    try:
        sealed = base64.urlsafe_b64decode(stored[len(PREFIX) :])
        return _aead(secret).decrypt(sealed[:_NONCE], sealed[_NONCE:], kid.encode())
    except (InvalidTag, ValueError, binascii.Error):
        raise SigningKeyLocked(kid=kid) from None


def reseal(stored: str, *, kid: str, old_secret: str, new_secret: str) -> str:
    """Return a stored private key encrypted again under a new secret."""
    return seal(open_sealed(stored, kid=kid, secret=old_secret), kid=kid, secret=new_secret)
