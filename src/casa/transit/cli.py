"""Commands of transit: ``casa transit feed|validate|import|load|route|departures|alerts``."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from sqlalchemy.orm import Session

from casa.core import commands
from casa.core.bus import make_bus
from casa.core.clock import CASABLANCA, system_clock
from casa.core.config import get_settings
from casa.core.errors import CasaError
from casa.transit import alerts, feed, service
from casa.transit.exceptions import FeedInvalid
from casa.transit.importer import import_feed
from casa.transit.schemas import AlertIn, AlertOut, JourneysOut, PlaceOut, journey_out
from casa.transit.validation import validate

app = typer.Typer(no_args_is_help=True, help="The tram and busway feed, imports and journeys.")
alerts_app = typer.Typer(
    no_args_is_help=True, help="Service alerts: disruptions of lines and stops."
)
app.add_typer(alerts_app, name="alerts")
err = Console(stderr=True)


fail = commands.fail


def _lang() -> str:
    return get_settings().default_language


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """Yield a session committed on success; turn a user mistake into clear lines and exit 2."""
    try:
        with commands.unit_of_work() as session:
            yield session
    except FeedInvalid as exc:
        lines = [str(problem) for problem in exc.problems] or [exc.describe(_lang())]
        for line in lines[:-1]:
            fail(line)  # prints the line; only the last exit is raised
        raise fail(lines[-1]) from None
    except CasaError as exc:
        raise fail(exc.describe(_lang())) from None


@app.command("feed")
def write_feed(
    out: Path = typer.Option(Path("casablanca-gtfs.zip"), "--out", "-o", help="zip to write"),
    start: str = typer.Option(str(feed.DEFAULT_START), help="first service date (YYYY-MM-DD)"),
    end: str = typer.Option(str(feed.DEFAULT_END), help="last service date (YYYY-MM-DD)"),
) -> None:
    """Write Casablanca's tram and busway GTFS feed, built from the bundled facts."""
    out.write_bytes(feed.build_zip(date.fromisoformat(start), date.fromisoformat(end)))
    err.print(f"wrote {out} ({feed.ATTRIBUTION})")


@app.command("validate")
def validate_feed(
    path: Path | None = typer.Argument(
        None, help="GTFS zip or folder (the Casablanca feed by default)"
    ),
) -> None:
    """Check a GTFS feed with the canonical rule set; exit 1 when it has errors."""
    with tempfile.TemporaryDirectory() as tmp:
        if path is None:
            path = Path(tmp) / "casablanca.zip"
            path.write_bytes(feed.build_zip())
        report = validate(path)
    for notice in report.notices:
        err.print(f"{notice.severity:8} {notice.code} ×{notice.count}", highlight=False)
    typer.echo(f"{report.errors} errors, {report.warnings} warnings")
    if report.errors:
        raise typer.Exit(1)


@app.command("import")
def import_command(
    path: Path = typer.Argument(..., help="GTFS zip or folder"),
    name: str | None = typer.Option(None, help="name of the feed (default: the file's name)"),
) -> None:
    """Load a GTFS feed (zip or folder), replacing a feed loaded before under the same name."""
    if not path.exists():
        raise fail(f"{path} does not exist")
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    ) as bar:
        reading = bar.add_task("reading", total=None)
        tasks: dict[str, TaskID] = {}

        def read(file: str, rows: int) -> None:
            bar.update(reading, description=f"reading {file}", completed=rows)

        def write(table: str, done: int, total: int) -> None:
            if table not in tasks:
                tasks[table] = bar.add_task(f"writing {table}", total=total)
            bar.update(tasks[table], completed=done)

        with unit_of_work() as session:
            report = import_feed(
                session=session, path=path, name=name, now=system_clock(), progress=read, step=write
            )
    err.print(f"loaded {report}")


@app.command("load")
def load_bundled() -> None:
    """Load Casablanca's tram and busway feed built from the bundled facts."""
    with unit_of_work() as session:
        report = service.load_bundled(session=session, now=system_clock())
    err.print(f"loaded {report}")


@app.command("route")
def route(
    origin: str = typer.Argument(..., help="lat,lon, a stop id, or a stop or place name"),
    destination: str = typer.Argument(..., help="lat,lon, a stop id, or a stop or place name"),
    at: str | None = typer.Option(None, "--at", help="HH:MM (now by default)"),
    day: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (today by default)"),
    arrive_by: bool = typer.Option(False, "--arrive-by", help="arrive by --at instead of leaving"),
    as_json: bool = typer.Option(False, "--json", help="print the journeys as JSON"),
) -> None:
    """Plan journeys between two places."""
    try:
        chosen_day = date.fromisoformat(day) if day else None
    except ValueError:
        raise fail(f"--date {day!r} is not a date (YYYY-MM-DD)") from None
    with unit_of_work() as session:
        when = service.parse_when(at, now=system_clock(), day=chosen_day)
        if chosen_day and not at:
            when = when.replace(year=chosen_day.year, month=chosen_day.month, day=chosen_day.day)
        a, b, found = service.plan(
            session=session, origin=origin, destination=destination, when=when, arrive_by=arrive_by
        )
        routes = service.network(session=session).schedule.routes
        pa, pb = PlaceOut.of(a), PlaceOut.of(b)
        out = JourneysOut(
            origin=pa, destination=pb, journeys=[journey_out(j, pa, pb, routes) for j in found]
        )
    if as_json:
        typer.echo(
            json.dumps(out.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2)
        )
        return
    if not out.journeys:
        typer.echo(f"No journey from {a.name} to {b.name} at that time.")
        return
    for j in out.journeys:
        fare = f", {j.fare.amount} {j.fare.currency}" if j.fare else ""
        typer.echo(
            f"{j.departure:%H:%M} → {j.arrival:%H:%M} ({j.duration_s // 60} min, "
            f"{j.transfers} transfer(s){fare})"
        )
        for leg in j.legs:
            what = f"{leg.line.short_name} → {leg.headsign}" if leg.line else "walk"
            typer.echo(
                f"  {leg.departure:%H:%M} {leg.origin.name} → {leg.arrival:%H:%M} "
                f"{leg.destination.name}  [{what}]"
            )


@app.command("departures")
def departures(
    stop_id: str = typer.Argument(..., help="stop or station id"),
    at: str | None = typer.Option(None, "--at", help="HH:MM or ISO date-time (now by default)"),
    limit: int = typer.Option(10, min=1, max=100),
) -> None:
    """Print the next departures at a stop or station."""
    with unit_of_work() as session:
        when = service.parse_when(at, now=system_clock())
        stop, deps = service.departures(session=session, stop_id=stop_id, when=when, limit=limit)
    typer.echo(stop.name)
    for d in deps:
        typer.echo(f"  {d.at:%H:%M}  {d.route_id} → {d.headsign}")


def _publish(event: dict[str, object]) -> None:
    """Tell the pages listening through Redis; without Redis nobody else would hear it."""
    url = get_settings().redis_url
    if url:
        make_bus(url).publish_sync(alerts.CHANNEL, event)


def _show(alert: alerts.Alert) -> str:
    where = ", ".join([*alert.lines, *alert.stops]) or "network"
    return (
        f"#{alert.id} {alert.effect} ({alert.cause}) {where}: "
        f"{alert.start.astimezone(CASABLANCA):%Y-%m-%d %H:%M} → "
        f"{alert.end.astimezone(CASABLANCA):%Y-%m-%d %H:%M}  {alert.message('fr')}"
    )


@alerts_app.command("list")
def list_alerts(as_json: bool = typer.Option(False, "--json", help="print them as JSON")) -> None:
    """List the alerts in force or coming."""
    with unit_of_work() as session:
        found = alerts.current_and_coming(session=session, now=system_clock())
    if as_json:
        out = [AlertOut.of(a).model_dump(mode="json") for a in found]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo("No alert in force or coming.")
    for alert in found:
        typer.echo(_show(alert))


@alerts_app.command("add")
def add_alert(
    effect: str = typer.Option(..., help="closed_stops | reduced_service | information"),
    start: str = typer.Option(..., help="HH:MM today or an ISO date-time (Casablanca time)"),
    end: str = typer.Option(..., help="HH:MM today or an ISO date-time (Casablanca time)"),
    line: list[str] = typer.Option([], "--line", help="a line id (repeat for more)"),
    stop: list[str] = typer.Option([], "--stop", help="a stop id, closed (repeat for more)"),
    cause: str = typer.Option("unknown", help="construction, strike, accident, weather…"),
    fr: str | None = typer.Option(None, "--fr", help="the message in French"),
    ar: str | None = typer.Option(None, "--ar", help="the message in Arabic"),
    en: str | None = typer.Option(None, "--en", help="the message in English"),
) -> None:
    """Post a service alert; the planner avoids its closed stops at once."""
    now = system_clock()
    try:
        data = AlertIn.model_validate(
            {
                "effect": effect,
                "cause": cause,
                "lines": line,
                "stops": stop,
                "start": service.parse_when(start, now=now),
                "end": service.parse_when(end, now=now),
                "message": {"fr": fr, "ar": ar, "en": en},
            }
        )
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise fail(f"{where}: {problem['msg']}" if where else problem["msg"]) from None
    except CasaError as exc:
        raise fail(exc.describe(_lang())) from None
    with unit_of_work() as session:
        schedule = service.network(session=session).schedule
        alert = alerts.post_alert(session=session, data=data, schedule=schedule, now=now)
    _publish(alerts.alert_event("posted", alert))
    typer.echo(_show(alert))


@alerts_app.command("remove")
def remove_alert(alert_id: int = typer.Argument(..., help="the alert's number")) -> None:
    """Remove a service alert."""
    with unit_of_work() as session:
        alert = alerts.remove_alert(session=session, alert_id=alert_id)
    _publish(alerts.alert_event("removed", alert))
    typer.echo(f"removed {_show(alert)}")
