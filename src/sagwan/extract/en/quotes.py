"""English quotes: direct (“…,” Kim said. / Kim said: “…” / continued paragraphs) and indirect
(X said (that) …, X told reporters …, according to X, …, X said.), with `via` for the outlet that
carried them (", KCNA reported", "told Yonhap")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sagwan.extract.en import lexicon
from sagwan.extract.en.actors import ActorReader, Unit
from sagwan.model import Document, Quote, Sentence, Token

_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_OUTLET_TYPES = frozenset({"news_agency", "outlet"})
_PRONOUNS = frozenset({"he", "she"})
# ", KCNA reported (on Saturday)" closing a reported clause
_TAIL = re.compile(r",\s*(?:the\s+)?[A-Z][\w.' -]{1,60}\s+(?:reported|said|added)(?:\s+(?:on\s+)?[A-Za-z]+)?\s*$")
_MIN_DIRECT_WORDS = 4          # shorter quoted words are scare quotes or titles, unless attributed


@dataclass
class Said:
    """A quote plus what the event coder needs: the span of the words and how sure the speaker is."""

    quote: Quote
    content_start: int
    content_end: int
    stance: str


def _is_outlet(actor_id: str | None, entries) -> bool:
    e = entries.get(actor_id) if actor_id else None
    return e is not None and e.type in _OUTLET_TYPES


class QuoteReader:
    def __init__(self, doc: Document, actors: ActorReader):
        self.doc = doc
        self.actors = actors
        self.said: list[Said] = []
        self._last_direct: tuple[int, str | None, str | None] | None = None   # paragraph, speaker, text
        self._last_anonymous: str | None = None

    # ---- speakers ---------------------------------------------------------------------------
    def _unit_before(self, units: list[Unit], k: int, toks: list[Token] | None = None) -> Unit | None:
        """The actor whose span (or apposition) ends right before token k, or whose office does
        ("Seoul's foreign ministry said": the state speaks through it)."""
        for u in reversed(units):
            if u.j == k or (u.apposition_end is not None and u.apposition_end in (k, k - 1)):
                return u
            if toks is not None and u.j < k <= u.j + 4 and toks[u.j].form in ("'s", "’s") and \
                    all(t.tag in ("NOUN", "ADJ") and t.form.islower() for t in toks[u.j + 1:k]) and k > u.j + 1:
                return u
            if u.j < k - 12:
                break
        return None

    def _unit_after(self, units: list[Unit], k: int) -> Unit | None:
        return next((u for u in units if u.i == k), None)

    def _pronoun(self, sent: Sentence, k: int) -> str | None:
        """he/she in speech: the last person named before."""
        pos = sent.tokens[k].start
        best = None
        for a in self.actors.actors.values():
            if a.kind != "person":
                continue
            for m in a.mentions:
                if m.start < pos and (best is None or m.start > best[0]):
                    best = (m.start, a.id)
        return best[1] if best else None

    def _the_noun(self, toks: list[Token], k: int) -> str | None:
        """"the ministry said": the last organisation named before whose name ends in that word."""
        word = toks[k].form.lower()
        pos = toks[k].start
        best = None
        for a in self.actors.actors.values():
            if a.kind == "organization" and a.name.lower().split()[-1:] == [word]:
                first = min(m.start for m in a.mentions)
                if first < pos and (best is None or first > best[0]):
                    best = (first, a.id)
        return best[1] if best else None

    def _speaker_at(self, sent: Sentence, units: list[Unit], verb: int, after_ok: bool = True
                    ) -> tuple[str | None, int, int] | None:
        """(speaker id, first token, end token) of the speaker before (or right after) the speech verb."""
        toks = sent.tokens
        u = self._unit_before(units, verb, toks)
        if u is not None:
            return u.actor, u.i, max(u.j, verb if toks[u.j:verb] and toks[u.j].form in ("'s", "’s") else u.j)
        if verb > 0 and toks[verb - 1].form.lower() in _PRONOUNS:
            return self._pronoun(sent, verb - 1), verb - 1, verb
        if verb > 1 and toks[verb - 2].form.lower() == "the" and toks[verb - 1].tag == "NOUN":
            sid = self._the_noun(toks, verb - 1)
            if sid is not None:
                return sid, verb - 2, verb
        anon = self._anonymous(toks, units, verb)
        if anon is not None:
            return anon
        if after_ok:
            u = self._unit_after(units, verb + 1)
            if u is not None:
                return u.actor, u.i, u.j
        return None

    def _anonymous(self, toks: list[Token], units: list[Unit], verb: int) -> tuple[str, int, int] | None:
        """"a senior State Department official said", "a Russian diplomat told": an unnamed speaker speaks
        for the organisation or state named in the phrase; "the official said" goes back to the last one."""
        heads = lexicon.title_heads()
        x = verb - 1
        while x >= 0 and toks[x].form.startswith(","):
            x -= 1
        # "…, speaking on condition of anonymity, said": the participle phrase between commas is skipped
        if x >= 0 and toks[x].form == ",":
            x -= 1
        if verb > 0 and toks[verb - 1].form == ",":
            back = next((y for y in range(verb - 2, max(-1, verb - 10), -1) if toks[y].form == ","), None)
            if back is not None:
                x = back - 1
        if x < 0 or toks[x].form.lower().rstrip("s") not in heads:
            return None
        start = x
        while start > 0 and (toks[start - 1].tag in ("ADJ", "DET", "NOUN", "PROPN")
                             or any(u.i <= start - 1 < u.j for u in units)):
            start -= 1
        named = [u for u in units if start <= u.i and u.j <= x]
        if named:
            self._last_anonymous = named[-1].actor
            return named[-1].actor, start, x + 1
        if toks[start].form.lower() == "the" and self._last_anonymous is not None:
            return self._last_anonymous, start, x + 1
        return None

    def _via(self, sent: Sentence, units: list[Unit], lo: int, speaker: str | None) -> str | None:
        """", KCNA reported" / "told Yonhap" / "according to Yonhap" after the speech."""
        toks = sent.tokens
        for u in units:
            if u.i < lo or u.actor == speaker or not _is_outlet(u.actor, self.actors.gaz):
                continue
            before = toks[u.i - 1].lemma if u.i > 0 else None
            after = toks[u.j].lemma if u.j < len(toks) else None
            if before in ("tell", "to", "with") or after in lexicon.speech():
                return u.actor
        return None

    def _date(self, sent: Sentence, lo: int, hi: int) -> str | None:
        """When it was said: a date in the sentence outside the words said."""
        for d in self.doc.dates:
            if sent.start <= d.start < sent.end and not (lo <= d.start < hi):
                return d.value
        return None

    def _add(self, speaker, speaker_text, start, end, kind, cue, sent, via=None, stance="assert") -> None:
        if speaker is not None and _is_outlet(speaker, self.actors.gaz) and via is None and kind == "indirect":
            pass
        text = self.doc.text[start:end]
        q = Quote(id=f"q{len(self.said) + 1}", speaker=speaker, speaker_text=speaker_text, text=text,
                  start=start, end=end, kind=kind, cue=cue, date=self._date(sent, start, end), via=via)
        self.said.append(Said(q, start, end, stance))

    # ---- direct quotes ------------------------------------------------------------------------
    def _direct(self, sent: Sentence, units: list[Unit]) -> list[tuple[int, int]]:
        toks = sent.tokens
        text = self.doc.text
        spans = []
        for m in _QUOTE.finditer(text, sent.start, sent.end):
            g = 1 if m.group(1) is not None else 2
            cs, ce = m.start(g), m.end(g)
            while ce > cs and text[ce - 1] in ", ":
                ce -= 1                      # the comma before the closing mark belongs to the frame
            inner = text[cs:ce].strip(" ,")
            after = next((k for k, t in enumerate(toks) if t.start >= m.end()), len(toks))
            before = max((k for k, t in enumerate(toks) if t.end <= m.start()), default=-1)
            speech = lexicon.speech()
            found = None
            # “…,” Kim said. / “…,” said Kim. / “…,” he told reporters.
            for k in range(after, min(len(toks), after + 12)):
                if toks[k].lemma in speech and toks[k].tag == "VERB":
                    found = (k, self._speaker_at(sent, units, k))
                    break
                if toks[k].form in ("“", '"'):
                    break
            # Kim said: “…” / Kim said, “…”
            if (found is None or found[1] is None) and before >= 0 and toks[before].form in (":", ","):
                for k in range(before - 1, max(-1, before - 4), -1):
                    if toks[k].lemma in speech and toks[k].tag == "VERB":
                        found = (k, self._speaker_at(sent, units, k, after_ok=False))
                        break
            if found is not None and found[1] is not None:
                verb, (sid, si, sj) = found
                via = self._via(sent, units, sj, sid)
                self._add(sid, text[toks[si].start:toks[sj - 1].end], cs, ce, "direct", toks[verb].form, sent,
                          via=via)
                self._last_direct = (sent.paragraph, sid, text[toks[si].start:toks[sj - 1].end])
                spans.append((m.start(), m.end()))
            elif self._continues(sent, m.start()) and len(inner.split()) >= _MIN_DIRECT_WORDS:
                _, sid, stext = self._last_direct
                self._add(sid, stext, cs, ce, "direct", None, sent)
                spans.append((m.start(), m.end()))
        return spans

    def _continues(self, sent: Sentence, quote_start: int) -> bool:
        """A paragraph that opens with a quotation right after one whose speaker is known goes on with it."""
        last = self._last_direct
        if last is None or last[1] is None or sent.paragraph - last[0] > 1:
            return False
        para_start = self.doc.text.rfind("\n", 0, sent.start) + 1
        return quote_start in (para_start, sent.start)

    # ---- indirect speech ----------------------------------------------------------------------
    def _indirect(self, sent: Sentence, units: list[Unit], direct: list[tuple[int, int]]) -> None:
        toks = sent.tokens
        text = self.doc.text
        speech = lexicon.speech()

        def inside(pos: int) -> bool:
            return any(a <= pos < b for a, b in direct)

        end_tok = len(toks) - 1 if toks and toks[-1].tag == "PUNCT" else len(toks)
        # according to X, …
        for k in range(len(toks) - 2):
            if toks[k].form.lower() == "according" and toks[k + 1].form == "to" and not inside(toks[k].start):
                u = self._unit_after(units, k + 2) or (self._unit_after(units, k + 3)
                                                       if toks[k + 2].form.lower() == "the" else None)
                if u is None:
                    continue
                if k > 0:
                    lo, hi = toks[0].start, toks[k - 1].end if toks[k - 1].form != "," else toks[k - 2].end
                else:
                    stop = (u.apposition_end or u.j)
                    stop += 1 if stop < len(toks) and toks[stop].form == "," else 0
                    if stop >= end_tok:
                        continue
                    lo, hi = toks[stop].start, toks[end_tok - 1].end
                self._add(u.actor, text[toks[u.i].start:toks[u.j - 1].end], lo, hi, "indirect",
                          "according to", sent, stance="assert")
                return
        for k, t in enumerate(toks):
            if t.lemma not in speech or t.tag != "VERB" or inside(t.start):
                continue
            spk = self._speaker_at(sent, units, k, after_ok=False)
            # …, X said. (the clause first)
            if spk is not None and spk[1] > 1 and toks[spk[1] - 1].form.lower() == "the":
                spk = (spk[0], spk[1] - 1, spk[2])
            if spk is not None and k + 1 >= end_tok - 3 and spk[1] > 1 and toks[spk[1] - 1].form == ",":
                sid, si, sj = spk
                if toks[0].form in ("“", '"'):
                    return
                via = self._via(sent, units, k, sid)
                self._add(sid, text[toks[si].start:toks[sj - 1].end], toks[0].start, toks[spk[1] - 2].end,
                          "indirect", t.form, sent, via=via, stance=speech[t.lemma])
                return
            if spk is None:
                continue
            sid, si, sj = spk
            # X said (that) … / X told reporters (that) … / X said on Thursday that …
            c = k + 1
            if t.lemma == "tell":
                while c < end_tok and toks[c].form.lower() not in ("that",) and c - k <= 4 and \
                        (toks[c].tag in ("NOUN", "PROPN", "DET") or any(u.i <= c < u.j for u in units)):
                    c += 1
            skipped = c
            while c < end_tok and c - skipped < 6 and toks[c].form.lower() != "that" and \
                    (toks[c].tag in ("ADP", "PROPN", "NUM", "DET") and not any(u.i <= c < u.j for u in units)):
                c += 1
            if c < end_tok and toks[c].form.lower() == "that":
                c += 1
            else:
                c = skipped
            if c >= end_tok or toks[c].form in ("“", '"', ":", ",") or c < end_tok and toks[c].tag == "PUNCT":
                continue
            via = self._via(sent, units, c, sid) or (self._via(sent, units, k, sid) if t.lemma == "tell" else None)
            hi = toks[end_tok - 1].end
            tail = _TAIL.search(text, toks[c].start, hi)
            if tail:
                hi = tail.start()
            self._add(sid, text[toks[si].start:toks[sj - 1].end], toks[c].start, hi, "indirect", t.form, sent,
                      via=via, stance=speech[t.lemma])
            return

    def run(self) -> list[Said]:
        for n, sent in enumerate(self.doc.sentences):
            units = self.actors.units[n]
            direct = self._direct(sent, units)
            if not any(a <= sent.start < b for a, b in direct) or not direct:
                self._indirect(sent, units, direct)
        return self.said


def find_said(doc: Document, actors: ActorReader) -> list[Said]:
    return QuoteReader(doc, actors).run()
