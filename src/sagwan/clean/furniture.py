"""Page furniture: which lines of a scraped page are chrome, not article (rules in resources/clean/furniture.tsv).

Rules match a whole line, except `phrase` rules, which cut a piece of chrome out of a line that
also holds article text (an article scraped onto one line that ends in "무단 전재 및 재배포 금지");
nothing is dropped for being short. See the TSV for the kinds (token, line, heading, tail, phrase)
and where each family comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sagwan.clean._data import read_tsv

# Separators that may stand between chrome words on one line ("Share | Print", "공유 · 인쇄").
_TOKEN_SEPARATORS = r"[\s|/·•▪,:]*"
_MAX_TOKEN_LINE = 200           # a toolbar is never longer; saves the regex on long paragraphs


@dataclass(frozen=True)
class Rule:
    family: str
    kind: str                    # token | line | heading | tail | phrase
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Hit:
    """A line that matched a furniture rule."""

    family: str
    kind: str
    outlet: str | None = None    # the outlet a copyright line names, if any


class Furniture:
    """The compiled furniture rules; `match(line)` says whether a (collapsed, trimmed) line is chrome."""

    def __init__(self, rows: list[list[str]]):
        tokens: dict[str, list[str]] = {}
        self.rules: list[Rule] = []
        self.phrases: list[Rule] = []
        for family, kind, pattern, _note in rows:
            if kind == "token":
                tokens.setdefault(family, []).append(pattern)
            elif kind in ("line", "heading", "tail"):
                self.rules.append(Rule(family, kind, re.compile(pattern)))
            elif kind == "phrase":
                self.phrases.append(Rule(family, kind, re.compile(pattern)))
            else:
                raise ValueError(f"furniture.tsv: unknown rule kind {kind!r} "
                                 "(use token, line, heading, tail or phrase)")
        # One regex for "a line made only of chrome words"; the family of the first word is reported.
        every = "|".join(f"(?:{p})" for ps in tokens.values() for p in ps)
        # (?!\w): a chrome word ends at a word boundary, so "Closeup" is no chrome and digits never split
        self._token_line = re.compile(rf"{_TOKEN_SEPARATORS}(?:(?:{every})(?!\w){_TOKEN_SEPARATORS})+")
        self._token_families = [(family, re.compile("|".join(f"(?:{p})" for p in ps)))
                                for family, ps in tokens.items()]

    def match(self, line: str) -> Hit | None:
        # whole-line rules first: "댓글 3개" is a comment thread's header (tail), not just a toolbar count
        for rule in self.rules:
            m = rule.pattern.fullmatch(line)
            if m:
                outlet = m.groupdict().get("outlet")
                return Hit(rule.family, rule.kind, outlet.strip() if outlet and outlet.strip() else None)
        if len(line) <= _MAX_TOKEN_LINE and self._token_line.fullmatch(line):
            first = line.strip(" |/·•▪,:")
            family = next((f for f, rx in self._token_families if rx.match(first)), "nav")
            return Hit(family, "token")
        return None


    def strip(self, line: str) -> tuple[str, list[Hit]]:
        """`line` with every furniture phrase cut out (spaces around a cut made one), and what was cut."""
        hits: list[Hit] = []
        for rule in self.phrases:
            pieces, last = [], 0
            for m in rule.pattern.finditer(line):
                if m.end() == m.start():
                    continue
                pieces.append(line[last:m.start()])
                last = m.end()
                outlet = m.groupdict().get("outlet")
                hits.append(Hit(rule.family, rule.kind, outlet.strip() if outlet and outlet.strip() else None))
            if pieces:
                line = _SPACES.sub(" ", "".join([*pieces, line[last:]])).strip()
        return line, hits


_SPACES = re.compile(r"\s{2,}")


@cache
def furniture() -> Furniture:
    """The rules, compiled once per process."""
    return Furniture(read_tsv("furniture.tsv"))
