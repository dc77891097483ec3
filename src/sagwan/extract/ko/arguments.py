"""Arguments of Korean predicates: every actor of a sentence with the case marker of its phrase,
the clauses of the sentence, and which predicate each subject belongs to.

The event coder (events.py) reads who acts on whom from these: the subject (이/가/은/는) acts;
에/에게/에 대해/로/을·를 mark the one acted on; 와/과 the other party; 의 the parties of a noun.
"""

from __future__ import annotations

from sagwan.extract.core.protocol import Argument
from sagwan.extract.ko import lexicon
from sagwan.model import Actor, Document, Sentence

# word classes of resources/ko/words.tsv (what each is for is noted there)
_SUBJ = lexicon.word_class("subject_particle")
_SUBORDINATE_EC = lexicon.word_class("subordinate_ending")
_CLAUSE_EC = lexicon.word_class("clause_ending")
_PREDICATE_TAGS = ("VV", "VA", "VX", "XSV", "XSA", "VCP", "EP")
TEMPORAL_NOUNS = lexicon.word_class("temporal_noun")
_POSTPOSITIONAL = lexicon.word_class("postpositional_verb")
_COMPLEMENT_NOUNS = lexicon.word_class("complement_noun")


# An actor with the marker of its phrase (sagwan.model.Marker), as the core's frames read it:
# coordinated actors ("북한 및 중국과", "워싱턴, 서울, 도쿄") share a group; `particle` is the case particle
# that closes the phrase; `relative` when its predicate closes a relative clause ('러시아 측이 제시한 원조').
Arg = Argument


class SentenceReader:
    """Arguments, clauses and markers of one sentence."""

    def __init__(self, doc: Document, sent: Sentence, actor_of, pairs: dict[int, tuple[Actor, ...]],
                 compound=lambda start: ()):
        self.compound = compound
        self.doc = doc
        self.sent = sent
        self.toks = sent.tokens
        self.text = doc.text
        self.args: list[Arg] = []
        self._read_args(actor_of)
        self._read_pairs(pairs)

    def _read_pairs(self, pairs: dict[int, tuple[Actor, ...]]) -> None:
        for k, t in enumerate(self.toks):
            if t.start in pairs:
                marker, n = self._marker_after(k + 1)
                group = 1000 + k
                for actor in pairs[t.start]:
                    self.args.append(Arg(actor, k, marker, group, particle=n))
        self.args.sort(key=lambda a: a.index)

    def boundary(self, k: int) -> bool:
        """Does a clause end at toks[k]?"""
        t = self.toks[k]
        if t.tag in ("EF", "SF", "JKQ"):
            return True
        if t.tag == "SSC":
            # a quotation closed by 고/라고 ends a clause; one followed by 를/는 is a noun phrase
            nxt = self.toks[k + 1] if k + 1 < len(self.toks) else None
            return nxt is None or nxt.tag in ("JKQ", "EC", "SF")
        if t.tag != "EC" or k == 0 or self.toks[k - 1].tag not in _PREDICATE_TAGS:
            return False
        if t.form in _CLAUSE_EC:
            return True
        nxt = self.toks[k + 1] if k + 1 < len(self.toks) else None
        if self.toks[k - 1].form in _POSTPOSITIONAL:
            return False   # '일본에 대해 경고했다': a case frame inside the clause
        return t.form in ("어", "아", "여", "어서", "아서") and nxt is not None and nxt.tag != "VX"

    def clause_start(self, i: int) -> int:
        k = i - 1
        while k >= 0 and not self.boundary(k):
            k -= 1
        return k + 1

    def clause_end(self, i: int) -> int:
        k = i + 1
        while k < len(self.toks) and not self.boundary(k):
            k += 1
        return min(k, len(self.toks) - 1)

    def _marker_after(self, j: int) -> tuple[str, int]:
        """The case marker closing the noun phrase that continues at toks[j]: (marker, index)."""
        toks = self.toks
        n = j
        while n < len(toks) and toks[n].tag in ("NNG", "NNB", "NNP", "XSN", "SL", "SH", "SN") and n - j < 6:
            if toks[n].tag == "NNP" and n > j:
                break
            n += 1
        if n >= len(toks):
            return "BARE", n
        t = toks[n]
        nxt = toks[n + 1] if n + 1 < len(toks) else None
        if t.tag in ("JKS", "JX") and t.form in _SUBJ:
            return "SUBJ", n
        if t.tag == "JKO":
            return ("PURPOSE", n) if nxt is not None and nxt.form == "위하" else ("OBJ", n)
        if t.tag == "JKG":
            return "OF", n
        if t.tag == "JKB":
            if nxt is not None and nxt.tag == "JKG" and t.form in ("에", "에게", "로", "으로", "에서"):
                return "MOD", n   # '북한에의 제재안': a modifier of the noun after it, not the one acted on
            if t.form in ("에", "에게", "한테", "께") and nxt is not None and nxt.form == "대하":
                return "ABOUT", n
            if t.form in ("에", "에게", "한테", "께") and nxt is not None and nxt.form in ("의하",):
                return "BY", n
            if t.form in ("에", "에게", "한테", "께"):
                return "TO", n
            if t.form in ("로", "으로"):
                return "TOWARD", n
            if t.form in ("로부터", "에게서", "으로부터"):
                return "FROM", n
            if t.form == "에서":
                return "AT", n
            if t.form in ("와", "과", "랑", "이랑", "하고"):
                return "WITH", n
        if t.tag == "JC" or (t.tag == "MAG" and t.form == "및") or (t.tag == "SP" and t.form in (",", "、", "·")):
            return "CONJ", n
        return "BARE", n

    def _read_args(self, actor_of) -> None:
        """Every actor of the sentence with the case marker of its phrase. Of several actors in one
        phrase ("북한 김정은 조선노동당 위원장은") the person is the head and the others modify it; the
        heads of phrases coordinated by 와/과, 및 or commas share a group and the marker that closes them."""
        toks = self.toks
        k = 0
        group = 0
        phrase: list[Arg] = []        # actors of the noun phrase being read
        heads: list[Arg] = []         # heads of the coordinated phrases read so far
        while k < len(toks):
            a, last = actor_of(toks, k)
            if a is None:
                k += 1
                continue
            marker, n = self._marker_after(last + 1)
            if toks[k].form.startswith("대") and len(toks[k].form) == 2 and toks[k].tag == "NNG":
                marker = "MOD"    # '대북 제재': toward North Korea, a modifier of the policy noun
            for other in self.compound(toks[k].start)[1:]:
                heads.append(Arg(other, k, "CONJ", group, particle=n))
            phrase.append(Arg(a, k, marker, group, particle=n))
            if marker == "BARE" and n == last + 1 and n < len(toks) and actor_of(toks, n)[0] is not None:
                k = n          # another actor follows in the same phrase
                continue
            head = next((x for x in phrase if x.actor.kind == "person"), phrase[-1])
            for x in phrase:
                if x is not head:
                    x.marker = "MOD"
                    self.args.append(x)
            phrase = []
            heads.append(head)
            if marker == "CONJ" and toks[n].tag == "JC" and (n + 1 >= len(toks) or actor_of(toks, n + 1)[0] is None):
                marker = "WITH"   # '북한과 판문점에서 회담': 과 before a place is 'with'
            if marker == "CONJ":
                k = n + 1
                continue
            for x in heads:
                x.marker, x.particle, x.group = marker, n, group
            self.args.extend(heads)
            heads = []
            group += 1
            k = max(n, last + 1)
        for x in heads + phrase:
            x.marker = "BARE"
            self.args.append(x)
        self.args.sort(key=lambda x: x.index)
        for arg in self.args:
            arg.pred, arg.relative = self._predicate_of(arg)
            topic = 0 <= arg.particle < len(self.toks) and self.toks[arg.particle].form in ("은", "는")
            arg.subordinate = not topic and self._subordinate(arg.pred)

    def _subordinate(self, pred: int) -> bool:
        toks = self.toks
        if pred < 0:
            return False
        for t in toks[pred + 1:pred + 6]:
            if t.tag == "EC":
                return t.form in _SUBORDINATE_EC
            if t.tag not in ("XSV", "XSA", "EP", "VX"):
                return False
        return False

    def _predicate_of(self, arg: Arg) -> tuple[int, bool]:
        """The first predicate after an argument, and whether it closes a relative clause whose head
        phrase is itself an argument ('러시아 측이 제시한 원조를', '북한이 전달한 적하는'). A topic (은/는)
        scopes over the sentence and is never held by a relative clause."""
        toks = self.toks
        topic = 0 <= arg.particle < len(toks) and toks[arg.particle].form in ("은", "는")
        for k in range(max(arg.particle, arg.index) + 1, len(toks)):
            if toks[k].form in _POSTPOSITIONAL and k > 0 and toks[k - 1].tag in ("JKB", "JKO"):
                continue   # '북한에 대한', '전쟁을 위해': a case frame, not a predicate
            if toks[k].tag in ("VV", "VA", "XSV", "XSA", "VCP") or toks[k].tag.startswith(("VV", "VA")):
                m = k
                while m + 1 < len(toks) and toks[m + 1].tag in ("XSV", "XSA", "EP", "VX"):
                    m += 1
                nxt = toks[m + 1] if m + 1 < len(toks) else None
                after = toks[m + 2] if m + 2 < len(toks) else None
                relative = not topic and nxt is not None and nxt.tag == "ETM" and not (
                    after is not None and after.form in TEMPORAL_NOUNS) and self._head_is_argument(m + 2)
                if relative and self.actor_head(m + 2):
                    continue   # '왕이 부장이 방중하는 북한 대표단을 접견': the delegation visits; 왕이 receives it
                # the predicate of a noun + 하다 starts at the noun
                start = k - 1 if toks[k].tag in ("XSV", "XSA") and k > 0 else k
                return start, relative
            if toks[k].tag in ("EF", "SF"):
                break
        return -1, False

    def actor_head(self, k: int) -> bool:
        """Is the noun a relative clause describes (the one at toks[k]) an actor?"""
        return k < len(self.toks) and any(a.index == k and a.marker in ("SUBJ", "OBJ") for a in self.args)

    def _head_is_argument(self, k: int) -> bool:
        """Does the noun phrase starting at toks[k] end in a subject, object or genitive particle?"""
        toks = self.toks
        n = k
        while n < len(toks) and n - k < 10:
            t = toks[n]
            if t.tag in ("NNG", "NNP", "NNB", "XSN", "SN", "SL", "XPN", "MM"):
                n += 1
            elif t.tag == "JKG" or (t.tag == "JKB" and n + 1 < len(toks) and toks[n + 1].tag == "JKG"):
                n += 1      # '북한에의 제재안의 가결을': a chain of genitives stays one phrase
            else:
                break
        if n < len(toks) and toks[n].tag in ("JKO", "JKS", "JX"):
            return True
        if n < len(toks) and toks[n].tag == "JKB" and n > k and toks[n - 1].form in _COMPLEMENT_NOUNS:
            return True   # '러시아가 기술을 이전할 가능성에 우려를 표명했다': the clause is what is feared
        # '…다친 데 대해', '…한 것에 대해': a clause made a noun, the complement of the predicate
        return n + 1 < len(toks) and toks[n].form == "에" and toks[n + 1].form == "대하" and \
            toks[n - 1].form in ("데", "것", "점")

    def arguments(self) -> list[Arg]:
        """Every actor of the sentence with its marker (the core's ClauseReader protocol)."""
        return self.args

    def args_between(self, lo: int, hi: int) -> list[Arg]:
        return [a for a in self.args if lo <= a.index < hi]
