"""Actors in Korean news: gazetteer names, people found by name + title, organisations by their
head noun, and within-document coreference (김 씨, 김 위원장, a bare Western surname).

A person the gazetteer does not know ("마크 헤일 군축회의 미국 대표") is found by pattern: a run of
proper nouns next to a title or role noun, or followed by 씨. Their country comes from the phrase
around them ("미국 대표" -> USA, "주북 러시아 대사" -> RUS, "랜드 연구소 분석가" -> the think tank's).
"""

from __future__ import annotations

import re
from functools import cache

from sagwan import gazetteer
from sagwan.extract.core.actors import ActorTable, Person, entry_actor, office_holder, slug
from sagwan.extract.ko import lexicon
from sagwan.extract.ko.chunks import (
    NAME_TAGS,
    Chunk,
    gazetteer_match,
    is_hangul,
    noun_chunks,
    posting_marker,
    squeeze,
    surface,
    title_at,
)
from sagwan.model import Actor, Document, Sentence, Token

_NOT_NAME_ENDINGS = tuple(sorted(lexicon.word_class("not_name_ending")))
_EOJEOL = re.compile(r"[가-힣·ㆍ\-]+")
_SEPARATOR = re.compile(r"[·ㆍ\-]")


# the actor table and coreference are the core's (extract/core/actors.py)
_Person = Person
_Actors = ActorTable
_entry_actor = entry_actor
_slug = slug


def _office_holder(surname: str, title: str, published: str | None) -> gazetteer.Entry | None:
    """'김 위원장' in 2024 is Kim Jong Un, '시 주석' is Xi Jinping (see core.actors.office_holder)."""
    return office_holder(surname, title, published, "ko", squeeze)


def _korean_name(form: str) -> tuple[str, str] | None:
    """'박서진' -> ('박', '서진') when it looks like a Korean (or Chinese) personal name."""
    if not is_hangul(form) or not 2 <= len(form) <= 4:
        return None
    surnames = lexicon.words("surnames.txt")
    for n in (2, 1):
        if len(form) - n >= 1 and form[:n] in surnames and len(form) - n <= 2:
            return form[:n], form[n:]
    return None


def _name_token(tok: Token, text: str, adjacent_title: bool) -> bool:
    """Can this morpheme be part of a person's name?"""
    if posting_marker(tok) or is_abbreviation_compound(tok.form) or tok.form.endswith(("요일", "주년")) \
            or tok.form in lexicon.words("regions.txt"):
        return False
    if tok.tag in NAME_TAGS:
        return tok.tag != "SL" or tok.form[:1].isupper()
    # transliterated names Kiwi does not know often come out as common nouns (e.g. a three-syllable name read as NNG)
    return (tok.tag == "NNG" and adjacent_title and is_hangul(tok.form) and len(tok.form) >= 3
            and not tok.form.endswith(_NOT_NAME_ENDINGS) and squeeze(tok.form) not in lexicon.titles()
            and tok.form not in lexicon.org_heads())


@cache
def _speech_lemmas() -> frozenset[str]:
    """Speech verbs that mark a sentence as reported speech (the hearsay 하다 is too common to count)."""
    return frozenset(r["lemma"] for r in lexicon.table("speech_cues.tsv") if r["lemma"] != "하")


def _speech_sentence(sent: Sentence) -> bool:
    return any(t.form in _speech_lemmas() and t.tag in ("NNG", "VV") for t in sent.tokens) or any(
        t.tag in ("SSO", "SSC") for t in sent.tokens)


class _Finder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.acts = _Actors(doc)
        self.hits: dict[int, tuple[int, gazetteer.Entry]] = {}   # per sentence: token index -> match

    # ---- people found by pattern -------------------------------------------------------------
    def _name_run_left(self, toks: list[Token], k: int, honorific: bool) -> tuple[int, int] | None:
        """The name run that ends just before toks[k] (skipping modifiers unless honorific)."""
        j = k - 1
        skipped_actor = False
        if not honorific:
            ranks = lexicon.words("rank_modifiers.txt")
            while j >= 0 and ((j in self.hits and self.hits[j][1].kind != "person" and not self._surname_place(toks, j))
                              or posting_marker(toks[j])
                              or (j + 1 < len(toks) and toks[j + 1].form == "담당")
                              or (toks[j].tag == "NNG" and not self._nng_name(toks, j, k))):
                # a rank or portfolio ('수석', '아시아 담당') may stand between a name and its title
                portfolio = j + 1 < len(toks) and toks[j + 1].form == "담당" and (
                    toks[j].form in lexicon.words("regions.txt") or j in self.hits)   # '아시아 담당'
                rank = toks[j].form in ranks and toks[j].form != "담당" or portfolio
                skipped_actor = skipped_actor or j in self.hits or posting_marker(toks[j]) or rank
                j -= 1
                if k - j > 6:
                    return None
        if j < 0:
            return None
        if j < k - 1 and not skipped_actor:
            return None  # "동아시아 태평양 문제 담당 차관보": modifiers name no state or body, so no name here
        hit = self.hits.get(j)
        if hit and hit[1].kind in ("organization",) and not honorific:
            return None
        if not (self._nng_name(toks, j, k) if toks[j].tag == "NNG" else _name_token(toks[j], self.text, False)) \
                and not (honorific and toks[j].tag in NAME_TAGS):
            return None
        end = j
        i = j
        # extend left over given names; a gazetteer state or organisation starts a new phrase
        while i - 1 >= 0 and _name_token(toks[i - 1], self.text, False) and (i - 1) not in self.hits:
            i -= 1
        if i == end and end in self.hits and self._surname_place(toks, end):
            i = end - 1
        if end - i > 2:
            i = end - 2
        return i, end

    def _surname_place(self, toks: list[Token], j: int) -> bool:
        """'마크 요르단 연구원', '케빈 워싱턴 교수': a place name right after a Western given name is a surname."""
        if j == 0 or self.hits[j][1].kind not in ("state", "location"):
            return False
        given = toks[j - 1]
        first = j < 2 or not (toks[j - 2].tag == "NNP" and (j - 2) not in self.hits)   # '에밀리 로스 일본': no
        # a Korean full name (3 syllables) before a state is 'X의 대사' style ('박서진 요르단 대사'), not a surname
        korean = len(given.form) == 3 and _korean_name(given.form) is not None and \
            not any(c in _TRANSLITERATION for c in given.form)   # 마이클, 리처드: not Korean given names
        return first and given.tag == "NNP" and (j - 1) not in self.hits and not korean \
            and not self.text[given.end:toks[j].start].strip() and is_hangul(given.form)

    def _nng_name(self, toks: list[Token], j: int, k: int) -> bool:
        """A common-noun morpheme read as a name: right before the title, and not inside a compound noun
        ("중국 대사관 왕하이보 보도관" yes; "특별 프로젝트 책임자" no)."""
        if j != k - 1 or not _name_token(toks[j], self.text, True):
            return False
        return j == 0 or (j - 1) in self.hits or toks[j - 1].start in self.acts.taken

    def _name_run_right(self, toks: list[Token], m: int) -> tuple[int, int] | None:
        """A name run right after a role noun ("전문가 존 하워드"), ending the chunk or before 씨."""
        i = m + 1
        j = i
        while j < len(toks) and _name_token(toks[j], self.text, False) and j not in self.hits:
            j += 1
        if j == i or j - i > 3:
            return None
        if j < len(toks) and toks[j].form not in ("씨", "님"):
            return None
        return i, j - 1

    def _country_in(self, toks: list[Token], lo: int, hi: int, prefer_near: int) -> str | None:
        """Affiliation from gazetteer hits between lo and hi (inclusive), nearest to prefer_near."""
        best = None
        for j in range(lo, hi + 1):
            hit = self.hits.get(j)
            if not hit or hit[1].kind == "person":
                continue
            e = hit[1]
            if e.country is None and e.kind != "state":
                continue
            if best is None or abs(j - prefer_near) < abs(best[0] - prefer_near):
                best = (j, e.id)
        return best[1] if best else None

    def _context_affiliation(self, sent: Sentence, first_token: Token) -> tuple[str | None, str | None]:
        """(affiliation, country) from the phrase that describes the person, walking back from the name
        through relative clauses ('…를 맡은', '전 국무성 당국자인', '…의 … 책임자로'): the nearest organisation
        with a country, else a person whose country it is, else a state that is not merely a topic
        ('북한 지도부 전문가', '북한과의 협상'). A relative ('삼촌의 X') shares the country of the person
        the sentence is about."""
        toks = sent.tokens
        idx = next(i for i, t in enumerate(toks) if t.start == first_token.start)
        kin = lexicon.words("kinship.txt")
        org = state = person = None
        kinship = idx >= 2 and toks[idx - 1].tag == "JKG" and toks[idx - 2].form in kin or \
            idx >= 1 and toks[idx - 1].form in kin
        phrase = True  # still inside the phrase that describes the person
        for j in range(idx - 1, -1, -1):
            t = toks[j]
            if t.tag in ("EF", "SF"):
                break
            a = self.actor_at(t.start)
            if a is not None and a.kind == "person" and a.country and person is None and (phrase or kinship):
                person = a
            if t.tag in ("JX", "JKS") and j < idx - 1:
                phrase = False
            if a is None or not phrase:
                continue
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if a.kind == "organization" and a.country and org is None:
                org = a
            elif a.kind == "state" and state is None and nxt is not None and (
                    nxt.tag == "JKG" or nxt.start == first_token.start):
                state = a
        if org is not None:
            return org.id, org.country
        if person is not None and (kinship or state is None):
            return None, person.country
        if state is not None:
            return state.id, state.id
        return None, None

    def actor_at(self, start: int) -> Actor | None:
        return self.acts.at.get(start)

    def _found_person(self, sent: Sentence, chunk: Chunk, run: tuple[int, int], title: tuple | None,
                      title_idx: int | None) -> None:
        toks = chunk.tokens
        i, j = run
        name = surface(self.text, toks[i:j + 1])
        if name.endswith("씨") and len(name) > 1:
            name = name[:-1].rstrip()
        # a known person under another spelling of the given name ("드미트리 페스코프" as written with another spelling)
        for k in range(i, j + 1):
            hit = self.hits.get(k)
            if hit and hit[1].kind == "person":
                return self._gazetteer_person(chunk, i, j, hit[1], title)
        kor = _korean_name(name) if " " not in name else None
        short = {kor[0]} if kor else {name.split()[-1]}
        role = affiliation = None
        if title:
            role = title[2] if title[3] != "honorific" else None
        # country from the phrase: a state or organisation between the name and the title
        if title_idx is not None and title_idx > j:
            affiliation = self._country_in(toks, j + 1, title_idx - 1, title_idx)
            if affiliation is None and title_idx in self.hits and self.hits[title_idx][1].kind != "person":
                affiliation = self.hits[title_idx][1].id   # '중국 외교부' + '장': the ministry's head
        if affiliation is None and i > 0:
            hit = self.hits.get(i - 1)
            if hit and hit[1].kind != "person" and (hit[1].country or hit[1].kind == "state"):
                affiliation = hit[1].id
        country = None
        if affiliation is None:
            affiliation, country = self._context_affiliation(sent, toks[i])
        aff_actor = (self.acts.by_id.get(affiliation) or gazetteer.get(affiliation)) if affiliation else None
        if aff_actor is not None:
            country = aff_actor.id if aff_actor.kind == "state" else aff_actor.country
        actor = Actor(id=f"person:{_slug(name)}", name=name, kind="person", country=country, role=role,
                      affiliation=affiliation)
        end_tok = toks[j]
        a = self.acts.add(actor, toks[i].start, end_tok.end if not end_tok.form.endswith("씨") else end_tok.end - 1)
        if a.role is None and role:
            a.role = role
        self.acts.register(a, short | {name}, {title[1]} if title else set())
        for k in range(i, j + 1):
            self.acts.taken.add(toks[k].start)

    def _gazetteer_person(self, chunk: Chunk, i: int, j: int, e: gazetteer.Entry, title) -> None:
        toks = chunk.tokens
        a = self.acts.add(_entry_actor(e, self.doc.published), toks[i].start, toks[j].end)
        if title:
            # of the offices held at the time, the one the text names ('국가주석' is the presidency)
            for r in e.roles:
                active = not self.doc.published or ((r.get("from") or "0") <= self.doc.published and
                                                     (not r.get("to") or self.doc.published <= r["to"]))
                if active and title[1] in {squeeze(t) for t in e.titles_in("ko", r)}:
                    a.role = r.get("role")
                    break
        titles = {squeeze(t) for t in e.titles_in("ko")}
        if title:
            titles.add(title[1])
        self.acts.register(a, {e.surname.get("ko") or "", *e.names_in("ko")}, titles)
        for k in range(i, j + 1):
            self.acts.taken.add(toks[k].start)

    # ---- per chunk ----------------------------------------------------------------------------
    def _gazetteer_hits(self, toks: list[Token]) -> dict[int, tuple[int, gazetteer.Entry]]:
        hits: dict[int, tuple[int, gazetteer.Entry]] = {}
        i = 0
        while i < len(toks):
            m = gazetteer_match(self.text, toks, i)
            if m:
                for k in range(i, m[0] + 1):
                    hits[k] = m
                i = m[0] + 1
            else:
                i += 1
        return hits

    def _people(self, sent: Sentence, chunk: Chunk) -> None:
        toks = chunk.tokens
        k = 0
        while k < len(toks):
            t = title_at(self.text, toks, k)
            if t is None and toks[k].tag == "NNP" and toks[k].form.endswith("씨") and len(toks[k].form) > 1:
                # Kiwi sometimes glues the honorific: 하워드씨/NNP
                self._honorific_glued(sent, chunk, k)
                k += 1
                continue
            if t is None:
                k += 1
                continue
            m, title, role, cls = t
            honorific = cls == "honorific"
            run = self._name_run_left(toks, k, honorific)
            if run and (toks[run[1]].start not in self.acts.taken or honorific):
                if not self._short_reference(sent, chunk, run, (m, title, role, cls)):
                    self._found_person(sent, chunk, run, (m, title, role, cls), k)
            elif not honorific:
                right = self._name_run_right(toks, m)
                if right and toks[right[0]].start not in self.acts.taken:
                    self._found_person(sent, chunk, right, (m, title, role, cls), None)
                    k = right[1] + 1
                    continue
            k = m + 1

    def _honorific_glued(self, sent: Sentence, chunk: Chunk, k: int) -> None:
        tok = chunk.tokens[k]
        form = tok.form[:-1]
        p = self.acts.resolve_short(form, None)
        if p is not None:
            self.acts.add(p.actor, tok.start, tok.start + len(form))
            self.acts.taken.add(tok.start)

    def _short_reference(self, sent: Sentence, chunk: Chunk, run: tuple[int, int], title) -> bool:
        """'김 위원장', '박 씨', '헤일 씨': a short form of someone already named in this document."""
        toks = chunk.tokens
        i, j = run
        form = surface(self.text, toks[i:j + 1])
        if i != j and form not in {s for p in self.acts.persons for s in p.short}:
            return False
        p = self.acts.resolve_short(form, title[1] if title[3] != "honorific" else None)
        if p is None and title[3] != "honorific":
            e = _office_holder(form, title[1], self.doc.published)
            if e is not None:
                self._gazetteer_person(chunk, i, j, e, title)
                return True
        if p is None:
            return len(form) == 1  # a lone surname nobody was introduced with: leave it unnamed
        self.acts.add(p.actor, toks[i].start, toks[j].end)
        if title[3] != "honorific":
            p.titles.add(title[1])
        for k in range(i, j + 1):
            self.acts.taken.add(toks[k].start)
        return True

    def _bare_reference(self, sent: Sentence, chunk: Chunk, k: int) -> bool:
        """A bare surname ('하워드는', '요르단은') of a person introduced earlier. When the form is also
        a place, it is the person only in a person slot: the subject of speech in a speech sentence."""
        tok = chunk.tokens[k]
        if tok.tag not in NAME_TAGS:
            return False
        p = self.acts.resolve_short(tok.form, None)
        if p is None or len(tok.form) < 2:
            return False
        hit = self.hits.get(k)
        if hit and hit[1].kind in ("state", "location", "organization"):
            nxt = chunk.after()
            if not (k == len(chunk.tokens) - 1 and nxt is not None and nxt.tag in ("JX", "JKS")
                    and _speech_sentence(sent)):
                return False
        self.acts.add(p.actor, tok.start, tok.end)
        self.acts.taken.add(tok.start)
        return True

    def _organisation(self, chunk: Chunk) -> None:
        """'중국 대사관', '유엔 북한 대표부', '아시아 사회 정책 연구소': organisations by their head noun."""
        toks = chunk.tokens
        heads = lexicon.org_heads()
        for k, tok in enumerate(toks):
            if tok.start in self.acts.taken or k == 0:
                continue
            kind = heads.get(tok.form)
            if kind is None and k + 1 < len(toks) and toks[k + 1].start == tok.end and \
                    heads.get(tok.form + toks[k + 1].form):
                continue   # the head is split in two ('대표' + '부'): read at its second half below
            if kind is None and k > 0 and toks[k - 1].end == tok.start and heads.get(toks[k - 1].form + tok.form):
                kind = heads[toks[k - 1].form + tok.form]
            if kind is None:
                continue
            p = k - 1
            while p > 0 and toks[p].form in lexicon.words("rank_modifiers.txt"):
                p -= 1
            prev = toks[p]
            if squeeze(tok.form) in lexicon.titles() and prev.tag == "NNP" and (
                    p not in self.hits or self._surname_place(toks, p)):
                continue   # '마크 요르단 연구원', '오를로프 선임연구원': a researcher, not an institute
            if k in self.hits:
                continue   # '미국 국무부': the gazetteer knows the body
            lo = k - 1
            while lo > 0 and toks[lo - 1].tag in ("NNP", "NNG", "SL") and toks[lo - 1].start not in self.acts.taken \
                    and title_at(self.text, toks, lo - 1) is None and lo - 1 not in self.hits:
                lo -= 1
            if lo - 1 >= 0 and (lo - 1) in self.hits and self.hits[lo - 1][1].kind in ("state", "organization"):
                lo -= 1
            span = toks[lo:k + 1]
            if any(t.start in self.acts.taken for t in span) or len(span) < 2:
                continue
            if all(t.tag == "NNG" for t in span[:-1]) and not any(i in self.hits for i in range(lo, k)):
                continue  # "관련 연구소": no name in it
            states = [self.hits[i][1] for i in range(lo, k) if i in self.hits and self.hits[i][1].kind == "state"]
            name = surface(self.text, span)
            country = states[-1].id if states else None
            if kind in ("embassy", "mission") and not states:
                continue
            actor = Actor(id=f"org:{_slug(name)}", name=name, kind="organization", country=country,
                          affiliation=country)
            self.acts.add(actor, span[0].start, span[-1].end)
            for t in span:
                self.acts.taken.add(t.start)
            return

    def run(self) -> list[Actor]:
        for sent in self.doc.sentences:
            for chunk in noun_chunks(sent, self.text):
                self.hits = self._gazetteer_hits(chunk.tokens)
                self._organisation(chunk)
                self._people(sent, chunk)
                self._rest(sent, chunk)
            self._abbreviations(sent)
        self._orphan_appositives()
        return sorted(self.acts.by_id.values(), key=lambda a: a.mentions[0].start)

    def _rest(self, sent: Sentence, chunk: Chunk) -> None:
        toks = chunk.tokens
        k = 0
        while k < len(toks):
            if toks[k].start in self.acts.taken:
                k += 1
                continue
            if self._bare_reference(sent, chunk, k):
                k += 1
                continue
            hit = self.hits.get(k)
            if hit:
                j, e = hit
                if e.kind == "person":
                    self._gazetteer_person(chunk, *self._extend_given_name(toks, k, j), e, None)
                else:
                    self.acts.add(_entry_actor(e, self.doc.published), toks[k].start, toks[j].end)
                k = j + 1
                continue
            k += 1

    def _abbreviations(self, sent: Sentence) -> None:
        """One-syllable state names in compounds: 한미, 북·러, 한·미·일, 남북, 미중; 북측, 남측 ('the X side');
        대북, 대러 ('toward X', as in 대북 제재). Each syllable is a mention of its state."""
        abbr = gazetteer.abbreviations("ko")
        not_states = lexicon.words("abbreviations.tsv")
        text = self.text
        for m in _abbr_pattern().finditer(text, sent.start, sent.end):
            word = m.group("word")
            start = m.start("word")
            if any(start <= t < m.end("word") for t in self.acts.taken):
                continue
            eojeol = _EOJEOL.match(text, start).group()
            if any(eojeol.startswith(n) for n in _abbreviation_lookalikes()) or \
                    any(eojeol.startswith(w) for w in not_states):
                continue   # 북한, 남한 are names; 중남미 is not three states
            letters = [(start + i, c) for i, c in enumerate(word) if c in abbr]
            if m.group("prefix") == "대" and not (word in ("북", "남", "러") or m.group("policy")):
                continue   # 대중 'the public', 대미 'the finale': only toward-X before a policy word
            if len(letters) == 1 and not (m.group("side") or m.group("prefix")):
                continue
            if not _SEPARATOR.search(word) and not all(c in _GLUED for _, c in letters):
                continue   # glued compounds only of the seven everyday ones (우호 is friendship)
            if len({c for _, c in letters}) != len(letters):
                continue   # 일일 'daily', 미미 'slight'
            for pos, c in letters:
                e = gazetteer.get(abbr[c])
                if e is not None:
                    self.acts.add(_entry_actor(e, self.doc.published), pos, pos + 1)
                    self.acts.taken.add(pos)

    def _extend_given_name(self, toks: list[Token], i: int, j: int) -> tuple[int, int]:
        """'세르게이 러브로프' where only the surname is a known spelling: take the given name along."""
        if i > 0 and toks[i - 1].tag in ("NNP", "NNG") and (i - 1) not in self.hits and is_hangul(toks[i - 1].form) \
                and squeeze(toks[i - 1].form) not in lexicon.titles() and not posting_marker(toks[i - 1]) \
                and toks[i - 1].start not in self.acts.taken and len(toks[i - 1].form) >= 2 \
                and toks[i - 1].form not in lexicon.org_heads():
            return i - 1, j
        return i, j

    def _orphan_appositives(self) -> None:
        """A verbless fragment naming a post ('랜드 연구소 수석 방어 분석가') right after a person who has
        no affiliation yet describes that person (a common break in scraped and translated copy)."""
        last_person: Actor | None = None
        for sent in self.doc.sentences:
            finite = any(t.tag == "EF" for t in sent.tokens)
            if not finite and last_person is not None and last_person.country is None:
                for chunk in noun_chunks(sent, self.text):
                    orgs = [self.actor_at(t.start) for t in chunk.tokens]
                    org = next((a for a in orgs if a is not None and a.kind == "organization" and a.country), None)
                    has_title = any(title_at(self.text, chunk.tokens, k) for k in range(len(chunk.tokens))) or \
                        any(t.form.endswith(("분석가", "연구원", "전문가", "교수")) for t in chunk.tokens)
                    if org and has_title:
                        last_person.affiliation = org.id
                        last_person.country = org.country
                        break
            for t in sent.tokens:
                a = self.actor_at(t.start)
                if a is not None and a.kind == "person":
                    last_person = a


# syllable classes of resources/ko/words.tsv
_TRANSLITERATION = lexicon.word_class("transliteration_syllable")
_GLUED = lexicon.word_class("glued_abbreviation")


def is_abbreviation_compound(form: str) -> bool:
    """'한미', '북·러', '한·미·일': a run of state abbreviations, not a name."""
    core = _SEPARATOR.sub("", form)
    return len(core) >= 2 and all(c in _GLUED for c in core)


@gazetteer.per_gazetteer()
def _abbreviation_lookalikes() -> tuple[str, ...]:
    """Names that begin like a compound of abbreviations (북한 = 북+한, 남한, 중국 …)."""
    abbr = gazetteer.abbreviations("ko")
    return tuple(n for n in gazetteer.aliases() if len(n) >= 2 and n[0] in abbr and n[1] in abbr)


@gazetteer.per_gazetteer()
def _abbr_pattern() -> re.Pattern[str]:
    chars = "".join(sorted(gazetteer.abbreviations("ko")))
    one = f"[{chars}]"
    policy = "정책|제재|외교|압박|수출|관계|무역|관세|견제|협상|지원|특사|담화|성명"
    return re.compile(
        rf"(?<![가-힣])(?P<prefix>대)?(?P<word>{one}(?:[·ㆍ\-]?{one}){{0,3}})"
        rf"(?:(?P<side>측)|(?=\s?(?P<policy>{policy}))|(?=[\s,·)”’'\"]|[가-힣]))")


def find_actors(doc: Document) -> list[Actor]:
    """Every actor named in the document, with every mention (offsets into doc.text)."""
    actors = _Finder(doc).run()
    for a in actors:
        a.mentions.sort(key=lambda m: m.start)
    return actors
