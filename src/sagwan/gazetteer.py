"""The gazetteer: states, organisations, people and places as data (resources/gazetteer/*.jsonl).

Each line is one entry; see resources/gazetteer/README.md for the fields and the sources.
Loaded once per process; `aliases()` maps every surface form to the entries it may name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str                        # state | organization | person | group | location
    name: str
    country: str | None = None
    wikidata: str | None = None
    type: str | None = None          # organisations: news_agency, outlet, igo, think_tank, government, party ...
    ko: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    abbr_ko: tuple[str, ...] = ()    # one-syllable short forms (북, 러, 미 ...): matched only in compounds
    metonyms: tuple[str, ...] = ()   # capitals and seats of government standing for the state
    patterns_ko: tuple[str, ...] = ()  # regular expressions for spellings with optional spaces
    surname_ko: str | None = None    # for persons: the form used alone (김, 시, 푸틴, 라브로프)
    roles: tuple[dict[str, Any], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def surfaces(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.ko, *self.en, *self.metonyms)))

    def role_on(self, date: str | None) -> dict[str, Any] | None:
        """The role held on `date` (YYYY[-MM[-DD]]), or the latest one when the date is unknown."""
        if not self.roles:
            return None
        if date:
            for r in self.roles:
                if (r.get("from") or "0000") <= date and (not r.get("to") or date <= r["to"]):
                    return r
        return self.roles[-1]


_FIELDS = set(Entry.__dataclass_fields__) - {"extra"}


def _entry(obj: dict[str, Any]) -> Entry:
    known = {k: v for k, v in obj.items() if k in _FIELDS}
    for key in ("ko", "en", "abbr_ko", "metonyms", "patterns_ko", "roles"):
        if key in known:
            known[key] = tuple(known[key])
    return Entry(**known, extra={k: v for k, v in obj.items() if k not in _FIELDS})


@cache
def entries() -> dict[str, Entry]:
    """Every gazetteer entry by id (files read once per process)."""
    out: dict[str, Entry] = {}
    folder = resources.files("sagwan") / "resources" / "gazetteer"
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if not f.name.endswith(".jsonl"):
            continue
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                e = _entry(json.loads(line))
            except (ValueError, TypeError) as exc:
                raise ValueError(f"gazetteer {f.name}:{n}: {exc}") from None
            out[e.id] = e
    return out


@cache
def aliases() -> dict[str, tuple[str, ...]]:
    """Surface form -> ids of the entries it may name (several when ambiguous)."""
    idx: dict[str, list[str]] = {}
    for e in entries().values():
        for s in e.surfaces:
            ids = idx.setdefault(s, [])
            if e.id not in ids:
                ids.append(e.id)
    return {k: tuple(v) for k, v in idx.items()}


@cache
def abbreviations() -> dict[str, str]:
    """One-syllable short form (북, 러, 미 ...) -> state id."""
    return {a: e.id for e in entries().values() for a in e.abbr_ko}


def get(actor_id: str) -> Entry | None:
    return entries().get(actor_id)
