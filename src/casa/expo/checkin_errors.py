"""Errors of check-in and of the ticket signing keys."""

from __future__ import annotations

from casa.core.errors import InvalidInput, ServiceUnavailable


class SigningKeyLocked(ServiceUnavailable):
    slug = "expo-signing-key-locked"
    title = "The ticket signing key cannot be read"
    message = (
        "Signing key {kid} does not decrypt with this CASA_SECRET_KEY: set the secret it was "
        "encrypted with, or re-encrypt the keys with `casa expo keys reencrypt --old-secret-stdin`"
    )
    default_field = "CASA_SECRET_KEY"


class SameSecret(InvalidInput):
    slug = "expo-same-secret"
    title = "Nothing to re-encrypt"
    message = (
        "The old secret is the current CASA_SECRET_KEY: give the secret the keys were "
        "encrypted with"
    )
    default_field = "old_secret"
