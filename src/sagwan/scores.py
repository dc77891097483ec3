"""Cooperation–conflict scores and quad classes, read from resources/scores.tsv (kernel: the coder
stamps them on events, analytics fill them in where missing).

The table gives a score (−10..+10) and a quad class per PLOVER type, and per type:mode where the
PLOVER manual scores a mode apart (CONSULT:visit, ASSAULT:unconventional ...). Events keep the
score the coder stored; the table fills in only what is missing, so a recoded table changes the
analytics without touching stored rows. `SCORES_VERSION` (a hash of the file) names the mapping
in every output that depends on it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sagwan import data
from sagwan.errors import ConfigError

QUADS = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")


@dataclass(frozen=True)
class ScoreTable:
    scores: dict[tuple[str, str], float]   # (TYPE, mode or "") -> score
    quads: dict[str, str]                  # TYPE -> quad class
    version: str

    def score(self, event_type: str | None, mode: str | None = None) -> float | None:
        if not event_type:
            return None
        key = event_type.upper()
        if mode and (key, mode) in self.scores:
            return self.scores[(key, mode)]
        return self.scores.get((key, ""))

    def quad(self, event_type: str | None) -> str | None:
        return self.quads.get(event_type.upper()) if event_type else None


def _read(text: str, version: str) -> ScoreTable:
    scores: dict[tuple[str, str], float] = {}
    quads: dict[str, str] = {}
    rows = data.lines("scores.tsv", text)   # the one comment convention: '#' lines are notes
    names = rows[0][1].split("\t") if rows else []
    for n, line in rows[1:]:
        row = dict(zip(names, line.split("\t"), strict=False))
        try:
            key = (row["type"].strip().upper(), (row.get("mode") or "").strip())
            scores[key] = float(row["score"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"resources/scores.tsv:{n}: needs columns type, mode, score, quad "
                              f"with a numeric score ({exc})") from exc
        quad = (row.get("quad") or "").strip()
        if quad and quad not in QUADS:
            raise ConfigError(f"resources/scores.tsv:{n}: quad {quad!r} is not one of {', '.join(QUADS)}")
        if quad and not key[1]:
            quads[key[0]] = quad
    return ScoreTable(scores, quads, version)


@cache
def score_table() -> ScoreTable:
    """The packaged table, read once per process."""
    raw = resources.files("sagwan").joinpath("resources/scores.tsv").read_bytes()
    version = "scores.tsv@" + hashlib.sha256(raw).hexdigest()[:10]
    return _read(raw.decode("utf-8"), version)
