"""The API's query parameters: each one typed and bounded, so that no request can ask for unbounded
work; unknown parameters refused instead of silently ignored.

A wrong value is answered 422 with the parameter's name and its limits or valid values.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.exceptions import RequestValidationError

from sagwan.analytics import DEFAULT_EXCLUDED_STATUSES, PERIODS
from sagwan.analytics.memory import MAX_MEMORY, WEIGHTINGS
from sagwan.store.filters import EventFilter, make_filter, split_values

MAX_LIMIT = 5000          # events or quotes in one answer
MAX_OFFSET = 100_000      # deeper pages: follow the `next` cursor (one index range, however deep)
MAX_IDS = 5000
MAX_ID_LENGTH = 200       # an actor or event id
MAX_QUERY_LENGTH = 200    # search words
MAX_WORDS = 8
MAX_MIN_EVENTS = 1_000_000
MAX_NEUTRAL_BAND = 10.0   # the score scale runs from -10 to +10

ActorId = Annotated[str, Query(min_length=1, max_length=MAX_ID_LENGTH, description="actor id, e.g. PRK")]
By = Annotated[Literal[PERIODS], Query(description=f"period: one of {', '.join(PERIODS)}")]
Level = Annotated[Literal["state", "actor"], Query(
    description="state (actors mapped to their country) or actor (actor ids)")]
Excluded = Annotated[str | None, Query(max_length=200, description=(
    "comma-separated statuses to leave out instead of the default " + ",".join(DEFAULT_EXCLUDED_STATUSES)
    + "; empty keeps every status"))]
Several = Annotated[list[str] | None, Query(description="repeat the parameter or separate values with commas")]
AllStatuses = Annotated[bool, Query(description="keep every status (the default leaves out "
                                                + ", ".join(DEFAULT_EXCLUDED_STATUSES) + ")")]
ReportDates = Annotated[bool, Query(description="false: only events dated by their text, not by their report")]
DateFrom = Annotated[str | None, Query(max_length=10, description="only events from this date "
                                                                   "(YYYY, YYYY-MM or YYYY-MM-DD)")]
DateTo = Annotated[str | None, Query(max_length=10, description="only events up to this date")]
Attributed = Annotated[str | None, Query(max_length=MAX_ID_LENGTH, description=(
    "keep only events asserted by this actor id; 'none' = the article's own voice"))]
Memory = Annotated[int | None, Query(ge=1, le=MAX_MEMORY, description=(
    "periods of evidence behind each tie, ending with the period itself (default: one year of periods)"))]
Weighting = Annotated[Literal[WEIGHTINGS], Query(description="linear (newer events weigh more) or equal")]
Dyad = Annotated[str | None, Query(max_length=2 * MAX_ID_LENGTH + 1, description=(
    "two actors joined by '-': PRK-RUS, prk-rus, person:kim-jong-un-RUS, or names the gazetteer knows"))]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"at most this many (1–{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=(
    f"skip this many (0–{MAX_OFFSET}); for deeper pages follow `next`"))]
Cursor = Annotated[str | None, Query(max_length=600, description="the `next` of the previous page")]
Ids = Annotated[bool, Query(description=(
    "list the ids of the events behind every count (the default); false gives the same counts in a "
    "much smaller answer over a large store"))]
Search = Annotated[str | None, Query(max_length=MAX_QUERY_LENGTH, description=(
    f"words (at most {MAX_WORDS}) that must all be found in the event's type, parties, status, date, "
    "trigger words, sentence or source"))]


# the filters name some parameters as the CLI writes them; the API's own names
API_NAMES = {"from": "date_from", "to": "date_to"}


def invalid(name: str, value: Any, message: str) -> RequestValidationError:
    """A 422 in FastAPI's own shape, for checks a type annotation cannot express."""
    return RequestValidationError([{"type": "value_error", "loc": ("query", name), "msg": message,
                                    "input": value}])


def reject_unknown(request: Request) -> None:
    """A router dependency: a query parameter the route does not declare is an error, not a no-op
    (`/api/events?dyad=...` used to answer every event)."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    known = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise RequestValidationError([{
            "type": "extra_forbidden", "loc": ("query", name), "input": request.query_params.get(name),
            "msg": f"unknown parameter; this route takes: {', '.join(sorted(known)) or 'none'}"}
            for name in unknown])


def _query_names(dependant: Any) -> set[str]:
    """The query parameter names a route and its dependencies declare."""
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def event_filter(request: Request, *, actor: list[str] | str | None = None, dyad: str | None = None,
                 type: list[str] | str | None = None, status: list[str] | str | None = None,
                 exclude_status: str | None = None, all_statuses: bool = False, date_from: str | None = None,
                 date_to: str | None = None, attributed_to: str | None = None, report_dates: bool = True,
                 ids: list[str] | str | None = None) -> EventFilter:
    """The request's filter, read by the one filter grammar of the CLI (`sagwan.store.filters`): the same
    values accepted and refused, the same defaults. A bad value raises FilterError (answered 422)."""
    for name, value in (("actor", actor), ("type", type), ("status", status), ("id", ids)):
        if len(split_values(value)) > MAX_IDS:
            raise invalid(name, value, f"at most {MAX_IDS} values")
    if exclude_status is not None and not exclude_status.strip():   # empty: keep every status
        exclude_status, all_statuses = None, True
    store = request.app.state.store
    return make_filter(actor=actor, dyad=dyad, type=type, status=status, exclude_status=exclude_status,
                       all_statuses=all_statuses, date_from=date_from, date_to=date_to, attributed_to=attributed_to,
                       report_dates=report_dates, ids=ids, resolve=getattr(store, "resolve_actor", None))


def actor_id(request: Request, value: str, name: str) -> str:
    """An actor as the filters read one: an id in any case, or a name the store or the gazetteer knows."""
    from sagwan.store.filters import make_resolver

    store = request.app.state.store
    resolve = getattr(store, "resolve_actor", None) or make_resolver()
    return resolve(value, name)


def words(value: str | None) -> list[str]:
    found = (value or "").split()
    if len(found) > MAX_WORDS:
        raise invalid("q", value, f"at most {MAX_WORDS} words")
    return found


def encode_cursor(after: tuple[str | None, str] | None) -> str | None:
    if after is None:
        return None
    return base64.urlsafe_b64encode(json.dumps(list(after)).encode()).decode()


def decode_cursor(value: str | None) -> tuple[str | None, str] | None:
    if value is None:
        return None
    try:
        lo, last = json.loads(base64.urlsafe_b64decode(value.encode()))
    except (ValueError, TypeError, binascii.Error):
        raise invalid("cursor", value, "not a cursor this API gave; use the `next` of a previous page") from None
    if not (lo is None or isinstance(lo, str)) or not isinstance(last, str):
        raise invalid("cursor", value, "not a cursor this API gave; use the `next` of a previous page")
    return lo, last
