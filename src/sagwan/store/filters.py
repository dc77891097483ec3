"""One reading of the event filters, for every command, the API, the report and the analytics.

    from sagwan.store.filters import make_filter
    f = make_filter(dyad="PRK-RUS", type="AGREE,CONSULT", date_from="2024", resolve=store.resolve_actor)
    store.events(filter=f)                 # the list
    stored_dyad_series(store, "PRK", "RUS", filter=f)   # the counts of the same events

The rules, written once (the CLI's --help and the API's docs point here):

Repeated values
    Any option that takes several values takes them repeated, comma-separated, or both:
    `--type AGREE --type CONSULT` = `--type AGREE,CONSULT`; in the API `type=AGREE,CONSULT` or
    `type=AGREE&type=CONSULT`. Values of one option are alternatives (any of them); different
    options must all hold.

Choices
    Types (PLOVER, any case) and statuses are checked against their lists; a wrong value is
    refused with the valid ones (`FilterError`, exit 2 in the CLI, 400 in the API).

Statuses (the default)
    Events whose status is alleged, expected, hypothetical or denied are left out unless asked
    for: the text does not present them as real or decided. `status` keeps only the statuses
    named (the default exclusion then does not apply); `exclude_status` leaves out the statuses
    named instead of the default four; `all_statuses` keeps every status. The result is always
    one explicit set, `EventFilter.statuses`.

Actors
    An actor is written as its id (`PRK`, `person:kim-jong-un`), its id in any case when only one id
    matches (`prk`), or a name or alias the gazetteer or the store knows (`김정은`, `Kim Jong Un`).
    An unknown or ambiguous name is refused with the closest ids. A country matches its own actor
    and every actor that counts for it (its officials, agencies, ministries).

Dyads
    Two actors joined by `-`: `PRK-RUS`, `prk-rus`, `person:kim-jong-un-RUS` (the split that
    makes two known actors is taken). An event belongs to the A–B dyad when one side acts on the
    other (A on the source side and B on the target side, or the reverse), or when both act
    together with no target in a reciprocal type (a meeting, a joint action, an agreement).
    Two parties acting side by side on an unnamed third party are not a dyad.

Dates
    YYYY, YYYY-MM or YYYY-MM-DD, checked as calendar dates (`2024-13` is refused); `date_to` must
    not come before `date_from`. Every event is *placed* by one date: its own date when the text
    gives one ("from text"), else the day it was first reported ("from report"). An event is within
    [date_from, date_to] when its placing date can fall inside (a date of year precision such as
    "2024" is kept for date_from="2024-06"). `report_dates=False` keeps only events dated from the
    text: one switch to leave out report-dated events (CLI `--no-report-dates`).

Everything that counts events (dyad series, triangles, the network, the timeline, the report)
counts exactly the events `store.events(filter=...)` lists for the same filter.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sagwan.errors import ConfigError
from sagwan.model import PLOVER_TYPES, STATUSES, UNATTRIBUTED

DEFAULT_EXCLUDED_STATUSES: tuple[str, ...] = ("alleged", "expected", "hypothetical", "denied")
# Types whose co-actors act *with each other* when no target is named (a meeting with no host, a joint
# action, a mutual agreement are coded with every party as source). Co-actors of any other type with no
# target act together on an unnamed third party and link nobody.
RECIPROCAL_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
PLACED_FROM = ("text", "report")
PRECISIONS = ("year", "month", "day")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FilterError(ConfigError):
    """A filter value that cannot be used. `param` is the filter's name (type, status, dyad, date_from …),
    `valid` the accepted values (or the closest ones) that the message lists."""

    def __init__(self, param: str, value: Any, reason: str, valid: Sequence[str] = (), label: str = "valid"):
        self.param, self.value, self.reason, self.valid, self.label = param, value, reason, tuple(valid), label
        super().__init__(self.render())

    def render(self, name: str | None = None) -> str:
        """The message, naming the parameter as `name` (e.g. '--type' in the CLI, 'type' in the API)."""
        return f"{name or self.param} {self.detail()}"

    def detail(self) -> str:
        """The message without the parameter's name: value, reason, valid values."""
        text = f"{self.value!r}: {self.reason}"
        if self.valid:
            text += f"; {self.label}: {', '.join(self.valid)}"
        return text


@dataclass(frozen=True)
class EventFilter:
    """Which events: every field must hold; the values within a field are alternatives.

    Build it with `make_filter` (which validates); the fields are already checked and canonical."""

    actors: tuple[str, ...] = ()               # actor ids: any of them takes part
    dyad: tuple[str, str] | None = None        # two actor ids, either direction (see the module doc)
    types: tuple[str, ...] = ()                # PLOVER types; () = every type
    statuses: tuple[str, ...] = tuple(s for s in STATUSES if s not in DEFAULT_EXCLUDED_STATUSES)
    date_from: str | None = None               # YYYY[-MM[-DD]]
    date_to: str | None = None
    attributed_to: str | None = None           # actor id, or "none" for the article's own voice
    report_dates: bool = True                  # False: only events dated from the text
    ids: tuple[str, ...] = ()                  # chronicle event ids; () = any

    @property
    def excluded_statuses(self) -> tuple[str, ...]:
        """The statuses left out (what `exclude_status` of the analytics takes), the default four first."""
        order = [*DEFAULT_EXCLUDED_STATUSES, *STATUSES]
        return tuple(sorted((s for s in STATUSES if s not in self.statuses), key=order.index))

    @property
    def all_statuses(self) -> bool:
        return set(self.statuses) >= set(STATUSES)

    @property
    def window(self) -> tuple[str, str] | None:
        """(first day, last day) of the date range, or None when no bound is given."""
        if self.date_from is None and self.date_to is None:
            return None
        lo = date_bounds(self.date_from)[0] if self.date_from else "0000-01-01"
        hi = date_bounds(self.date_to)[1] if self.date_to else "9999-12-31"
        return lo, hi

    def but(self, **changes: Any) -> EventFilter:
        """A copy with some fields changed (already-canonical values)."""
        return replace(self, **changes)

    def matches(self, event: dict[str, Any]) -> bool:
        """The same test the store's SQL makes, on an event dict as `store.events()` returns it."""
        if self.ids and str(event.get("id")) not in self.ids:
            return False
        if self.types and (event.get("type") or "").upper() not in self.types:
            return False
        if not self.all_statuses and (event.get("status") or "occurred") not in self.statuses:
            return False
        if self.actors and not any(takes_part(event, a) for a in self.actors):
            return False
        if self.dyad and not any(dyad_directions(event, *self.dyad)):
            return False
        if not self.report_dates and not event.get("date"):
            return False
        if (window := self.window) is not None:
            placed = placing_date(event)
            if not placed or not _DATE.match(placed[:10]):
                return False
            first, last = date_bounds(placed[:10])
            if last < window[0] or first > window[1]:
                return False
        if self.attributed_to is not None:
            who = event.get("attributed_to") or []
            who = [who] if isinstance(who, str) else [w for w in who if w]
            if self.attributed_to == UNATTRIBUTED:
                return not who
            return self.attributed_to in who
        return True

    def to_dict(self) -> dict[str, Any]:
        """The filter as plain values (for JSON answers and report headers)."""
        return {"actors": list(self.actors), "dyad": list(self.dyad) if self.dyad else None,
                "types": list(self.types), "statuses": list(self.statuses), "date_from": self.date_from,
                "date_to": self.date_to, "attributed_to": self.attributed_to, "report_dates": self.report_dates,
                "ids": list(self.ids)}


# -- the event's date ------------------------------------------------------------------------------------

def placing_date(event: dict[str, Any]) -> str | None:
    """The date that places an event: its own, else the day it was first reported."""
    return event.get("date") or event.get("first_reported") or event.get("first_reported_at") or None


def placed_from(event: dict[str, Any]) -> str | None:
    """"text" when the event has a date of its own, "report" when it is placed by its first report."""
    if event.get("date"):
        return "text"
    return "report" if placing_date(event) else None


def date_precision(date: str | None) -> str | None:
    """"year", "month" or "day" from the form of a stored date (YYYY, YYYY-MM, YYYY-MM-DD), or None."""
    m = _DATE.match((date or "")[:10])
    if not m:
        return None
    return "day" if m.group(3) else "month" if m.group(2) else "year"


def date_bounds(date: str) -> tuple[str, str]:
    """The first and last day a YYYY, YYYY-MM or YYYY-MM-DD date can mean. Comparable as strings: the
    month's upper bound is written -31 whatever its length, which sorts after every real day in it."""
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    if len(date) == 7:
        return f"{date}-01", f"{date}-31"
    return date, date


# -- who takes part ---------------------------------------------------------------------------------------

def _parties(event: dict[str, Any], role: str) -> set[str]:
    """Actor ids on one side, and the countries they count for: a country stands for its officials."""
    return {x for x in (*(event.get(role) or []), *(event.get(f"{role}_countries") or [])) if x}


def takes_part(event: dict[str, Any], actor: str) -> bool:
    return actor in _parties(event, "source") or actor in _parties(event, "target")


def dyad_directions(event: dict[str, Any], a: str, b: str) -> tuple[bool, bool]:
    """(a acts on b, b acts on a) by the dyad rule of the module doc; (False, False) when the event is
    not in the dyad. A joint act of a reciprocal type counts both ways."""
    src, tgt = _parties(event, "source"), _parties(event, "target")
    a_to_b, b_to_a = a in src and b in tgt, b in src and a in tgt
    if not tgt and a in src and b in src and (event.get("type") or "").upper() in RECIPROCAL_TYPES:
        return True, True
    return a_to_b, b_to_a


# -- parsing the values people write ----------------------------------------------------------------------

def split_values(values: str | Iterable[str] | None) -> list[str]:
    """Repeated values and comma-separated values, flattened: ["A,B", "C"] -> ["A", "B", "C"]; no blanks,
    no repeats, order kept."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def _choices(values: str | Iterable[str] | None, valid: Sequence[str], param: str, what: str) -> tuple[str, ...]:
    """Each value as the one of `valid` it names in any case, else FilterError listing `valid`."""
    by_fold = {v.casefold(): v for v in valid}
    out = []
    for value in split_values(values):
        if value.casefold() not in by_fold:
            raise FilterError(param, value, f"not {what}", valid)
        out.append(by_fold[value.casefold()])
    return tuple(dict.fromkeys(out))


def parse_types(values: str | Iterable[str] | None, param: str = "type") -> tuple[str, ...]:
    return _choices(values, PLOVER_TYPES, param, "a PLOVER event type")


def parse_statuses(values: str | Iterable[str] | None, param: str = "status") -> tuple[str, ...]:
    return _choices(values, STATUSES, param, "a status")


def parse_date(value: str | None, param: str = "date") -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD date that exists in the calendar, or None when not given."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    m = _DATE.match(text)
    if not m:
        raise FilterError(param, value, "not a date", ("YYYY", "YYYY-MM", "YYYY-MM-DD"))
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month is not None and not 1 <= int(month) <= 12:
        raise FilterError(param, value, f"there is no month {month}", ("YYYY", "YYYY-MM (month 01-12)", "YYYY-MM-DD"))
    if day is not None and not 1 <= int(day) <= calendar.monthrange(year, int(month))[1]:
        raise FilterError(param, value, f"there is no day {day} in {year}-{month}",
                          ("YYYY", "YYYY-MM", "YYYY-MM-DD (a real calendar day)"))
    return text


def statuses_kept(status: str | Iterable[str] | None = None, exclude_status: str | Iterable[str] | None = None,
                  all_statuses: bool = False) -> tuple[str, ...]:
    """The statuses an event may have, by the status rule of the module doc."""
    keep = parse_statuses(status, "status")
    drop = parse_statuses(exclude_status, "exclude_status")
    if keep:
        base = keep
    elif drop or all_statuses:
        base = STATUSES
    else:
        base = tuple(s for s in STATUSES if s not in DEFAULT_EXCLUDED_STATUSES)
    out = tuple(s for s in base if s not in drop)
    if not out:
        raise FilterError("status", ",".join(keep), "every status asked for is also excluded; nothing could match",
                          STATUSES)
    return out


# An actor resolver turns what someone wrote into one actor id, or raises FilterError.
Resolver = Callable[[str, str], str]


def gazetteer_candidates(text: str) -> list[str]:
    """Gazetteer ids that `text` names: the id in any case, or a name, alias or metonym."""
    from sagwan import gazetteer

    folded = text.casefold()
    found = [i for i in gazetteer.entries() if i.casefold() == folded]
    if text in gazetteer.entries():
        return [text]
    for surface, ids in gazetteer.aliases().items():
        if surface.casefold() == folded:
            found.extend(ids)
    found.extend(e.id for e in gazetteer.entries().values() if e.name.casefold() == folded)
    return list(dict.fromkeys(found))


def make_resolver(candidates: Callable[[str], list[str]] | None = None,
                  known_ids: Callable[[], Iterable[str]] | None = None) -> Resolver:
    """A resolver over the gazetteer plus `candidates(text)` (ids the store knows for `text`); `known_ids`
    gives the ids offered as closest matches when nothing matches."""

    def resolve(text: str, param: str = "actor") -> str:
        value = str(text).strip()
        if not value:
            raise FilterError(param, text, "no actor given", ("an actor id such as PRK or person:kim-jong-un",))
        found = list(dict.fromkeys([*(candidates(value) if candidates else []), *gazetteer_candidates(value)]))
        if value in found:           # the exact id wins over names that happen to fold to it
            return value
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise FilterError(param, value, "names several actors; give one id", sorted(found), label="one of")
        from sagwan import gazetteer

        pool = list(dict.fromkeys([*(known_ids() if known_ids else []), *gazetteer.entries()]))
        close = difflib.get_close_matches(value, pool, n=5, cutoff=0.6)
        close += [i for i in difflib.get_close_matches(value.upper(), pool, n=5, cutoff=0.6) if i not in close]
        return _unknown(param, value, close)

    return resolve


def _unknown(param: str, value: str, close: list[str]) -> str:
    hint = "not a known actor id or name (see `sagwan actors --name ...`)"
    raise FilterError(param, value, hint, close, label="closest")


def parse_dyad(value: str | Sequence[str] | None, resolve: Resolver, param: str = "dyad") -> tuple[str, str] | None:
    """Two different actors: "A-B" (any '-' may be the separator; the one that gives two known actors is
    taken) or a pair of values."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        parts = list(value)
        if len(parts) != 2:
            raise FilterError(param, value, "give exactly two actors", ("A-B, e.g. PRK-RUS",))
        pair = (resolve(parts[0], param), resolve(parts[1], param))
    else:
        text = value.strip()
        cuts = [i for i, ch in enumerate(text) if ch == "-"]
        pairs, errors = [], []
        for i in cuts:
            left, right = text[:i].strip(), text[i + 1:].strip()
            if not left or not right:
                continue
            try:
                pairs.append((resolve(left, param), resolve(right, param)))
            except FilterError as exc:
                errors.append(exc)
        pairs = list(dict.fromkeys(pairs))
        if not pairs:
            if not cuts:
                raise FilterError(param, value, "give two actors joined by '-'", ("PRK-RUS", "person:kim-jong-un-RUS"))
            # the most telling error: the one about the part that is not an actor
            best = min(errors, key=lambda e: len(str(e.value))) if errors else None
            raise FilterError(param, value, f"{best.value!r} is {best.reason}" if best else "not two actors",
                              best.valid if best else (), label=best.label if best else "valid")
        if len(pairs) > 1:
            raise FilterError(param, value, "can be read as several dyads; give ids",
                              ["-".join(p) for p in pairs])
        pair = pairs[0]
    if pair[0] == pair[1]:
        raise FilterError(param, value, "a dyad needs two different actors", ("A-B, e.g. PRK-RUS",))
    return pair


def make_filter(*, actor: str | Iterable[str] | None = None, dyad: str | Sequence[str] | None = None,
                type: str | Iterable[str] | None = None, status: str | Iterable[str] | None = None,
                exclude_status: str | Iterable[str] | None = None, all_statuses: bool = False,
                date_from: str | None = None, date_to: str | None = None, attributed_to: str | None = None,
                report_dates: bool = True, ids: str | Iterable[str] | None = None,
                resolve: Resolver | None = None) -> EventFilter:
    """Check every value people wrote and return the canonical filter; raise FilterError naming the first
    bad one. `resolve` turns actor names into ids (`store.resolve_actor`; default: the gazetteer alone)."""
    resolve = resolve or make_resolver()
    lo, hi = parse_date(date_from, "from"), parse_date(date_to, "to")
    if lo and hi and date_bounds(hi)[1] < date_bounds(lo)[0]:
        raise FilterError("to", hi, f"comes before --from {lo}", (f"a date on or after {lo}",))
    who = None
    if attributed_to is not None and str(attributed_to).strip():
        who = UNATTRIBUTED if str(attributed_to).strip().lower() == UNATTRIBUTED else resolve(attributed_to,
                                                                                              "attributed_to")
    return EventFilter(
        actors=tuple(dict.fromkeys(resolve(a, "actor") for a in split_values(actor))),
        dyad=parse_dyad(dyad, resolve, "dyad"),
        types=parse_types(type, "type"),
        statuses=statuses_kept(status, exclude_status, all_statuses),
        date_from=lo, date_to=hi, attributed_to=who, report_dates=bool(report_dates),
        ids=tuple(split_values(ids)),
    )


def check_choice(value: str, valid: Sequence[str], param: str) -> str:
    """`value` if it is one of `valid` (any case), else FilterError listing them: for options that are
    plain choices (period, level, format)."""
    return _choices([value], valid, param, "one of the choices")[0]


DEFAULT_FILTER = EventFilter()
__all__ = ["DEFAULT_EXCLUDED_STATUSES", "DEFAULT_FILTER", "PLACED_FROM", "PRECISIONS", "RECIPROCAL_TYPES",
           "EventFilter", "FilterError", "Resolver", "check_choice", "date_bounds", "date_precision",
           "dyad_directions", "make_filter", "make_resolver", "parse_date", "parse_dyad", "parse_statuses",
           "parse_types", "placed_from", "placing_date", "split_values", "statuses_kept", "takes_part"]
