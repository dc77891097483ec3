"""Strategic triangles: the sign of each tie among three actors, the triangle's type and each
member's role, window by window. The method and the reasons for it are in docs/triangles.md.

A tie is the undirected relation between two members in one window: the mean cooperation–conflict
score of every event between them (both directions, each event once). Its sign is
  "+" mean >= neutral_band, "-" mean <= -neutral_band, "0" in between, "?" fewer than min_events.

Types (Dittmer 1981; unit veto from Dittmer 1987) from the number of positive ties:
  3 -> menage     (ménage à trois)  roles: friend, friend, friend
  2 -> romantic   (romantic triangle) the member on both positive ties is the pivot, the others wings
  1 -> marriage   (stable marriage) the positive pair are partners, the third the outcast
  0 -> unit_veto  when all three ties are negative, roles foe
Roles follow Wu (1996). The non-positive ties of a romantic triangle or a marriage may be neutral
rather than hostile: the type stands (Wu's roles only count amity) and `weak` is set. Three ties
with no positive one and not all negative are `unaligned`; any tie with too few events makes the
window `incomplete`. Neither has roles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

from sagwan.analytics.dyads import direction_label, dyad_events
from sagwan.analytics.periods import check_period, event_date, period_of, period_range
from sagwan.analytics.scores import event_score, score_table
from sagwan.analytics.selection import DEFAULT_EXCLUDED_STATUSES, select_events
from sagwan.errors import ConfigError

TYPES = ("menage", "romantic", "marriage", "unit_veto", "unaligned", "incomplete")
TYPE_NAMES = {"menage": "ménage à trois", "romantic": "romantic triangle", "marriage": "stable marriage",
              "unit_veto": "unit veto", "unaligned": "unaligned", "incomplete": "incomplete"}
DEFAULT_NEUTRAL_BAND = 1.0
DEFAULT_MIN_EVENTS = 2


@dataclass
class Tie:
    pair: tuple[str, str]
    n_events: int = 0
    mean: float | None = None
    sign: str = "?"
    directed_mean: dict[str, float | None] = field(default_factory=dict)   # "A>B" -> mean, for asymmetry
    event_ids: list[str] = field(default_factory=list)


@dataclass
class Window:
    period: str
    type: str
    weak: bool
    roles: dict[str, str]
    ties: list[Tie]

    @property
    def signs(self) -> str:
        return "".join(t.sign for t in self.ties)


@dataclass
class TriangleSeries:
    members: tuple[str, str, str]
    by: str
    level: str
    neutral_band: float
    min_events: int
    exclude_status: list[str]
    attributed_to: str | None
    scores_version: str
    windows: list[Window]
    transitions: list[dict[str, str]]
    unplaced: list[str]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for w, wd in zip(self.windows, d["windows"], strict=True):
            wd["signs"] = w.signs
            wd["name"] = TYPE_NAMES[w.type]
        return d


def tie_sign(mean: float | None, n_events: int, *, neutral_band: float = DEFAULT_NEUTRAL_BAND,
             min_events: int = DEFAULT_MIN_EVENTS) -> str:
    if n_events < min_events or mean is None:
        return "?"
    if mean >= neutral_band:
        return "+"
    if mean <= -neutral_band:
        return "-"
    return "0"


def classify(members: tuple[str, str, str], signs: dict[frozenset[str], str]) -> tuple[str, bool, dict[str, str]]:
    """(type, weak, roles) for three members and the sign of each of their three ties."""
    values = list(signs.values())
    if "?" in values:
        return "incomplete", False, {}
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


def _tie(pair: tuple[str, str], events: list[tuple[dict[str, Any], list[str]]], neutral_band: float,
         min_events: int) -> Tie:
    tie = Tie(pair=pair, n_events=len(events), event_ids=[str(ev["id"]) for ev, _ in events])
    scores = [s for ev, _ in events if (s := event_score(ev)) is not None]
    tie.mean = round(sum(scores) / len(scores), 4) if scores else None
    for d in (direction_label(*pair), direction_label(pair[1], pair[0])):
        ds = [s for ev, dirs in events if d in dirs and (s := event_score(ev)) is not None]
        tie.directed_mean[d] = round(sum(ds) / len(ds), 4) if ds else None
    tie.sign = tie_sign(tie.mean, len(scores), neutral_band=neutral_band, min_events=min_events)
    return tie


def triangle_series(events: Iterable[dict[str, Any]], a: str, b: str, c: str, *, by: str = "quarter",
                    level: str = "state", neutral_band: float = DEFAULT_NEUTRAL_BAND,
                    min_events: int = DEFAULT_MIN_EVENTS,
                    exclude_status: Iterable[str] = DEFAULT_EXCLUDED_STATUSES,
                    attributed_to: str | None = None) -> TriangleSeries:
    """Type, roles and ties of the A–B–C triangle in every window from the first event to the last."""
    check_period(by)
    members = (a, b, c)
    if len(set(members)) != 3:
        raise ConfigError(f"a triangle needs three different actors, got {', '.join(members)}")
    if neutral_band < 0 or min_events < 1:
        raise ConfigError("neutral band must be >= 0 and the minimum number of events >= 1")
    exclude = list(exclude_status)
    kept = select_events(events, exclude_status=exclude, attributed_to=attributed_to)
    by_id = {str(ev["id"]): ev for ev in kept}
    pairs = list(combinations(members, 2))
    per_window: dict[tuple[str, tuple[str, str]], list[tuple[dict[str, Any], list[str]]]] = {}
    placed_periods: set[str] = set()
    unplaced: set[str] = set()
    for pair in pairs:
        for eid, dirs in dyad_events(kept, *pair, level=level).items():
            period = period_of(event_date(by_id[eid]), by)
            if period is None:
                unplaced.add(eid)
                continue
            placed_periods.add(period)
            per_window.setdefault((period, pair), []).append((by_id[eid], dirs))
    windows = []
    for period in period_range(sorted(placed_periods), by):
        ties = [_tie(pair, per_window.get((period, pair), []), neutral_band, min_events) for pair in pairs]
        kind, weak, roles = classify(members, {frozenset(t.pair): t.sign for t in ties})
        windows.append(Window(period=period, type=kind, weak=weak, roles=roles, ties=ties))
    return TriangleSeries(members=members, by=by, level=level, neutral_band=neutral_band, min_events=min_events,
                          exclude_status=exclude, attributed_to=attributed_to,
                          scores_version=score_table().version, windows=windows,
                          transitions=transitions(windows), unplaced=sorted(unplaced))


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


def describe(window: Window) -> str:
    """One line for people: type, and who holds which role."""
    name = TYPE_NAMES[window.type] + (" (weak)" if window.weak else "")
    special = {"pivot", "outcast"}
    lead = [f"{role} {m}" for m, role in window.roles.items() if role in special]
    return name + (": " + ", ".join(lead) if lead else "")
