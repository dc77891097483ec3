"""Which events count, and who their two sides are.

Shared by dyads, triangles and the network so that the three always agree.

Status: by default the analytics leave out events that the text does not present as real or
decided: `alleged` (one side's assessment), `expected`, `hypothetical` and `denied`. Events that
`occurred`, and those `intended`, `planned` or `proposed` (a declared intention is itself a signal
between states), count. `exclude_status` changes the set; `()` keeps everything.

Attribution: `attributed_to=None` keeps every event; an actor id keeps the events asserted by that
actor; `"none"` keeps only the events told in the article's own voice.

Dates: `within` keeps the events of a date range (used before any of the analytics).

Level: "state" reads each side from `source_countries` / `target_countries` (each actor mapped
to the state it belongs to); "actor" reads the actor ids themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sagwan.analytics.periods import event_date
from sagwan.errors import ConfigError
from sagwan.model import STATUSES, UNATTRIBUTED
from sagwan.store.filters import DEFAULT_EXCLUDED_STATUSES, RECIPROCAL_TYPES, date_bounds, parse_date

__all__ = ["DEFAULT_EXCLUDED_STATUSES", "LEVELS", "RECIPROCAL_TYPES", "check_statuses", "directed_pairs",
           "select_events", "sides", "within"]

LEVELS = ("state", "actor")
# RECIPROCAL_TYPES: types whose co-actors act *with each other* when no target is named: PLOVER codes a
# meeting with no host, a joint action and a mutual agreement with every party as source. Other types
# with several sources and no target ("China and Russia voted against the resolution") are joint acts
# on an unnamed third party and link nobody. Defined with the filters, which list a dyad's events by it.


def check_statuses(statuses: Iterable[str]) -> tuple[str, ...]:
    out = tuple(statuses)
    unknown = [s for s in out if s not in STATUSES]
    if unknown:
        raise ConfigError(f"unknown status {', '.join(unknown)}: use any of {', '.join(STATUSES)}")
    return out


def link_directions(event: dict[str, Any], a: str, b: str, level: str = "state") -> tuple[bool, bool]:
    """(a acts on b, b acts on a) for one dyad. At state level a side is its actor ids and the countries
    they count for (so a dyad of a person and a state works, as in the store's dyad index); at actor
    level only the actor ids."""
    if level == "state":
        from sagwan.store.filters import dyad_directions

        return dyad_directions(event, a, b)
    pairs = directed_pairs(event, level)
    return (a, b) in pairs, (b, a) in pairs


def _attributions(event: dict[str, Any]) -> list[str]:
    value = event.get("attributed_to")
    if not value:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


def select_events(events: Iterable[dict[str, Any]], *,
                  exclude_status: Iterable[str] = DEFAULT_EXCLUDED_STATUSES,
                  attributed_to: str | None = None) -> list[dict[str, Any]]:
    """The events that count under the status and attribution filters."""
    excluded = set(check_statuses(exclude_status))
    kept = []
    for ev in events:
        if (ev.get("status") or "occurred") in excluded:
            continue
        if attributed_to is not None:
            who = _attributions(ev)
            if attributed_to == UNATTRIBUTED:
                if who:
                    continue
            elif attributed_to not in who:
                continue
        kept.append(ev)
    return kept


def sides(event: dict[str, Any], level: str = "state") -> tuple[list[str], list[str]]:
    """The acting side and the side acted upon, as lists of ids without repeats."""
    if level not in LEVELS:
        raise ConfigError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    if level == "state":
        src = event.get("source_countries") or []
        tgt = event.get("target_countries") or []
    else:
        src = event.get("source") or []
        tgt = event.get("target") or []
    return list(dict.fromkeys(x for x in src if x)), list(dict.fromkeys(x for x in tgt if x))


def directed_pairs(event: dict[str, Any], level: str = "state") -> set[tuple[str, str]]:
    """Every (from, to) pair the event links.

    source → target for each source and target. Co-actors of a reciprocal type (RECIPROCAL_TYPES)
    with no target link each pair both ways: the meeting or joint action is mutual. Co-actors of
    any other type, or acting on a named third party, are not linked to each other.
    """
    src, tgt = sides(event, level)
    pairs = {(s, t) for s in src for t in tgt if s != t}
    if not tgt and (event.get("type") or "").upper() in RECIPROCAL_TYPES:
        pairs |= {(s, t) for s in src for t in src if s != t}
    return pairs


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_bounds = date_bounds


def within(events: Iterable[dict[str, Any]], date_from: str | None = None,
           date_to: str | None = None) -> list[dict[str, Any]]:
    """The events whose date (or first report, when undated) can fall between the two bounds, inclusive.

    A coarse date counts when any part of it is inside: "2019" is kept for date_from="2019-06".
    Events with no date at all are dropped once a bound is given.
    """
    date_from, date_to = parse_date(date_from, "from"), parse_date(date_to, "to")
    if date_from is None and date_to is None:
        return list(events)
    lo = _bounds(date_from)[0] if date_from else "0000-00-00"
    hi = _bounds(date_to)[1] if date_to else "9999-99-99"
    kept = []
    for ev in events:
        date = event_date(ev)
        if not date or not _DATE.match(date[:10]):
            continue
        first, last = _bounds(date[:10])
        if last >= lo and first <= hi:
            kept.append(ev)
    return kept
