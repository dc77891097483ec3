"""Small facts about an input shared by the readers: its id and whether it is HTML."""

from __future__ import annotations

import hashlib
import re

_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


def doc_id(data: bytes) -> str:
    """Same source bytes, same id."""
    return hashlib.sha256(data).hexdigest()[:16]


def looks_like_html(text: str) -> bool:
    """Whether a text opens like an HTML page (`<!doctype html`, `<html`)."""
    return bool(_HTML_START.match(text[:4096]))
