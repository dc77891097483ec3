"""Universal part of speech and lemma for English tokens: closed classes from a data file, open
classes from lemminflect's lookup tables, and a few word-order rules to choose between them."""

from __future__ import annotations

from functools import cache, lru_cache

from sagwan import data
from sagwan.model import Token

# preferred reading when lemminflect offers several and the context does not decide
_ORDER = ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "AUX")
_NOMINAL_BEFORE = frozenset({"DET", "ADJ", "NUM"})   # "the talks", "new sanctions", "two visits"
_VERBAL_BEFORE = frozenset({"AUX", "PART"})          # "will visit", "to visit", "not visit"
_POSSESSIVES = frozenset({"its", "his", "her", "their", "our", "my", "your", "'s", "’s"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which"})


@cache
def closed_class() -> dict[str, str]:
    return {r["word"]: r["upos"] for r in data.table("en/closed_class.tsv", ("word", "upos"))}


@cache
def _demonym_words() -> frozenset[str]:
    """The last words of the demonyms in resources/en/demonyms.tsv ("Korean", "Russian", "Ukrainian")."""
    return frozenset(r["demonym"].split()[-1] for r in data.table("en/demonyms.tsv", ("demonym",)))


@lru_cache(maxsize=200_000)
def _readings(lower: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return getAllLemmas(lower)


@lru_cache(maxsize=50_000)
def _oov(lower: str) -> tuple[str, str]:
    """Part of speech and lemma of a word lemminflect does not know, by its ending."""
    from lemminflect import getAllLemmasOOV

    if lower.endswith("ly"):
        return "ADV", lower
    upos = "VERB" if lower.endswith(("ed", "ing")) else "NOUN"
    got = getAllLemmasOOV(lower, upos).get(upos)
    return upos, got[0] if got else lower


def lemma_of(form: str, upos: str) -> str:
    lower = form.lower()
    got = _readings(lower).get(upos)
    return got[0] if got else lower


def _choose(options: dict[str, tuple[str, ...]], prev: Token | None, lower: str) -> str:
    if len(options) == 1:
        return next(iter(options))
    if prev is not None:
        pl = prev.form.lower()
        if (prev.tag in _NOMINAL_BEFORE or pl in _POSSESSIVES) and "NOUN" in options:
            return "NOUN"
        if (prev.tag in _VERBAL_BEFORE or pl in _SUBJECT_PRONOUNS) and "VERB" in options:
            return "VERB"
        if prev.tag == "PROPN" and prev.form in _demonym_words() and "NOUN" in options:
            return "NOUN"     # "a Ukrainian border post": a demonym modifies a noun
        if prev.tag == "PROPN" and "VERB" in options and not lower.endswith("ss"):
            return "VERB"     # "Moscow denied", "Seoul condemns", "Chile and Peru hold": a name, then its verb
    if lower.endswith("ed") and "VERB" in options:
        return "VERB"
    return next(u for u in (*_ORDER, *options) if u in options)


def tag_sentence(toks: list[Token]) -> None:
    """Set tag (UPOS) and lemma on each token of one sentence, in place."""
    closed = closed_class()
    prev: Token | None = None
    for i, t in enumerate(toks):
        form = t.form
        lower = form.lower()
        c = form[0]
        if not c.isalnum():
            t.tag, t.lemma = ("PART", "'s") if lower in ("'s", "’s") else ("PUNCT", form)
        elif c.isdigit():
            t.tag, t.lemma = "NUM", form
        elif lower in closed and not (c.isupper() and i > 0 and lower not in ("i",)
                                      and prev is not None and prev.tag == "PROPN"):
            t.tag = closed[lower]
            t.lemma = lemma_of(form, "AUX") if t.tag == "AUX" else lower
            if lower in ("n't", "n’t"):
                t.lemma = "not"
        elif c.isupper() and (i > 0 and not _after_opening(toks, i) or not _readings(lower)
                              or _name_follows(toks, i, closed)):
            t.tag, t.lemma = "PROPN", form
        else:
            options = _readings(lower)
            if options:
                t.tag = _choose(options, prev, lower)
                t.lemma = options[t.tag][0]
            else:
                t.tag, t.lemma = _oov(lower)
        t.upos = t.tag        # the English tag set is the universal one
        # "will never give", "has also sent": the reading looks past an adverb to the auxiliary
        if not (t.tag == "ADV" and prev is not None and prev.tag in ("AUX", "PART")):
            prev = t


def _name_follows(toks: list[Token], i: int, closed: dict[str, str]) -> bool:
    """A capitalised word opening a sentence before another capitalised word is a name ("Sung Ji-won
    said"), unless it is a function word ("The Kremlin") or the next one is a title."""
    if i + 1 >= len(toks) or toks[i].form.lower() in closed:
        return False
    nxt = toks[i + 1].form
    return nxt[:1].isupper() and nxt.lower() not in closed


def _after_opening(toks: list[Token], i: int) -> bool:
    """A capital after an opening quote or bracket starts a sentence of its own (a quotation)."""
    return toks[i - 1].form in ("\"", "“", "‘", "(", "--", "—", ":")
