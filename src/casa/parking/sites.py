"""Sites: creating and updating them, reading one with its live state, the bundled data."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from casa.parking import hours
from casa.parking.exceptions import SiteNotFound
from casa.parking.models import Meta, Site, SiteStatus
from casa.parking.occupancy import live_of
from casa.parking.schemas import Entrance, GarageRules, Live, SiteIn, SiteOut, Tariff

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "parking"
BUNDLED_FILES = ("car_parks.json", "demo_sites.json")
SITES_VERSION = "sites_version"
_VERSION = select(Meta.value).where(Meta.key == SITES_VERSION)


def _columns(data: SiteIn) -> dict[str, Any]:
    values = data.model_dump(mode="json", exclude={"tariff", "rules", "entrances"})
    values["opening_hours"] = hours.validate(data.opening_hours)
    values["tariff"] = (
        data.tariff.model_dump(mode="json", exclude_none=True) if data.tariff else None
    )
    values["rules"] = data.rules.model_dump(mode="json")
    values["entrances"] = [e.model_dump(mode="json", exclude_none=True) for e in data.entrances]
    return values


def upsert_site(
    *, session: Session, data: SiteIn, now: datetime, owner_id: int | None = None
) -> tuple[Site, bool]:
    """Create a site or update the one with the same reference; tell whether it was created."""
    values = _columns(data)
    site = session.scalar(select(Site).where(Site.ref == data.ref))
    created = site is None
    changed = False
    if site is None:
        site = Site(**values, owner_id=owner_id, created_at=now, updated_at=now)
        session.add(site)
        session.flush()
        session.add(SiteStatus(site_id=site.id))
    else:
        changed = any(getattr(site, k) != v for k, v in values.items())
        if changed:
            for key, value in values.items():
                setattr(site, key, value)
            site.updated_at = now
    if created or changed:
        bump_version(session)
    session.flush()
    return site, created


def bump_version(session: Session) -> None:
    """Mark the sites as changed, so every worker rebuilds its search index."""
    version = uuid.uuid4().hex
    meta = session.get(Meta, SITES_VERSION)
    if meta is None:
        session.add(Meta(key=SITES_VERSION, value=version))
    else:
        meta.value = version


def sites_version(session: Session) -> str | None:
    """Return the current version of the sites table."""
    return session.connection().execute(_VERSION).scalar()


_META = select(Meta.key, Meta.value)


def meta_values(session: Session) -> dict[str, str]:
    """Return every version kept in ``parking_meta`` in one query (a search reads two)."""
    return {key: value for key, value in session.connection().execute(_META)}


def bulk_create(*, session: Session, sites: Iterable[SiteIn], now: datetime) -> int:
    """Insert many new sites at once (a large import); return how many."""
    rows = [{**_columns(data), "created_at": now, "updated_at": now} for data in sites]
    if not rows:
        return 0
    session.execute(insert(Site), rows)
    refs = [row["ref"] for row in rows]
    ids = session.scalars(select(Site.id).where(Site.ref.in_(refs)))
    session.execute(insert(SiteStatus), [{"site_id": sid} for sid in ids])
    bump_version(session)
    session.flush()
    return len(rows)


def get_site(*, session: Session, ref: str) -> Site:
    """Return a site by its reference, or raise SiteNotFound."""
    site = session.scalar(select(Site).where(Site.ref == ref))
    if site is None:
        raise SiteNotFound(f"no parking site has the reference {ref!r}", field="site")
    return site


def tariff_of(site: Site) -> Tariff | None:
    """Return a site's tariff as a model."""
    return Tariff.model_validate(site.tariff) if site.tariff else None


def to_out(site: Site, live: Live, now: datetime) -> SiteOut:
    """Describe a site and its live state."""
    return SiteOut(
        ref=site.ref,
        name=site.name,
        kind=site.kind,
        operator=site.operator,
        lat=site.lat,
        lon=site.lon,
        coord_quality=site.coord_quality,
        address=site.address,
        arrondissement=site.arrondissement,
        entrances=[Entrance.model_validate(e) for e in site.entrances],
        capacity=site.capacity,
        capacity_disabled=site.capacity_disabled,
        capacity_ev=site.capacity_ev,
        capacity_motorcycle=site.capacity_motorcycle,
        capacity_family=site.capacity_family,
        reservable=site.reservable,
        max_height_cm=site.max_height_cm,
        covered=site.covered,
        guarded=site.guarded,
        opening_hours=site.opening_hours,
        open_now=hours.is_open(site.opening_hours, now),
        tariff=tariff_of(site),
        payment_means=site.payment_means,
        rules=GarageRules.model_validate(site.rules or {}),
        is_demo=site.is_demo,
        attribution=site.attribution,
        live=live,
    )


def describe(*, session: Session, ref: str, now: datetime) -> SiteOut:
    """Return one site with its live state."""
    site = get_site(session=session, ref=ref)
    live = live_of(session=session, sites=[(site.id, site.capacity)], now=now)[site.id]
    return to_out(site, live, now)


def all_sites(*, session: Session) -> list[Site]:
    """Return every site, in reference order."""
    return list(session.scalars(select(Site).order_by(Site.ref)))


def describe_all(
    *, session: Session, now: datetime, sites: Iterable[Site] | None = None
) -> list[SiteOut]:
    """Return sites (every site by default) with their live state."""
    chosen = list(sites) if sites is not None else all_sites(session=session)
    live = live_of(session=session, sites=[(s.id, s.capacity) for s in chosen], now=now)
    return [to_out(s, live[s.id], now) for s in chosen]


def read_bundled(data_dir: Path = DATA_DIR) -> list[SiteIn]:
    """Read the bundled sites: named public car parks, then generated demo sites."""
    sites: list[SiteIn] = []
    for name in BUNDLED_FILES:
        path = data_dir / name
        if path.exists():
            document = json.loads(path.read_text(encoding="utf-8"))
            sites.extend(SiteIn.model_validate(item) for item in document["sites"])
    return sites


def load_bundled(*, session: Session, now: datetime, data_dir: Path = DATA_DIR) -> str:
    """Load the bundled sites idempotently; return a one-line report."""
    created = updated = 0
    for data in read_bundled(data_dir):
        site, was_created = upsert_site(session=session, data=data, now=now)
        created += was_created
        updated += not was_created and site.updated_at == now
    demo = sum(1 for s in read_bundled(data_dir) if s.is_demo)
    return f"{created} sites created, {updated} updated ({demo} of them generated demo sites)"
