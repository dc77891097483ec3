"""The language-neutral coder core: what every language shares (see protocol.py and README.md).

Nothing here knows a word of any language or a tag of any analyser; language bundles
(`sagwan.extract.ko`, ...) supply those through the protocol in `protocol.py`.
"""

from sagwan.extract.core.protocol import (
    COMPONENTS,
    Argument,
    ClauseReader,
    Cue,
    DatePatterns,
    DateSurface,
    LanguageBundle,
    NamePatterns,
    Trigger,
)

__all__ = [
    "COMPONENTS", "Argument", "ClauseReader", "Cue", "DatePatterns", "DateSurface", "LanguageBundle",
    "NamePatterns", "Trigger",
]
