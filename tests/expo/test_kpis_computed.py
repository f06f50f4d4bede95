"""Figures of an edition run on Casa are counted from its data: delegations and the trade show."""

from __future__ import annotations

import pytest

from casa.core.db import Database
from casa.expo import delegations, editions, kpis
from casa.expo.schemas_delegations import DelegationIn
from tests.expo.factories import NOW, YEAR
from tests.expo.factories_delegations import delegates
from tests.expo.factories_exhibitors import make_trade_show

pytestmark = pytest.mark.integration


def test_cities_come_from_delegations_and_exhibitors_from_the_trade_show(db: Database) -> None:
    make_trade_show(db)
    delegates(db, ["Awa Diop", "Li Wei"])
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        for city, country in (("Dakar", "SN"), ("Shanghai", "CN"), ("Thiès", "SN")):
            delegations.create(
                session=session,
                edition=edition,
                data=DelegationIn(city=city, country=country),
                now=NOW,
            )
        result = kpis.figures(session=session, edition=edition)

    picked = {m: result["figures"][m] for m in ("delegation_members", "cities", "exhibitors")}
    assert (picked, result["sources"]["cities"], result["sources"]["exhibitors"]) == (
        {"delegation_members": 2, "cities": 3, "exhibitors": 4},
        "computed",
        "computed",
    )
