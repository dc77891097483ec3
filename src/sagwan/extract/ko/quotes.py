"""Who said what: direct quotes (“…”라고 말했다), reported clauses (…다고 밝혔다, …라며), and
attribution phrases (X에 따르면 …, X가 … 말한 바에 의하면), each with its speaker, cue, date and the
outlet that carried it.

The speaker of a cue is the first actor marked as subject (은/는/이/가) after the last boundary that
closes an earlier clause ("X에 따르면", a clause ending in -고/-며 with its own verb); a passive cue
(생각된다, 평가된다) has no speaker of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from sagwan import gazetteer
from sagwan.extract.ko import lexicon
from sagwan.extract.ko.dates import date_for_span
from sagwan.model import Actor, Document, Quote, Sentence, TimeExpr, Token

_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}
_REPORTIVE = re.compile(r"(?:다|라|냐|자)(?:고|며|면서)$")      # …다고, …라며, …냐고, …다면서
_OPENING = re.compile(r"[“「『‘\"]")
_SENTENCE_END = re.compile(r"[다요까]\W*$")
_BY = lexicon.word_class("according_to_verb")                      # X에 따르면 / X에 의하면
_OUTLET_TYPES = {"news_agency", "outlet"}
_STANCE_NOUNS = lexicon.word_class("stance_noun")


@dataclass
class Said:
    """A quote plus what the event coder needs: the span of the words and how sure the speaker is."""

    quote: Quote
    content_start: int
    content_end: int
    stance: str            # assert | assess | expect | hearsay


@cache
def _cues() -> dict[str, str]:
    return {r["lemma"]: r["stance"] for r in lexicon.table("speech_cues.tsv")}


def _cue_at(toks: list[Token], k: int) -> tuple[int, str, bool] | None:
    """A speech verb at toks[k]: (index of its last stem morpheme, stance, passive?)."""
    t = toks[k]
    cues = _cues()
    if t.tag == "NNG" and t.form in cues and k + 1 < len(toks) and toks[k + 1].tag in ("XSV", "XSA"):
        return k + 1, cues[t.form], toks[k + 1].form in ("되", "당하")
    if t.tag.startswith("VV") and t.form in cues:
        return k, cues[t.form], False
    return None


class _Quotes:
    def __init__(self, doc: Document, actors: list[Actor]):
        self.doc = doc
        self.text = doc.text
        self.mentions = sorted(((m.start, m.end, a) for a in actors for m in a.mentions), key=lambda x: (x[0], x[1]))
        self.starts = [s for s, _, _ in self.mentions]
        # furthest end among the first i+1 mentions: lets actor_at stop looking back as soon as it can
        self.reach = list(accumulate((e for _, e, _ in self.mentions), max))
        self.out: list[Said] = []
        self.last_speaker: tuple[str | None, str | None, int] | None = None   # id, text, paragraph

    # ---- helpers ---------------------------------------------------------------------------
    def actor_at(self, pos: int) -> tuple[int, int, Actor] | None:
        """The first mention (by start) that covers `pos`."""
        found = None
        j = bisect_right(self.starts, pos) - 1
        while j >= 0 and self.reach[j] > pos:
            if pos < self.mentions[j][1]:
                found = self.mentions[j]
            j -= 1
        return found

    def _subject_at(self, toks: list[Token], k: int) -> tuple[int, int, Actor, int] | None:
        """The actor heading a noun phrase that starts at toks[k] and ends in a subject particle:
        (start, end, actor, index of the particle). In "북한 박서진 유엔 대표는" the person is the head;
        without a person, the last actor named."""
        if self.actor_at(toks[k].start) is None:
            return None
        n = k
        found: list[tuple[int, int, Actor]] = []
        while n < len(toks) and toks[n].tag in ("NNG", "NNB", "NNP", "XSN", "SL", "SH", "SN") and n - k <= 8:
            hit = self.actor_at(toks[n].start)
            if hit is not None and (not found or found[-1][2] is not hit[2] or found[-1][0] != hit[0]):
                found.append(hit)
            n += 1
        if not found or n >= len(toks) or toks[n].tag not in ("JX", "JKS") or \
                toks[n].form not in ("은", "는", "이", "가", "께서"):
            return None
        head = next((f for f in found if f[2].kind == "person"), found[-1])
        return head[0], head[1], head[2], n

    def _speaker_before(self, toks: list[Token], lo: int, hi: int, last: bool = False):
        """The first (or last) subject-marked actor in toks[lo:hi]."""
        best = None
        k = lo
        while k < hi:
            sub = self._subject_at(toks, k)
            if sub is not None and sub[3] < hi:
                if not last:
                    return sub
                best = sub
                k = sub[3]
            k += 1
        return best

    def _clause_start(self, toks: list[Token], k: int) -> int:
        """After a speaker's particle, skip the time and place adverbials of the saying itself
        ('10월 13일', '인터뷰에서', 'VOA에 대해') to where the reported words begin."""
        j = k
        while j < len(toks):
            t = toks[j]
            if t.tag in ("SN", "NNB") or (t.tag == "NNG" and t.form.endswith("요일")):
                j += 1
                continue
            # a chunk ending in 에서 / 에 대해 / 에게 / 과의 인터뷰에서 belongs to the saying
            m = j
            while m < len(toks) and toks[m].tag in ("NNG", "NNP", "SL", "SN", "NNB", "XSN", "JKG", "JKB", "VV",
                                                    "EC", "ETM") and m - j < 10:
                if toks[m].tag == "JKB" and toks[m].form in ("에서", "에게") or (
                        toks[m].form == "대하" and m > j):
                    break
                if toks[m].tag in ("VV", "EC", "ETM") and toks[m].form != "대하":
                    m = len(toks)
                    break
                m += 1
            adverbial_about = toks[m].form == "대하" and m + 1 < len(toks) and toks[m + 1].tag == "EC" \
                if m < len(toks) else False
            if m < len(toks) and (toks[m].form in ("에서", "에게") or adverbial_about):
                nxt = m + 1
                while nxt < len(toks) and toks[nxt].tag in ("EC", "JX", "SP") and toks[nxt].form in ("어", "여", "는",
                                                                                                       ",", "도"):
                    nxt += 1
                j = nxt
                continue
            break
        return toks[j].start if j < len(toks) else toks[-1].end

    def _add(self, speaker, speaker_text, text_start, text_end, kind, cue, sent, via=None, stance="assert",
             date_from: Sentence | None = None) -> None:
        while text_end > text_start and self.text[text_end - 1] in " ,.":
            text_end -= 1
        while text_start < text_end and self.text[text_start] in " ,":
            text_start += 1
        if text_end - text_start < 2:
            return
        for other in list(self.out):
            q = other.quote
            if q.start <= text_start and text_end <= q.end:
                return  # already inside a quote found by a stronger pattern
            if text_start <= q.start and q.end <= text_end and q.kind == kind:
                # '…할 것으로 기대하고 있다고 말했다': one saying; words reported inside it are part of it
                self.out.remove(other)
        date = self._date(sent, text_start, text_end)
        q = Quote(id=f"q{len(self.out) + 1}", speaker=speaker.id if speaker else None,
                  speaker_text=speaker_text, text=self.text[text_start:text_end], start=text_start, end=text_end,
                  kind=kind, cue=cue, date=date, via=via)
        self.out.append(Said(q, text_start, text_end, stance))
        self.last_speaker = (q.speaker, speaker_text, sent.paragraph)

    def _date(self, sent: Sentence, start: int, end: int) -> str | None:
        """When it was said: a date in the sentence outside the words said, else the one the previous
        sentence was about (a quote usually follows the report of the occasion)."""
        outside = [d for d in self.doc.dates if sent.start <= d.start < sent.end and not start <= d.start < end]
        if outside:
            return outside[0].value
        prev = [s for s in self.doc.sentences if s.end <= sent.start][-2:]
        days = [d for s in reversed(prev) for d in self.doc.dates
                if s.start <= d.start < s.end and len(d.value) == 10]
        if days:
            return days[0].value   # the occasion last named to the day
        if prev:
            d: TimeExpr | None = date_for_span(self.doc.dates, prev[-1].start, prev[-1].end)
            if d is not None:
                return d.value
        return None

    # ---- patterns --------------------------------------------------------------------------
    def _direct(self, sent: Sentence) -> None:
        text, toks = self.text, sent.tokens
        pos = sent.start
        while True:
            m = _OPENING.search(text[pos:sent.end])
            if not m:
                return
            open_at = pos + m.start()
            opener = m.group()
            close_at = text.find(_PAIRS[opener], open_at + 1, sent.end + 1)
            if close_at < 0:
                para_end = text.find("\n", open_at)
                close_at = para_end if para_end >= 0 else len(text)
            content = text[open_at + 1:close_at]
            pos = close_at + 1
            if opener == "‘" and (len(content) < 15 or not _SENTENCE_END.search(content)):
                continue  # single quotes around a word or two: emphasis, not speech
            if len(content.strip()) < 4:
                continue
            self._direct_one(sent, toks, open_at, close_at, content)

    def _direct_one(self, sent: Sentence, toks: list[Token], open_at: int, close_at: int, content: str) -> None:
        after = [i for i, t in enumerate(toks) if t.start > close_at]
        before_idx = [i for i, t in enumerate(toks) if t.end <= open_at]
        cue = None
        first = after[0] if after else None
        if first is not None and toks[first].tag == "VCP" and first + 1 < len(toks) and \
                toks[first + 1].form in ("라며", "라면서"):
            cue = (first + 1, (first + 1, "assert", False))   # '“…”이라며 촉구했다': saying while urging
        elif first is not None and (toks[first].tag in ("JKQ", "EC") or toks[first].form in (
                "고", "라고", "이라고", "며", "라며")) or first is not None and toks[first].tag == "VCP":
            for k in after[1:]:
                c = _cue_at(toks, k)
                if c:
                    cue = (k, c)
                    break
                if toks[k].tag in ("EF",):
                    break
        speaker = None
        if cue is not None:
            k_cue = cue[0]
            between = self._speaker_before(toks, after[0], k_cue)
            speaker = between or (self._speaker_before(toks, before_idx[0], before_idx[-1] + 1) if before_idx else None)
            if speaker is None and before_idx:
                # "X는 VOA에 대해 “…”고 말했다": a topic-marked actor anywhere before the quote
                speaker = self._speaker_before(toks, 0, before_idx[-1] + 1)
            s = speaker
            cue_text = self._cue_text(toks, k_cue, cue[1][0])
            anonymous = None if s else self._anonymous_speaker(toks, before_idx)
            self._add(s[2] if s else None, self.text[s[0]:s[1]] if s else anonymous, open_at + 1, close_at, "direct",
                      cue_text, sent, stance=cue[1][1])
            return
        # no cue: a quoted paragraph that continues the previous speaker, or quoted words used as a noun
        whole_paragraph = not self.text[self._para_start(open_at):open_at].strip()
        if self.last_speaker and (whole_paragraph or len(content) >= 10) and \
                sent.paragraph - self.last_speaker[2] <= 2:
            sid, stext, _ = self.last_speaker
            actor = next((a for _, _, a in self.mentions if a.id == sid), None)
            self._add(actor, stext, open_at + 1, close_at, "direct", None, sent)

    def _anonymous_speaker(self, toks: list[Token], before_idx: list[int]) -> str | None:
        """'한 고위 당국자는 “…”': a speaker the text does not name, as the text puts it."""
        for k in reversed(before_idx):
            t = toks[k]
            if t.tag in ("JX", "JKS") and t.form in ("은", "는", "이", "가") and k > 0 and toks[k - 1].tag in (
                    "NNG", "NNP", "NNB", "XSN"):
                j = k - 1
                while j > 0 and toks[j - 1].tag in ("NNG", "NNP", "XSN", "MM", "NNB"):
                    j -= 1
                return self.text[toks[j].start:toks[k - 1].end]
        return None

    def _para_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def _according_to(self, sent: Sentence) -> set[int]:
        """'X에 따르면 …' / 'X가 … 말한 바에 의하면 …': returns the token indexes consumed by it."""
        toks = sent.tokens
        used: set[int] = set()
        for k, t in enumerate(toks):
            if t.form not in _BY or t.tag != "VV" or k + 1 >= len(toks) or toks[k + 1].form not in ("면", "으면"):
                continue
            # the source phrase: back from 에 to the start of its noun phrase
            j = k - 1
            if j >= 0 and toks[j].form == "에":
                j -= 1
            src_end = toks[j].end if j >= 0 else t.start
            lo = j
            while lo > 0 and toks[lo - 1].tag in ("NNG", "NNP", "NNB", "SL", "SN", "JKG", "XSN", "SP") \
                    and toks[lo - 1].form != ",":
                lo -= 1
            cue_text = self.text[toks[k - 1].start if k and toks[k - 1].form == "에" else t.start:toks[k + 1].end]
            said_by = None
            # "X가 … 말한 바에 의하면": the speaker is the subject of the speech verb before 바
            if j >= 0 and toks[j].form == "바":
                sub = self._speaker_before(toks, 0, j, last=True)
                if sub:
                    said_by = sub
            if said_by is None:
                names = [self.actor_at(toks[i].start) for i in range(max(lo, 0), j + 1)]
                names = [n for n in names if n is not None]
                # an outlet's "10월 20일 보도에 따르면": the outlet; a person before an organisation wins
                said_by = next((n for n in names if n[2].kind == "person"), None) or (names[0] if names else None)
            body_start = toks[k + 1].end
            direct = [q for q in self.out if q.quote.kind == "direct" and q.quote.speaker and
                      body_start <= q.quote.start < sent.end]
            if direct:
                # "조선중앙통신에 따르면 김 위원장은 “…”고 강조했다": the outlet carried the speaker's words
                e = gazetteer.get(said_by[2].id) if said_by else None
                if said_by and said_by[2].kind == "organization" and (e is None or e.type in _OUTLET_TYPES):
                    for q in direct:
                        q.quote.via = said_by[2].id
                used.update(range(0, len(toks)))
                continue
            inner = self._reported(sent, start_idx=k + 2, via_actor=said_by)
            if inner:
                used.update(range(0, len(toks)))
                continue
            speaker_text = self.text[said_by[0]:said_by[1]] if said_by else self.text[toks[max(lo, 0)].start:src_end]
            self._add(said_by[2] if said_by else None, speaker_text, body_start, sent.end, "indirect",
                      cue_text, sent, stance="hearsay")
            used.update(range(0, len(toks)))
        return used

    def _reported(self, sent: Sentence, start_idx: int = 0, via_actor=None) -> bool:
        """'X는 … -다고 말했다', 'X는 … -라며 …', 'X는 … -ㄹ 것으로 내다봤다', 'X는 … -다는 입장을 밝혔다':
        the reported clauses and their speaker. Inside "X에 따르면 …" (via_actor), a closing "-다고 한다"
        only marks hearsay of X, not a new speaker."""
        toks = sent.tokens
        found = False
        lo = start_idx
        for k in range(start_idx, len(toks)):
            t = toks[k]
            ending = self._reporting_ending(toks, k)
            if ending is None:
                continue
            cue_from, content_end = ending
            cue = None
            if t.tag == "EC" and t.form.endswith(("며", "면서")):
                cue = (k, (k, "assert", False))
            else:
                for n in range(cue_from, min(cue_from + 7, len(toks))):
                    c = _cue_at(toks, n)
                    if c:
                        cue = (n, c)
                        break
                    if toks[n].tag in ("EF", "ETM", "SF"):
                        break
            if cue is None:
                continue
            n_cue, (last, stance, passive) = cue
            if passive or (via_actor is not None and stance == "hearsay"):
                continue
            topic_before = any(t.tag == "JX" and t.form in ("은", "는") for t in toks[lo:k])
            sub = None if topic_before else self._speaker_after(toks, k + 1, n_cue)
            anonymous = None
            if sub is None:
                anonymous = self._topic_without_actor(toks, lo, k)
                sub = None if anonymous else self._speaker_before(toks, start_idx, k)
            if sub is None and anonymous is None:
                continue
            if anonymous is not None:
                begin = self._clause_start(toks, anonymous[1] + 1)
            else:
                begin = self._clause_start(toks, sub[3] + 1) if sub[3] < k else toks[lo].start
            if begin >= content_end:
                continue
            via = None
            if via_actor is not None:
                e = gazetteer.get(via_actor[2].id)
                if via_actor[2].kind == "organization" and (e is None or e.type in _OUTLET_TYPES or e.type is None):
                    via = via_actor[2].id
            cue_text = self._cue_text(toks, n_cue, last) if n_cue != k else t.form
            speaker_text = self.text[sub[0]:sub[1]] if sub else anonymous[0]
            self._add(sub[2] if sub else None, speaker_text, begin, content_end, "indirect", cue_text, sent,
                      via=via, stance=stance)
            found = True
            lo = last + 1
        return found

    def _reporting_ending(self, toks: list[Token], k: int) -> tuple[int, int] | None:
        """Does a reported clause end at toks[k]? (index where its speech verb may start, end of the words)."""
        t = toks[k]
        prev = toks[k - 1] if k > 0 else None
        before = toks[k - 2] if k > 1 and prev is not None and prev.tag == "VCP" else prev
        if before is not None and before.tag == "SSC":
            return None   # '“…”이라며': the cue of a direct quote, found as such
        if t.tag == "EC" and _REPORTIVE.search(t.form):
            end = t.start + len(t.form) - (2 if t.form.endswith("면서") else 1)
            if prev is not None and prev.tag == "VCP" and t.form.startswith("라"):
                end = prev.start          # '…할 것이라고': the words end with 것
            return k + 1, min(end, t.end)
        # '…나설 것으로 내다봤다', '…입수할 것으로 보인다'
        if t.form == "것" and k + 1 < len(toks) and toks[k + 1].form == "으로" and prev is not None \
                and prev.tag == "ETM":
            return k + 2, t.end
        # '…하고 싶다는 입장을 밝혔다', '…반대한다는 뜻을 밝혔다'
        if t.tag == "ETM" and t.form.endswith(("다는", "라는")) and k + 2 < len(toks) and \
                toks[k + 1].form in _STANCE_NOUNS and toks[k + 2].tag == "JKO":
            return k + 3, t.start + len(t.form) - 1
        return None

    def _topic_without_actor(self, toks: list[Token], lo: int, hi: int) -> tuple[str, int] | None:
        """'전문가들은 북한이 … 발사할 것으로 전망했다': the one who speaks is a topic that names no actor
        (text, index of its particle); the actor marked 이/가 after it is inside the words said."""
        for k in range(lo, hi):
            t = toks[k]
            if t.tag == "JX" and t.form in ("은", "는") and k > lo:
                j = k - 1
                while j > lo and toks[j - 1].tag in ("NNG", "NNP", "XSN", "NNB", "MM"):
                    j -= 1
                if toks[j].tag not in ("NNG", "NNP", "XSN", "NNB") and toks[k - 1].tag != "XSN":
                    return None
                if any(self.actor_at(x.start) for x in toks[j:k]):
                    return None
                return self.text[toks[j].start:toks[k - 1].end], k
            if self.actor_at(t.start) is not None:
                return None
        return None

    def _speaker_after(self, toks: list[Token], lo: int, hi: int):
        """'…보냈다고 미국은 밝혔다', '…주고받았다고 조선중앙통신이 보도했다': the speaker named between the
        reported clause and its verb (the caller has checked that no topic comes before the clause)."""
        return self._speaker_before(toks, lo, hi)

    def _cue_text(self, toks: list[Token], first: int, last: int) -> str:
        """The speech verb as written, through its tense and ending ('말했다', '강조한')."""
        end = last
        while end + 1 < len(toks) and toks[end + 1].tag in ("EP", "EF", "ETM", "EC") and \
                toks[end + 1].start <= toks[end].end + 1:
            end += 1
            if toks[end].tag in ("EF", "ETM"):
                break
        return self.text[toks[first].start:toks[end].end]

    def run(self) -> list[Said]:
        for sent in self.doc.sentences:
            self._direct(sent)
            used = self._according_to(sent)
            if not used:
                self._reported(sent)
        self.out.sort(key=lambda s: s.quote.start)
        for i, s in enumerate(self.out, 1):
            s.quote.id = f"q{i}"
        return self.out


def find_said(doc: Document) -> list[Said]:
    """Quotes with the spans and stances the event coder uses for attribution and status."""
    return _Quotes(doc, doc.actors).run()


def find_quotes(doc: Document) -> list[Quote]:
    return [s.quote for s in find_said(doc)]
