"""Dyad series: what two actors did to each other, period by period, in each direction.

For actors A and B and a period (month, quarter, half, year) each row counts the events A→B,
B→A, or both together ("both", each event once), by PLOVER type and by quad class, with the sum
and the mean of the cooperation–conflict score. Each row also carries the trailing mean over the
memory window (see `memory`): the value a triangle's tie has in that period, so the dyad chart and
the triangle agree. Which events count, how sides are read and how dates are placed is explained
in `selection` and `periods`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sagwan.analytics.memory import DEFAULT_WEIGHTING, age_weight, check_weighting, resolve_memory, weighted_mean
from sagwan.analytics.periods import check_period, event_date, period_index, period_of, period_range
from sagwan.analytics.scores import QUADS, event_quad, event_score, score_table
from sagwan.analytics.selection import DEFAULT_EXCLUDED_STATUSES, directed_pairs, select_events
from sagwan.errors import ConfigError

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
    event_ids: list[str] = field(default_factory=list)


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

    def row(self, period: str, direction: str) -> DyadRow | None:
        return next((r for r in self.rows if r.period == period and r.direction == direction), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def dyad_events(events: Iterable[dict[str, Any]], a: str, b: str, level: str = "state") -> dict[str, list[str]]:
    """Map event id -> the directions ("A>B", "B>A") in which the event links A and B."""
    out: dict[str, list[str]] = {}
    for ev in events:
        pairs = directed_pairs(ev, level)
        dirs = [direction_label(x, y) for x, y in ((a, b), (b, a)) if (x, y) in pairs]
        if dirs:
            out[str(ev["id"])] = dirs
    return out


def _add(row: DyadRow, ev: dict[str, Any]) -> None:
    row.n_events += 1
    row.event_ids.append(str(ev["id"]))
    t = ev.get("type") or "?"
    row.by_type[t] = row.by_type.get(t, 0) + 1
    quad = event_quad(ev)
    if quad:
        row.by_quad[quad] = row.by_quad.get(quad, 0) + 1
    score = event_score(ev)
    if score is not None:
        row.score_sum = round(row.score_sum + score, 6)
        row.n_scored += 1
        row.score_mean = round(row.score_sum / row.n_scored, 4)


def _memory_means(rows: dict[tuple[str, str], DyadRow], scored: dict[str, list[tuple[int, float]]], by: str,
                  memory: int, weighting: str) -> None:
    """Fill each row's trailing mean from the (period index, score) pairs of its direction."""
    for (period, direction), row in rows.items():
        idx = period_index(period, by)
        window = [(score, age_weight(idx - at, memory, weighting)) for at, score in scored.get(direction, [])
                  if 0 <= idx - at < memory]
        row.memory_events = len(window)
        row.memory_mean = weighted_mean(window)


def dyad_series(events: Iterable[dict[str, Any]], a: str, b: str, *, by: str = "quarter", level: str = "state",
                memory: int | None = None, weighting: str = DEFAULT_WEIGHTING,
                exclude_status: Iterable[str] = DEFAULT_EXCLUDED_STATUSES,
                attributed_to: str | None = None) -> DyadSeries:
    """The A–B series, one row per period and direction, empty periods in between filled with zeros."""
    check_period(by)
    memory = resolve_memory(memory, by)
    check_weighting(weighting)
    if a == b:
        raise ConfigError(f"a dyad needs two different actors, got {a} twice")
    exclude = list(exclude_status)
    kept = select_events(events, exclude_status=exclude, attributed_to=attributed_to)
    by_id = {str(ev["id"]): ev for ev in kept}
    links = dyad_events(kept, a, b, level)
    placed: dict[str, str] = {}
    unplaced: list[str] = []
    for eid in links:
        period = period_of(event_date(by_id[eid]), by)
        if period is None:
            unplaced.append(eid)
        else:
            placed[eid] = period
    periods = period_range(sorted(set(placed.values())), by)
    directions = [direction_label(a, b), direction_label(b, a), BOTH]
    rows = {(p, d): DyadRow(p, d) for p in periods for d in directions}
    scored: dict[str, list[tuple[int, float]]] = {}
    for eid, period in placed.items():
        ev = by_id[eid]
        score = event_score(ev)
        for d in [*links[eid], BOTH]:
            _add(rows[(period, d)], ev)
            if score is not None:
                scored.setdefault(d, []).append((period_index(period, by), score))
    _memory_means(rows, scored, by, memory, weighting)
    return DyadSeries(a=a, b=b, by=by, level=level, memory=memory, weighting=weighting,
                      exclude_status=exclude, attributed_to=attributed_to,
                      scores_version=score_table().version, periods=periods,
                      rows=[rows[(p, d)] for p in periods for d in directions], unplaced=sorted(unplaced))


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
