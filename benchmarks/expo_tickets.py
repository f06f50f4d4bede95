"""Offline verification of signed tickets against a verifier that reloads its key per ticket.

Prints one JSON line: tickets verified per second, with the naive rate as the baseline.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from casa.core.config import get_settings
from casa.expo import key_crypto
from casa.expo.models import SigningKey
from casa.expo.tickets import Signer, Verifier, public_key

N = 20_000


def main() -> None:
    """Sign N tickets, then verify them with a loaded verifier and with a naive one."""
    private = Ed25519PrivateKey.generate()
    key = SigningKey(
        kid="bench001",
        private_key=key_crypto.seal(
            private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
            kid="bench001",
            secret=get_settings().secret_key,
        ),
        public_key=private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex(),
        created_at=datetime.now(UTC),
    )
    signer = Signer(key, 2026)
    secrets = [signer.sign(f"t{i:019d}", "citizen") for i in range(N)]
    revoked = {f"t{i:019d}" for i in range(0, N, 50)}
    verifier = Verifier({key.kid: key.public_key}, revoked, 2026)
    began = time.perf_counter()
    ok = sum(verifier.verify(s).ok for s in secrets)
    rate = N / (time.perf_counter() - began)
    began = time.perf_counter()
    for s in secrets[: N // 10]:
        public_key.cache_clear()
        Verifier({key.kid: key.public_key}, revoked, 2026).verify(s)
    naive = (N // 10) / (time.perf_counter() - began)
    print(
        json.dumps(
            {
                "bench": "expo_tickets",
                "metric": "verify_per_s",
                "value": round(rate),
                "unit": "tickets/s",
                "baseline": round(naive),
                "ratio": round(rate / naive, 2),
                "n": N,
                "valid": ok,
                "target": 5000,
            }
        )
    )


if __name__ == "__main__":
    main()
