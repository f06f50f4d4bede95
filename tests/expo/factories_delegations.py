"""Delegation members, journalists and card scans to test delegations and press with."""

from __future__ import annotations

from casa.core.db import Database
from casa.expo import editions, registration
from casa.expo.schemas import RegistrationIn
from tests.expo.factories import NOW, YEAR

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64
GIF = b"GIF89a" + b"\x00" * 64


def delegates(db: Database, names: list[str]) -> dict[str, int]:
    """Register people as delegation members of the test edition; return their ids by name."""
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        return {
            name: registration.register(
                session=session,
                edition=edition,
                data=RegistrationIn(
                    category="delegation",
                    name=name,
                    email=f"{name.lower().replace(' ', '.')}@example.org",
                    consent=True,
                ),
                now=NOW,
            ).id
            for name in names
        }
