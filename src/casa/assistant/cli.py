"""Commands of the assistant: ``casa chat TEXT`` and ``casa assistant eval``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from casa.core import commands
from casa.core.clock import system_clock

app = typer.Typer(no_args_is_help=True, help="WEBOT, the transport assistant.")
err = Console(stderr=True)


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """Yield a session committed on success; a user mistake prints one line and exits 2."""
    with commands.user_errors(), commands.unit_of_work() as session:
        yield session


def chat(
    text: str = typer.Argument(..., help="the question, in French, Arabic, Darija or English"),
    conversation: str | None = typer.Option(None, "--conversation", help="continue this one"),
    as_json: bool = typer.Option(False, "--json", help="print the whole answer as JSON"),
) -> None:
    """Ask WEBOT a question."""
    from casa.assistant import service

    with unit_of_work() as session:
        answer = service.reply(
            session=session, conversation_id=conversation, text=text, now=system_clock()
        )
    if as_json:
        typer.echo(json.dumps(asdict(answer), ensure_ascii=False, indent=2))
    else:
        typer.echo(answer.reply)
        err.print(f"conversation {answer.conversation_id}", highlight=False)


@app.command("eval")
def evaluate(
    split: str = typer.Option("test", help="train, dev or test"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as JSON"),
    errors: bool = typer.Option(False, help="list the items it gets wrong (never on test to tune)"),
) -> None:
    """Measure intents, entities, out of scope and end-to-end answers, beside the baseline."""
    from casa.assistant import eval as assistant_eval

    with unit_of_work() as session:
        report = assistant_eval.evaluate(session=session, split=split)
        session.rollback()
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    table = Table(title=f"WEBOT on {split} ({report.n} utterances)")
    for column in ("language", "intent accuracy", "baseline (TF-IDF + LR)"):
        table.add_column(column)
    for lang, value in report.intent.items():
        table.add_row(lang, f"{value:.1%}", f"{report.baseline[lang]:.1%}")
    Console().print(table)
    typer.echo(
        f"entities: P {report.entity['precision']:.1%} R {report.entity['recall']:.1%} "
        f"F1 {report.entity['f1']:.1%}"
    )
    typer.echo(
        f"out of scope: precision {report.out_of_scope['precision']:.1%} "
        f"recall {report.out_of_scope['recall']:.1%}"
    )
    e2e = report.end_to_end
    typer.echo(f"end to end: {e2e['correct']}/{e2e['items']} ({e2e['accuracy']:.1%})")
    typer.echo("targets: intent ≥ 95% overall, ≥ 90% per Darija form, entity F1 ≥ 90%")
    if errors:
        for row in report.errors:
            typer.echo(json.dumps(row, ensure_ascii=False))
