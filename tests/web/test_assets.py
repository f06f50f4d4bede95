"""Front-end libraries: pinned in package.json, copied from node_modules, checked at render."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casa.web import assets

pytestmark = pytest.mark.unit


def fake_node_modules(root: Path) -> Path:
    modules = root / "node_modules"
    for source, _ in assets.VENDOR_FILES:
        (modules / source).parent.mkdir(parents=True, exist_ok=True)
        (modules / source).write_text(source)
    (modules / "leaflet" / "dist" / "leaflet-src.js").write_text("not needed")
    return modules


def test_copy_vendor_files_copies_only_what_the_pages_load(tmp_path: Path) -> None:
    modules = fake_node_modules(tmp_path)
    target = tmp_path / "vendor"
    (target / "stale").mkdir(parents=True)

    assets.copy_vendor_files(modules, target)

    files = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert files == sorted([name for _, name in assets.VENDOR_FILES] + [".installed"])
    assert (target / "htmx" / "htmx.min.js").read_text() == "htmx.org/dist/htmx.min.js"


def test_copy_vendor_files_names_what_npm_did_not_install(tmp_path: Path) -> None:
    modules = fake_node_modules(tmp_path)
    (modules / "htmx.org" / "dist" / "htmx.min.js").unlink()

    with pytest.raises(FileNotFoundError) as caught:
        assets.copy_vendor_files(modules, tmp_path / "vendor")

    assert str(caught.value) == f"not in {modules}: htmx.org/dist/htmx.min.js"
    assert not (tmp_path / "vendor").exists()


def test_missing_vendor_files_lists_each_absent_file(tmp_path: Path) -> None:
    assets.copy_vendor_files(fake_node_modules(tmp_path), tmp_path / "vendor")
    (tmp_path / "vendor" / "leaflet" / "leaflet.css").unlink()

    assert assets.missing_vendor_files(tmp_path / "vendor") == ["leaflet/leaflet.css"]
    assert assets.missing_vendor_files(tmp_path / "nowhere") == [
        name for _, name in assets.VENDOR_FILES
    ]


def test_npm_command_prefers_the_npm_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets.shutil, "which", lambda name: f"/opt/node/bin/{name}")

    assert assets.npm_command() == ["/opt/node/bin/npm"]


def test_package_json_pins_exact_versions_and_the_lock_file_agrees() -> None:
    package = json.loads((assets.REPO_DIR / "package.json").read_text())
    lock = json.loads((assets.REPO_DIR / "package-lock.json").read_text())

    pinned = package["dependencies"]
    locked = {
        path.removeprefix("node_modules/"): entry["version"]
        for path, entry in lock["packages"].items()
        if path.startswith("node_modules/")
    }
    assert (sorted(pinned), pinned["leaflet"], pinned["htmx.org"].startswith("2.0.")) == (
        ["htmx.org", "jsqr", "leaflet"],
        "1.9.4",
        True,
    )
    assert locked == pinned
    assert [e for e in lock["packages"].values() if "resolved" in e] == []
