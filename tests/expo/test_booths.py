"""Floor plans and booth allocation: the rules, the plan checks and the race for one booth."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from casa.core.db import Database
from casa.core.errors import CasaError
from casa.expo import booths, editions, exhibitors
from casa.expo.exceptions_exhibitors import BoothTaken
from casa.expo.models.exhibitors import Allocation
from casa.expo.schemas_exhibitors import BoothIn, ExhibitorIn, HallIn
from tests.expo.factories import NOW, YEAR
from tests.expo.factories_exhibitors import HALL, make_trade_show
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration


def _try(db: Database, code: str, slug: str, release: bool = False) -> str:
    try:
        with db.session() as session:
            edition = editions.get_edition(session=session, year=YEAR)
            booth = booths.get_booth(session=session, edition=edition, code=code)
            if release:
                booths.release(session=session, booth=booth)
            else:
                who = exhibitors.get_exhibitor(session=session, edition=edition, slug=slug)
                booths.allocate(session=session, booth=booth, exhibitor=who, now=NOW)
    except CasaError as exc:
        return f"{type(exc).__name__}: {exc.describe('en')}"
    return "ok"


def test_allocation_rules_startups_pods_stage_one_holder_and_release(db: Database) -> None:
    make_trade_show(db)

    outcomes = [
        _try(db, "S1", "atlas-mobility"),
        _try(db, "S1", "atlas-mobility"),
        _try(db, "S1", "anfa-data"),
        _try(db, "S2", "derb-lab"),
        _try(db, "P1", "casa-region"),
        _try(db, "AG", "casa-region"),
        _try(db, "P1", "derb-lab"),
        _try(db, "S2", "", release=True),
        _try(db, "S1", "", release=True),
        _try(db, "S1", "anfa-data"),
    ]

    assert outcomes == [
        "ok",
        "ok",
        "BoothTaken: Booth S1 is already allocated to Atlas Mobility: release it first",
        "StartupOffPod: Startups exhibit in the startup village: "
        "choose a startup pod, not booth S2",
        "PodForStartupsOnly: Booth P1 is a startup pod: only startups of the village may take it",
        "StageNotAllocatable: Booth AG is the agora stage, shared by everyone: "
        "it cannot be allocated",
        "ok",
        "NotAllocated: Booth S2 is not allocated: there is nothing to release",
        "ok",
        "ok",
    ]


def test_concurrent_allocations_of_one_booth_exactly_one_wins(db: Database) -> None:
    make_trade_show(db)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        for i in range(8):
            exhibitors.upsert_exhibitor(
                session=session,
                edition=edition,
                data=ExhibitorIn(
                    slug=f"rival-{i}",
                    name=f"Rival {i}",
                    kind="exhibitor",
                    sector="other",
                    country="MA",
                ),
                now=NOW,
            )
    barrier = threading.Barrier(8)
    results: list[str] = []
    lock = threading.Lock()

    def claim(i: int) -> None:
        barrier.wait()
        try:
            with db.session() as session:
                edition = editions.get_edition(session=session, year=YEAR)
                booth = booths.get_booth(session=session, edition=edition, code="C1")
                who = exhibitors.get_exhibitor(session=session, edition=edition, slug=f"rival-{i}")
                booths.allocate(session=session, booth=booth, exhibitor=who, now=NOW)
            outcome = "won"
        except BoothTaken:
            outcome = "taken"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.session() as session:
        stored = session.scalar(select(func.count()).select_from(Allocation))

    assert (sorted(results), stored) == (["taken"] * 7 + ["won"], 1)


@pytest.mark.parametrize(
    ("booth", "expected"),
    [
        (
            BoothIn(code="X1", x=28, y=0, w=3, h=3),
            "Booth X1 lies outside the hall: keep x + w and y + h within the hall's size",
        ),
        (
            BoothIn(code="X1", x=2, y=2, w=3, h=3),
            "Booths S1 and X1 overlap: move or shrink one of them",
        ),
        (
            BoothIn(code="S2", x=12, y=12, w=1, h=1),
            "Booth code S2 appears twice in the plan: give each booth its own code",
        ),
        (
            BoothIn(code="X1", x=12, y=12, w=2, h=2, area=5),
            "Booth X1 declares more area than its rectangle (w × h): give at most 4.0 m²",
        ),
    ],
)
def test_floor_plan_refuses_booths_that_do_not_fit(
    db: Database, booth: BoothIn, expected: str
) -> None:
    make_trade_show(db)
    bad = HALL.model_copy(update={"booths": [*HALL.booths, booth]})

    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        with pytest.raises(CasaError) as caught:
            booths.upsert_hall(session=session, edition=edition, data=bad)

    assert caught.value.describe("en") == expected


def test_replacing_a_plan_keeps_allocated_booths(db: Database) -> None:
    make_trade_show(db, allocate=True)
    without_s1 = HallIn.model_validate(
        {**HALL.model_dump(), "booths": [b.model_dump() for b in HALL.booths if b.code != "S1"]}
    )
    without_s2 = HallIn.model_validate(
        {**HALL.model_dump(), "booths": [b.model_dump() for b in HALL.booths if b.code != "S2"]}
    )

    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        with pytest.raises(CasaError) as caught:
            booths.upsert_hall(session=session, edition=edition, data=without_s1)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        hall = booths.upsert_hall(session=session, edition=edition, data=without_s2)
        codes = [b.code for b in booths.plan(session=session, hall=hall).booths]

    assert (caught.value.describe("en"), codes) == (
        "Booth S1 is allocated: release it before removing it from the plan",
        ["AG", "C1", "P1", "P2", "S1"],
    )


def test_api_allocates_reports_areas_and_refuses_a_taken_booth(
    client: TestClient, db: Database
) -> None:
    make_trade_show(db)
    make_user(db, email="org@casa.ma", roles=("organizer",))
    org = bearer(client, "org@casa.ma")
    base = f"/api/v1/expo/editions/{YEAR}"

    given = client.put(
        f"{base}/booths/C1/allocation", json={"exhibitor": "atlas-mobility"}, headers=org
    )
    client.put(f"{base}/booths/S2/allocation", json={"exhibitor": "atlas-mobility"}, headers=org)
    taken = client.put(
        f"{base}/booths/C1/allocation",
        json={"exhibitor": "anfa-data"},
        headers={**org, "Accept-Language": "fr"},
    )
    profile = client.get(f"{base}/exhibitors/atlas-mobility").json()
    released = client.delete(f"{base}/booths/S2/allocation", headers=org)
    after = client.get(f"{base}/exhibitors/atlas-mobility").json()

    assert (given.status_code, given.json()) == (
        200,
        {
            "code": "C1",
            "kind": "corner",
            "x": 6.0,
            "y": 0.0,
            "w": 4.0,
            "h": 4.0,
            "area": 16.0,
            "exhibitor": "atlas-mobility",
            "exhibitor_name": "Atlas Mobility",
        },
    )
    assert (taken.status_code, taken.headers["content-type"], taken.json()) == (
        409,
        "application/problem+json",
        {
            "type": "https://casa.ma/problems/expo-booth-taken",
            "title": "Ce stand ne peut pas être attribué",
            "status": 409,
            "detail": "Le stand C1 est déjà attribué à Atlas Mobility : libérez-le d'abord",
            "field": "booth",
            "instance": f"/api/v1/expo/editions/{YEAR}/booths/C1/allocation",
        },
    )
    assert (profile["booths"], profile["area_requested"], profile["area_allocated"]) == (
        ["C1", "S2"],
        9.0,
        25.0,
    )
    assert (released.status_code, after["booths"], after["area_allocated"]) == (204, ["C1"], 16.0)
