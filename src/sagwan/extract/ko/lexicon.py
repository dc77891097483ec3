"""Korean lexicons (resources/ko/*.tsv|txt), read once per process through the one resource reader."""

from __future__ import annotations

from functools import cache

from sagwan import data


def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file of resources/ko/ with a header line; '#' lines are comments."""
    return data.table(f"ko/{name}")


def words(name: str) -> frozenset[str]:
    """Whitespace-separated words of a plain list file of resources/ko/."""
    return data.words(f"ko/{name}")


def word_class(cls: str, name: str = "words.tsv") -> frozenset[str]:
    """The words of one class of a (word, class, note) file of resources/ko/ (default: words.tsv)."""
    return data.word_class(f"ko/{name}", cls)


@cache
def titles() -> dict[str, tuple[str, str]]:
    """Title without spaces -> (role, class)."""
    return {r["title"].replace(" ", ""): (r["role"], r["class"]) for r in table("titles.tsv")}


@cache
def org_heads() -> dict[str, str]:
    return {r["head"]: r["type"] for r in table("org_heads.tsv")}


@cache
def upos() -> dict[str, str]:
    """Kiwi tag -> universal part of speech (resources/ko/upos.tsv)."""
    return data.mapping("ko/upos.tsv", "tag", "upos")
