"""Bytes -> text: UTF-8 (with or without BOM), UTF-16/32 with BOM, CP949/EUC-KR, others by detection.

Binary input (NUL bytes without a UTF-16/32 BOM, control characters, or no encoding that fits) is
refused with an InputError naming the file. The text comes back NFC-normalised: Hangul typed or
saved as decomposed jamo (NFD) compares equal to the usual syllables.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from sagwan.errors import InputError

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MIN_HANGUL_SHARE = 0.8          # of non-ASCII characters, for a CP949 reading to be believed


def _korean_legacy(data: bytes) -> str | None:
    """CP949 (a superset of EUC-KR) when it decodes and reads as Hangul: detectors misjudge short Korean."""
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return None
    non_ascii = len(_NON_ASCII.findall(text))
    return text if non_ascii and len(_HANGUL.findall(text)) / non_ascii >= _MIN_HANGUL_SHARE else None


# Without a BOM, a UTF-16/32 or EBCDIC "detection" of bytes that are not UTF-8 is noise, not text.
_NOT_GUESSED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le",
                "cp037", "cp273", "cp500", "cp875", "cp1026", "cp1140"]


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_exclusion=_NOT_GUESSED).best()
    return str(best) if best is not None else None


def decode(data: bytes, source: str) -> str:
    """The text of `data`, NFC-normalised; InputError when it is not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(source, f"starts with a {codec} byte-order mark but is not valid {codec}") from None
            break
    else:
        if b"\x00" in data:
            raise InputError(source, "binary file (it contains NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _korean_legacy(data) or _detected(data)
            if text is None:
                raise InputError(source, "binary or undecodable: no text encoding fits (save it as UTF-8)") from None
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise InputError(source, "binary file (too many control characters), not text")
    return unicodedata.normalize("NFC", text)
