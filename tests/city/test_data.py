"""The bundled Casablanca datasets and the script that builds them."""

from __future__ import annotations

import csv
import filecmp
import json
import shutil
from pathlib import Path

import pytest
from shapely.geometry import shape

from casa.data import DATA_DIR, build, path
from tests.conftest import shared_path

pytestmark = pytest.mark.unit


def test_build_reproduces_the_bundled_files(tmp_path: Path) -> None:
    shared = shared_path("data")
    shutil.copyfile(DATA_DIR / "names.csv", tmp_path / "names.csv")
    report = build.build(shared, tmp_path)
    produced = sorted(p.name for p in tmp_path.iterdir())
    assert report == [
        "arrondissements.geojson: 17 areas",
        "places.csv: 16 arrondissement, 6 car_park, 4 landmark, 1 municipality, 8 prefecture, "
        "2 station, 150 stop, 2 venue",
        "copied: transit_lines.csv, transit_stops.csv, fares.csv, car_parks.csv, venues.csv",
    ]
    assert filecmp.cmpfiles(tmp_path, DATA_DIR, produced, shallow=False) == (produced, [], [])


def test_build_refuses_names_of_unknown_places(tmp_path: Path) -> None:
    shared = shared_path("data")
    (tmp_path / "names.csv").write_text(
        "key,name_fr,name_ar,name_en,darija_ar,darija_latn,aliases\nstop:atlantis,,,,,,\n", "utf-8"
    )
    with pytest.raises(ValueError, match="stop:atlantis"):
        build.build(shared, tmp_path)


def test_mechouar_is_cut_out_of_mers_sultan() -> None:
    features = json.loads(path("arrondissements.geojson").read_text("utf-8"))["features"]
    geoms = {f["properties"]["code"]: shape(f["geometry"]) for f in features}
    assert geoms["061410113"].intersection(geoms["061410181"]).area < 1e-9
    assert len(geoms["061410113"].interiors) == 1


def test_every_place_with_a_name_in_arabic_script_has_it_in_arabic() -> None:
    with path("places.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    wrong = [
        r["key"]
        for r in rows
        if r["name_ar"] and not any("\u0600" <= c <= "\u06ff" for c in r["name_ar"])
    ]
    assert (len(rows), wrong) == (189, [])


def test_path_of_missing_dataset_fails_clearly() -> None:
    with pytest.raises(FileNotFoundError, match=r"bundled dataset 'nothing\.csv' is missing"):
        path("nothing.csv")
