"""Strategic triangles: the sign of each tie among three actors, the triangle's type and each
member's role, period by period. The method and the reasons for it are in docs/triangles.md.

A tie in period p is the undirected relation between two members as the evidence of the memory
window shows it: the `memory` periods ending with p (one year by default, see `memory`), each
event weighted by its age (linear decay by default), both directions, each event once. Its sign is
  "+" weighted mean >= neutral_band, "-" <= -neutral_band, "0" in between,
  "?" fewer than min_events scored events in the whole memory window (the tie is unknown).

Types (Dittmer 1981; unit veto from Dittmer 1987) from the number of positive ties:
  3 -> menage     (ménage à trois)  roles: friend, friend, friend
  2 -> romantic   (romantic triangle) the member on both positive ties is the pivot, the others wings
  1 -> marriage   (stable marriage) the positive pair are partners, the third the outcast
  0 -> unit_veto  when all three ties are negative, roles foe
Roles follow Wu (1996). The non-positive ties of a romantic triangle or a marriage may be neutral
rather than hostile: the type stands (Wu's roles only count amity) and `weak` is set. Three ties
with no positive one and not all negative are `unaligned`.

Unknown ties: with exactly one unknown tie the silent tie is read as "no amity shown" (like a
neutral tie: never as friendship, never as hostility), the window is typed, `weak` is set and the
silent pair is listed in `unknown` (a provisional type); `if_friendly` says what the type would be
were the silent tie friendly. With two or three unknown ties only one relation is known, which says
nothing about a triangle: the window is `incomplete`.

Only periods in which at least one of the three ties has an event of its own are reported.

Intensity (docs/triangles.md, "Intensity"): beside its sign, each tie carries its weight -- its
events in the memory window and their share of the three ties' events (`share`) -- and its change
against the previous reported window (`change_events`, `change_mean`). The window's `asymmetry`
is 1 - (fewest events on a tie / most events on a tie): 0 when the three ties are equally dense,
near 1 when one tie carries the triangle; `dominant` names the densest tie when it holds at least
half the events.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

from sagwan.analytics.dyads import direction_label, dyad_events, placed_period, stored_links
from sagwan.analytics.memory import DEFAULT_WEIGHTING, age_weight, check_weighting, resolve_memory
from sagwan.analytics.periods import check_period, event_date, period_index, period_label, period_range
from sagwan.analytics.scores import event_score, score_table
from sagwan.analytics.selection import DEFAULT_EXCLUDED_STATUSES, check_statuses, select_events
from sagwan.errors import ConfigError

TYPES = ("menage", "romantic", "marriage", "unit_veto", "unaligned", "incomplete")
TYPE_NAMES = {"menage": "ménage à trois", "romantic": "romantic triangle", "marriage": "stable marriage",
              "unit_veto": "unit veto", "unaligned": "unaligned", "incomplete": "incomplete"}
DEFAULT_NEUTRAL_BAND = 1.0
DEFAULT_MIN_EVENTS = 1
UNKNOWN = "?"

@dataclass
class Tie:
    pair: tuple[str, str]
    n_events: int = 0                    # events on the tie in the period itself
    n_memory: int = 0                    # events on the tie in the memory window (the evidence for the sign)
    mean: float | None = None            # age-weighted mean score over the memory window
    sign: str = UNKNOWN
    directed_mean: dict[str, float | None] = field(default_factory=dict)   # "A>B" -> mean, for asymmetry
    periods: list[str] = field(default_factory=list)       # periods of the memory window that hold its events
    event_ids: list[str] = field(default_factory=list)     # every event of the memory window, oldest first
    period_event_ids: list[str] = field(default_factory=list)   # the n_events of the period itself, sorted
    share: float = 0.0                   # its events / the three ties' events in the memory window
    change_events: int | None = None     # n_memory minus the previous reported window's (None: first window)
    change_mean: float | None = None     # mean minus the previous window's mean (None when either is unknown)

    @property
    def label(self) -> str:
        return "-".join(self.pair)


@dataclass
class Window:
    period: str
    type: str
    weak: bool
    roles: dict[str, str]
    ties: list[Tie]
    memory_from: str = ""                # first period of the memory window
    unknown: list[str] = field(default_factory=list)   # silent pairs read as "no amity shown"
    if_friendly: str | None = None       # the type (with roles) were the silent tie friendly
    asymmetry: float = 0.0               # 1 - min/max of the ties' n_memory (0: equal ties)
    dominant: str | None = None          # the tie holding at least half the events, if any

    @property
    def signs(self) -> str:
        return "".join(t.sign for t in self.ties)

    @property
    def provisional(self) -> bool:
        return bool(self.unknown) and self.type != "incomplete"


@dataclass
class TriangleSeries:
    members: tuple[str, str, str]
    by: str
    level: str
    memory: int
    weighting: str
    neutral_band: float
    min_events: int
    exclude_status: list[str]
    attributed_to: str | None
    scores_version: str
    windows: list[Window]                # only the periods with an event among the three
    quiet: list[str]                     # periods in between with none (not reported)
    transitions: list[dict[str, str]]
    unplaced: list[str]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for w, wd in zip(self.windows, d["windows"], strict=True):
            wd["signs"] = w.signs
            wd["name"] = TYPE_NAMES[w.type]
            wd["label"] = type_label(w)
            wd["provisional"] = w.provisional
        return d


def tie_sign(mean: float | None, n_events: int, *, neutral_band: float = DEFAULT_NEUTRAL_BAND,
             min_events: int = DEFAULT_MIN_EVENTS) -> str:
    if n_events < min_events or mean is None:
        return UNKNOWN
    if mean >= neutral_band:
        return "+"
    if mean <= -neutral_band:
        return "-"
    return "0"


def _classify_known(members: tuple[str, str, str],
                    signs: dict[frozenset[str], str]) -> tuple[str, bool, dict[str, str]]:
    values = list(signs.values())
    positive = [pair for pair, s in signs.items() if s == "+"]
    weak = "0" in values
    if len(positive) == 3:
        return "menage", False, dict.fromkeys(members, "friend")
    if len(positive) == 2:
        pivot = next(iter(positive[0] & positive[1]))
        return "romantic", weak, {m: "pivot" if m == pivot else "wing" for m in members}
    if len(positive) == 1:
        partners = positive[0]
        return "marriage", weak, {m: "partner" if m in partners else "outcast" for m in members}
    if all(v == "-" for v in values):
        return "unit_veto", False, dict.fromkeys(members, "foe")
    return "unaligned", False, {}


def classify(members: tuple[str, str, str], signs: dict[frozenset[str], str]) -> tuple[str, bool, dict[str, str]]:
    """(type, weak, roles) for three members and the sign of each of their three ties.

    One unknown tie is read as neutral ("no amity shown"); two or more make the window incomplete.
    """
    unknown = [pair for pair, s in signs.items() if s == UNKNOWN]
    if len(unknown) >= 2:
        return "incomplete", False, {}
    if not unknown:
        return _classify_known(members, signs)
    kind, _, roles = _classify_known(members, {**signs, unknown[0]: "0"})
    return kind, kind in ("romantic", "marriage"), roles


def if_friendly(members: tuple[str, str, str], signs: dict[frozenset[str], str]) -> str | None:
    """With exactly one unknown tie: the type and lead roles the window would have were that tie friendly."""
    unknown = [pair for pair, s in signs.items() if s == UNKNOWN]
    if len(unknown) != 1:
        return None
    kind, _, roles = _classify_known(members, {**signs, unknown[0]: "+"})
    return _with_roles(TYPE_NAMES[kind], roles)


@dataclass
class _Bucket:
    """One tie's events of one period: their ids and, per direction set, score sums (what a window mixes)."""

    at: int
    n: int = 0
    ids: list[str] = field(default_factory=list)
    scored: dict[tuple[str, ...], list] = field(default_factory=dict)   # directions -> [score sum, n scored]


def _buckets(linked: Iterable[tuple[dict[str, Any], list[str], int]]) -> list[_Bucket]:
    # events alike in period, directions, type, mode, score and quad weigh the same: scored once per kind
    alike: dict[tuple, list] = {}   # key -> [ids, number of events]
    for ev, dirs, at in linked:
        key = (at, tuple(dirs), ev.get("type"), ev.get("mode"), ev.get("score"), ev.get("quad"))
        acc = alike.setdefault(key, [[], 0])
        acc[1] += ev.get("n", 1)    # a row of `dyad_link_counts` stands for n events
        if ev.get("id") is not None:
            acc[0].append(str(ev["id"]))
    by_index: dict[int, _Bucket] = {}
    for (at, dirs, type_, mode, score, quad), (ids, n) in alike.items():
        bucket = by_index.setdefault(at, _Bucket(at))
        bucket.ids.extend(ids)
        bucket.n += n
        if (value := event_score({"type": type_, "mode": mode, "score": score, "quad": quad})) is not None:
            acc = bucket.scored.setdefault(dirs, [0.0, 0])
            acc[0] += value * n
            acc[1] += n
    for bucket in by_index.values():
        bucket.ids.sort()
    return [by_index[at] for at in sorted(by_index)]


def _mean(parts: list[tuple[float, int, float]]) -> float | None:
    """Weighted mean from (score sum, n, weight) parts, rounded for output."""
    weight = sum(n * w for _, n, w in parts)
    return round(sum(total * w for total, _, w in parts) / weight, 4) if weight > 0 else None


def _tie(pair: tuple[str, str], window: list[_Bucket], by: str, period_idx: int, memory: int, weighting: str,
         neutral_band: float, min_events: int) -> Tie:
    """The tie over the buckets of one memory window (oldest first)."""
    tie = Tie(pair=pair, n_events=sum(b.n for b in window if b.at == period_idx),
              n_memory=sum(b.n for b in window),
              event_ids=[eid for b in window for eid in b.ids],
              period_event_ids=sorted(eid for b in window if b.at == period_idx for eid in b.ids),
              periods=[period_label(b.at, by) for b in window])
    parts = [(dirs, total, n, age_weight(period_idx - b.at, memory, weighting))
             for b in window for dirs, (total, n) in b.scored.items()]
    tie.mean = _mean([(total, n, w) for _, total, n, w in parts])
    for d in (direction_label(*pair), direction_label(pair[1], pair[0])):
        tie.directed_mean[d] = _mean([(total, n, w) for dirs, total, n, w in parts if d in dirs])
    tie.sign = tie_sign(tie.mean, sum(n for _, _, n, _ in parts), neutral_band=neutral_band, min_events=min_events)
    return tie


def _check(members: tuple[str, str, str], by: str, memory: int | None, weighting: str, neutral_band: float,
           min_events: int) -> int:
    check_period(by)
    memory = resolve_memory(memory, by)
    check_weighting(weighting)
    if len(set(members)) != 3:
        raise ConfigError(f"a triangle needs three different actors, got {', '.join(members)}")
    if neutral_band < 0 or min_events < 1:
        raise ConfigError("neutral band must be >= 0 and the minimum number of events >= 1")
    return memory


def triangle_series(events: Iterable[dict[str, Any]], a: str, b: str, c: str, *, by: str = "quarter",
                    level: str = "state", memory: int | None = None, weighting: str = DEFAULT_WEIGHTING,
                    neutral_band: float = DEFAULT_NEUTRAL_BAND, min_events: int = DEFAULT_MIN_EVENTS,
                    exclude_status: Iterable[str] = DEFAULT_EXCLUDED_STATUSES,
                    attributed_to: str | None = None) -> TriangleSeries:
    """Type, roles and ties of the A–B–C triangle in every period that holds an event among the three.

    `memory` (periods, default one year's worth of `by`) is how far back each tie's evidence reaches.
    """
    members = (a, b, c)
    memory = _check(members, by, memory, weighting, neutral_band, min_events)
    exclude = list(exclude_status)
    kept = select_events(events, exclude_status=exclude, attributed_to=attributed_to)
    by_id = {str(ev["id"]): ev for ev in kept}
    links = {pair: [(by_id[eid], dirs) for eid, dirs in dyad_events(kept, *pair, level=level).items()]
             for pair in combinations(members, 2)}
    return linked_triangle_series(members, links, by=by, level=level, memory=memory, weighting=weighting,
                                  neutral_band=neutral_band, min_events=min_events, exclude=exclude,
                                  attributed_to=attributed_to)


def stored_triangle_series(store: Any, a: str, b: str, c: str, *, date_from: str | None = None,
                           date_to: str | None = None, by: str = "quarter", level: str = "state",
                           memory: int | None = None, weighting: str = DEFAULT_WEIGHTING,
                           neutral_band: float = DEFAULT_NEUTRAL_BAND, min_events: int = DEFAULT_MIN_EVENTS,
                           exclude_status: Iterable[str] = DEFAULT_EXCLUDED_STATUSES,
                           attributed_to: str | None = None, filter: Any = None, ids: bool = True) -> TriangleSeries:
    """`triangle_series` of a store's events, the same answer, with each tie read from the store's dyad
    index (`stored_links`) instead of every event of the store. With `filter` (an EventFilter) each
    tie counts what `store.events(filter=...)` lists for its dyad, and the other filter arguments are
    taken from it. `ids=False` leaves the event ids out (the counts are the same: a smaller answer)."""
    members = (a, b, c)
    memory = _check(members, by, memory, weighting, neutral_band, min_events)
    if filter is not None:
        exclude, attributed_to = list(filter.excluded_statuses), filter.attributed_to
        links = {pair: stored_links(store, *pair, level=level, filter=filter) for pair in combinations(members, 2)}
    else:
        exclude = list(check_statuses(exclude_status))
        links = {pair: stored_links(store, *pair, level=level, exclude_status=exclude, attributed_to=attributed_to,
                                    date_from=date_from, date_to=date_to) for pair in combinations(members, 2)}
    if not ids:
        links = {pair: [({**ev, "id": None}, dirs) for ev, dirs in found] for pair, found in links.items()}
    return linked_triangle_series(members, links, by=by, level=level, memory=memory, weighting=weighting,
                                  neutral_band=neutral_band, min_events=min_events, exclude=exclude,
                                  attributed_to=attributed_to)


def linked_triangle_series(members: tuple[str, str, str],
                           links: dict[tuple[str, str], list[tuple[dict[str, Any], list[str]]]], *, by: str,
                           level: str, memory: int, weighting: str, neutral_band: float, min_events: int,
                           exclude: list[str], attributed_to: str | None) -> TriangleSeries:
    """The series from each pair's (event, directions) links, already selected."""
    pairs = list(combinations(members, 2))
    buckets: dict[tuple[str, str], list[_Bucket]] = {}
    busy: set[int] = set()
    unplaced: set[str] = set()
    for pair in pairs:
        placed = []
        for ev, dirs in links[pair]:
            period = placed_period(event_date(ev), by)
            if period is None:
                if ev.get("id") is not None:
                    unplaced.add(str(ev["id"]))
                continue
            placed.append((ev, dirs, period_index(period, by)))
        buckets[pair] = _buckets(placed)
        busy.update(bk.at for bk in buckets[pair])
    starts = {pair: [bk.at for bk in buckets[pair]] for pair in pairs}
    windows = []
    for idx in sorted(busy):
        # the buckets of the memory window, found by bisection: the work grows with the data, not with memory
        ties = [_tie(pair, buckets[pair][bisect_right(starts[pair], idx - memory):bisect_right(starts[pair], idx)],
                     by, idx, memory, weighting, neutral_band, min_events) for pair in pairs]
        signs = {frozenset(t.pair): t.sign for t in ties}
        kind, weak, roles = classify(members, signs)
        windows.append(Window(period=period_label(idx, by), type=kind, weak=weak, roles=roles, ties=ties,
                              memory_from=period_label(idx - memory + 1, by),
                              unknown=[t.label for t in ties if t.sign == UNKNOWN],
                              if_friendly=if_friendly(members, signs)))
    intensity(windows)
    labels = [period_label(idx, by) for idx in sorted(busy)]
    quiet = [p for p in period_range(labels, by) if p not in set(labels)] if labels else []
    return TriangleSeries(members=members, by=by, level=level, memory=memory, weighting=weighting,
                          neutral_band=neutral_band, min_events=min_events, exclude_status=exclude,
                          attributed_to=attributed_to, scores_version=score_table().version, windows=windows,
                          quiet=quiet, transitions=transitions(windows), unplaced=sorted(unplaced))


def intensity(windows: list[Window]) -> None:
    """Fill each window's tie shares, changes and asymmetry (see the module docstring)."""
    previous: dict[tuple[str, str], Tie] = {}
    for w in windows:
        total = sum(t.n_memory for t in w.ties)
        for t in w.ties:
            t.share = round(t.n_memory / total, 3) if total else 0.0
            before = previous.get(t.pair)
            if before is not None:
                t.change_events = t.n_memory - before.n_memory
                if t.mean is not None and before.mean is not None:
                    t.change_mean = round(t.mean - before.mean, 3)
        counts = [t.n_memory for t in w.ties]
        w.asymmetry = round(1 - min(counts) / max(counts), 3) if max(counts) else 0.0
        top = max(w.ties, key=lambda t: t.n_memory)
        w.dominant = top.label if total and top.n_memory * 2 >= total else None
        previous = {t.pair: t for t in w.ties}


def transitions(windows: list[Window]) -> list[dict[str, str]]:
    """Each change of type (or of pivot/outcast) from one window to the next."""
    out = []
    for prev, cur in zip(windows, windows[1:], strict=False):
        if (prev.type, prev.roles) != (cur.type, cur.roles):
            out.append({"from_period": prev.period, "to_period": cur.period,
                        "from": prev.type, "to": cur.type,
                        "from_signs": prev.signs, "to_signs": cur.signs,
                        "from_label": describe(prev), "to_label": describe(cur)})
    return out


def type_label(window: Window) -> str:
    """The type's name with its qualifiers: "romantic triangle (weak, provisional)"."""
    flags = [f for f, on in (("weak", window.weak), ("provisional", window.provisional)) if on]
    return TYPE_NAMES[window.type] + (f" ({', '.join(flags)})" if flags else "")


def _with_roles(name: str, roles: dict[str, str]) -> str:
    special = {"pivot", "outcast"}
    lead = [f"{role} {m}" for m, role in roles.items() if role in special]
    return name + (": " + ", ".join(lead) if lead else "")


def describe(window: Window) -> str:
    """One line for people: type, and who holds which role."""
    return _with_roles(type_label(window), window.roles)


def caveat(window: Window) -> str:
    """What the reader must know about an unknown tie, or "" when all three ties are known."""
    if window.type == "incomplete":
        known = [t.label for t in window.ties if t.sign != UNKNOWN]
        return (f"only {known[0]} known" if known else "no tie known") + " in the memory window"
    if window.unknown:
        return f"{window.unknown[0]} silent in the memory window; if friendly: {window.if_friendly}"
    return ""
