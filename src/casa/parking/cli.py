"""Commands of IPARK: load the sites, add ingest sources, simulate traffic, expire holds."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from casa.core.clock import system_clock
from casa.core.commands import unit_of_work
from casa.core.config import get_settings
from casa.core.db import Database
from casa.parking import backtest, demo_data, forecast, ingest, reservations, simulate, sites

app = typer.Typer(no_args_is_help=True, help="IPARK: car parks, garages, live occupancy.")
out = Console()
err = Console(stderr=True)


@app.command("load")
def load() -> None:
    """Load the bundled car parks and the generated demo sites; running it twice changes nothing."""
    with unit_of_work() as session:
        out.print(sites.load_bundled(session=session, now=system_clock()))


@app.command("build-demo")
def build_demo(
    arrondissements: Path = typer.Option(
        Path(__file__).resolve().parent.parent / "data" / "casablanca" / "arrondissements.geojson",
        help="the arrondissement polygons (GeoJSON)",
    ),
    output: Path = typer.Option(sites.DATA_DIR / "demo_sites.json", help="file to write"),
) -> None:
    """Generate the demo on-street zones and building garages into the bundled data."""
    n = demo_data.write_demo_file(arrondissements, output)
    out.print(f"{n} demo sites written to {output}")


@app.command("add-source")
def add_source(
    name: str = typer.Argument(..., help="the operator's system, such as 'SDL Casa Transports'"),
    site: list[str] = typer.Option([], help="a site this source reports for (repeatable)"),
    all_sites: bool = typer.Option(False, help="let this source report for every site"),
) -> None:
    """Create an ingest source and print its key (shown only this once)."""
    with unit_of_work() as session:
        _, key = ingest.create_source(
            session=session, name=name, now=system_clock(), all_sites=all_sites, site_refs=site
        )
    out.print(key)


@app.command("expire")
def expire() -> None:
    """Let lapse the reservations whose driver has not come within the grace period."""
    with unit_of_work() as session:
        n = reservations.expire_overdue(session=session, now=system_clock())
    out.print(f"{n} reservations expired")


@app.command("simulate")
def simulate_command(
    n_sites: int = typer.Option(20, "--sites", min=1, help="how many sites to drive"),
    rate: float = typer.Option(10.0, min=0.1, help="events per second"),
    count: int = typer.Option(600, min=1, help="how many events to send in all"),
    mqtt: str | None = typer.Option(None, help="publish to this MQTT broker (mqtt://host:port)"),
    http: str | None = typer.Option(None, help="post to this Casa (http://host:port)"),
    key: str | None = typer.Option(None, help="the ingest key for --http"),
    site: list[str] = typer.Option([], help="drive only these sites (repeatable)"),
    seed: int = typer.Option(1, help="random seed, for a reproducible run"),
    backfill_days: float = typer.Option(
        0, min=0, max=120, help="instead, write this many past days of history into the database"
    ),
    step_minutes: int = typer.Option(5, min=1, max=60, help="history step for --backfill-days"),
) -> None:
    """Drive realistic arrivals and departures through MQTT, HTTP or straight into the database."""
    db = Database(get_settings().database_url)
    try:
        chosen = simulate.load_sites(db, n_sites, refs=site)
        if backfill_days:
            _backfill(db, chosen, backfill_days, step_minutes, seed)
            return
        sink: simulate.Sink
        if mqtt:
            sink = simulate.MqttSink(mqtt)
        elif http:
            if not key:
                raise typer.BadParameter("--http needs --key (casa parking add-source)")
            sink = simulate.HttpSink(http, key)
        else:
            sink = simulate.DatabaseSink(db)
        columns = (TextColumn("simulating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=False) as progress:
            task = progress.add_task("events", total=count)
            for sent in simulate.run(chosen, sink, rate=rate, count=count, seed=seed):
                progress.update(task, completed=sent)
        sink.close()
    finally:
        db.dispose()
    out.print(f"{count} events sent for {len(chosen)} sites")


def _backfill(
    db: Database, chosen: list[simulate.SimSite], days: float, step_minutes: int, seed: int
) -> None:
    now = system_clock()
    steps = int(days * 24 * 60 / step_minutes) + 1
    sink = simulate.DatabaseSink(db)
    columns = (TextColumn("backfilling"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("steps", total=steps)
        pending: list[dict[str, object]] = []
        for batch in simulate.backfill(
            chosen, days=days, now=now, step_minutes=step_minutes, seed=seed
        ):
            pending.extend(batch)
            if len(pending) >= 5000:
                sink.send(pending)
                pending = []
            progress.advance(task)
        if pending:
            sink.send(pending)
    out.print(f"{steps} steps of history written for {len(chosen)} sites")


@app.command("fit")
def fit() -> None:
    """Fit every site's forecast on its history (weekly profile, decay, error distribution)."""
    with unit_of_work() as session:
        fitted, skipped = forecast.fit_all(session=session, now=system_clock())
    out.print(f"{fitted} sites fitted, {skipped} without enough history")


@app.command("backtest")
def backtest_command(
    days: int = typer.Option(7, min=1, max=60, help="forecast the last N days of history"),
) -> None:
    """Report the forecast's error (MAE, RMSE by horizon) against the naive "same as now"."""
    with unit_of_work() as session:
        report = backtest.backtest(session=session, now=system_clock(), days=days)
    table = Table(title=f"Backtest on the last {days} days ({report.sites} sites)")
    for name in ("horizon", "n", "MAE", "RMSE", "naive MAE", "naive RMSE", "MAE ratio"):
        table.add_column(name, justify="right")
    for h in report.horizons:
        ratio = h.mae / h.naive_mae if h.naive_mae else float("nan")
        table.add_row(
            f"{h.minutes} min",
            str(h.n),
            f"{h.mae:.2f}",
            f"{h.rmse:.2f}",
            f"{h.naive_mae:.2f}",
            f"{h.naive_rmse:.2f}",
            f"{ratio:.2f}",
        )
    out.print(table)
    if not report.horizons:
        out.print(f"no site has enough history ({report.skipped} skipped)")
