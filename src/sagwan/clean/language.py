"""The language of a body text, as an ISO 639-1 code.

Hangul decides Korean at once; otherwise lingua, built once with a short list of the languages this
project meets (a short list keeps it small, fast and rule-based for Latin script).
"""

from __future__ import annotations

import re
from functools import cache

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_HANGUL_SHARE = 0.3              # of the letters; Korean news quotes English names, so not 0.5
_SAMPLE = 2000                   # characters looked at: enough to decide, cheap on long texts
# lingua's share of it: its cost grows with the text, and 1,000 characters of prose decide among the five
_LINGUA_SAMPLE = 1000


@cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = (Language.KOREAN, Language.ENGLISH, Language.JAPANESE, Language.CHINESE, Language.RUSSIAN)
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str | None:
    """"ko", "en", "ja", "zh", "ru", or None when the text has no letters."""
    sample = text[:_SAMPLE]
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return None
    if len(_HANGUL.findall(sample)) / letters > _HANGUL_SHARE:
        return "ko"
    found = _detector().detect_language_of(sample[:_LINGUA_SAMPLE])
    return found.iso_code_639_1.name.lower() if found else None
