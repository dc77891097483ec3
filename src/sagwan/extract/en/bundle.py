"""The English bundle: rule analysis with lemminflect's tables (analyse/en), the English readers and
lexicons (resources/en/)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

from sagwan.extract.core.protocol import LanguageBundle
from sagwan.model import Document

# One number per component (extract.core.COMPONENTS); bump it whenever that component's output can change.
VERSIONS = {"analyse": 1, "dates": 1, "actors": 1, "quotes": 1, "events": 1}
# An invented sentence: coding it makes a worker load everything a real document needs.
SAMPLE = "Ruritania's foreign minister met officials in Moscow on Monday, the ministry said.\n"
_WORD = re.compile(r"\w+")


def _on_first_use(module: str, name: str) -> Callable[[Document], Document]:
    """The function `module.name`, imported when first called (registering the bundle loads nothing)."""
    def run(doc: Document) -> Document:
        return getattr(importlib.import_module(module), name)(doc)
    return run


def _segment(text: str) -> str:
    """Search words: lower-cased word tokens (English needs no morphological segmentation to be found)."""
    return " ".join(w.lower() for w in _WORD.findall(text))


BUNDLE = LanguageBundle(language="en", name="English", versions=VERSIONS,
                        analyse=_on_first_use("sagwan.analyse.en", "analyse"),
                        extract=_on_first_use("sagwan.extract.en", "extract_all"),
                        segment=_segment, sample=SAMPLE)
