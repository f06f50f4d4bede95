"""DATEX II version 3 parking publications: the sites (table) and their occupancy (status)."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from casa.parking.schemas import SiteOut

NS = {
    "d2": "http://datex2.eu/schema/3/d2Payload",
    "com": "http://datex2.eu/schema/3/common",
    "loc": "http://datex2.eu/schema/3/locationReferencing",
    "prk": "http://datex2.eu/schema/3/parking",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)

URBAN_TYPES = {"on_street": "onStreetParking", "building_garage": "offStreetParking"}
LAYOUTS = {
    "underground": "underground",
    "multi_storey": "multiStorey",
    "surface": "singleLevel",
    "on_street": "openSpace",
    "park_and_ride": "singleLevel",
    "building_garage": "underground",
}
VERSION = "1"


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(
        parent, _q(name), {(_q(k) if ":" in k else k): v for k, v in attrib.items()}
    )
    if text is not None:
        element.text = text
    return element


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _payload(kind: str, now: datetime, lang: str) -> ET.Element:
    root = ET.Element(
        _q("d2:payload"),
        {
            _q("xsi:type"): f"prk:{kind}",
            "lang": lang,
            "modelBaseVersion": "3",
        },
    )
    _sub(root, "com:publicationTime", _stamp(now))
    creator = _sub(root, "com:publicationCreator")
    _sub(creator, "com:country", "MA")
    _sub(creator, "com:nationalIdentifier", "casa-ipark")
    return root


def _multilingual(parent: ET.Element, name: str, text: str, lang: str) -> None:
    values = _sub(_sub(parent, name), "com:values")
    _sub(values, "com:value", text, lang=lang)


def table(sites: list[SiteOut], *, now: datetime, lang: str = "fr") -> bytes:
    """Return a ParkingTablePublication: one parking record per site."""
    root = _payload("ParkingTablePublication", now, lang)
    tab = _sub(root, "prk:parkingTable", id="casa-ipark", version=VERSION)
    _sub(tab, "prk:parkingTableVersionTime", _stamp(now))
    for site in sites:
        record = _sub(
            tab,
            "prk:parkingRecord",
            id=site.ref,
            version=VERSION,
            **{"xsi:type": "prk:UrbanParkingSite"},
        )
        _multilingual(record, "prk:parkingName", site.name, lang)
        _sub(record, "prk:parkingRecordVersionTime", _stamp(now))
        _sub(record, "prk:parkingNumberOfSpaces", str(site.capacity))
        if site.operator:
            _multilingual(record, "prk:operator", site.operator, lang)
        location = _sub(record, "prk:parkingLocation", **{"xsi:type": "loc:PointLocation"})
        coords = _sub(_sub(location, "loc:pointByCoordinates"), "loc:pointCoordinates")
        _sub(coords, "loc:latitude", f"{site.lat:.6f}")
        _sub(coords, "loc:longitude", f"{site.lon:.6f}")
        _sub(record, "prk:parkingLayout", LAYOUTS[site.kind])
        _sub(record, "prk:urbanParkingSiteType", URBAN_TYPES.get(site.kind, "offStreetParking"))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _status(site: SiteOut) -> str:
    if not site.open_now:
        return "closed"
    if site.live.free is None:
        return "statusUnknown"
    return "spacesAvailable" if site.live.free > 0 else "full"


def status(sites: list[SiteOut], *, now: datetime, lang: str = "fr") -> bytes:
    """Return a ParkingStatusPublication: one status record per site with its occupancy."""
    root = _payload("ParkingStatusPublication", now, lang)
    for site in sites:
        record = _sub(root, "prk:parkingRecordStatus", **{"xsi:type": "prk:ParkingSiteStatus"})
        _sub(
            record,
            "prk:parkingRecordReference",
            id=site.ref,
            version=VERSION,
            targetClass="prk:ParkingRecord",
        )
        observed = site.live.freshness.observed_at
        _sub(record, "prk:parkingStatusOriginTime", _stamp(observed or now))
        occupancy = _sub(record, "prk:parkingOccupancy")
        _sub(occupancy, "prk:parkingNumberOfSpacesOverride", str(site.capacity))
        if site.live.free is not None:
            _sub(occupancy, "prk:parkingNumberOfVacantSpaces", str(site.live.free))
            _sub(
                occupancy, "prk:parkingNumberOfOccupiedSpaces", str(site.capacity - site.live.free)
            )
            if site.live.occupancy is not None:
                _sub(occupancy, "prk:parkingOccupancy", f"{100 * site.live.occupancy:.1f}")
        _sub(record, "prk:parkingSiteStatus", _status(site))
        _sub(record, "prk:parkingSiteOpeningStatus", "open" if site.open_now else "closed")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
