"""PLOVER events from Korean sentences: who did what to whom, when, how sure, according to whom.

For each predicate of the lexicon (resources/ko/predicates.tsv) the arguments are read from Korean
case marking in its clause: the subject (이/가/은/는) acts; 에/에게/에 대해/로/을·를 mark the one
acted on; 와/과 the other party of a meeting; 의 the parties of a nominal event ("X와 Y의 정상회담",
"X의 Y 방문"). Status comes from endings and frames after the predicate (resources/ko/status.tsv),
attribution and the sureness of the speaker from the quote the predicate stands in. Reports of one
happening in several sentences become one event with several mentions.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache

from sagwan.extract.core import policy
from sagwan.extract.core.frames import PASSIVE_AGENT, marked, with_markers
from sagwan.extract.core.merge import merge_reports
from sagwan.extract.ko import lexicon
from sagwan.extract.ko.arguments import TEMPORAL_NOUNS, Arg, SentenceReader
from sagwan.extract.ko.quotes import Said, find_said
from sagwan.model import Actor, Document, Event, EventMention, Sentence, TimeExpr, Token

# word classes of resources/ko/words.tsv (what each is for is noted there)
_LIGHT_VERBS = lexicon.word_class("light_verb")
_AGREEING = lexicon.word_class("agreeing")
_IMPROVE = lexicon.word_class("improving")
_SEND = lexicon.word_class("sending")
# types a message sent (a congratulation, a protest) says: the message is the event, not aid
_MESSAGES = {"SUPPORT", "ACCUSE", "THREATEN", "REQUEST", "CONCEDE"}
_CARRY_SENTENCES = 3          # how far back an undated event looks for the day its occasion was given
_PROPOSE = lexicon.word_class("proposing")
_HAVE = lexicon.word_class("having")
_EXPERIENCER = lexicon.word_class("undergoing")
_HEAD_NOUNS = lexicon.word_class("head_noun")
_HAPPEN = lexicon.word_class("happening")
_PASSIVE_VERBS = lexicon.word_class("passive_verb")
_NAME_BOUND_NOUNS = lexicon.word_class("name_bound_noun")
_INSTRUMENTAL = lexicon.word_class("instrumental_particle")
_COMITATIVE = lexicon.word_class("comitative_particle")
_DIRECTION = lexicon.word_class("direction_verb")
_NUMBER_WORDS = {w: n for n in (2, 3) for w in lexicon.word_class(f"number_{n}")}
_PARTY_NOUNS = lexicon.word_class("party_noun")
# words that stand for the parties of the last event with that many sides; 0: the last group of two or more
_PARTIES = {w: n for n, cls in ((2, "parties_2"), (3, "parties_3"), (0, "parties_any"))
            for w in lexicon.word_class(cls)}
_IN_RETURN = lexicon.word_class("in_return")
_STATUS_NOUNS = lexicon.word_class("status_noun")
_PROMISES = lexicon.word_class("promise")


@cache
def _predicates() -> dict[str, dict[str, str]]:
    return {r["lemma"]: r for r in lexicon.table("predicates.tsv")}


@cache
def _aid_modes() -> dict[str, str]:
    return {r["word"]: r["mode"] for r in lexicon.table("aid_objects.tsv")}


@cache
def _status_rules() -> tuple[tuple[str, str | None, str], ...]:
    out = []
    for r in lexicon.table("status.tsv"):
        form, _, tag = r["match"].partition("/")
        out.append((form, tag or None, r["status"]))
    return tuple(out)


@dataclass
class _Trigger:
    index: int          # token index of the predicate's noun or verb stem
    last: int           # last morpheme of the predicate stem (with 하/되)
    lemma: str
    spec: dict[str, str]
    nominal: bool       # an event noun without its own verb ("X의 방문", "무기거래의 결과")
    passive: bool = False
    governed_by: int | None = None   # index of a verb trigger whose object this noun event is
    used: bool = True                # the noun reports an event here (see _Coder._link_nouns)
    noun_args: bool = False          # a noun made an event by a verb of happening: its parties are the noun's
    proposed: bool = False           # object of 제안/제의/제시, or '…하자고' (let us …)
    noun: bool = False               # the predicate is an event noun (even when a light verb carries it)


@dataclass
class _Draft:
    type: str
    mode: str | None
    source: list[str]
    target: list[str]
    date: TimeExpr | None
    status: str
    attributed_to: str | None
    sentence: Sentence
    trigger: _Trigger
    mentions: list[EventMention] = field(default_factory=list)


class _Coder:
    def __init__(self, doc: Document, said: list[Said] | None = None):
        self.doc = doc
        self.text = doc.text
        self.said: list[Said] = find_said(doc) if said is None else said
        self.mentions = sorted(((m.start, m.end, a) for a in doc.actors for m in a.mentions), key=lambda x: x[0])
        self.by_start = {s: (e, a) for s, e, a in self.mentions}
        # abbreviation compounds put several states on one morpheme ('한미' = KOR, USA)
        self.within: dict[int, list[Actor]] = {}
        starts = [s for s, _, _ in self.mentions]
        for sent in doc.sentences:
            for t in sent.tokens:
                lo = bisect.bisect_left(starts, t.start)
                hi = bisect.bisect_left(starts, t.end, lo)
                inside = [a for s, e, a in self.mentions[lo:hi] if e <= t.end]
                if len(inside) > 1:
                    self.within[t.start] = inside
                if inside and t.start not in self.by_start:
                    self.by_start[t.start] = (t.end, inside[0])   # '대북' names North Korea from inside
        self.actors = {a.id: a for a in doc.actors}
        self.drafts: list[_Draft] = []
        self.pairs: dict[int, tuple[str, ...]] = {}   # offset of 양국/3국 -> the parties it stands for

    # ---- look-ups ----------------------------------------------------------------------------
    def actor_of(self, toks: list[Token], k: int) -> tuple[Actor | None, int]:
        hit = self.by_start.get(toks[k].start)
        if hit is None:
            return None, k
        if len(self.within.get(toks[k].start, ())) > 1:
            return hit[1], k
        end, actor = hit
        last = k
        while last + 1 < len(toks) and toks[last + 1].start < end:
            last += 1
        # 씨 and a title belong to the person's phrase
        while last + 1 < len(toks) and toks[last + 1].tag in ("NNB",) and toks[last + 1].form in _NAME_BOUND_NOUNS:
            last += 1
        return actor, last

    def said_at(self, pos: int) -> Said | None:
        for s in self.said:
            if s.content_start <= pos < s.content_end:
                return s
        return None

    def country(self, actor_id: str) -> str | None:
        a = next((a for a in self.doc.actors if a.id == actor_id), None)
        if a is None:
            return None
        return a.id if a.kind == "state" else a.country

    # ---- triggers ----------------------------------------------------------------------------
    def triggers(self, sent: Sentence) -> list[_Trigger]:
        preds = _predicates()
        toks = sent.tokens
        out: list[_Trigger] = []
        k = 0
        while k < len(toks):
            t = toks[k]
            lemma = None
            span = 1
            if t.tag == "XPN" and k + 1 < len(toks) and (t.form + toks[k + 1].form) in preds:
                lemma, span = t.form + toks[k + 1].form, 2     # 불/XPN + 안정/NNG
                t = toks[k + 1]
            elif t.tag == "NNG" and k + 1 < len(toks) and toks[k + 1].tag in ("NNG", "XSN") \
                    and (t.form + toks[k + 1].form) in preds and not self.text[t.end:toks[k + 1].start].strip():
                lemma, span = t.form + toks[k + 1].form, 2
            elif t.tag == "NNG" and t.form in preds or t.tag.startswith("VV") and t.form in preds:
                lemma = t.form
            if lemma == "관계" and not self._improved(toks, k):
                lemma = None   # '관계' is an event only as '관계를 강화/발전/개선하다'
            if lemma in _STATUS_NOUNS and k > 0 and toks[k - 1].tag == "ETM":
                lemma = None   # '넘길 우려가 있다': the status of the predicate before, not an event
            if lemma in _DIRECTION and k + 1 < len(toks) and (toks[k + 1].tag == "ETM" or (
                    toks[k + 1].tag == "EC" and toks[k + 1].form in ("어", "아"))):
                lemma = None   # '…를 향해 쐈다': a direction, not a journey
            if lemma is None or self.by_start.get(t.start):
                k += 1
                continue
            last = k + span - 1
            nxt = toks[last + 1] if last + 1 < len(toks) else None
            nominal = t.tag == "NNG"
            passive = False
            if nominal and nxt is not None and nxt.tag in ("XSV", "XSA"):
                passive = nxt.form in _PASSIVE_VERBS
                last += 1
                nominal = False
            elif nominal and nxt is not None and nxt.tag.startswith("VV") and nxt.form in ("당하",):
                passive, nominal, last = True, False, last + 1
            out.append(_Trigger(k, last, lemma, preds[lemma], nominal, passive, noun=t.tag == "NNG"))
            k = last + 1
        self._link_nouns(toks, out)
        # a verb taken as part of a noun event ('제재를 받고') is not an event of its own
        return [t for t in out if not any(o is not t and o.index < t.index <= o.last for o in out)]

    @staticmethod
    def _improved(toks: list[Token], k: int) -> bool:
        n = k + 1
        if n < len(toks) and toks[n].tag in ("JKO", "JKS", "JX"):
            n += 1
        while n < len(toks) and toks[n].tag == "MAG":
            n += 1
        return n < len(toks) and toks[n].form in _IMPROVE

    def _link_nouns(self, toks: list[Token], trigs: list[_Trigger]) -> None:
        """How an event noun is used decides whether it reports an event:
        - object of a light verb, possibly through a head noun ('협력을 계속하겠다', '협력 관계를 발전시켜')
          or subject of a verb of happening ('정상회담이 열렸다'): the verb carries its tense and status;
        - with 받다/당하다 the subject undergoes it ('제재를 받고 있는 러시아');
        - object of another event verb: governed by it ('초대를 수락했다', '원조를 거부했다');
        - last word of a headline-style sentence ('… 것을 비난.'): a verb with its ending dropped;
        - a noun with its own parties or a relative clause ('X의 방문', '러시아 측이 제시한 원조').
        Any other use ('거부권을 가진', '반대 목소리', '초청으로') names no event."""
        for tr in trigs:
            if not tr.nominal:
                continue
            n = tr.last + 1
            while n < len(toks) and toks[n].form in _HEAD_NOUNS and n - tr.last <= 2:
                n += 1            # a head noun: '협력 관계를'
            nxt = toks[n] if n < len(toks) else None
            v = n + 1
            while v < len(toks) and toks[v].tag == "MAG":
                v += 1            # '관계를 더욱 발전시켜'
            verb = toks[v] if v < len(toks) else None
            other = next((o for o in trigs if verb is not None and o.index == v), None)
            if nxt is None or nxt.tag in ("SF", "EF") or (nxt.tag == "SP" and n + 1 >= len(toks)):
                tr.nominal = False            # headline: '… 것을 비난.'
                tr.used = True
            elif nxt.tag == "JX" and nxt.form in ("도", "은", "는") and verb is not None and verb.form in _LIGHT_VERBS:
                tr.nominal = False      # '회담도 열지 못했다'
                tr.last = v + (1 if v + 1 < len(toks) and toks[v + 1].tag in ("XSV", "XSA") else 0)
                tr.used = True
            elif nxt.tag == "JKO" and verb is not None and verb.form in _PROPOSE:
                tr.nominal = False      # '군사회담을 제안했다': the event, proposed
                tr.last = v + (1 if v + 1 < len(toks) and toks[v + 1].tag in ("XSV", "XSA") else 0)
                tr.used = True
                tr.proposed = True
            elif nxt.tag == "JKO" and verb is not None and verb.form in _SEND and tr.spec["type"] in _MESSAGES:
                tr.nominal = False      # '축전을 보냈다', '유감을 전했다': the message is the event, not aid
                tr.last = v + (1 if v + 1 < len(toks) and toks[v + 1].tag in ("XSV", "XSA") else 0)
                tr.used = True
            elif nxt.tag == "JKO" and verb is not None and (
                    verb.form in _LIGHT_VERBS or verb.form in _EXPERIENCER or verb.form in _PROPOSE
                    or verb.form in _HAVE and tr.spec["type"] in ("CONSULT", "AGREE") and tr.lemma != "거부권"):
                tr.nominal = False
                tr.passive = verb.form in _EXPERIENCER
                tr.last = v + (1 if v + 1 < len(toks) and toks[v + 1].tag in ("XSV", "XSA") else 0)
                tr.used = True
            elif nxt.tag == "JKO" and other is not None:
                tr.governed_by = other.index
                # aid that was cut or refused is an event only when someone is said to have offered it
                if other.spec["type"] in ("SANCTION", "REJECT"):
                    tr.used = self._offered(toks, tr)
                else:
                    tr.used = self._has_own_args(toks, tr)
            elif nxt.tag in ("JKS", "JX") and self._happens(toks, n + 1) is not None:
                tr.nominal = False      # '정상회담은 2019년 블라디보스토크에서 처음 열렸다'
                tr.last = self._happens(toks, n + 1)
                tr.used = True
                tr.noun_args = True
            elif nxt.tag == "NNG" and any(o.index == n for o in trigs):
                tr.governed_by = n      # '방문 초대': the head noun is the event
                tr.used = False
            elif nxt.tag == "NNG" and nxt.form not in TEMPORAL_NOUNS:
                tr.used = False         # '무역분쟁', '방문 세부사항': the first part of a compound noun
            elif nxt.tag == "JKB" and nxt.form in _INSTRUMENTAL:
                tr.used = False         # '초청으로': the manner of another event
            else:
                tr.used = self._has_own_args(toks, tr)

    @staticmethod
    def _happens(toks: list[Token], k: int) -> int | None:
        """Index of a verb of happening that is the first predicate from toks[k] on, if it is one."""
        for m in range(k, min(k + 12, len(toks))):
            t = toks[m]
            if t.tag.startswith(("VV", "VA")) or t.tag in ("XSV", "XSA", "VCP"):
                if t.form in _HAPPEN:
                    return m
                if t.tag in ("XSV", "XSA") and m > 0 and toks[m - 1].form + t.form in _HAPPEN:
                    return m
                return None
            if t.tag in ("EF", "EC", "SF"):
                return None
        return None

    def _offered(self, toks: list[Token], tr: _Trigger) -> bool:
        """'러시아 측이 제시한 식량 원조': a relative clause with a subject right before the noun."""
        k = tr.index - 1
        while k >= 0 and toks[k].tag in ("NNG", "SN", "NNB", "XSN", "XPN") and tr.index - k <= 3:
            k -= 1
        if k < 1 or toks[k].tag != "ETM":
            return False
        return any(t.tag == "JKS" for t in toks[max(0, k - 8):k])

    def _has_own_args(self, toks: list[Token], tr: _Trigger) -> bool:
        """'X의 방문', 'X와 Y의 정상회담', '평양 방문', or a relative clause right before it."""
        k = tr.index - 1
        while k >= 0 and toks[k].tag in ("NNG", "SN", "NNB", "XSN", "XPN") and tr.index - k <= 3:
            k -= 1
        if k < 0:
            return False
        t = toks[k]
        if t.tag == "ETM" or t.tag == "JKG":
            return True
        if t.tag == "JKB" and t.form in _COMITATIVE and k > 0 and self.by_start.get(toks[k - 1].start) is None:
            # '푸틴 대통령과 정상회담': a partner named right before
            return any(s <= toks[k - 1].start < e for s, e, _ in self.mentions) or \
                any(s <= toks[k - 2].start < e for s, e, _ in self.mentions if k > 1)
        return self.by_start.get(t.start) is not None or any(
            s <= t.start < e for s, e, _ in self.mentions if e == t.end)

    # ---- arguments ---------------------------------------------------------------------------
    def _roles(self, rd: SentenceReader, tr: _Trigger) -> tuple[list[str], list[str]]:
        frame = tr.spec["frame"]
        toks = rd.toks
        lo = rd.clause_start(tr.index)
        said = self.said_at(toks[tr.index].start)

        def inside(a: Arg) -> bool:
            pos = toks[a.index].start
            return said is None or said.content_start <= pos < said.content_end

        args = [a for a in rd.args_between(lo, tr.index) if inside(a)]
        if said is None:
            # the words someone is reported to have said belong to that report, not to its verb;
            # but '평양은 한미 연합훈련을 …라고 규탄했다', '미국은 중국에 …해 달라고 촉구했다' name the one
            # accused or asked right at the start of those words
            lead = self._leading_recipients(rd, tr)
            args = [a for a in args if self.said_at(toks[a.index].start) is None or a in lead]
        if tr.nominal or tr.noun_args:
            subj = self._relative_subject(rd, tr, args)
        else:
            # a subject belongs to this predicate unless it is closed by another one's relative clause
            subj = [a for a in args if a.marker == "SUBJ" and (not a.relative or tr.index <= a.pred <= tr.last)]
            head = self._relative_head(rd, tr)
            if head is not None and not [a for a in subj if tr.index <= a.pred <= tr.last]:
                subj = [head]   # '제재를 받고 있는 러시아가': the noun the clause describes is its subject
            if not subj:
                earlier = [a for a in rd.args_between(0, lo) if a.marker == "SUBJ" and not a.relative and inside(a)
                           and not a.subordinate
                           and (said is not None or self.said_at(toks[a.index].start) is None)]
                # across a clause boundary the topic (은/는) is the one who goes on acting
                topics = [a for a in earlier if toks[a.particle].form in ("은", "는")]
                pick = (topics or earlier)[-1] if earlier else None
                subj = self._group_of(pick, rd.args) if pick else []
        bare = [a for a in args if a.marker == "BARE"]
        of = [a for a in args if a.marker == "OF"]
        # actors in the trigger's own noun phrase ('한중 외교장관 회담은', '평양 방문')
        near = [a for a in args if a.particle > tr.index or tr.index - a.index <= 2 and a.marker in ("BARE", "MOD")]

        def ids(items: list[Arg]) -> list[str]:
            return list(dict.fromkeys(a.actor.id for a in items))

        source = self._last_group(subj, rd.args)
        if not source and not tr.nominal and bare:
            source = self._group_of(bare[0], rd.args)   # headline style: 'X, Y, Z 공동성명 … 비난'
        if not source and not (tr.nominal or tr.noun_args) and said is not None and said.stance != "hearsay" \
                and said.quote.speaker and \
                not any(a.marker == "SUBJ" for a in args) and self.actors.get(said.quote.speaker):
            # '일본은 한국을 지지한다고 밝혔다': a reported clause without a subject of its own is the speaker's
            speaker = self.actors[said.quote.speaker]
            source = [Arg(speaker, tr.index, "SUBJ", -1)]
        target: list[Arg] = []
        if frame == "meet":
            target = marked(args, "meet")
            if not target and not tr.nominal and source:
                # '김정은 위원장과 … 유지하고 있다며 다시 만날 수 있다': the partner named in an earlier clause
                target = [a for a in rd.args_between(0, lo) if a.marker == "WITH" and inside(a)][-1:]
            if not source and of:
                grp = self._last_group(of, rd.args)
                source, target = grp[:1], grp[1:] + target
            if not source and not target and (tr.nominal or tr.noun_args) and near:
                grp = self._group_of(near[0], rd.args)   # '한중 외교장관 회담', '한일 국장급 협의'
                source, target = grp[:1], grp[1:]
            if not source and target and tr.nominal:
                # 'X는 Y와 정상회담에서 …': the one who met Y is the clause's subject
                clause_subj = [a for a in rd.args_between(0, tr.index) if a.marker == "SUBJ" and not a.relative
                               and inside(a)]
                source = self._group_of(clause_subj[-1], rd.args) if clause_subj else []
            if len(source) > 1 and not target:
                source, target = source[:1], source[1:]   # '양자는 … 회담했다', 'X와 Y는 만났다'
            return ids(source), [x for x in ids(target) if x not in ids(source)]
        elif frame == "visit":
            target = marked(args, "visit") or near
            if not source and of:
                source = self._last_group(of, rd.args)
        elif frame == "give":
            target = marked(args, "give") or \
                (near if tr.nominal or tr.noun_args else [a for a in of if a.particle < tr.index][-1:])
            if not source and of:
                source = self._last_group(of, rd.args)
        elif frame == "receive":
            giver = marked(args, "receive")
            return ids(giver), ids(source)
        else:
            target = marked(args, "act") or (near if tr.nominal or tr.noun else [])
            if not target and not tr.nominal:
                target = self._clause_object(rd, tr, args) or self._said_subject(rd, tr)
            if not target:
                # 'X의 발사를 비난', '남측의 제의에 응하다': the owner of the thing acted on
                target = [a for a in args if a.marker == "OF" and a.particle < tr.index]
            if not source and of and (tr.nominal or tr.noun_args):
                source = self._last_group(of, rd.args)
        if tr.passive and frame == "act":
            by = with_markers(args, PASSIVE_AGENT)
            return ids(by), ids(source)
        source_ids = ids(source)
        return source_ids, [x for x in ids(self._last_group(target, rd.args)) if x not in source_ids]

    def _relative_head(self, rd: SentenceReader, tr: _Trigger) -> Arg | None:
        toks = rd.toks
        k = tr.last + 1
        while k < len(toks) and toks[k].tag in ("EC", "VX", "EP") and toks[k].form in ("고", "있", "어", "았", "었"):
            k += 1
        if k + 1 >= len(toks) or toks[k].tag != "ETM":
            return None
        return next((a for a in rd.args if a.index == k + 1), None)

    def _relative_subject(self, rd: SentenceReader, tr: _Trigger, args: list[Arg]) -> list[Arg]:
        """The subject of a relative clause that names this event noun ('러시아 측이 제시한 원조')."""
        toks = rd.toks
        k = tr.index - 1
        while k >= 0 and toks[k].tag in ("NNG", "SN", "NNB", "XSN", "XPN") and tr.index - k <= 3:
            k -= 1
        if k < 0 or toks[k].tag != "ETM":
            return []
        return [a for a in args if a.marker == "SUBJ" and a.relative and a.pred < k <= a.pred + 4]

    def _clause_object(self, rd: SentenceReader, tr: _Trigger, args: list[Arg]) -> list[Arg]:
        """'북한이 무기를 이전한 것을 비난': the subject of a clause made a noun with 것 is the one acted on."""
        toks = rd.toks
        for k in range(tr.index - 1, max(tr.index - 3, 0) - 1, -1):
            if toks[k].tag == "JKO" and k > 0 and toks[k - 1].form in ("것", "데", "점"):
                # the clause made a noun may begin before the verb's own clause ('북한이 … 중단하고 … 복귀할 것을')
                scope = [a for a in rd.args if a.index < k and a.marker == "SUBJ"]
                inner = [a for a in scope if a.relative] or \
                    [a for a in scope if toks[a.particle].form in ("이", "가")]
                return inner[-1:]
        return []

    def _leading_recipients(self, rd: SentenceReader, tr: _Trigger) -> list[Arg]:
        pos = rd.toks[tr.index].start
        for s in self.said:
            if rd.sent.start <= s.content_start and s.content_end <= pos and pos - s.content_end <= 4:
                inner = [a for a in rd.args if s.content_start <= rd.toks[a.index].start < s.content_end]
                if inner and inner[0].marker in ("OBJ", "TO", "ABOUT"):
                    return [a for a in inner if a.group == inner[0].group]
        return []

    def _said_subject(self, rd: SentenceReader, tr: _Trigger) -> list[Arg]:
        """'북한은 미국이 긴장을 고조시킨다고 비난했다': the one a reported accusation is about."""
        pos = rd.toks[tr.index].start
        for s in self.said:
            if rd.sent.start <= s.content_start and s.content_end <= pos and pos - s.content_end <= 4:
                inner = [a for a in rd.args if a.marker == "SUBJ" and
                         s.content_start <= rd.toks[a.index].start < s.content_end]
                return inner[:1]
        return []

    @staticmethod
    def _group_of(arg: Arg, all_args: list[Arg]) -> list[Arg]:
        return [a for a in all_args if a.group == arg.group and a.marker == arg.marker] or [arg]

    def _last_group(self, items: list[Arg], all_args: list[Arg]) -> list[Arg]:
        """The last argument with the actors coordinated with it."""
        return self._group_of(items[-1], all_args) if items else []

    # ---- status, date, mode ------------------------------------------------------------------
    def _status(self, rd: SentenceReader, tr: _Trigger) -> str:
        if tr.proposed:
            return "proposed"
        if tr.lemma in _PROMISES:
            return "intended"
        toks = rd.toks
        end = rd.clause_end(tr.last)
        window = []
        for k in range(tr.last + 1, end + 1):
            window.append(toks[k])
            if toks[k].tag == "ETM":
                # an adnominal ending closes the predicate: only a noun of status goes on
                # ('방문할 예정', '입수할 것으로 기대', '만날 수 있다'), not what it describes ('회담했을 때 …')
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if nxt is None or nxt.form not in _STATUS_NOUNS:
                    break
        else:
            # a frame right after the clause ("…할 것으로 기대하고", "…했다고 평가")
            if end + 1 < len(toks):
                window += toks[end + 1:min(end + 5, len(toks))]
        if tr.nominal:
            # the verb of the relative clause that names this event ('러시아 측이 제시한 원조')
            lo = rd.clause_start(tr.index)
            window = [t for t in toks[lo:tr.index] if t.tag in ("NNG", "VV", "VX", "EP")] + window[:1]
            if tr.last + 2 < len(toks) and toks[tr.last + 1].tag == "JKO" and toks[tr.last + 2].tag == "VV":
                window.append(toks[tr.last + 2])   # the verb that governs the event noun ('방한을 바란다')
        for t in window:
            for form, tag, status in _status_rules():
                if t.form == form and (tag is None or t.tag == tag):
                    return status
        for a, b in zip(window, window[1:], strict=False):
            if a.form == "수" and a.tag == "NNB" and b.form in ("있", "없"):
                return "hypothetical"   # '다시 만날 수 있다': a possibility
            if a.form == "적" and a.tag == "NNB" and b.form == "없":
                return "denied"         # '무기를 넘긴 적 없다': it never happened
            if a.tag == "ETM" and a.form == "ᆯ" and b.form == "것":
                return "intended"
            if a.tag == "ETN" and a.form == "기" and b.form == "로":
                return "intended"    # '조율하기로 했다' (Kiwi splits 기로)
        return "occurred"

    def _mode(self, rd: SentenceReader, tr: _Trigger) -> str | None:
        mode = tr.spec["mode"] if tr.spec["mode"] != "-" else None
        if tr.spec["type"] == "AID" and mode is None:
            lo = rd.clause_start(tr.index)
            for t in rd.toks[lo:min(tr.last + 4, len(rd.toks))]:
                if t.form in _aid_modes():
                    return _aid_modes()[t.form]
        return mode

    def _date(self, rd: SentenceReader, tr: _Trigger, said: Said | None, status: str) -> TimeExpr | None:
        """The date of the happening, not of its report: inside the words said for events told in a
        quote; inside its own clause for an event in a relative or noun clause ('북한이 무기를 이전한 것을
        … 목요일 비난': Thursday is the condemnation's date, not the transfer's)."""
        toks = rd.toks
        lo, hi = rd.sent.start, rd.sent.end
        if said is not None:
            lo, hi = max(lo, said.content_start), min(hi, said.content_end)
        pos = toks[tr.index].start
        after_last = toks[tr.last + 1] if tr.last + 1 < len(toks) else None
        head = toks[tr.last + 2] if tr.last + 2 < len(toks) else None
        embedded = tr.nominal or (after_last is not None and after_last.tag == "ETM"
                                  and not (head is not None and head.form in TEMPORAL_NOUNS))
        # a cleft names the date after the clause: '… 회담한 것은 2019년이었다'
        cleft = after_last is not None and after_last.tag == "ETM" and head is not None and head.form == "것" \
            and tr.last + 3 < len(toks) and toks[tr.last + 3].form in ("은", "는", "이")
        if embedded:
            lo = max(lo, toks[rd.clause_start(tr.index)].start)
            subj = [a for a in rd.args if a.marker == "SUBJ" and a.index < tr.index and toks[a.index].start >= lo]
            if subj and not tr.nominal:
                lo = toks[subj[-1].index].start
        dates = [d for d in self.doc.dates if lo <= d.start < hi]
        if not embedded:
            # '…전날 발사한 것을 1일 규탄했다': a date inside another predicate's noun clause is that one's
            spans = [(toks[a.index].start, toks[a.pred].start) for a in rd.args
                     if a.relative and a.pred > a.index and not (tr.index <= a.pred <= tr.last)]
            dates = [d for d in dates if not any(s <= d.start < e for s, e in spans)]
        before = [d for d in dates if d.start < pos]
        if said is None and not embedded:
            cs = toks[rd.clause_start(tr.index)].start
            own = [d for d in before if d.start >= cs]
            if own:
                return own[-1]
        if before:
            return before[-1]
        if not embedded or cleft:
            end = toks[rd.clause_end(tr.last)].end + 12
            after = [d for d in dates if pos < d.start < (hi if cleft else end)]
            if after:
                return after[0]
        if said is not None and said.quote.date:
            # not said when it happened: the statement that reports it bounds it (a weak date: reports of
            # one happening made on different days still merge, see _merge)
            return TimeExpr(-1, -1, "", said.quote.date)
        if said is None and not embedded:
            # a sentence that goes on about the occasion the previous one dated ('3국 장관은 성명에서 …')
            # the nearest of the last few sentences that names a day (news tells an occasion over several)
            prev = [x for x in self.doc.sentences if x.end <= rd.sent.start and x.paragraph >= rd.sent.paragraph - 1]
            for x in reversed(prev[-_CARRY_SENTENCES:]):
                named = [d for d in self.doc.dates if x.start <= d.start < x.end and len(d.value) == 10]
                if named:
                    return TimeExpr(-1, -1, "", named[0].value)
        return None

    # ---- one sentence ------------------------------------------------------------------------
    def code_sentence(self, sent: Sentence) -> None:
        pairs = {k: tuple(self.actors[x] for x in ids) for k, ids in self.pairs.items()
                 if all(x in self.actors for x in ids)}
        rd = SentenceReader(self.doc, sent, self.actor_of, pairs, lambda start: self.within.get(start, ()))
        trigs = self.triggers(sent)
        drafts: dict[int, _Draft] = {}
        for tr in trigs:
            demanded = self._demanded(sent.tokens, tr)
            if not tr.used or demanded == "asked":
                continue
            tr.proposed = tr.proposed or demanded == "proposed"
            said = self.said_at(sent.tokens[tr.index].start)
            if tr.spec["frame"] == "accuse":
                d = self._accusation(rd, tr, said)
                if d:
                    drafts[tr.index] = d
                continue
            source, target = self._roles(rd, tr)
            # one cannot meet or agree with oneself: a party named on both sides is a source
            target = policy.without_self(tr.spec["type"], source, target, self.country)
            fixed = tr.spec.get("target", "-")
            if fixed and fixed != "-" and fixed not in target:
                target = [*target, fixed]
            status = self._status(rd, tr)
            if tr.noun_args:
                status = policy.noun_status(status)   # '방문이 재개될 것': expected, not intended
            if said is not None:
                status = policy.reported_status(status, said.stance)
            etype, status = policy.coded_type(tr.spec["type"], status, tr.spec["frame"])
            date = self._date(rd, tr, said, status)
            status = policy.dated_status(status, date.value if date else None, self.doc.published)
            draft = _Draft(etype, self._mode(rd, tr), source, target, date, status,
                           said.quote.speaker if said else None, sent, tr)
            drafts[tr.index] = draft
        self._fill_from_context(rd, trigs, drafts)
        for idx, d in drafts.items():
            if not d.source and not d.target:
                continue
            if not d.source and not d.trigger.passive:
                continue
            toks = sent.tokens
            d.mentions.append(EventMention(toks[idx].start, toks[d.trigger.last].end,
                                           self.text[toks[idx].start:toks[d.trigger.last].end],
                                           sent.start, sent.end))
            self.drafts.append(d)

    def _fill_from_context(self, rd: SentenceReader, trigs: list[_Trigger], drafts: dict[int, _Draft]) -> None:
        """Arguments the sentence leaves implicit, from what it links the event to."""
        toks = rd.toks
        for tr in trigs:
            d = drafts.get(tr.index)
            if d is None:
                continue
            # the object of a verb event, offered or made by someone, goes to that verb's subject
            # ('러시아 측이 제시한 식량 원조를 거부했다': the aid was meant for the one who refused it)
            if tr.governed_by is not None and tr.governed_by in drafts:
                gov = drafts[tr.governed_by]
                offered = gov.type in ("AGREE", "REJECT")   # an offer or invitation accepted or refused
                if offered and gov.source and set(gov.source) != set(d.source):
                    d.target = list(gov.source)
                if d.source and not gov.target and set(d.source) != set(gov.source):
                    gov.target = list(d.source)
                if not d.source and gov.source and not d.target:
                    d.source = list(gov.source)
            # a deal made at a meeting is between its parties ('정상회담에서 나눈 무기거래'); a second
            # summit after a first ('3회 회담했고, 2019년에는 2회 정상회담이 이어졌다') has the same parties
            if not d.source and not d.target:
                prev = [x for i, x in drafts.items() if i < tr.index and x.source and x.target]
                if prev:
                    d.source, d.target = list(prev[-1].source), list(prev[-1].target)
                    d.date = d.date or prev[-1].date
            # '그 보상으로 … 입수할 것': in return, from the other side of the last transfer
            if tr.spec["frame"] == "receive" and not d.source and any(
                    t.form in _IN_RETURN for t in toks[:tr.index]):
                prev = [x for x in self.drafts if x.type in ("AID", "AGREE") and x.target]
                if prev:
                    d.source = list(prev[-1].target)

    def _accusation(self, rd: SentenceReader, tr: _Trigger, said: Said | None) -> _Draft | None:
        """A speaker who says that someone destabilises or violates is accusing them."""
        if said is None or said.quote.speaker is None:
            return None
        speaker_country = self.country(said.quote.speaker)
        for a in rd.args:
            pos = rd.toks[a.index].start
            if said.content_start <= pos < said.content_end and a.marker in ("SUBJ", "OF", "BARE") and \
                    a.actor.kind in ("state", "person", "organization"):
                c = self.country(a.actor.id)
                if c and c != speaker_country:
                    date = TimeExpr(said.quote.start, said.quote.start, "", said.quote.date) \
                        if said.quote.date else None
                    accused = [x.actor.id for x in self._group_of(a, rd.args)]   # '북·러 간 협력은 … 위반'
                    return _Draft("ACCUSE", tr.spec["mode"], [said.quote.speaker], accused, date, "occurred",
                                  said.quote.speaker, rd.sent, tr)
        return None

    # ---- one document ------------------------------------------------------------------------
    def run(self) -> list[Event]:
        for sent in self.doc.sentences:
            self._resolve_pair_words(sent)
            self.code_sentence(sent)
        return self._merge()

    @staticmethod
    def _demanded(toks: list[Token], tr: _Trigger) -> str | None:
        """'중단하라고 요구했다', '해 달라고 촉구했다', '열자고 제안했다': the action asked for is the content of
        the request, not an event of its own."""
        prev = toks[tr.last]
        after = toks[tr.last + 1:tr.last + 4]
        if len(after) >= 3 and after[0].form == "기" and after[1].form == "로" and \
                after[2].form in _AGREEING:
            return "asked"    # '협력을 확대하기로 합의했다': the content of the agreement, coded with it
        for t in toks[tr.last + 1:tr.last + 5]:
            if t.tag == "EC" and (prev.tag.startswith("VV") or prev.tag in ("XSV", "VX")):
                if t.form in ("자고", "자며"):
                    return "proposed"   # '회담하자고 제안했다': proposed, with the proposer as party
                if t.form in ("라고", "라며", "도록"):
                    return "asked"
            if not (t.tag in ("VX", "EP") or t.tag == "EC" and t.form in ("어", "아", "여")):
                return None
            prev = t
        return None

    def _resolve_pair_words(self, sent: Sentence) -> None:
        """'양국은', '3국 장관은', '세 장관은', '장관들은': the parties of the last event with that many sides."""
        toks = sent.tokens
        for i, tok in enumerate(toks):
            if tok.tag not in ("NNG", "NNP", "NNB"):
                continue
            prev_form = toks[i - 1].form if i else ""
            if tok.form in _PARTIES:
                size, start = _PARTIES[tok.form], tok.start
            elif tok.form == "국" and i and toks[i - 1].tag == "SN" and prev_form + "국" in _PARTIES:
                size, start = _PARTIES[prev_form + "국"], toks[i - 1].start
            elif prev_form in _NUMBER_WORDS and tok.form in _PARTY_NOUNS:
                size, start = _NUMBER_WORDS[prev_form], toks[i - 1].start
            else:
                continue
            prev = [d for d in self.drafts if len({*d.source, *d.target}) == size or len(d.source) == size
                    or size == 0 and len(d.source) >= 2]
            if prev:
                d = prev[-1]
                parties = list(dict.fromkeys([*d.source, *d.target]))[:size] if size else list(d.source)
                self.pairs[start] = tuple(parties)

    def _merge(self) -> list[Event]:
        """One event per happening (the core's merge rule), then the events PLOVER can code."""
        events = merge_reports(self.drafts, self.country)
        events = [d for d in events if policy.has_recipient(d.type, d.target, d.trigger.passive)]
        out = []
        table = _score_table()
        for n, d in enumerate(events, 1):
            out.append(Event(id=f"e{n}", type=d.type, mode=d.mode, source=d.source, target=d.target,
                             date=d.date.value if d.date else None,
                             date_end=d.date.value_end if d.date else None,
                             location=None, status=d.status, attributed_to=d.attributed_to,
                             mentions=d.mentions, score=table.score(d.type, d.mode), quad=table.quad(d.type)))
        return out


@cache
def _score_table():
    from sagwan.scores import score_table

    return score_table()


def find_events(doc: Document, said: list[Said] | None = None) -> list[Event]:
    """The document's events; `said` is `find_said(doc)` when the caller has it already."""
    return _Coder(doc, said).run()
