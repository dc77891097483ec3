"""How an input is named in records, failures and messages: always valid UTF-8.

A file name is bytes on POSIX; Python hands undecodable bytes over as lone surrogates
("surrogateescape"), which cannot be written as UTF-8 (JSON, SQLite, the terminal). The path used
to open the file keeps them; the name shown and stored spells each such byte as \\xNN instead.
Text from JSON may carry a lone surrogate too ("\\ud800"): it is replaced by U+FFFD, one character
for one, so that every offset into the text stays where it was.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def display_name(path: str) -> str:
    """`path` as valid UTF-8 text: undecodable file-name bytes spelled as \\xNN."""
    if not _SURROGATE.search(path):
        return path
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte (from "\\ud800" in JSON)
        return without_surrogates(path)


def has_surrogates(text: str) -> bool:
    return bool(_SURROGATE.search(text))


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (same length, same offsets)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
