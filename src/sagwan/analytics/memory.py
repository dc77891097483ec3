"""The memory window: how far back the evidence on a relation reaches, and how much older periods weigh.

A tie (or a dyad's trailing mean) in period p is read from the events of the `memory` periods that end
with p: p itself and the memory − 1 before it. The default memory is one year whatever the period
(12 months, 4 quarters, 2 halves, 1 year), so changing `by` changes the resolution, not the horizon.

Weighting within the window:
  "linear" (default) — an event k periods old weighs (memory − k) / memory: the current period 1,
            the oldest 1/memory. Newer evidence outweighs older, and evidence fades out instead of
            dropping off a cliff. With memory 1 it is the plain per-period mean.
  "equal"  — every event in the window weighs 1 (a moving average).
Weights only set how events are mixed: a single old event still gives its sign. Expiry is the
memory's job, not the weights'.
"""

from __future__ import annotations

from sagwan.analytics.periods import check_period
from sagwan.errors import ConfigError

DEFAULT_MEMORY = {"month": 12, "quarter": 4, "half": 2, "year": 1}
WEIGHTINGS = ("linear", "equal")
DEFAULT_WEIGHTING = "linear"
# A century of months: longer than any chronicle, and a bound a client cannot push past.
MAX_MEMORY = 1200


def resolve_memory(memory: int | None, by: str) -> int:
    """The memory in periods: the given one, or one year's worth of `by` periods."""
    check_period(by)
    if memory is None:
        return DEFAULT_MEMORY[by]
    if not 1 <= memory <= MAX_MEMORY:
        raise ConfigError(f"memory must be between 1 and {MAX_MEMORY} periods, got {memory}")
    return memory


def check_weighting(weighting: str) -> str:
    if weighting not in WEIGHTINGS:
        raise ConfigError(f"unknown weighting {weighting!r}: use one of {', '.join(WEIGHTINGS)}")
    return weighting


def age_weight(age: int, memory: int, weighting: str = DEFAULT_WEIGHTING) -> float:
    """The weight of an event `age` periods old (0 = the current period); 0 outside the memory."""
    if age < 0 or age >= memory:
        return 0.0
    return 1.0 if weighting == "equal" else (memory - age) / memory


def weighted_mean(values: list[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs, rounded for output; None when there is no weight."""
    total = sum(w for _, w in values)
    if total <= 0:
        return None
    return round(sum(v * w for v, w in values) / total, 4)
