"""Shared helpers for the behavioural tests of the Korean extractors (actors, quotes, events).

Every test feeds an invented sentence to the public door, `sagwan.extract`, and reads the `sagwan/1`
record. Kiwi costs seconds to load and each sentence is read by several tests, so records are cached
per (text, published) for the whole session; `ko` hands out a reader with small look-ups.

PUBLISHED is a Friday, so weekdays resolve into the same week: 월요일 = 2024-03-11 ... 목요일 = 2024-03-14.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

import sagwan

PUBLISHED = "2024-03-15"   # a Friday


@cache
def _extract(text: str, published: str | None) -> dict[str, Any]:
    return sagwan.extract(text, published=published)


def is_state_code(actor_id: str | None) -> bool:
    return bool(actor_id) and len(actor_id) == 3 and actor_id.isalpha() and actor_id.isupper()


class Rec:
    """One `sagwan/1` record with the look-ups the tests need."""

    def __init__(self, text: str, record: dict[str, Any]):
        self.text = record["doc"]["text"]    # offsets index the clean text (clean() may fold blank lines)
        self.record = record
        self.actors: list[dict[str, Any]] = record["actors"]
        self.quotes: list[dict[str, Any]] = record["quotes"]
        self.events: list[dict[str, Any]] = record["events"]
        if "\n" not in text:
            assert self.text == text, "the tests assume clean() keeps a one-line sentence as it is"

    # ---- actors ----------------------------------------------------------------------------
    def actor(self, actor_id: str) -> dict[str, Any] | None:
        return next((a for a in self.actors if a["id"] == actor_id), None)

    def ids(self) -> set[str]:
        return {a["id"] for a in self.actors}

    def actor_at(self, surface: str, nth: int = 0) -> dict[str, Any] | None:
        """The actor with a mention that starts where the nth occurrence of `surface` starts."""
        pos = -1
        for _ in range(nth + 1):
            pos = self.text.find(surface, pos + 1)
            assert pos >= 0, f"{surface!r} is not in the test sentence"
        return next((a for a in self.actors if any(m["start"] == pos for m in a["mentions"])), None)

    def person_named(self, name: str) -> dict[str, Any] | None:
        """The person actor whose mentions include exactly `name`."""
        return next((a for a in self.actors if a["kind"] == "person"
                     and any(m["text"] == name for m in a["mentions"])), None)

    def country(self, actor_id: str | None) -> str | None:
        a = self.actor(actor_id) if actor_id else None
        if a is None:
            # a state implied by a word ('방북' -> PRK) may be named by its ISO code alone
            return actor_id if is_state_code(actor_id) else None
        return a["id"] if a["kind"] == "state" else a["country"]

    def countries(self, actor_ids: list[str]) -> set[str | None]:
        return {self.country(x) for x in actor_ids}

    def short(self) -> str:
        """A compact dump for assertion messages."""
        actors = [(a["id"], a["kind"], a["country"], a["role"], [m["text"] for m in a["mentions"]])
                  for a in self.actors]
        quotes = [(q["speaker"], q["kind"], q["cue"], q["date"], q["via"], q["text"]) for q in self.quotes]
        events = [(e["type"], e["mode"], e["source"], e["target"], e["date"], e["status"], e["attributed_to"],
                   [m["text"] for m in e["mentions"]]) for e in self.events]
        return f"\nactors={actors}\nquotes={quotes}\nevents={events}"

    # ---- events ----------------------------------------------------------------------------
    def events_of(self, etype: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == etype]

    def event(self, etype: str) -> dict[str, Any]:
        found = self.events_of(etype)
        assert len(found) == 1, f"expected one {etype} event, got {len(found)}{self.short()}"
        return found[0]


@pytest.fixture(scope="module")
def ko():
    """ko(text, published=PUBLISHED) -> Rec; each sentence is extracted once per session."""

    def read(text: str, published: str | None = PUBLISHED) -> Rec:
        return Rec(text, _extract(text, published))

    return read
