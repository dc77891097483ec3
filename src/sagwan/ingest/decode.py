"""Bytes -> text: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without one, CP949/EUC-KR,
others by detection.

UTF-16 without a BOM is told by its text: read either way, one reading is (almost) all letters,
digits, spaces and punctuation. UTF-8 with a few bad bytes (a broken copy) is read with each bad
byte as U+FFFD, and the log says where they are. Binary input (NUL bytes that are no UTF-16,
control characters, or no encoding that fits) is refused with an InputError naming the file and,
for bytes that are no UTF-8, where the first bad byte is. The text comes back NFC-normalised: Hangul typed or
saved as decomposed jamo (NFD) compares equal to the usual syllables.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from sagwan.errors import InputError

log = logging.getLogger(__name__)

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


# Characters text is made of: ASCII letters, digits, punctuation and spaces, Latin letters, Hangul (syllables
# and jamo), CJK ideographs and punctuation, general punctuation, full-width forms.
_TEXTLIKE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u1100-\u11ff\u2000-\u206f\u3000-\u303f"
                       r"\u3130-\u318f\u4e00-\u9fff\uac00-\ud7a3\uff00-\uffef]")
_MIN_TEXTLIKE_SHARE = 0.95
_MAX_BAD_UTF8_SHARE = 0.005      # more bad bytes than this and it is no broken UTF-8 but another encoding
_MAX_BAD_UTF8 = 64
_LOCATED = 3                     # bad bytes a message names


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of BOM-less UTF-16 (little- or big-endian) when one reading is plainly text."""
    if len(data) < 4 or len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(_TEXTLIKE.findall(text)) >= _MIN_TEXTLIKE_SHARE * len(text) and (_HANGUL.search(text) or " " in text):
            return text
    return None


def _bad_utf8(data: bytes) -> list[int]:
    """Byte offsets where UTF-8 decoding fails (up to _MAX_BAD_UTF8 + 1 of them)."""
    bad: list[int] = []
    start = 0
    while len(bad) <= _MAX_BAD_UTF8:
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            bad.append(start + exc.start)
            start += exc.end
    return bad


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"byte {offset} (line {line}, column {column}: 0x{data[offset]:02x})"


def _broken_utf8(data: bytes, source: str) -> str | None:
    """UTF-8 with a few bad bytes, each read as U+FFFD; the log names where they are."""
    bad = _bad_utf8(data)
    if not bad or len(bad) > max(16, min(_MAX_BAD_UTF8, int(_MAX_BAD_UTF8_SHARE * len(data)))):
        return None
    if len(_NON_ASCII.findall(data.decode("utf-8", "ignore"))) < 10 * len(bad):
        return None  # few valid multi-byte characters: nothing says this is UTF-8
    log.warning("%s: %d byte(s) are not UTF-8, read as U+FFFD: at %s%s", source, len(bad),
                ", ".join(_where(data, b) for b in bad[:_LOCATED]), " …" if len(bad) > _LOCATED else "")
    return data.decode("utf-8", "replace")


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
            text = _utf16_without_bom(data)
            if text is None:
                raise InputError(source, "binary file (it contains NUL bytes), not text")
            log.info("%s: read as UTF-16 without a byte-order mark", source)
        else:
            text = _undeclared(data, source)
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise InputError(source, "binary file (too many control characters), not text")
    return unicodedata.normalize("NFC", text)


def _undeclared(data: bytes, source: str) -> str:
    """Bytes without a BOM or NULs: UTF-8, then CP949, broken UTF-8, UTF-16, what a detector finds."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = _korean_legacy(data) or _broken_utf8(data, source) or _utf16_without_bom(data) or _detected(data)
    if text is None:
        raise InputError(source, f"undecodable: not UTF-8 (first bad {_where(data, first_bad)}) and no other "
                                 "text encoding fits; save it as UTF-8, or it is binary")
    return text
