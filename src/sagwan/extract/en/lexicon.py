"""English lexicons (resources/en/*), read once per process.

Every file there says at its top how it is read and where it comes from. They are read through the
project's one resource reader (`sagwan.data`): a malformed row raises the configuration error naming
the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sagwan import data
from sagwan.errors import ConfigError


def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of resources/en/NAME (a TSV file with a header line), through the project's one reader."""
    return data.table(f"en/{name}")


@cache
def dates() -> dict:
    return data.read_json("en/dates.json")


@dataclass(frozen=True)
class Predicate:
    lemmas: tuple[str, ...]
    pos: str
    type: str
    mode: str | None
    frame: str
    preps: tuple[str, ...]


@cache
def predicates() -> dict[str, tuple[Predicate, ...]]:
    """First lemma -> the predicates starting with it, longest first."""
    from sagwan.model import PLOVER_TYPES

    out: dict[str, list[Predicate]] = {}
    for r in table("predicates.tsv"):
        if r["type"] not in PLOVER_TYPES:
            raise ConfigError(f"resources/en/predicates.tsv: {r['trigger']!r} has type {r['type']!r}; "
                              f"use one of {', '.join(PLOVER_TYPES)}")
        p = Predicate(tuple(r["trigger"].split()), r["pos"], r["type"], None if r["mode"] == "-" else r["mode"],
                      r["frame"], () if r["prep"] == "-" else tuple(r["prep"].split("|")))
        out.setdefault(p.lemmas[0], []).append(p)
    return {k: tuple(sorted(v, key=lambda p: -len(p.lemmas))) for k, v in out.items()}


@cache
def status_cues() -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple((tuple(r["cue"].split()), r["status"]) for r in table("status.tsv"))


@cache
def speech() -> dict[str, str]:
    return {r["lemma"]: r["stance"] for r in table("speech.tsv")}


@cache
def titles() -> dict[tuple[str, ...], tuple[str, str]]:
    """Title words (lower case) -> (role, class)."""
    return {tuple(r["title"].lower().split()): (r["role"], r["class"]) for r in table("titles.tsv")}


@cache
def title_heads() -> frozenset[str]:
    """The last word of every title: what a title phrase ends on ("the minister", "a senior fellow")."""
    return frozenset(t[-1] for t in titles())


@cache
def demonyms() -> dict[tuple[str, ...], str | None]:
    return {tuple(r["demonym"].split()): (None if r["id"] == "-" else r["id"]) for r in table("demonyms.tsv")}


@cache
def extra_names() -> tuple[tuple[str, str, str], ...]:
    """(surface, gazetteer id, kind) of the English-only names."""
    return tuple((r["surface"], r["id"], r["kind"]) for r in table("actors.tsv"))


@cache
def light_verbs() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(line.split()) for _, line in data.lines("en/light_verbs.txt"))
