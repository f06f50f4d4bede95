"""Commands of city: import a road graph, search places, locate a point, travel times."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Column, Table

from casa.city import service, travel
from casa.city.osm import RoadGraph
from casa.core.commands import fail, unit_of_work, user_errors
from casa.core.config import get_settings
from casa.core.i18n import gettext

app = typer.Typer(no_args_is_help=True, help="Arrondissements, places, travel times.")
out = Console()
err = Console(stderr=True)


@app.command("import-osm")
def import_osm(
    file: Path = typer.Argument(..., help="an OpenStreetMap XML file (.osm)"),
    output: Path | None = typer.Option(
        None, help="where to write the graph (default: the configured path)"
    ),
) -> None:
    """Import the roads of an OpenStreetMap XML file as the graph of the 'osm' travel provider."""
    settings = get_settings()
    lang = settings.default_language
    target = output or travel.default_graph_path(settings)
    with user_errors():
        size = file.stat().st_size
        with (
            file.open("rb") as fh,
            Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            ) as progress,
        ):
            task = progress.add_task(gettext("Reading roads", lang), total=size)
            graph = RoadGraph.from_osm(
                fh, progress=lambda done: progress.update(task, completed=done)
            )
        graph.save(target)
    out.print(
        gettext("{ways} ways, {nodes} nodes, {segments} segments saved to {path}", lang).format(
            ways=graph.ways, nodes=graph.nodes, segments=graph.segments, path=target
        ),
        highlight=False,
        soft_wrap=True,
    )


@app.command("places")
def places(
    query: str = typer.Argument(..., help="a name in French, Arabic, Darija or English"),
    kind: str | None = typer.Option(None, help="only this kind (stop, station, arrondissement…)"),
    limit: int = typer.Option(10, min=1, max=50),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Search the gazetteer."""
    lang = get_settings().default_language
    with user_errors(), unit_of_work() as session:
        hits = service.search_places(session=session, q=query, kind=kind, limit=limit, lang=lang)
    if as_json:
        typer.echo(
            json.dumps([h.model_dump(mode="json") for h in hits], ensure_ascii=False, indent=2)
        )
        return
    if not hits:
        err.print(
            escape(gettext("No place matches {text}.", lang).format(text=query)),
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1)
    table = Table(
        "score",
        Column("key", no_wrap=True),
        "kind",
        gettext("name", lang),
        gettext("matched", lang),
    )
    for hit in hits:
        table.add_row(f"{hit.score:.1f}", hit.place.key, hit.place.kind, hit.name, hit.matched)
    out.print(table)


@app.command("locate", context_settings={"ignore_unknown_options": True})
def locate(
    lat: float = typer.Argument(..., help="latitude in degrees", min=-90, max=90),
    lon: float = typer.Argument(..., help="longitude in degrees", min=-180, max=180),
) -> None:
    """Print the arrondissement containing a point."""
    lang = get_settings().default_language
    with user_errors(), unit_of_work() as session:
        area = service.locate(session=session, lat=lat, lon=lon)
    name = {"ar": area.name_ar, "en": area.name_en}.get(lang, area.name_fr)
    typer.echo(f"{area.code}\t{name}\t{area.name_ar}\t{area.prefecture}")


@app.command("travel-time", context_settings={"ignore_unknown_options": True})
def travel_time(
    origin: str = typer.Argument(..., metavar="FROM", help="LAT,LON"),
    destination: str = typer.Argument(..., metavar="TO", help="LAT,LON"),
    mode: str = typer.Option("walk", help="walk, bike or car"),
) -> None:
    """Print the travel time and distance between two points."""
    settings = get_settings()
    lang = settings.default_language
    with user_errors():
        if mode not in travel.MODES:
            raise fail(
                gettext("Unknown mode {mode}: use walk, bike or car.", lang).format(mode=mode)
            )
        leg = travel.travel(
            settings=settings,
            origin=travel.parse_point(origin, field="from"),
            destination=travel.parse_point(destination, field="to"),
            mode=mode,
        )
    out.print(
        gettext("{minutes} min ({seconds} s), {metres} m, by {provider}", lang).format(
            minutes=round(leg.duration_s / 60, 1),
            seconds=round(leg.duration_s),
            metres=round(leg.distance_m),
            provider=leg.provider,
        ),
        highlight=False,
        soft_wrap=True,
    )


@app.command("load")
def load() -> None:
    """Load the bundled arrondissements and gazetteer into the database (idempotent)."""
    with user_errors(), unit_of_work() as session:
        report = service.load_bundled(session=session)
    out.print(report, highlight=False, soft_wrap=True)
