"""Paragraphs, sentences and tokens of English text by rules (see the package docstring for why)."""

from __future__ import annotations

import re
from functools import cache

from sagwan import data
from sagwan.model import Token

_LINE = re.compile(r"[^\n]+")
# a sentence may end after . ! ? (and closing quotes/brackets) before a space and an opening that can
# start a sentence: a capital, a digit, or an opening quote/bracket
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_TOKEN_BODY = (
    r"(?:[^\W\d_]\.){2,}(?![^\W\d_])"            # U.S. U.N. a.m. D.C.
    r"|\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?(?![^\W_])"  # 2023, 3.5, 1990s, 19th, 10:30
    r"|[^\W\d_]+(?=n['’]t\b)"                     # do|n't (the negation is its own token)
    r"|n['’]t\b"
    r"|['’](?:s|re|ve|ll|d|m)\b"                 # clitics and the possessive
    r"|[^\W_][\w]*(?:[-–][\w]+)*(?:['’](?!s\b|re\b|ve\b|ll\b|d\b|m\b)[^\W\d_]+)*"  # words, Kim Jong-un, O'Brien
    r"|--|\.\.\.|…|\S"
)
_OPEN = "“‘"
_CLOSE = "”’"
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}$")


@cache
def abbreviations() -> frozenset[str]:
    return data.words("en/abbreviations.txt")


@cache
def _sentence_openers() -> frozenset[str]:
    from sagwan.analyse.en.tagger import closed_class

    return frozenset(w for w in closed_class() if w.isalpha())


def paragraphs(text: str):
    """(start, end) of each non-empty line: news paragraphs are lines in clean text."""
    for m in _LINE.finditer(text):
        if m.group().strip():
            yield m.start(), m.end()


def _ends_here(text: str, p_start: int, dot: int, nxt: int) -> bool:
    """Does the full stop at `dot` end the sentence? Not after a title, a month, an initial or a
    dotted abbreviation, unless (for U.S./U.N.) the next word is a function word that opens sentences."""
    if text[dot] != ".":
        return True
    k = dot
    while k > p_start and not text[k - 1].isspace() and text[k - 1] not in "(\"“‘":
        k -= 1
    word = text[k:dot]
    if word in abbreviations():
        return False
    if len(word) == 1 and word.isupper():
        return False                       # an initial: John F. Kennedy
    if _DOTTED.match(word + "."):
        m = re.match(r"[\"“‘(]*([A-Za-z]+)", text[nxt:nxt + 20])
        return bool(m) and m.group(1).lower() in _sentence_openers()
    return True


def sentences(text: str, p_start: int, p_end: int):
    """(start, end) of the sentences of one paragraph; a quotation stays in one sentence."""
    start = p_start
    depth = 0
    straight = 0
    pos = p_start
    for m in _END.finditer(text, p_start, p_end):
        chunk = text[pos:m.end()]
        depth = max(0, depth + sum(chunk.count(c) for c in "“") - sum(chunk.count(c) for c in "”"))
        straight += chunk.count('"')
        pos = m.end()
        if depth or straight % 2:
            continue
        nxt = m.end()
        while nxt < p_end and text[nxt].isspace():
            nxt += 1
        if not _ends_here(text, p_start, m.start(), nxt):
            continue
        yield _trim(text, start, m.end())
        start = nxt
    if text[start:p_end].strip():
        yield _trim(text, start, p_end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_TOKEN = re.compile(_TOKEN_BODY)


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of text[start:end] with absolute offsets; tags are filled by the tagger. An abbreviation
    keeps its full stop ("Mr.", "Gen.", "Oct."): one look-up per full stop, not an alternation of every
    abbreviation tried at every position."""
    abbr = abbreviations()
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        form = m.group()
        if form == "." and out and out[-1].end == m.start() and out[-1].form in abbr:
            prev = out[-1]
            prev.form += "."
            prev.end = m.end()
            continue
        out.append(Token(form, "", m.start(), m.end()))
    return out
