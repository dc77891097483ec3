"""Korean text segmented for search: Kiwi's content morphemes, lower-cased, joined by spaces.

Korean glues particles and endings to words (미사일을, 발사했다), so a word index over raw text misses
most matches; the morphemes that carry meaning (nouns, verb and adjective stems, roots, foreign
words, numbers: read by their universal tags, resources/ko/upos.tsv) are indexed instead.
"""

from __future__ import annotations

import re

from sagwan.analyse.ko.kiwi import get_kiwi, universal_tag

# Universal tags of the morphemes that carry meaning; particles, endings, affixes and punctuation are left out.
CONTENT_UPOS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "VERB", "ADJ", "ADV", "X"})
_WORD = re.compile(r"\w+")


def segment(text: str) -> str:
    """Content morphemes of `text`, lower-cased and joined by single spaces."""
    forms = []
    for token in get_kiwi().tokenize(text):
        if universal_tag(token.tag) in CONTENT_UPOS:
            forms.extend(w.lower() for w in _WORD.findall(token.form))
    return " ".join(forms)
