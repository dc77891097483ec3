"""Turn a RawDocument into a Document (minimal first version: text passes through)."""

from __future__ import annotations

import re

from sagwan.model import Document, RawDocument

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _language(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "und"
    return "ko" if len(_HANGUL.findall(text)) / len(letters) > 0.3 else "en"


def clean(raw: RawDocument) -> Document:
    text = raw.body.strip()
    return Document(id=raw.id, source=raw.source, text=text, title=raw.title,
                    published=raw.published, language=_language(text))
