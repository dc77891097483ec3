"""English events: predicates from resources/en/predicates.tsv, read over word order.

A verb's source is the actor before it in its clause (an oblique "in Moscow" is not a subject); its
target the actor after it, directly or after the frame's preposition ("sanctions on", "talks with");
the passive ("was attacked by X") swaps them. Event nouns take their source from a possessor or a
demonym before them ("Russia's invasion of Ukraine", "a Russian airstrike on Kyiv"), else from the
clause's subject ("Seoul imposed sanctions on …"). Status comes from the modal and frame words between
the source and the trigger, and from the stance of the speech the event is told in; attribution from
that speech.

The PLOVER policy (a promise of cooperation is AGREE, a refused accord is REJECT, a happening dated
after the report is planned, recipients) and the within-document merge are the core's
(`extract.core.policy`, `extract.core.merge`), shared with every language and with the store.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from sagwan.extract.core import policy
from sagwan.extract.core.merge import merge_reports
from sagwan.extract.en import lexicon
from sagwan.extract.en.actors import ActorReader, Unit
from sagwan.extract.en.quotes import Said
from sagwan.model import Document, Event, EventMention, Sentence, TimeExpr, Token

_BE = frozenset({"be"})
_CLAUSE_BREAK = frozenset({";", "--", "—", "“", "”", '"', "(", ")"})
_OBJECT_SKIP = frozenset({"DET", "ADJ", "NUM", "PART"})


# Words of a quantity between a preposition and its actor ("strikes on more than a dozen Syrian
# sites", "talks with dozens of Chinese firms"): the preposition still introduces that actor.
_QUANTITY = frozenset({"more", "than", "fewer", "less", "dozen", "dozens", "hundreds", "thousands",
                       "scores", "several", "some", "many", "nearly", "about", "around", "almost"})


def _quantifier(toks: list[Token], x: int) -> bool:
    word = toks[x].form.lower()
    if word in _QUANTITY:
        return True
    # "of" only inside a quantity ("dozens of"), never as a frame's own preposition
    return word == "of" and x > 0 and toks[x - 1].form.lower() in _QUANTITY


@dataclass
class _Trigger:
    k: int
    e: int
    pred: lexicon.Predicate
    passive: bool = False


@dataclass
class _Draft:
    type: str
    mode: str | None
    source: list[str]
    target: list[str]
    date: TimeExpr | None
    status: str
    attributed_to: str | None
    passive: bool
    mentions: list[EventMention] = field(default_factory=list)


class EventReader:
    def __init__(self, doc: Document, actors: ActorReader, said: list[Said]):
        self.doc = doc
        self.actors = actors
        self.said = said
        self.drafts: list[_Draft] = []
        self._owner: dict[int, _Trigger] = {}
        self._date_starts = [d.start for d in doc.dates]       # doc.dates are in text order
        self._sent_dates: list[TimeExpr] = []
        self._previous_date: TimeExpr | None = None

    def country(self, actor_id: str) -> str | None:
        a = self.actors.actors.get(actor_id)
        if a is None:
            return None
        return a.id if a.kind == "state" else a.country

    # ---- triggers -----------------------------------------------------------------------------
    def triggers(self, sent: Sentence, units: list[Unit]) -> list[_Trigger]:
        toks = sent.tokens
        inside = {x for u in units for x in range(u.i, u.j)}
        preds = lexicon.predicates()
        out: list[_Trigger] = []
        k = 0
        while k < len(toks):
            t = toks[k]
            cands = preds.get(t.lemma or "") if k not in inside else None
            hit = None
            for p in cands or ():
                n = len(p.lemmas)
                if tuple(x.lemma for x in toks[k:k + n]) != p.lemmas:
                    continue
                if p.pos == "VERB" and t.tag != "VERB":
                    continue
                if p.pos == "NOUN" and toks[k + n - 1].tag not in ("NOUN", "PROPN"):
                    continue
                hit = _Trigger(k, k + n, p, passive=p.pos == "VERB" and self._passive(toks, k))
                break
            if hit is not None and (self._asked_of_another(toks, units, k) or self._reduced_relative(toks, k)
                                    or self._speech_frame(toks, hit)):
                k = hit.e
                continue
            if hit is not None:
                out.append(hit)
                k = hit.e
            elif hit is not None:
                k = hit.e
            else:
                k += 1
        return self._one_per_object(toks, out)

    @staticmethod
    def _np_start(toks: list[Token], k: int) -> int:
        """Where the noun phrase ending in token k starts (determiners, adjectives, nouns, possessives)."""
        x = k
        while x > 0 and (toks[x - 1].tag in ("DET", "ADJ", "NUM", "NOUN", "PROPN") or
                         toks[x - 1].form in ("'s", "’s", "-") or toks[x - 1].lemma in ("its", "their", "his", "her")):
            x -= 1
        return x

    def _one_per_object(self, toks: list[Token], trigs: list[_Trigger]) -> list[_Trigger]:
        """A verb and the event noun in its object are one event: the noun after a light verb ("held talks",
        "imposed sanctions", "launched airstrikes"), the verb otherwise ("lifted sanctions": CONCEDE)."""
        drop: set[int] = set()
        light = lexicon.light_verbs()
        for v in trigs:
            if v.pred.pos != "VERB" or v.passive:
                continue
            for n in trigs:
                if n.pred.pos != "NOUN" or n.k < v.e or n.k - v.e > 5 or self._np_start(toks, n.k) > v.e:
                    continue
                drop.add(id(v) if v.pred.lemmas in light or toks[v.k].lemma in {x[0] for x in light} else id(n))
                break
        return [t for t in trigs if id(t) not in drop]

    @staticmethod
    def _reduced_relative(toks: list[Token], k: int) -> bool:
        """"The group, launched in 2023, …": a participle describing the noun before it, not a clause."""
        return k > 0 and toks[k - 1].form == "," and toks[k].form.endswith("ed") and \
            k + 1 < len(toks) and toks[k + 1].tag == "ADP"

    @staticmethod
    def _speech_frame(toks: list[Token], tr: _Trigger) -> bool:
        """"warned that …", "urged that …": the verb reports speech (a quote), not an act on someone."""
        return tr.pred.pos == "VERB" and tr.e < len(toks) and toks[tr.e].form.lower() == "that" and \
            (toks[tr.k].lemma or "") in lexicon.speech()

    @staticmethod
    def _asked_of_another(toks: list[Token], units: list[Unit], k: int) -> bool:
        """"urged Venezuela to free him": what one party asks of another is the request's content, not an
        act of the asker (the REQUEST is coded from "urged")."""
        if k < 2 or toks[k - 1].form.lower() != "to":
            return False
        u = next((u for u in units if u.j == k - 1), None)
        if u is None or u.i == 0:
            return False
        x = u.i - 1
        while x > 0 and toks[x].tag == "DET":
            x -= 1
        preds = lexicon.predicates().get(toks[x].lemma or "", ())
        return any(p.type == "REQUEST" for p in preds)

    @staticmethod
    def _passive(toks: list[Token], k: int) -> bool:
        """"was attacked", "were sanctioned", "has been detained": a form of be just before the verb."""
        x = k - 1
        while x >= 0 and toks[x].tag == "ADV":
            x -= 1
        return x >= 0 and toks[x].lemma in _BE and toks[k].form.lower().endswith(("ed", "en", "wn", "t", "d"))

    # ---- arguments ----------------------------------------------------------------------------
    def _left_bound(self, sent: Sentence, k: int) -> int:
        """Where the trigger's clause starts: after a clause break or a speech verb ("said (that)")."""
        toks = sent.tokens
        speech = lexicon.speech()
        for x in range(k - 1, -1, -1):
            if toks[x].form in _CLAUSE_BREAK:
                return x + 1
            if toks[x].lemma in speech and toks[x].tag == "VERB" and toks[x + 1].form != "to" and \
                    not (x > 0 and toks[x - 1].lemma in _BE):
                return x + 1           # "said (that) …", not "is expected to …"
            if toks[x].form.lower() in ("that", "which", "who", "while", "after", "before", "because", "as") \
                    and x < k - 1:
                return x + 1
        return 0

    def _right_bound(self, sent: Sentence, e: int) -> int:
        toks = sent.tokens
        for x in range(e, len(toks)):
            if toks[x].form in _CLAUSE_BREAK or toks[x].form.lower() in ("which", "while", "because") or \
                    (toks[x].form == "," and x + 1 < len(toks) and toks[x + 1].form.lower() in ("and", "but")):
                return x
        return len(toks)

    @staticmethod
    def _oblique(toks: list[Token], u: Unit) -> bool:
        """An actor after a preposition ("in Moscow", "with Russia") is not a subject."""
        x = u.i - 1
        while x >= 0 and toks[x].tag in ("DET", "ADJ"):
            x -= 1
        return x >= 0 and toks[x].tag == "ADP"

    @staticmethod
    def _heads(toks: list[Token], units: list[Unit]) -> list[Unit]:
        """One actor per noun phrase: "Russia's Foreign Minister Lavrov" and "North Korean leader Kim" are
        their last actor (units that touch, or touch across a possessive 's)."""
        out: list[Unit] = []
        for u in units:
            if out:
                prev = out[-1]
                gap = [t.form for t in toks[prev.j:u.i]]
                if prev.apposition_end is None and (not gap or gap in (["'s"], ["’s"])):
                    out[-1] = Unit(prev.i, u.j, u.actor, u.kind, u.via_title, u.apposition_end)
                    continue
            out.append(u)
        return out

    def _pronoun_subject(self, sent: Sentence, k: int, lo: int) -> list[Unit]:
        """"he would meet …" inside speech: the last person named before."""
        toks = sent.tokens
        x = k - 1
        while x >= lo and toks[x].tag in ("AUX", "ADV", "PART", "VERB") and toks[x].lemma not in lexicon.speech():
            x -= 1
        if x < lo or toks[x].form.lower() not in ("he", "she"):
            return []
        pos = toks[x].start
        best = None
        for a in self.actors.actors.values():
            if a.kind == "person":
                for m in a.mentions:
                    if m.start < pos and (best is None or m.start > best[0]):
                        best = (m.start, a.id)
        return [Unit(x, x + 1, best[1], "person")] if best else []

    def _subject(self, sent: Sentence, units: list[Unit], k: int, lo: int) -> list[Unit]:
        toks = sent.tokens
        units = self._heads(toks, units)
        cands = [u for u in units if lo <= u.i and u.j <= k and not self._oblique(toks, u)]
        # an apposition's actors describe the one before them: "Kim, North Korea's envoy to the U.N., said"
        cands = [u for u in cands if not any(o.apposition_end and o.j < u.i < o.apposition_end for o in units)]
        if not cands:
            return self._pronoun_subject(sent, k, lo)
        head = cands[-1]
        # "X condemned Y and urged Z": a verb between the nearest actor and the trigger makes that actor
        # its object; the trigger shares that verb's subject
        x = head.i
        while x > lo and toks[x - 1].tag in ("DET", "ADJ", "NUM"):
            x -= 1
        if x > lo and toks[x - 1].tag == "VERB" and any(t.form.lower() == "and" for t in toks[head.j:k]):
            return self._subject(sent, units, x - 1, lo)
        # "Russia's Lavrov", "North Korean leader Kim": the last actor of a noun phrase is its head
        group = [head]
        for u in reversed(cands[:-1]):
            between = [t.form.lower() for t in toks[u.j:group[0].i]]
            if between and all(w in ("and", ",", "&", "the") for w in between) and ("and" in between or
                                                                                   "," in between):
                group.insert(0, u)
            else:
                break
        return group

    def _possessor(self, sent: Sentence, units: list[Unit], k: int) -> list[Unit]:
        """A demonym or possessor right before an event noun: "Russia's invasion", "a Russian airstrike"."""
        toks = sent.tokens
        for u in reversed(units):
            if u.j > k:
                continue
            between = toks[u.j:k]
            if all(t.tag in ("ADJ", "PART", "NOUN") or t.form in ("'s", "’s", "-") for t in between) and \
                    len(between) <= 3 and not (u.i > 0 and toks[u.i - 1].tag == "ADP"):
                return [u]
            break
        return []

    def _noun_source(self, sent: Sentence, units: list[Unit], tr: _Trigger, lo: int) -> list[Unit]:
        """An event noun's source: its possessor or demonym; "talks between X and Y"; or, when the noun
        is a verb's object ("held talks", "resumed talks"), that verb's subject."""
        toks = sent.tokens
        own = self._possessor(sent, units, tr.k)
        if own:
            return own
        start = self._np_start(toks, tr.k)
        if any(t.lemma in ("its", "their", "his", "her") for t in toks[start:tr.k]):
            return []                     # "its launches": whose is not said here
        if tr.e < len(toks) and toks[tr.e].form.lower() == "between":
            return self._after(sent, units, tr.e, self._right_bound(sent, tr.e), ("between",), False)
        if start > lo and (toks[start - 1].tag == "VERB" or toks[start - 1].form.lower() == "for"):
            # "held talks", "resumed talks"; "arrived for talks with Y": the clause's subject takes part
            return self._subject(sent, units, start - 1, lo)
        return []

    def _after(self, sent: Sentence, units: list[Unit], e: int, hi: int, preps: tuple[str, ...],
               direct: bool) -> list[Unit]:
        """The target: after one of the frame's prepositions, or the direct object."""
        toks = sent.tokens
        units = self._heads(toks, units)
        x = e
        while x < hi:
            t = toks[x]
            u = next((u for u in units if u.i <= x < u.j), None)
            if u is not None and u.i < e:
                u = None
            if u is not None:
                prev = toks[x - 1] if x > e else None
                before = x - 1
                while before >= e and (toks[before].tag in ("DET", "ADJ", "NUM") or
                                       toks[before].lemma in ("its", "his", "her", "their", "our") or
                                       _quantifier(toks, before)):
                    before -= 1
                prep = toks[before].form.lower() if before >= e else None
                if (prep in preps) or (direct and (prep is None or prev is None)):
                    out = [u]
                    nxt = u.apposition_end or u.j
                    if nxt + 1 < hi and toks[nxt].form.lower() == "and":
                        v = next((v for v in units if v.i == nxt + 1), None)
                        if v is not None:
                            out.append(v)
                    return out
                if prep in ("in", "at", "on") and not preps:
                    return []
                x = u.j
                continue
            if t.tag in ("VERB",) and x > e:
                return []
            if direct and t.tag not in _OBJECT_SKIP and t.tag != "ADP" and t.form.lower() not in preps \
                    and t.lemma not in ("its", "his", "her", "their", "our"):
                direct = False      # "sent troops to X": the object is a thing, the target comes after "to"
            x += 1
        return []

    def _by(self, sent: Sentence, units: list[Unit], e: int, hi: int) -> list[Unit]:
        return self._after(sent, units, e, hi, ("by",), False)

    # ---- status, date, attribution ------------------------------------------------------------
    def _status(self, toks: list[Token], lo: int, k: int) -> str:
        """The cue that ends nearest the trigger among the words from the source to it ("will", "is
        expected to"); of cues ending together the longest ("no intention of" over "intention of")."""
        first = _cues_by_first()
        best: tuple[int, int, str] | None = None
        for x in range(max(0, lo), k):
            for word in {toks[x].lemma or toks[x].form.lower(), toks[x].form.lower()}:
                for cue, status in first.get(word, ()):
                    n = len(cue)
                    if x + n > k or (best is not None and (x + n, n) <= best[:2]):
                        continue
                    if all(c in (t.lemma, t.form.lower()) for c, t in zip(cue, toks[x:x + n], strict=True)):
                        best = (x + n, n, status)
        return best[2] if best else "occurred"

    def _said_at(self, pos: int) -> Said | None:
        inner = [s for s in self.said if s.content_start <= pos < s.content_end]
        return min(inner, key=lambda s: s.content_end - s.content_start) if inner else None

    def _date(self, sent: Sentence, tr: _Trigger, lo: int, hi: int, said: Said | None) -> TimeExpr | None:
        toks = sent.tokens
        a, b = toks[lo].start, toks[hi - 1].end if hi > lo else sent.end
        if said is not None:
            a, b = max(a, said.content_start), min(b, said.content_end)
        pos = toks[tr.k].start
        # a date belongs to the nearest trigger: "agreed to resume talks next month" dates the talks
        inside = [d for d in self._sent_dates if a <= d.start < b and self._owner.get(id(d), tr) is tr]
        if inside:
            return min(inside, key=lambda d: abs(d.start - pos))
        if self._previous_date is not None:
            return self._previous_date   # "met … on Thursday and agreed …": coordinated events share it
        if said is None:
            whole = [d for d in self._sent_dates if self._owner.get(id(d), tr) is tr
                     and not any(s.content_start <= d.start < s.content_end for s in self.said)]
            if whole:
                return min(whole, key=lambda d: abs(d.start - pos))
        if said is not None and said.quote.date:
            return TimeExpr(-1, -1, "", said.quote.date)
        return None

    # ---- one sentence -------------------------------------------------------------------------
    def code_sentence(self, sent: Sentence, units: list[Unit]) -> None:
        toks = sent.tokens
        trigs = self.triggers(sent, units)
        self._owner = {}
        self._previous_date = None
        lo_i = bisect_left(self._date_starts, sent.start)
        self._sent_dates = self.doc.dates[lo_i:bisect_left(self._date_starts, sent.end, lo_i)]
        for d in self._sent_dates:
            if trigs:
                # English dates follow their verb phrase ("met X on Thursday"): the last trigger before the
                # date owns it; a date that opens the sentence belongs to the first trigger
                before = [t for t in trigs if toks[t.k].start < d.start]
                self._owner[id(d)] = before[-1] if before else trigs[0]
        for tr in trigs:
            p = tr.pred
            lo = self._left_bound(sent, tr.k)
            hi = self._right_bound(sent, tr.e)
            direct = p.frame in ("act", "meet", "visit", "host", "give", "accuse", "receive") and p.pos == "VERB"
            if tr.passive:
                target = self._subject(sent, units, tr.k, lo)
                source = self._by(sent, units, tr.e, hi)
            else:
                if p.pos == "NOUN":
                    source = self._noun_source(sent, units, tr, lo)
                else:
                    source = self._subject(sent, units, tr.k, lo)
                target = self._after(sent, units, tr.e, hi, p.preps, direct)
                if p.frame == "receive":
                    giver = self._after(sent, units, tr.e, hi, ("from",), False)
                    source, target = giver, source
            src = list(dict.fromkeys(u.actor for u in source))
            tgt = [x for x in dict.fromkeys(u.actor for u in target) if x not in src]
            cs = {self.country(x) for x in src} - {None}
            tgt = [x for x in tgt if not (self.country(x) in cs and self.actors.actors[x].kind == "state")]
            if not src and not (tr.passive and tgt):
                continue
            if p.frame == "meet" and len(set(src) | set(tgt)) < 2:
                continue                 # a meeting or accord needs two parties: none with oneself
            said = self._said_at(toks[tr.k].start)
            subj_end = max((u.j for u in source), default=lo) if not tr.passive else lo
            if tr.k > 0 and toks[tr.k - 1].form.lower() == "of":
                subj_end = lo      # "accused X of supplying": the frame before the object says how sure
            status = self._status(toks, min(subj_end, tr.k), tr.k)
            status = policy.reported_status(status, said.stance if said else None)
            date = self._date(sent, tr, lo, hi, said)
            if date is None and p.pos == "NOUN" and tr.k > 0 and toks[tr.k - 1].form.lower() == "the":
                # "the talks" goes back to talks already reported: it takes their date (as a report's date)
                last = next((d for d in reversed(self.drafts) if d.type == p.type and d.date is not None), None)
                if last is not None:
                    date = TimeExpr(-1, -1, "", last.date.value, last.date.value_end)
            self._previous_date = date if date is not None and date.start >= 0 else self._previous_date
            etype, status = policy.coded_type(p.type, status, p.frame)
            if date is not None and date.start >= 0:
                status = policy.dated_status(status, date.value, self.doc.published)
            d = _Draft(etype, p.mode, src, tgt, date, status, said.quote.speaker if said else None, tr.passive)
            a, b = toks[tr.k].start, toks[tr.e - 1].end
            d.mentions.append(EventMention(a, b, self.doc.text[a:b], sent.start, sent.end))
            self.drafts.append(d)

    def run(self) -> list[Event]:
        for n, sent in enumerate(self.doc.sentences):
            self.code_sentence(sent, self.actors.units[n])
        return _merge(self.drafts, self.country)


# ---- to the record, through the core's merge rule ---------------------------------------------
def _merge(drafts: list[_Draft], country) -> list[Event]:
    """One event per happening (the core's rule, shared with Korean and the store), then the record."""
    events = [d for d in merge_reports(drafts, country) if policy.has_recipient(d.type, d.target, d.passive)]
    table = _score_table()
    return [Event(id=f"e{n}", type=d.type, mode=d.mode, source=d.source, target=d.target,
                  date=d.date.value if d.date else None, date_end=d.date.value_end if d.date else None,
                  location=None, status=d.status, attributed_to=d.attributed_to, mentions=d.mentions,
                  score=table.score(d.type, d.mode), quad=table.quad(d.type))
            for n, d in enumerate(events, 1)]


@cache
def _cues_by_first() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    out: dict[str, list] = {}
    for cue, status in lexicon.status_cues():
        out.setdefault(cue[0], []).append((cue, status))
    return {k: tuple(sorted(v, key=lambda c: -len(c[0]))) for k, v in out.items()}


@cache
def _score_table():
    from sagwan.scores import score_table

    return score_table()
