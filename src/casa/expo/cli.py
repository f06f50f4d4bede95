"""Commands of the Expo: import registrations, rotate keys, verify tickets, schedule, export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from casa.core.clock import system_clock
from casa.core.commands import unit_of_work
from casa.core.config import get_settings
from casa.expo import (
    editions,
    frab,
    ical,
    leads,
    privacy,
    privacy_press,
    registration,
    scheduler,
    tickets,
)

app = typer.Typer(no_args_is_help=True, help="Smart City Expo: programme, tickets, check-in.")
keys_app = typer.Typer(no_args_is_help=True, help="Signing keys of tickets.")
app.add_typer(keys_app, name="keys")
out = Console()
err = Console(stderr=True)


@app.command("import")
def import_csv(
    year: int = typer.Argument(..., help="the edition"),
    path: Path = typer.Argument(
        ..., help="CSV: category,name,email,organisation,city,country,consent"
    ),
) -> None:
    """Register every row of a CSV file, with a progress bar and a report of refused rows."""
    rows = registration.read_csv(str(path))
    with (
        unit_of_work() as session,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
        ) as bar,
    ):
        edition = editions.get_edition(session=session, year=year)
        task = bar.add_task("import", total=len(rows))
        report = registration.import_rows(
            session=session,
            edition=edition,
            rows=rows,
            now=system_clock(),
            progress=lambda n: bar.update(task, completed=n),
        )
    out.print(f"{report['created']} registered of {report['rows']} rows")
    for error in report["errors"]:
        out.print(f"line {error['line']}: {error['field']}: {error['message']}")


@keys_app.command("rotate")
def rotate(year: int = typer.Argument(..., help="the edition")) -> None:
    """Make a new signing key; tickets signed with older keys still verify."""
    with unit_of_work() as session:
        edition = editions.get_edition(session=session, year=year)
        key = tickets.new_key(session=session, edition=edition, now=system_clock())
        out.print(f"{key.kid} {key.public_key}")


@keys_app.command("reencrypt")
def reencrypt(
    old_secret_stdin: bool = typer.Option(
        False, "--old-secret-stdin", help="read the previous CASA_SECRET_KEY from stdin"
    ),
) -> None:
    """Encrypt the signing keys again under the current CASA_SECRET_KEY, after changing it."""
    import sys

    from casa.core.commands import fail, user_errors
    from casa.expo.checkin_errors import SameSecret

    if not old_secret_stdin:
        raise fail("give the previous secret on stdin with --old-secret-stdin")
    old = sys.stdin.readline().rstrip("\r\n")
    new = get_settings().secret_key
    with user_errors(), unit_of_work() as session:
        if old == new:
            raise SameSecret()
        n = tickets.reencrypt(session=session, old_secret=old, new_secret=new)
    out.print(f"{n} signing keys encrypted under the current secret")


@app.command("verify")
def verify(secret: str = typer.Argument(..., help="the QR secret of a ticket")) -> None:
    """Tell whether a ticket is genuine and live, offline from keys and revocations."""
    with unit_of_work() as session:
        verdict = tickets.verifier_for(session=session).verify(secret)
    out.print(f"{verdict.reason}: {tickets.REASONS[verdict.reason]}")
    if not verdict.ok:
        raise typer.Exit(1)


@app.command("schedule")
def schedule(
    year: int = typer.Argument(..., help="the edition"),
    publish: bool = typer.Option(False, help="publish the result as a new version"),
) -> None:
    """Place every session automatically, moving already placed ones only if needed."""
    from casa.expo import programme

    with unit_of_work() as session:
        edition = editions.get_edition(session=session, year=year)
        result = scheduler.schedule_edition(
            session=session, settings=get_settings(), edition=edition
        )
        if publish:
            programme.publish(session=session, edition=edition, now=system_clock())
    out.print(
        f"{result.placed} placed, {result.moved} moved, {len(result.conflicts)} conflicts "
        f"in {result.seconds} s"
    )


@app.command("export")
def export(
    year: int = typer.Argument(..., help="the edition"),
    fmt: str = typer.Option("xml", "--format", help="xml, json (schedule2), frab-json or ics"),
    output: Path = typer.Option(Path("-"), help="file to write (- for stdout)"),
) -> None:
    """Write the published programme as frab XML, schedule2 JSON, frab JSON or iCalendar."""
    import json

    with unit_of_work() as session:
        edition = editions.get_edition(session=session, year=year)
        if fmt == "ics":
            data = ical.programme(session=session, edition=edition, now=system_clock())
        else:
            doc = frab.build(session=session, edition=edition, base_url=get_settings().base_url)
            if fmt == "xml":
                data = frab.to_xml(doc)
            else:
                body = frab.to_frab_json(doc) if fmt == "frab-json" else frab.to_json(doc)
                data = json.dumps(body, ensure_ascii=False).encode()
    if str(output) == "-":
        typer.echo(data.decode())
    else:
        output.write_bytes(data)


class Sheet(StrEnum):
    """How badges are laid out on paper."""

    a4 = "a4"
    a6 = "a6"


@app.command("badges")
def badges_cmd(
    year: int = typer.Argument(..., help="the edition"),
    category: str | None = typer.Option(None, help="only this category (e.g. journalist)"),
    layout: Sheet = typer.Option(Sheet.a4, help="a4: four A6 badges per sheet; a6: one per page"),
    output: Path = typer.Option(..., "-o", "--output", help="PDF file to write"),
) -> None:
    """Print the badges of every live ticket of an edition (or of one category) to a PDF."""
    from casa.core.commands import user_errors
    from casa.expo import badges

    lang = get_settings().default_language
    with user_errors(), unit_of_work() as session:
        edition = editions.get_edition(session=session, year=year)
        found = badges.badges_of(
            session=session, edition=edition, now=system_clock(), lang=lang, category=category
        )
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
        ) as bar:
            task = bar.add_task("badges", total=len(found))
            pdf = badges.sheet_pdf(
                found,
                edition_title=edition.title,
                layout=layout.value,
                progress=lambda n: bar.update(task, completed=n),
            )
    output.write_bytes(pdf)
    out.print(f"{len(found)} badges written to {output}", soft_wrap=True, highlight=False)


@app.command("purge")
def purge() -> None:
    """Anonymise the attendees and exhibitor leads of editions past their retention period."""
    with unit_of_work() as session:
        n = privacy.purge(session=session, now=system_clock())
        n_leads = leads.purge(session=session, now=system_clock())
        press_done = privacy_press.purge(
            session=session, settings=get_settings(), now=system_clock()
        )
    out.print(f"{n} registrations anonymised")
    out.print(f"{n_leads} exhibitor leads stripped of personal data")
    out.print(f"{press_done['card_scans']} press card scans deleted")
    out.print(f"{press_done['stays']} delegation members' stays and needs cleared")


@app.command("load-demo")
def load_demo() -> None:
    """Load the 2018 edition recreated at its real scale."""
    from casa.expo import demo

    with unit_of_work() as session:
        out.print(demo.load_2018(session=session, settings=get_settings(), now=system_clock()))
