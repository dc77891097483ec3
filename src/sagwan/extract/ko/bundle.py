"""The Korean bundle: Kiwi's analysis, the Korean readers and lexicons (resources/ko/)."""

from __future__ import annotations

import re

from sagwan.extract.core.protocol import LanguageBundle
from sagwan.model import Document

# One number per component (extract.core.COMPONENTS); bump it whenever that component's output can change.
VERSIONS = {"analyse": 1, "dates": 1, "actors": 1, "quotes": 1, "events": 1}
# An invented sentence: coding it makes a worker load everything a real document needs.
SAMPLE = "북한은 오늘 성명을 발표했다.\n"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_WORD = re.compile(r"\w+")


def _analyse(doc: Document) -> Document:
    from sagwan.analyse.ko import analyse

    return analyse(doc)


def _extract(doc: Document) -> Document:
    from sagwan.extract.ko import extract_all

    return extract_all(doc)


def _segment(text: str) -> str:
    if not _HANGUL.search(text):
        return " ".join(w.lower() for w in _WORD.findall(text))  # no Hangul: no need to load Kiwi
    from sagwan.analyse.ko.segment import segment

    return segment(text)


def _claims(text: str) -> bool:
    return _HANGUL.search(text) is not None


BUNDLE = LanguageBundle(language="ko", name="Korean", versions=VERSIONS, analyse=_analyse, extract=_extract,
                        segment=_segment, sample=SAMPLE, claims=_claims)
