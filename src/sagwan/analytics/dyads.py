"""Dyad series: what two actors did to each other, period by period, in each direction.

For actors A and B and a period (month, quarter, half, year) each row counts the events A→B,
B→A, or both together ("both", each event once), by PLOVER type and by quad class, with the sum
and the mean of the cooperation–conflict score. Each row also carries the trailing mean over the
memory window (see `memory`): the value a triangle's tie has in that period, so the dyad chart and
the triangle agree. Which events count, how sides are read and how dates are placed is explained
in `selection` and `periods`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import Any

from sagwan.analytics.memory import DEFAULT_WEIGHTING, age_weight, check_weighting, resolve_memory
from sagwan.analytics.periods import check_period, event_date, period_index, period_of, period_range
from sagwan.analytics.scores import QUADS, event_quad, event_score, score_table
from sagwan.analytics.selection import (
    DEFAULT_EXCLUDED_STATUSES,
    RECIPROCAL_TYPES,
    check_statuses,
    link_directions,
    select_events,
    within,
)
from sagwan.errors import ConfigError
from sagwan.store.filters import EventFilter

BOTH = "both"


def direction_label(a: str, b: str) -> str:
    return f"{a}>{b}"


@dataclass
class DyadRow:
    period: str
    direction: str                       # "A>B", "B>A" or "both"
    n_events: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    by_quad: dict[str, int] = field(default_factory=dict)
    score_sum: float = 0.0
    score_mean: float | None = None      # over the events that have a score
    n_scored: int = 0
    memory_mean: float | None = None     # age-weighted mean over the memory window ending with this period
    memory_events: int = 0               # scored events in that window
    event_ids: list[str] = field(default_factory=list)   # sorted


@dataclass
class DyadSeries:
    a: str
    b: str
    by: str
    level: str
    memory: int
    weighting: str
    exclude_status: list[str]
    attributed_to: str | None
    scores_version: str
    periods: list[str]
    rows: list[DyadRow]
    unplaced: list[str]                  # ids of events whose date is too coarse for `by`
    n_unplaced: int = 0                  # how many (also when the ids were not asked for)

    def row(self, period: str, direction: str) -> DyadRow | None:
        return next((r for r in self.rows if r.period == period and r.direction == direction), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def but(self, exclude_status: list[str], attributed_to: str | None) -> DyadSeries:
        """The same series, recording the filter its events were selected by."""
        return replace(self, exclude_status=list(exclude_status), attributed_to=attributed_to)

    def event_ids(self) -> list[str]:
        """Every event the series counts (placed in a period or not), each once, sorted."""
        ids = {i for r in self.rows if r.direction == BOTH for i in r.event_ids}
        return sorted(ids | set(self.unplaced))


def dyad_events(events: Iterable[dict[str, Any]], a: str, b: str, level: str = "state") -> dict[str, list[str]]:
    """Map event id -> the directions ("A>B", "B>A") in which the event links A and B."""
    out: dict[str, list[str]] = {}
    for ev in events:
        forward, backward = link_directions(ev, a, b, level)
        dirs = [d for d, on in ((direction_label(a, b), forward), (direction_label(b, a), backward)) if on]
        if dirs:
            out[str(ev["id"])] = dirs
    return out


def _add(row: DyadRow, ids: list[str], n: int, type_: str, quad: str | None, score: float | None) -> None:
    """Count `n` events that share type, quad and score into a row (`ids`: theirs, when known)."""
    row.n_events += n
    row.event_ids.extend(ids)
    row.by_type[type_] = row.by_type.get(type_, 0) + n
    if quad:
        row.by_quad[quad] = row.by_quad.get(quad, 0) + n
    if score is not None:
        row.score_sum += score * n
        row.n_scored += n


def _finish(row: DyadRow) -> None:
    """Ids in order, whatever order the events came in; sums rounded once, at the end (float noise)."""
    row.event_ids.sort()
    row.score_sum = round(row.score_sum, 6)
    row.score_mean = round(row.score_sum / row.n_scored, 4) if row.n_scored else None


def _memory_means(rows: dict[tuple[str, str], DyadRow], sums: dict[tuple[str, int], list], by: str,
                  memory: int, weighting: str) -> None:
    """Fill each row's trailing mean from the score sums and counts of each (direction, period index).

    Only the periods that hold scored events are visited (found by bisection), never every period of
    the memory window: the work grows with the data, not with `memory` (a client may ask for any)."""
    held: dict[str, list[int]] = {}
    for direction, idx in sums:
        held.setdefault(direction, []).append(idx)
    for indices in held.values():
        indices.sort()
    for (period, direction), row in rows.items():
        idx = period_index(period, by)
        indices = held.get(direction, [])
        inside = indices[bisect_right(indices, idx - memory):bisect_right(indices, idx)]
        window = [(sums[(direction, at)], age_weight(idx - at, memory, weighting)) for at in inside]
        weight = sum(n * w for (_, n), w in window)
        row.memory_events = sum(n for (_, n), _ in window)
        row.memory_mean = round(sum(total * w for (total, _), w in window) / weight, 4) if weight > 0 else None


def _check(a: str, b: str, by: str, memory: int | None, weighting: str) -> int:
    check_period(by)
    check_weighting(weighting)
    if a == b:
        raise ConfigError(f"a dyad needs two different actors, got {a} twice")
    return resolve_memory(memory, by)


def dyad_series(events: Iterable[dict[str, Any]], a: str, b: str, *, by: str = "quarter", level: str = "state",
                memory: int | None = None, weighting: str = DEFAULT_WEIGHTING,
                exclude_status: Iterable[str] = DEFAULT_EXCLUDED_STATUSES,
                attributed_to: str | None = None) -> DyadSeries:
    """The A–B series, one row per period and direction, empty periods in between filled with zeros."""
    memory = _check(a, b, by, memory, weighting)
    exclude = list(exclude_status)
    kept = select_events(events, exclude_status=exclude, attributed_to=attributed_to)
    links = dyad_events(kept, a, b, level)
    linked = [(ev, links[str(ev["id"])]) for ev in kept if str(ev["id"]) in links]
    return _series(linked, a, b, by=by, level=level, memory=memory, weighting=weighting, exclude=exclude,
                   attributed_to=attributed_to)


def stored_links(store: Any, a: str, b: str, *, level: str = "state",
                 exclude_status: Iterable[str] = DEFAULT_EXCLUDED_STATUSES, attributed_to: str | None = None,
                 date_from: str | None = None, date_to: str | None = None,
                 filter: EventFilter | None = None) -> list[tuple[dict[str, Any], list[str]]]:
    """(event, directions) for every selected event of a store that links a and b, read the fast way
    when it can be: at state level from the store's dyad index, filtered in the database, without
    loading parties or sentences. A link's event may stand for `n` alike events (default 1) and have
    no id: the series count it n times.

    With `filter` (an EventFilter: what the commands and the API pass) the links are exactly the events
    `store.events(filter=filter.but(dyad=(a, b)))` lists; the other filter arguments must be left at
    their defaults."""
    if filter is not None:
        links = store.dyad_links(a, b, filter=filter.but(dyad=None)) if level == "state" else None
        if links is None:    # actor level (or a store without a dyad index): the filter's list, linked
            events = store.events(filter=filter.but(dyad=None), mentions=False)
            found = dyad_events(events, a, b, level)
            return [(ev, found[str(ev["id"])]) for ev in events if str(ev["id"]) in found]
    else:
        exclude = list(check_statuses(exclude_status))
        links = store.dyad_links(a, b, exclude_status=exclude, attributed_to=attributed_to) \
            if level == "state" else None
        if links is None:
            events = within(store.events(dyad=(a, b), mentions=False), date_from, date_to)
            kept = select_events(events, exclude_status=exclude, attributed_to=attributed_to)
            found = dyad_events(kept, a, b, level)
            return [(ev, found[str(ev["id"])]) for ev in kept if str(ev["id"]) in found]
        links = within(links, date_from, date_to)
    forward, backward = direction_label(a, b), direction_label(b, a)
    linked = []
    for ev in links:
        mutual = ev["joint"] and (ev["type"] or "").upper() in RECIPROCAL_TYPES
        dirs = [d for d, on in ((forward, ev["a_to_b"] or mutual), (backward, ev["b_to_a"] or mutual)) if on]
        if dirs:
            linked.append((ev, dirs))
    return linked


def stored_dyad_series(store: Any, a: str, b: str, *, date_from: str | None = None, date_to: str | None = None,
                       by: str = "quarter", level: str = "state", memory: int | None = None,
                       weighting: str = DEFAULT_WEIGHTING, exclude_status: Iterable[str] = DEFAULT_EXCLUDED_STATUSES,
                       attributed_to: str | None = None, filter: EventFilter | None = None,
                       ids: bool = True) -> DyadSeries:
    """`dyad_series` of a store's events, the same answer, read through `stored_links`.

    With `filter` (an EventFilter: what the commands and the API pass) the series counts exactly the
    events `store.events(filter=filter.but(dyad=(a, b)))` lists; date_from, date_to, exclude_status and
    attributed_to are then taken from the filter and must be left at their defaults. `ids=False`
    leaves the event ids out (the counts are the same: a smaller answer over a large store)."""
    memory = _check(a, b, by, memory, weighting)
    if filter is not None:
        exclude, attributed_to = list(filter.excluded_statuses), filter.attributed_to
        linked = stored_links(store, a, b, level=level, filter=filter)
    else:
        exclude = list(check_statuses(exclude_status))
        linked = stored_links(store, a, b, level=level, exclude_status=exclude, attributed_to=attributed_to,
                              date_from=date_from, date_to=date_to)
    if not ids:
        linked = [({**ev, "id": None}, dirs) for ev, dirs in linked]
    return _series(linked, a, b, by=by, level=level, memory=memory, weighting=weighting, exclude=exclude,
                   attributed_to=attributed_to)


def _series(linked: list[tuple[dict[str, Any], list[str]]], a: str, b: str, *, by: str, level: str, memory: int,
            weighting: str, exclude: list[str], attributed_to: str | None) -> DyadSeries:
    """Rows from (event, directions) pairs already selected and linked."""
    # events alike in period, directions, type, mode, score and quad count the same: group them first,
    # so that a dyad of tens of thousands of events costs a few thousand row updates
    alike: dict[tuple, list] = {}          # key -> [ids, number of events]
    unplaced: list[str] = []
    n_unplaced = 0
    for ev, dirs in linked:
        n = ev.get("n", 1)
        period = placed_period(event_date(ev), by)
        if period is None:
            n_unplaced += n
            if ev.get("id") is not None:
                unplaced.append(str(ev["id"]))
            continue
        key = (period, tuple(dirs), ev.get("type") or "?", ev.get("mode"), ev.get("score"), ev.get("quad"))
        acc = alike.setdefault(key, [[], 0])
        acc[1] += n
        if ev.get("id") is not None:
            acc[0].append(str(ev["id"]))
    periods = period_range(sorted({key[0] for key in alike}), by)
    directions = [direction_label(a, b), direction_label(b, a), BOTH]
    rows = {(p, d): DyadRow(p, d) for p in periods for d in directions}
    sums: dict[tuple[str, int], list] = {}   # (direction, period index) -> [score sum, number of scored events]
    for (period, dirs, type_, mode, score, quad), (ids, n) in alike.items():
        like = {"type": type_, "mode": mode, "score": score, "quad": quad}
        quad, score = event_quad(like), event_score(like)
        at = period_index(period, by)
        for d in (*dirs, BOTH):
            _add(rows[(period, d)], ids, n, type_, quad, score)
            if score is not None:
                acc = sums.setdefault((d, at), [0.0, 0])
                acc[0] += score * n
                acc[1] += n
    for row in rows.values():
        _finish(row)
    _memory_means(rows, sums, by, memory, weighting)
    return DyadSeries(a=a, b=b, by=by, level=level, memory=memory, weighting=weighting,
                      exclude_status=exclude, attributed_to=attributed_to,
                      scores_version=score_table().version, periods=periods,
                      rows=[rows[(p, d)] for p in periods for d in directions], unplaced=sorted(unplaced),
                      n_unplaced=n_unplaced)


@lru_cache(maxsize=65536)
def placed_period(date: str | None, by: str) -> str | None:
    """`period_of`, cached: a large dyad repeats the same few thousand dates."""
    return period_of(date, by)


TABLE_COLUMNS = ("period", "direction", "events", "score_sum", "score_mean", "memory_mean", *QUADS, "types")


def series_table(series: DyadSeries) -> list[dict[str, Any]]:
    """Flat rows for tables and CSV: one per period and direction."""
    out = []
    for r in series.rows:
        flat: dict[str, Any] = {"period": r.period, "direction": r.direction, "events": r.n_events,
                                "score_sum": round(r.score_sum, 2),
                                "score_mean": None if r.score_mean is None else round(r.score_mean, 2),
                                "memory_mean": None if r.memory_mean is None else round(r.memory_mean, 2)}
        flat.update({q: r.by_quad.get(q, 0) for q in QUADS})
        flat["types"] = " ".join(f"{t}:{n}" for t, n in sorted(Counter(r.by_type).items()))
        out.append(flat)
    return out
