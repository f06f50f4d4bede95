"""Ingest sources: the operators' systems allowed to push observations, and their keys."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from casa.parking.exceptions import InvalidSourceKey, SourceExists
from casa.parking.models import IngestSource, Site
from casa.parking.sites import bump_version


def hash_key(key: str) -> str:
    """Return the stored form of an ingest key."""
    return hashlib.sha256(key.encode()).hexdigest()


def create_source(
    *,
    session: Session,
    name: str,
    now: datetime,
    all_sites: bool = False,
    site_refs: Sequence[str] = (),
) -> tuple[IngestSource, str]:
    """Create an ingest source; return it and its key, shown only this once."""
    if session.scalar(select(IngestSource.id).where(IngestSource.name == name)) is not None:
        raise SourceExists(f"a source named {name!r} exists already", field="name")
    key = "ipk_" + secrets.token_urlsafe(32)
    source = IngestSource(
        name=name, key_hash=hash_key(key), all_sites=all_sites, active=True, created_at=now
    )
    session.add(source)
    session.flush()
    if site_refs:
        session.execute(update(Site).where(Site.ref.in_(site_refs)).values(source_id=source.id))
        # Which source may report for a site is one of the facts ingest keeps in memory.
        bump_version(session)
    return source, key


def source_for_key(*, session: Session, key: str | None) -> IngestSource:
    """Return the active source a key belongs to, or refuse the caller."""
    if not key:
        raise InvalidSourceKey("send the source's key in the X-Api-Key header")
    source = session.scalar(
        select(IngestSource).where(IngestSource.key_hash == hash_key(key), IngestSource.active)
    )
    if source is None:
        raise InvalidSourceKey("this ingest key is unknown or revoked")
    return source
