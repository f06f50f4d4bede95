"""Check a GTFS feed with an independent validator (the canonical MobilityData rule set)."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Notice:
    """One kind of problem the validator found, with how often."""

    code: str
    severity: str
    count: int


@dataclass(frozen=True, slots=True)
class Report:
    """The validator's verdict on a feed."""

    notices: tuple[Notice, ...]

    @property
    def errors(self) -> int:
        """Return the number of ERROR notices."""
        return sum(n.count for n in self.notices if n.severity == "ERROR")

    @property
    def warnings(self) -> int:
        """Return the number of WARNING notices."""
        return sum(n.count for n in self.notices if n.severity == "WARNING")


def validate(path: Path, *, country: str = "MA", on: date | None = None) -> Report:
    """Run the validator on a GTFS zip or folder and return its notices."""
    from gtfs_validator.cli import main

    with tempfile.TemporaryDirectory() as out:
        args = ["-i", str(path), "-o", out, "-c", country]
        if on is not None:
            args += ["-d", on.isoformat()]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(args)
        report = json.loads((Path(out) / "report.json").read_text(encoding="utf-8"))
    return Report(
        tuple(
            Notice(n["code"], n["severity"], int(n["totalNotices"]))
            for n in report.get("notices", [])
        )
    )
