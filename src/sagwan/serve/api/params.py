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
from sagwan.model import PLOVER_TYPES, STATUSES

MAX_LIMIT = 5000          # events or quotes in one answer
MAX_OFFSET = 100_000      # deeper pages: follow the `next` cursor (one index range, however deep)
MAX_IDS = 5000
MAX_ID_LENGTH = 200       # an actor or event id
MAX_QUERY_LENGTH = 200    # search words
MAX_WORDS = 8
MAX_MIN_EVENTS = 1_000_000
MAX_NEUTRAL_BAND = 10.0   # the score scale runs from -10 to +10
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

ActorId = Annotated[str, Query(min_length=1, max_length=MAX_ID_LENGTH, description="actor id, e.g. PRK")]
By = Annotated[Literal[PERIODS], Query(description=f"period: one of {', '.join(PERIODS)}")]
Level = Annotated[Literal["state", "actor"], Query(
    description="state (actors mapped to their country) or actor (actor ids)")]
Excluded = Annotated[str | None, Query(max_length=200, description=(
    "comma-separated statuses to leave out; empty keeps all; default " + ",".join(DEFAULT_EXCLUDED_STATUSES)))]
DateFrom = Annotated[str | None, Query(pattern=DATE_PATTERN, description="only events from this date "
                                                                         "(YYYY, YYYY-MM or YYYY-MM-DD)")]
DateTo = Annotated[str | None, Query(pattern=DATE_PATTERN, description="only events up to this date")]
Attributed = Annotated[str | None, Query(max_length=MAX_ID_LENGTH, description=(
    "keep only events asserted by this actor id; 'none' = the article's own voice"))]
Memory = Annotated[int | None, Query(ge=1, le=MAX_MEMORY, description=(
    "periods of evidence behind each tie, ending with the period itself (default: one year of periods)"))]
Weighting = Annotated[Literal[WEIGHTINGS], Query(description="linear (newer events weigh more) or equal")]
Dyad = Annotated[str | None, Query(max_length=2 * MAX_ID_LENGTH + 1, description=(
    "two actor ids joined by '-' (PRK-RUS) or ',' (for ids that hold a '-': person:kim-jong-un,RUS)"))]
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


def split_list(value: str | None, name: str, valid: tuple[str, ...] | None = None, *,
               upper: bool = False) -> list[str]:
    """Comma-separated values, checked against `valid` when given."""
    items = [v.strip() for v in (value or "").split(",") if v.strip()]
    if upper:
        items = [v.upper() for v in items]
    if len(items) > MAX_IDS:
        raise invalid(name, value, f"at most {MAX_IDS} values")
    if valid is not None and (bad := [v for v in items if v not in valid]):
        raise invalid(name, value, f"unknown value {', '.join(bad)}; valid: {', '.join(valid)}")
    return items


def excluded_statuses(value: str | None) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_EXCLUDED_STATUSES
    return tuple(split_list(value, "exclude_status", STATUSES))


def types(value: str | None) -> list[str]:
    return split_list(value, "type", PLOVER_TYPES, upper=True)


def statuses(value: str | None) -> list[str]:
    return split_list(value, "status", STATUSES)


def dyad(value: str | None) -> tuple[str, str] | None:
    """'A-B' or 'A,B' -> (A, B)."""
    if value is None:
        return None
    sep = "," if "," in value else "-"
    parts = [p.strip() for p in value.split(sep)]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise invalid("dyad", value, "give two different actor ids as A-B (PRK-RUS) or A,B")
    return parts[0], parts[1]


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
