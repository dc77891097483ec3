"""Kiwi, built once per process, fed with the gazetteer; paragraphs -> sentences -> morphemes.

Measured (shared/research/korean_nlp.md): Kiwi merges sentences across blank lines and gets
superlinear on long inputs, so each paragraph is analysed on its own; a quotation that Kiwi
cuts into several sentences is joined back between its marks.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from sagwan import gazetteer
from sagwan.model import Document, Sentence, Token

log = logging.getLogger(__name__)

# A user word must look like a name: at least two syllables, or letters/digits (VOA, G7).
_NAMEISH = re.compile(r"^(?:[\uac00-\ud7a3]{2,}|[A-Za-z][\w.&'-]+)(?: [\w.&'-]+)*$")
_LINE = re.compile(r"[^\n]+")
_OPEN_QUOTES = "“「『"
_CLOSE_QUOTES = "”」』"
_MAX_PIECE = 4000                # characters of one paragraph per Kiwi call (a news paragraph is < 1,000)
_PIECE_END = re.compile(r"[.!?。][\"”’'」』)]*\s+")


def _add_gazetteer(kiwi) -> int:
    """Give Kiwi every gazetteer name, so multi-word names stay one token carrying the id."""
    n = 0
    for e in gazetteer.entries().values():
        ordinary = set(e.ambiguous.get("ko", ()))
        names = e.names_in("ko")
        for surface in names:
            # names that are also ordinary words (인도 'hand over', 수단 'means') are left to Kiwi's own
            # analysis; the matcher accepts them only where Kiwi reads a proper noun
            if not _NAMEISH.match(surface) or surface in ordinary:
                continue
            # score 10 makes the user entry win over Kiwi's own analysis (김정은 -> one NNP with the id)
            if kiwi.add_user_word(surface, "NNP", 10.0, user_value={"id": e.id}):
                n += 1
        for pattern in e.patterns.get("ko", ()):
            kiwi.add_re_word(pattern, "NNP", user_value={"id": e.id})
        titles = sorted(set(e.titles_in("ko")), key=len, reverse=True)
        for surface in ordinary & set(names):
            if e.kind == "person" and titles:
                # '왕이 외교부장': an ordinary word ('왕이' = king + subject) is the name before the person's title
                alts = "|".join(re.escape(t) for t in titles)
                kiwi.add_re_word(rf"{re.escape(surface)}(?=\s?(?:{alts}))", "NNP", user_value={"id": e.id})
    # '주한 미국 대사' (the US ambassador posted in Korea): Kiwi reads 주한 as the verb 주하다
    for abbr in [*gazetteer.abbreviations("ko"), "유엔"]:
        kiwi.add_user_word("주" + abbr, "NNG", 10.0)
    return n


@gazetteer.per_gazetteer(keep=1)
def get_kiwi():
    """The process's one Kiwi, built on first use (about 2 s and 500 MB), and again when the user
    dictionaries change (their names are Kiwi's user words). The cache is thread-safe: threads that
    ask at once wait for the one being built."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi(num_workers=-1)  # -1: single-threaded, as documented since kiwipiepy 0.21
    n = _add_gazetteer(kiwi)
    log.info("Kiwi ready with %d gazetteer words", n)
    return kiwi


def _paragraphs(text: str):
    """(start, end) of each non-empty line: news paragraphs are lines in clean text."""
    for m in _LINE.finditer(text):
        if m.group().strip():
            yield m.start(), m.end()


def _join_quotes(sents: list[Sentence], text: str) -> list[Sentence]:
    """Merge sentences that Kiwi cut inside an open quotation mark."""
    out: list[Sentence] = []
    depth = 0
    for s in sents:
        if out and depth > 0 and out[-1].paragraph == s.paragraph:
            prev = out[-1]
            prev.end = s.end
            prev.tokens.extend(s.tokens)
        else:
            out.append(s)
        chunk = text[s.start:s.end]
        depth += sum(chunk.count(c) for c in _OPEN_QUOTES) - sum(chunk.count(c) for c in _CLOSE_QUOTES)
        depth = max(depth, 0)
    return out


def _continues(prev: Sentence, nxt: Sentence, text: str) -> bool:
    """Kiwi cut a sentence that goes on: the first part has no closing punctuation ("… 만든다 그렇다고 …"),
    or the second part starts with a particle or an ending (translated copy: "… 높인다. 와 같이 …")."""
    if prev.paragraph != nxt.paragraph:
        return False
    last = prev.tokens[-1]
    first = nxt.tokens[0]
    if last.tag not in ("SF", "SSC", "SE") and text[last.end:nxt.start].strip() == "":
        return True
    return first.tag.startswith(("J", "E", "XS", "VX", "VCP")) or first.tag in ("IC", "SF")


def _repair(sents: list[Sentence], text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for s in sents:
        if out and _continues(out[-1], s, text):
            out[-1].end = s.end
            out[-1].tokens.extend(s.tokens)
        else:
            out.append(s)
    return out


def _tokenized(kiwi, para: str):
    """(offset, Kiwi sentence) over a paragraph fed to Kiwi in pieces of at most _MAX_PIECE characters, cut
    after a sentence end (else a space): Kiwi's time grows faster than a paragraph's length, and one call
    into it cannot be interrupted by the time budget (sagwan.budget)."""
    start = 0
    while start < len(para):
        end = len(para) if len(para) - start <= _MAX_PIECE else _cut(para, start, start + _MAX_PIECE)
        for sent in kiwi.tokenize(para[start:end], split_sents=True):
            yield start, sent
        start = end


def _cut(para: str, start: int, limit: int) -> int:
    ends = [m.end() for m in _PIECE_END.finditer(para, start + _MAX_PIECE // 2, limit)]
    return ends[-1] if ends else (para.rfind(" ", start + 1, limit) + 1 or limit)


@cache
def universal_tag(tag: str) -> str:
    """The universal part of speech of a Kiwi tag (resources/ko/upos.tsv; VV-I reads as VV; SYM when unlisted)."""
    from sagwan.extract.ko.lexicon import upos

    return upos().get(tag.split("-")[0], "SYM")


def analyse(doc: Document) -> Document:
    """Fill doc.sentences with Kiwi sentences and morphemes; offsets index doc.text."""
    kiwi = get_kiwi()
    upos = universal_tag
    sentences: list[Sentence] = []
    for pno, (p_start, p_end) in enumerate(_paragraphs(doc.text)):
        para = doc.text[p_start:p_end]
        para_sents: list[Sentence] = []
        for off, kiwi_sent in _tokenized(kiwi, para):
            tokens = [
                Token(t.form, t.tag, p_start + off + t.start, p_start + off + t.start + t.len,
                      (t.user_value or {}).get("id") if isinstance(t.user_value, dict) else None, upos(t.tag))
                for t in kiwi_sent
            ]
            if not tokens:
                continue
            para_sents.append(Sentence(tokens[0].start, tokens[-1].end, pno, tokens))
        # a quote that stays open to the end of a paragraph closes there
        sentences.extend(_repair(_join_quotes(para_sents, doc.text), doc.text))
    doc.sentences = sentences
    return doc
