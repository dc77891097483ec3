"""Noun chunks and gazetteer look-ups over Kiwi morphemes: the ground the Korean extractors stand on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sagwan import gazetteer
from sagwan.extract.ko import lexicon
from sagwan.model import Sentence, Token

NOMINAL = frozenset({"NNG", "NNP", "NNB", "NR", "SL", "SH", "SN", "XPN", "XSN"})
NAME_TAGS = frozenset({"NNP", "SL", "SH"})
SUBJECT = frozenset({"JKS", "JX"})          # 이/가, 은/는 (topic marks the agent in news prose)
_HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")


@dataclass
class Chunk:
    """A run of nominal morphemes separated by nothing but spaces ("북한 박서진 유엔 대표")."""

    tokens: list[Token]
    index: int                # index of the first token in its sentence
    sentence: Sentence

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    def after(self, n: int = 0) -> Token | None:
        """The n-th morpheme after the chunk, in its sentence."""
        k = self.index + len(self.tokens) + n
        return self.sentence.tokens[k] if k < len(self.sentence.tokens) else None

    def before(self) -> Token | None:
        return self.sentence.tokens[self.index - 1] if self.index > 0 else None


def noun_chunks(sentence: Sentence, text: str) -> list[Chunk]:
    chunks: list[Chunk] = []
    run: list[Token] = []
    first = 0
    for i, tok in enumerate(sentence.tokens):
        joinable = run and not text[run[-1].end:tok.start].strip()
        if tok.tag in NOMINAL and tok.form != "것":
            if run and not joinable:
                chunks.append(Chunk(run, first, sentence))
                run = []
            if not run:
                first = i
            run.append(tok)
        elif run:
            chunks.append(Chunk(run, first, sentence))
            run = []
    if run:
        chunks.append(Chunk(run, first, sentence))
    return chunks


def surface(text: str, tokens: list[Token]) -> str:
    return text[tokens[0].start:tokens[-1].end]


def squeeze(s: str) -> str:
    return s.replace(" ", "")


@gazetteer.per_gazetteer()
def _ambiguous() -> frozenset[str]:
    """Korean names that are also ordinary words (인도 'hand over', 수단 'means'): need an NNP reading.
    A name shared by several bodies (국방부) is not one of them: the context picks the body."""
    names = gazetteer.aliases()
    out: set[str] = set()
    for e in gazetteer.entries().values():
        out.update(a for a in e.ambiguous.get("ko", ()) if len(names.get(a, ())) <= 1)
    return frozenset(out)


def _pick(ids: tuple[str, ...], text: str, tokens: list[Token], i: int) -> gazetteer.Entry | None:
    """Of several bodies with one name ('국방부'), the one of the state named right before it
    ('러시아 국방부'), else the first listed (the gazetteer lists the Korean press's default first)."""
    entries = [e for e in (gazetteer.get(x) for x in ids) if e is not None]
    if len(entries) > 1 and i > 0:
        prev = tokens[i - 1]
        state = prev.value or next(iter(gazetteer.aliases().get(prev.form, ())), None)
        for e in entries:
            if state and e.country == state:
                return e
    return entries[0] if entries else None


def gazetteer_match(text: str, tokens: list[Token], i: int) -> tuple[int, gazetteer.Entry] | None:
    """Longest gazetteer name starting at tokens[i] and ending on a morpheme boundary: (last index, entry)."""
    names = gazetteer.aliases()
    for j in range(min(i + 4, len(tokens) - 1), i - 1, -1):
        s = surface(text, tokens[i:j + 1])
        ids = names.get(s)
        if ids is None and " " in s:
            ids = names.get(squeeze(s))
        if ids is None and j == i and tokens[i].value:
            ids = (tokens[i].value,)
        if not ids:
            continue
        if j == i and s in _ambiguous() and tokens[i].tag != "NNP":
            continue
        if j == i and tokens[i].tag not in NOMINAL:
            continue
        entry = _pick(ids, text, tokens, i)
        if entry is not None:
            return j, entry
    return None


def title_at(text: str, tokens: list[Token], k: int) -> tuple[int, str, str, str] | None:
    """A title or role noun starting at tokens[k]: (last index, title, role, class); longest first."""
    known = lexicon.titles()
    for m in range(min(k + 3, len(tokens) - 1), k - 1, -1):
        s = squeeze(surface(text, tokens[k:m + 1]))
        if s not in known or tokens[m].tag not in ("NNG", "NNB", "NNP"):
            # a title that starts inside a multi-word name ('중국 외교부' + '장' = 외교부장)
            s = tokens[k].form.split()[-1] + squeeze(surface(text, tokens[k + 1:m + 1])) if m > k else ""
            if " " not in tokens[k].form or s not in known:
                continue
        nxt = tokens[m + 1] if m + 1 < len(tokens) else None
        if nxt is not None and nxt.tag == "NNG" and nxt.start == tokens[m].end:
            continue   # '기자회견': a compound noun, not the title 기자
        role, cls = known[s]
        return m, s, role, cls
    return None


def ends_with_title(word: str) -> tuple[str, str, str] | None:
    """'수석분석가' -> the title it ends with, for glued or modified titles."""
    known = lexicon.titles()
    for n in range(min(len(word), 6), 1, -1):
        if word[-n:] in known:
            return (word[-n:], *known[word[-n:]])
    return None


def is_hangul(s: str) -> bool:
    return bool(_HANGUL.match(s))


def posting_marker(tok: Token) -> bool:
    """주북, 주한, 주러시아: 'stationed in X', a modifier of envoys, never a name."""
    if not tok.form.startswith("주") or len(tok.form) < 2:
        return False
    rest = tok.form[1:]
    return rest in gazetteer.abbreviations("ko") or rest in gazetteer.aliases()
