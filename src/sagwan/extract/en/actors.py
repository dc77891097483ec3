"""English actors: gazetteer names and variants, demonyms, title + name, name + apposition, unknown
officials, analysts and organisations found by pattern, and coreference by surname and title.

The reader also leaves, for each sentence, the actor `Unit`s it found (token spans with the actor
id), which the quote and event readers use as the arguments of speech and predicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sagwan import gazetteer
from sagwan.extract.en import lexicon
from sagwan.model import Actor, Document, Mention, Sentence, Token

_MAX_NAME = 8
_CONNECTORS = frozenset({"of", "the", "and", "for", "on", "de", "la", "al", "&", "in"})
_HONORIFICS = frozenset({"Mr.", "Ms.", "Mrs.", "Dr.", "Mr", "Ms", "Mrs", "Dr"})
_ORG_HEADS = frozenset({
    "Institute", "Center", "Centre", "University", "Foundation", "Council", "Agency", "Ministry", "Committee",
    "Program", "Programme", "Studies", "Initiative", "Forum", "Group", "Association", "Party", "Command",
    "Office", "Commission", "Department", "Bureau", "Service", "Network", "Fund", "Academy", "School",
    "Society", "Project", "Corporation", "Company", "Bank", "Army", "Navy", "Force", "Forces", "Guard",
})
_FAMILY_FIRST = frozenset({"PRK", "KOR", "CHN", "VNM", "TWN"})
_NON_NAME = frozenset({"The", "A", "An", "In", "On", "At", "But", "And", "He", "She", "It", "They", "We", "I",
                       "This", "That", "These", "Those", "Its", "His", "Her", "Their", "Our", "As", "If",
                       "When", "While", "After", "Before", "Since", "For", "With", "From", "By", "To",
                       "Meanwhile", "However", "Also", "Still", "Last", "Next", "Earlier", "Later"})
_NON_WORD = re.compile(r"[^\w]+")


def name_key(form: str) -> str:
    """Names compare without case, spaces and hyphens: Kim Jong Un = Kim Jong-un = Kim Jong-Un."""
    return form.replace("-", "").replace(" ", "").replace("‐", "").lower()


def _slug(name: str) -> str:
    return _NON_WORD.sub("-", name.strip().lower()).strip("-")


@dataclass
class Unit:
    """An actor named by tokens i..j-1 of a sentence."""

    i: int
    j: int
    actor: str
    kind: str
    via_title: bool = False      # the span holds a title ("Foreign Minister Choe Son Hui")
    apposition_end: int | None = None  # token index after an apposition that describes it


@dataclass(frozen=True)
class _Name:
    id: str
    kind: str                     # variant | metonym | short | name
    exact: bool                   # an acronym: the text must match its case


@gazetteer.per_gazetteer()
def _index() -> tuple[dict[str, tuple[_Name, ...]], int]:
    """Name key -> candidate entries; and the longest name in tokens."""
    idx: dict[str, list[_Name]] = {}

    def add(surface: str, eid: str, kind: str) -> None:
        if not surface or not surface[0].isascii():
            return
        names = idx.setdefault(name_key(surface), [])
        if all(n.id != eid for n in names):
            names.append(_Name(eid, kind, surface.replace(".", "").isupper() and len(surface) <= 6))

    for e in gazetteer.entries().values():
        for s in e.names_in("en"):
            add(s, e.id, "name")
        for s in e.metonyms.get("en", ()):
            add(s, e.id, "metonym")
    for surface, eid, kind in lexicon.extra_names():
        if gazetteer.get(eid) is not None:
            add(surface, eid, kind)
    return {k: tuple(v) for k, v in idx.items()}, _MAX_NAME


@gazetteer.per_gazetteer()
def _prefixes() -> frozenset[str]:
    """Every beginning of a name key: the matcher stops extending a span no name starts with."""
    return frozenset(k[:n] for k in _index()[0] for n in range(1, len(k) + 1))


def _family_token(name: str, country: str | None) -> str:
    parts = name.split()
    if country in _FAMILY_FIRST or (len(parts) > 1 and "-" in parts[1]):
        return parts[0]
    return parts[-1]


@gazetteer.per_gazetteer()
def _gazetteer_surnames() -> dict[str, str]:
    """A gazetteer person's family name alone ("Putin", "Lavrov") -> id, where no other person shares it."""
    seen: dict[str, list[str]] = {}
    for e in gazetteer.entries().values():
        if e.kind == "person" and e.names_in("en"):
            fam = e.surname.get("en") or _family_token(e.names_in("en")[0], e.country)
            if len(fam) >= 4:
                seen.setdefault(fam, []).append(e.id)
    return {k: v[0] for k, v in seen.items() if len(v) == 1}


@cache
def _title_firsts() -> frozenset[str]:
    return frozenset(t[0] for t in lexicon.titles())


@cache
def _demonyms_by_first() -> dict[str, tuple[tuple[tuple[str, ...], str | None], ...]]:
    """First word -> the demonyms starting with it, longest first ("North Korean" before "North")."""
    out: dict[str, list] = {}
    for words, sid in lexicon.demonyms().items():
        out.setdefault(words[0], []).append((words, sid))
    return {k: tuple(sorted(v, key=lambda kv: -len(kv[0]))) for k, v in out.items()}


def _cap(t: Token) -> bool:
    c = t.form[0]
    return c.isupper() or c.isdigit()


class ActorReader:
    def __init__(self, doc: Document):
        self.doc = doc
        self.actors: dict[str, Actor] = {}
        self.units: list[list[Unit]] = []
        self.people: list[tuple[str, set[str]]] = []   # (person id, short forms), in order of first mention
        self.last_person: str | None = None
        self.index, self.longest = _index()
        self.prefixes = _prefixes()
        self.gaz = gazetteer.entries()            # looked up once: every call reads the user-file setting
        self.surnames = _gazetteer_surnames()

    # ---- the actor table ----------------------------------------------------------------------
    def add(self, actor: Actor, sent: Sentence, i: int, j: int) -> Actor:
        have = self.actors.get(actor.id)
        if have is None:
            have = self.actors[actor.id] = actor
        else:
            have.role = have.role or actor.role
            have.affiliation = have.affiliation or actor.affiliation
            have.country = have.country or actor.country
        toks = sent.tokens
        start, end = toks[i].start, toks[j - 1].end
        text = self.doc.text[start:end]
        if not any(m.start == start and m.end == end for m in have.mentions):
            have.mentions.append(Mention(start, end, text))
        if text not in have.names:
            have.names.append(text)
        return have

    def _entry_actor(self, eid: str) -> Actor:
        e = self.gaz.get(eid)
        assert e is not None
        role = e.role_on(self.doc.published) if e.roles else None
        return Actor(id=e.id, name=e.name, kind=e.kind, country=e.country if e.kind != "state" else e.id,
                     role=role.get("role") if role else None,
                     affiliation=(role.get("country") if role else None) if e.kind == "person" else None,
                     wikidata=e.wikidata)

    def _register_person(self, actor: Actor) -> None:
        short = {_family_token(actor.name, actor.country)}
        self.people = [(pid, s) for pid, s in self.people if pid != actor.id]
        self.people.append((actor.id, short))
        self.last_person = actor.id

    def person_by_short(self, form: str) -> str | None:
        for pid, short in reversed(self.people):
            if form in short:
                return pid
        return self.surnames.get(form)

    def person_by_role(self, head: str) -> str | None:
        for pid, _ in reversed(self.people):
            role = self.actors[pid].role or ""
            if role.split()[-1:] == [head]:
                return pid
        return None

    # ---- one sentence -------------------------------------------------------------------------
    def _known(self, toks: list[Token], i: int) -> tuple[int, _Name] | None:
        """The longest gazetteer name starting at token i."""
        if not _cap(toks[i]) and toks[i].form.lower() != "the":
            return None
        key = ""
        best = None
        for j in range(i, min(len(toks), i + self.longest)):
            t = toks[j]
            if j > i and not _cap(t) and t.form.lower() not in _CONNECTORS:
                break
            if t.tag == "PUNCT" and t.form not in ("&",):
                break
            key += name_key(t.form)
            if key not in self.prefixes:
                break
            names = self.index.get(key)
            if names:
                surface = self.doc.text[toks[i].start:t.end]
                ok = [n for n in names if not n.exact or surface.replace(".", "") == surface.replace(".", "").upper()]
                ok = [n for n in ok if n.kind != "short" or n.id in self.actors]
                if ok:
                    best = (j + 1, ok[0])
        if best and toks[i].form.lower() == "the" and best[0] == i + 1:
            return None
        return best

    def _demonym(self, toks: list[Token], i: int) -> tuple[int, str] | None:
        for words, sid in _demonyms_by_first().get(toks[i].form, ()):
            n = len(words)
            if tuple(t.form for t in toks[i:i + n]) == words:
                if sid is None:
                    return i + n, ""
                nxt = toks[i + n] if i + n < len(toks) else None
                if nxt is not None and nxt.tag in ("NOUN", "PROPN", "ADJ"):
                    return i + n, sid
        return None

    def _title(self, toks: list[Token], i: int) -> tuple[int, str, str] | None:
        """The longest title starting at token i: (end, role, class). Rank words before a title stay in the
        role ("Deputy Defense Minister" -> deputy defense minister); a rank word alone is no title."""
        if toks[i].form.lower() not in _title_firsts():
            return None
        table = lexicon.titles()
        prefix: list[str] = []
        while i < len(toks) and table.get((toks[i].form.lower(),), ("", ""))[1] == "modifier":
            longer = self._title_here(toks, i, table)
            if longer and longer[2] != "modifier":
                break
            prefix.append(toks[i].form.lower())
            i += 1
        best = self._title_here(toks, i, table)
        if best is None or best[2] == "modifier":
            return None
        return best[0], " ".join([*prefix, best[1]]), best[2]

    @staticmethod
    def _title_here(toks: list[Token], i: int, table) -> tuple[int, str, str] | None:
        if i >= len(toks) or toks[i].form.lower() not in _title_firsts():
            return None
        best = None
        words: tuple[str, ...] = ()
        for j in range(i, min(len(toks), i + 5)):
            words = (*words, toks[j].form.lower())
            hit = table.get(words)
            if hit:
                best = (j + 1, *hit)
        return best

    def _name_run(self, toks: list[Token], i: int, taken: set[int]) -> int:
        """End of a run of capitalised name words from token i (0-length when none)."""
        j = i
        while j < len(toks) and j - i < 4:
            t = toks[j]
            if j in taken or t.tag != "PROPN" or not t.form[0].isupper() or (j == i and t.form in _NON_NAME) \
                    or t.form.endswith(".") or self._title(toks, j) or t.form.lower() in lexicon.dates()["months"] \
                    or t.form.lower() in lexicon.dates()["weekdays"]:
                break
            j += 1
        return j

    def _org_run(self, toks: list[Token], i: int) -> int:
        """An unknown organisation's name from token i ("the Asan Institute for Policy Studies")."""
        j = i
        head = False
        while j < len(toks) and (toks[j].form[0].isupper() or (
                j > i and toks[j].form in ("for", "of", "on", "and") and j + 1 < len(toks)
                and toks[j + 1].form[0].isupper())):
            head = head or toks[j].form in _ORG_HEADS
            j += 1
        return j if head and j - i >= 2 else i

    def _unknown_org(self, sent: Sentence, i: int, country: str | None) -> Unit | None:
        toks = sent.tokens
        j = self._org_run(toks, i)
        if j == i:
            return None
        name = self.doc.text[toks[i].start:toks[j - 1].end]
        actor = self.add(Actor(id=f"org:{_slug(name)}", name=name, kind="organization", country=country),
                         sent, i, j)
        return Unit(i, j, actor.id, "organization")

    def _apposition(self, sent: Sentence, k: int, taken: set[int]) -> tuple[int, str, str | None, str | None] | None:
        """", a senior fellow at the Asan Institute," after a name ending at token k:
        (end token, role, affiliation id, country)."""
        toks = sent.tokens
        if k >= len(toks) or toks[k].form != ",":
            return None
        end = next((x for x in range(k + 1, len(toks)) if toks[x].form in (",", ".", ";", "--", "—")), len(toks))
        if end - k > 16:
            return None
        role = affiliation = country = None
        x = k + 1
        while x < end:
            t = self._title(toks, x)
            if t and role is None:
                role = t[1]
                x = t[0]
                continue
            hit = self._known(toks, x) if x not in taken else None
            if hit:
                e = self.gaz.get(hit[1].id)
                if e is not None:
                    if e.kind == "state":
                        country = country or e.id
                    else:
                        affiliation = affiliation or e.id
                        country = country or e.country
                self._mark(sent, x, hit[0], hit[1].id, taken)
                x = hit[0]
                continue
            dem = self._demonym(toks, x)
            if dem and dem[1]:
                country = country or dem[1]
                x = dem[0]
                continue
            if toks[x].form[0].isupper() and role is not None:
                org = self._unknown_org(sent, x, country)
                if org is not None:
                    self.units[-1].append(org)
                    taken.update(range(org.i, org.j))
                    affiliation = affiliation or org.actor
                    x = org.j
                    continue
            x += 1
        if role is None:
            return None
        return end, role, affiliation, country

    def _mark(self, sent: Sentence, i: int, j: int, eid: str, taken: set[int]) -> Unit:
        actor = self.add(self._entry_actor(eid), sent, i, j)
        unit = Unit(i, j, actor.id, actor.kind)
        self.units[-1].append(unit)
        taken.update(range(i, j))
        if actor.kind == "person":
            self._register_person(actor)
        return unit

    def _person(self, sent: Sentence, i: int, j: int, role: str | None, country: str | None,
                affiliation: str | None, title_start: int | None, taken: set[int]) -> Unit:
        toks = sent.tokens
        name = self.doc.text[toks[i].start:toks[j - 1].end]
        known = [n for n in self.index.get(name_key(name), ()) if self.gaz.get(n.id).kind == "person"]
        start = title_start if title_start is not None else i
        if known:
            actor = self.add(self._entry_actor(known[0].id), sent, start, j)
        else:
            short = self.person_by_short(name) if " " not in name else None
            if short is not None:
                actor = self.add(self.actors.get(short) or self._entry_actor(short), sent, start, j)
            else:
                actor = self.add(Actor(id=f"person:{_slug(name)}", name=name, kind="person", country=country,
                                       role=role, affiliation=affiliation), sent, start, j)
        if actor.role is None and role:
            actor.role = role
        if actor.country is None and country:
            actor.country = country
        self._register_person(actor)
        unit = Unit(start, j, actor.id, "person", via_title=title_start is not None)
        self.units[-1].append(unit)
        taken.update(range(start, j))
        return unit

    def read_sentence(self, sent: Sentence) -> None:
        toks = sent.tokens
        self.units.append([])
        taken: set[int] = set()
        i = 0
        np_country: str | None = None       # the state named just before, in the same noun phrase
        np_org: str | None = None
        while i < len(toks):
            t = toks[i]
            hit = self._known(toks, i)
            dem = None if hit else self._demonym(toks, i)
            if hit:
                e = self.gaz.get(hit[1].id)
                j = hit[0]
                if e.kind == "person":
                    app = self._apposition(sent, j, taken)
                    unit = self._mark(sent, i, j, e.id, taken)
                    if app:
                        unit.apposition_end = app[0]
                    i = j
                    continue
                self._mark(sent, i, j, e.id, taken)
                np_country = e.id if e.kind == "state" else e.country
                np_org = e.id if e.kind != "state" else None
                i = j + (1 if j < len(toks) and toks[j].form in ("'s", "’s") else 0)
                continue
            if dem:
                if dem[1]:
                    self._mark(sent, i, dem[0], dem[1], taken)
                    np_country, np_org = dem[1], None
                i = dem[0]
                continue
            title = self._title(toks, i)
            if title and (t.form[0].isupper() or (i > 0 and toks[i - 1].tag in ("DET", "ADJ", "PROPN", "PART"))
                          or np_country):
                k = self._name_run(toks, title[0], taken)
                if k > title[0] and (title[2] != "press"):
                    app = self._apposition(sent, k, taken)
                    unit = self._person(sent, title[0], k, title[1], np_country, np_org, i, taken)
                    if app:
                        unit.apposition_end = app[0]
                        actor = self.actors[unit.actor]
                        actor.affiliation = actor.affiliation or app[2]
                        actor.country = actor.country or app[3]
                    i = k
                    np_country = np_org = None
                    continue
                if k == title[0] and i > 0 and toks[i - 1].form.lower() == "the" and not np_country:
                    pid = self.person_by_role(title[1].split()[-1])
                    if pid is not None:     # "the minister" -> the last person holding that role
                        self.add(self.actors[pid], sent, i - 1, title[0])
                        self.units[-1].append(Unit(i - 1, title[0], pid, "person"))
                        taken.update(range(i - 1, title[0]))
                        i = title[0]
                        continue
            if t.form[0].isupper() and i not in taken and (t.tag == "PROPN" or self.person_by_short(t.form)):
                honor = t.form in _HONORIFICS
                s = i + 1 if honor else i
                k = self._name_run(toks, s, taken)
                if k == s and s < len(toks) and self.person_by_short(toks[s].form):
                    k = s + 1          # a known surname opening a sentence, tagged as a common noun
                app = self._apposition(sent, k, taken) if k > s else None
                if k - s == 1:
                    pid = self.person_by_short(toks[s].form)
                    if pid is not None:
                        actor = self.actors.get(pid) or self._entry_actor(pid)
                        actor = self.add(actor, sent, i, k)
                        self._register_person(actor)
                        unit = Unit(i, k, pid, "person")
                        if app:
                            unit.apposition_end = app[0]
                        self.units[-1].append(unit)
                        taken.update(range(i, k))
                        i = k
                        continue
                if k - s >= 2 and app:
                    unit = self._person(sent, s, k, app[1], app[3], app[2], i if honor else None, taken)
                    unit.apposition_end = app[0]
                    i = k
                    continue
                if k - s >= 2 and self._speaks(toks, s, k) and not self._org_run(toks, s) > s:
                    self._person(sent, s, k, None, np_country, None, i if honor else None, taken)
                    i = k
                    continue
                org = self._unknown_org(sent, s, np_country)
                if org is not None:
                    self.units[-1].append(org)
                    taken.update(range(org.i, org.j))
                    i = org.j
                    continue
            if t.tag not in ("PART",) and t.form not in ("'s", "’s"):
                np_country = np_country if t.tag in ("ADJ",) else None
                np_org = None
            i += 1
        self.units[-1].sort(key=lambda u: u.i)

    @staticmethod
    def _speaks(toks: list[Token], i: int, k: int) -> bool:
        """A bare full name counts as a person where it says something: "Jane Roe said" / "said Jane Roe"."""
        speech = lexicon.speech()
        after = toks[k] if k < len(toks) else None
        before = toks[i - 1] if i > 0 else None
        return (after is not None and after.lemma in speech) or (before is not None and before.lemma in speech)

    def run(self) -> list[Actor]:
        for sent in self.doc.sentences:
            self.read_sentence(sent)
        for a in self.actors.values():
            a.mentions.sort(key=lambda m: m.start)
        return list(self.actors.values())
