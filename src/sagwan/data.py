"""The one reader of sagwan's resource files (src/sagwan/resources/): lexicons, tables, word lists.

One comment convention for every format: a line whose first non-blank character is `#` is a comment,
and blank lines are skipped (JSON files, which cannot hold comments, keep a "_note" key instead).
A file that cannot be read as what it claims to be raises ConfigError naming the file and the line,
so a bad edit to a lexicon stops the run at once with something to fix, never a traceback deep
inside an extractor. Language data lives in resources/<lang>/, shared data (gazetteer, scores) beside.

    table("ko/titles.tsv", ("title", "role", "class"))   # rows of a TSV with a header line
    words("ko/surnames.txt")                             # whitespace-separated words
    word_classes("ko/event_words.tsv")                   # the (word, class, note) format: class -> words
    read_json("ko/dates.json")
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from sagwan.errors import ConfigError


def _text(name: str) -> str:
    try:
        return (resources.files("sagwan") / "resources" / name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"resources/{name}: missing from the installed package; reinstall sagwan") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"resources/{name}: not UTF-8 ({exc}); save it as UTF-8") from None


def lines(name: str, text: str | None = None) -> list[tuple[int, str]]:
    """(line number, line) of every line that is neither blank nor a comment."""
    body = _text(name) if text is None else text
    return [(n, line) for n, line in enumerate(body.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")]


@cache
def table(name: str, columns: tuple[str, ...] | None = None) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated file whose first line (after comments) names the columns; `columns`,
    when given, must all be there. A row with another number of cells is an error naming its line."""
    rows = lines(name)
    if not rows:
        raise ConfigError(f"resources/{name}: empty; it needs a header line")
    n0, header = rows[0]
    names = header.split("\t")
    missing = [c for c in columns or () if c not in names]
    if missing:
        raise ConfigError(f"resources/{name}:{n0}: header lacks column(s) {', '.join(missing)} "
                          f"(it has {', '.join(names)})")
    out = []
    for n, line in rows[1:]:
        cells = line.split("\t")
        if len(cells) != len(names):
            raise ConfigError(f"resources/{name}:{n}: {len(cells)} tab-separated cell(s), the header has "
                              f"{len(names)} ({', '.join(names)})")
        out.append(dict(zip(names, cells, strict=True)))
    return tuple(out)


@cache
def words(name: str) -> frozenset[str]:
    """Whitespace-separated words of a plain list file."""
    return frozenset(w for _, line in lines(name) for w in line.split())


@cache
def word_classes(name: str) -> dict[str, frozenset[str]]:
    """The (word, class, note) format: class -> its words. A word may be in several classes."""
    out: dict[str, set[str]] = {}
    for row in table(name, ("word", "class", "note")):
        if not row["word"] or not row["class"]:
            raise ConfigError(f"resources/{name}: a row has an empty word or class: {row}")
        out.setdefault(row["class"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in out.items()}


def word_class(name: str, cls: str) -> frozenset[str]:
    """The words of one class; an unknown class is an error (a misspelt class name in code or data)."""
    classes = word_classes(name)
    if cls not in classes:
        raise ConfigError(f"resources/{name}: no word of class {cls!r} (classes: {', '.join(sorted(classes))})")
    return classes[cls]


@cache
def read_json(name: str) -> Any:
    try:
        return json.loads(_text(name))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"resources/{name}:{exc.lineno}: not valid JSON ({exc.msg})") from None


def mapping(name: str, key: str, value: str) -> dict[str, str]:
    """Two columns of a table as a dict."""
    return {r[key]: r[value] for r in table(name, (key, value))}
