"""Errors of transit: each carries an English message id and its parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from casa.core.errors import CasaError, InvalidInput, NotFound
from casa.core.i18n import gettext


class TransitError(CasaError):
    """The root of every transit error."""

    message: ClassVar[str] = "Bad request"
    default_field: ClassVar[str | None] = None

    def __init__(self, *, field: str | None = None, **params: Any) -> None:
        CasaError.__init__(self, self.message.format(**params), field=field or self.default_field)
        # Set after the core initialiser, which keeps parameters of its own.
        self.params = params

    def describe(self, lang: str) -> str:
        """Return the message in a language."""
        return gettext(self.message, lang).format(**self.params)


@dataclass(frozen=True, slots=True)
class FeedProblem:
    """One problem of a feed: the file, the row (line number) and the field it is in."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.message}"


class FeedInvalid(TransitError, InvalidInput):
    message = "The GTFS feed is invalid: {summary}"
    default_field = "feed"

    def __init__(self, problems: list[FeedProblem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(summary=f"{problems[0]}{more}" if problems else "no data")
        self.extra = {"problems": [str(p) for p in problems]}


class NoFeed(TransitError, NotFound):
    message = "No transit feed is loaded: run `casa transit import` or `casa demo`."


class StopNotFound(TransitError, NotFound):
    message = "No stop has the id {stop_id}."
    default_field = "stop_id"


class LineNotFound(TransitError, NotFound):
    message = "No line has the id {line_id}."
    default_field = "line_id"


class PlaceNotFound(TransitError, NotFound):
    message = "No stop or place matches {text!r}; give a stop id, a name or lat,lon."


class InvalidTime(TransitError, InvalidInput):
    message = "Give a time as HH:MM or an ISO date and time, not {text!r}."


class BothTimes(TransitError, InvalidInput):
    message = "Give depart_at or arrive_by, not both."
    default_field = "arrive_by"


class AlertNotFound(TransitError, NotFound):
    message = "No service alert has the id {alert_id}."
    default_field = "alert_id"


class AlertPeriodInvalid(TransitError, InvalidInput):
    message = "An alert must end after it starts, and not be over already."
    default_field = "end"


class AlertLineUnknown(TransitError, InvalidInput):
    message = "No line has the id {line_id}."
    default_field = "lines"


class AlertStopUnknown(TransitError, InvalidInput):
    message = "No stop has the id {stop_id}."
    default_field = "stops"


class AlertNeedsStops(TransitError, InvalidInput):
    message = "An alert that closes stops must name at least one stop."
    default_field = "stops"


class InvalidDate(TransitError, InvalidInput):
    message = "Give a date as YYYY-MM-DD, not {text!r}."
    default_field = "date"
