"""English lexicons (resources/en/*), read once per process.

Every file there says at its top how it is read and where it comes from. A malformed row raises the
project's configuration error naming the file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sagwan.errors import ConfigError


def _text(name: str) -> str:
    return (resources.files("sagwan") / "resources" / "en" / name).read_text(encoding="utf-8")


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file whose first non-comment line is the header; '#' lines are comments."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for n, line in enumerate(_text(name).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) < len(header) - 1:      # the last column (a note) may be left out
            raise ConfigError(f"resources/en/{name}:{n}: expected {len(header)} tab-separated columns "
                              f"({', '.join(header)}), found {len(cells)}; fix the row")
        rows.append(dict(zip(header, [c.strip() for c in cells] + [""] * (len(header) - len(cells)), strict=True)))
    return tuple(rows)


@cache
def dates() -> dict:
    return json.loads(_text("dates.json"))


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
    return frozenset(tuple(line.split()) for line in _text("light_verbs.txt").splitlines()
                     if line.strip() and not line.startswith("#"))
