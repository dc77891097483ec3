"""The one resource reader, and the universal tags tokens carry."""

from __future__ import annotations

import pytest

import sagwan
from sagwan import data
from sagwan.errors import ConfigError
from sagwan.model import UPOS


@pytest.fixture
def fake_resource(monkeypatch):
    """Serve invented file contents for resource names starting with 'test/'."""
    files: dict[str, str] = {}
    real = data._text
    monkeypatch.setattr(data, "_text", lambda name: files[name] if name in files else real(name))
    for f in (data.table, data.words, data.word_classes, data.read_json):
        f.cache_clear()
    yield files
    for f in (data.table, data.words, data.word_classes, data.read_json):
        f.cache_clear()


def test_comments_and_blank_lines_are_skipped_in_every_format(fake_resource):
    fake_resource["test/a.tsv"] = "# a note\nword\tclass\tnote\n\n  # indented note\n가\tx\tfirst\n나\ty\t\n"
    fake_resource["test/b.txt"] = "# names\n가 나\n다\n"
    assert data.table("test/a.tsv") == ({"word": "가", "class": "x", "note": "first"},
                                        {"word": "나", "class": "y", "note": ""})
    assert data.word_classes("test/a.tsv") == {"x": frozenset({"가"}), "y": frozenset({"나"})}
    assert data.words("test/b.txt") == frozenset({"가", "나", "다"})


def test_a_bad_resource_file_names_the_file_and_the_line(fake_resource):
    fake_resource["test/bad.tsv"] = "# note\nword\tclass\tnote\n가\tx\tfine\n나\tx\n"
    with pytest.raises(ConfigError, match=r"resources/test/bad\.tsv:4: 2 tab-separated cell"):
        data.table("test/bad.tsv")
    fake_resource["test/header.tsv"] = "word\tnote\n가\tx\n"
    with pytest.raises(ConfigError, match=r"resources/test/header\.tsv:1: header lacks column\(s\) class"):
        data.word_classes("test/header.tsv")
    fake_resource["test/bad.json"] = '{\n "a": 1,\n}\n'
    with pytest.raises(ConfigError, match=r"resources/test/bad\.json:3: not valid JSON"):
        data.read_json("test/bad.json")
    with pytest.raises(ConfigError, match="no word of class 'z'"):
        fake_resource["test/c.tsv"] = "word\tclass\tnote\n가\tx\t\n"
        data.word_class("test/c.tsv", "z")


def test_tokens_carry_universal_tags_from_the_table():
    from sagwan.analyse.ko import analyse
    from sagwan.model import Document

    doc = analyse(Document(id="t", source="t", text="가상국 외무장관은 ICBM 2발을 규탄했다.", language="ko"))
    toks = [t for s in doc.sentences for t in s.tokens]
    assert all(t.upos in UPOS for t in toks)
    by_form = {t.form: t.upos for t in toks}
    assert by_form["ICBM"] == "X" and by_form["2"] == "NUM" and by_form["."] == "PUNCT"
    assert by_form["은"] == "ADP" and by_form["규탄"] == "NOUN"


def test_every_korean_tag_maps_to_a_universal_one():
    from sagwan.extract.ko.lexicon import upos

    assert set(upos().values()) <= set(UPOS)
    assert sagwan.extract("북한은 오늘 성명을 발표했다.")["coder"].startswith("sagwan-ko/")
