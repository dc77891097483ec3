"""Korean text segmented for search: Kiwi's content morphemes, lower-cased, joined by spaces.

Korean glues particles and endings to words (미사일을, 발사했다), so a word index over raw text misses
most matches; the morphemes that carry meaning (nouns, verb and adjective stems, roots, foreign
words, numbers; their universal tags are listed in resources/ko/upos.tsv) are indexed instead.
"""

from __future__ import annotations

import re

from sagwan.analyse.ko.kiwi import get_kiwi

# Kiwi tags whose morphemes carry meaning; particles (J*), endings (E*) and affixes are left out.
_CONTENT_TAG = re.compile(r"^(NN[GPB]|NR|NP|VV|VA|XR|SL|SH|SN|MAG)")
_WORD = re.compile(r"\w+")


def segment(text: str) -> str:
    """Content morphemes of `text`, lower-cased and joined by single spaces."""
    forms = []
    for token in get_kiwi().tokenize(text):
        tag = token.tag.split("-")[0]  # Kiwi marks irregular conjugations as VV-I, VA-R, ...
        if _CONTENT_TAG.match(tag):
            forms.extend(w.lower() for w in _WORD.findall(token.form))
    return " ".join(forms)
