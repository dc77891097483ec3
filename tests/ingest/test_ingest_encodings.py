"""Encodings: UTF-8 with and without BOM, CP949/EUC-KR, UTF-16 with BOM; NFC normalisation."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from sagwan.ingest import read_sources
from sagwan.model import RawDocument

TEXT = "북한과 러시아는 정상회담을 열었다.\n중국은 논평하지 않았다.\n"


def _read(path) -> RawDocument:
    [item] = read_sources([str(path)])
    assert isinstance(item, RawDocument), item
    return item


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr", "utf-16", "utf-16-le-bom",
                                      "utf-16-be-bom", "utf-32"])
def test_each_encoding_decodes_to_the_same_text(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    if encoding == "utf-16-le-bom":
        path.write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    elif encoding == "utf-16-be-bom":
        path.write_bytes(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"))
    else:
        path.write_bytes(TEXT.encode(encoding))
    assert _read(path).body == TEXT


def test_a_short_cp949_text_is_still_read_as_korean(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("가".encode("cp949"))
    assert _read(path).body == "가"


def test_cp949_only_hangul_beyond_euc_kr(tmp_path):
    # 똠 is in CP949 but not in EUC-KR's 2,350 syllables
    path = tmp_path / "ttom.txt"
    path.write_bytes("똠얌꿍을 먹었다.".encode("cp949"))
    assert _read(path).body == "똠얌꿍을 먹었다."


def test_a_latin_1_text_is_not_misread_as_korean(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le président a déclaré que la réunion était terminée.".encode("latin-1"))
    body = _read(path).body
    assert "président" in body and "déclaré" in body


def test_decomposed_hangul_becomes_nfc(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", TEXT), encoding="utf-8")
    body = _read(path).body
    assert body == TEXT
    assert unicodedata.is_normalized("NFC", body)


def test_the_id_depends_on_the_bytes_not_the_decoded_text(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(TEXT.encode("utf-8"))
    b.write_bytes(TEXT.encode("cp949"))
    assert _read(a).body == _read(b).body
    assert _read(a).id != _read(b).id
