"""The document's actor table and coreference by short form, title and role, for every language.

A language's readers find names (the gazetteer's surfaces in that language, a name next to a title)
and `add` each mention here; people are `register`ed with the short forms that may refer back to
them (a surname, a bare family name) and the titles seen with them or known for them. A later short
form ("Kim", with a title or alone) is `resolve_short`: among the people it may name, those seen
with that title first, then the most mentioned, then the first introduced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sagwan import gazetteer
from sagwan.model import Actor, Document, Mention

_NON_WORD = re.compile(r"[^\w]+")


@dataclass
class Person:
    """A person found in this document, with the short forms that may refer back to them."""

    actor: Actor
    short: set[str] = field(default_factory=set)   # surname, bare family name
    titles: set[str] = field(default_factory=set)  # titles seen with or known for them
    mentions: int = 0
    order: int = 0


class ActorTable:
    """The actors of one document as they are found, in order."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.by_id: dict[str, Actor] = {}
        self.at: dict[int, Actor] = {}          # character offset -> the actor mentioned there
        self.persons: list[Person] = []
        self.taken: set[int] = set()            # start offsets of tokens already assigned

    def add(self, actor: Actor, start: int, end: int) -> Actor:
        a = self.by_id.get(actor.id)
        if a is None:
            a = self.by_id[actor.id] = actor
        for pos in range(start, end):
            self.at.setdefault(pos, a)
        text = self.doc.text[start:end]
        if not any(m.start == start for m in a.mentions):
            a.mentions.append(Mention(start, end, text))
        if text not in a.names:
            a.names.append(text)
        for p in self.persons:
            if p.actor is a:
                p.mentions += 1
        return a

    def person(self, actor_id: str) -> Person | None:
        return next((p for p in self.persons if p.actor.id == actor_id), None)

    def register(self, actor: Actor, short: set[str], titles: set[str]) -> Person:
        p = self.person(actor.id)
        if p is None:
            p = Person(actor, order=len(self.persons))
            self.persons.append(p)
        p.short |= {s for s in short if s}
        p.titles |= titles
        return p

    def resolve_short(self, form: str, title: str | None) -> Person | None:
        """Who a short form (with a title or alone) refers to: title match first, then salience."""
        cands = [p for p in self.persons if form in p.short]
        if not cands:
            return None
        if title:
            titled = [p for p in cands if title in p.titles]
            if titled:
                cands = titled
        return max(cands, key=lambda p: (p.mentions, -p.order))


def entry_actor(e: gazetteer.Entry, published: str | None) -> Actor:
    """The record's actor for a gazetteer entry, with the role it held on the publication date."""
    role = e.role_on(published)
    return Actor(id=e.id, name=e.name, kind=e.kind, country=e.country if e.kind != "state" else e.id,
                 role=role.get("role") if role else None,
                 affiliation=(role or {}).get("country") or (e.country if e.kind == "person" else None),
                 wikidata=e.wikidata)


def office_holder(surname: str, title: str, published: str | None, language: str,
                  normalise: Callable[[str], str] = lambda s: s) -> gazetteer.Entry | None:
    """The one person in the gazetteer with this surname (in `language`) who held an office with this
    title on the publication date ("Kim, the chairman" in 2024 is Kim Jong Un); None when not one."""
    found = []
    for e in gazetteer.entries().values():
        if e.kind != "person" or e.surname.get(language) != surname:
            continue
        role = e.role_on(published) if published else None
        if role and (role.get("to") is None or published and published <= role["to"]) and \
                title in {normalise(t) for t in e.titles_in(language, role)}:
            found.append(e)
    return found[0] if len(found) == 1 else None


def slug(name: str) -> str:
    """A stable id part for an actor the gazetteer does not know (person:<slug>)."""
    return _NON_WORD.sub("-", name.strip().lower()).strip("-")
