"""Korean lexicons (resources/ko/*.tsv|txt), read once per process."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = (resources.files("sagwan") / "resources" / "ko" / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file with a header line; '#' lines are comments."""
    return tuple(dict(row) for row in csv.DictReader(_lines(name), delimiter="\t"))


@cache
def words(name: str) -> frozenset[str]:
    """Whitespace-separated words of a plain list file."""
    return frozenset(w for line in _lines(name) for w in line.split())


@cache
def titles() -> dict[str, tuple[str, str]]:
    """Title without spaces -> (role, class)."""
    return {r["title"].replace(" ", ""): (r["role"], r["class"]) for r in table("titles.tsv")}


@cache
def org_heads() -> dict[str, str]:
    return {r["head"]: r["type"] for r in table("org_heads.tsv")}
