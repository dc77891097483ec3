"""Inputs: a file, a directory (recursive), a glob, stdin, text in memory."""

from __future__ import annotations

import io
import sys

from sagwan.ingest import read_sources, read_text
from sagwan.model import Failure, RawDocument

KO = "필리핀 해안경비대는 순찰을 늘리겠다고 밝혔다.\n"
EN = "Australia and the Philippines held a joint patrol.\n"


def _docs(items):
    return [i for i in items if isinstance(i, RawDocument)]


def test_a_file_gives_one_document_with_its_path_as_source(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(KO, encoding="utf-8")
    [doc] = read_sources([str(f)])
    assert doc.source == str(f)
    assert doc.body == KO
    assert doc.format == "text"


def test_the_id_is_a_hash_of_the_bytes_stable_and_content_dependent(tmp_path):
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    a.write_text(KO, encoding="utf-8")
    b.write_text(KO, encoding="utf-8")
    c.write_text(EN, encoding="utf-8")
    ids = [d.id for d in read_sources([str(a), str(b), str(c)])]
    assert ids[0] == ids[1] != ids[2]
    assert ids[0] == next(iter(read_sources([str(a)]))).id


def test_a_directory_is_read_recursively_in_order_skipping_hidden_files(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(KO, encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.txt").write_text(EN, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(EN, encoding="utf-8")
    (tmp_path / ".git" / "config").write_text("[core]", encoding="utf-8")
    sources = [d.source for d in read_sources([str(tmp_path)])]
    assert sources == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt"),
                       str(tmp_path / "sub" / "deeper" / "c.txt")]


def test_a_glob_is_expanded_and_matches_only_what_it_says(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(EN, encoding="utf-8")
    sources = [d.source for d in read_sources([str(tmp_path / "x*.txt")])]
    assert sources == [str(tmp_path / "x1.txt"), str(tmp_path / "x2.txt")]


def test_a_recursive_glob_reaches_subfolders(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "top.txt").write_text(EN, encoding="utf-8")
    sources = [d.source for d in read_sources([str(tmp_path / "**" / "*.html")])]
    assert sources == [str(tmp_path / "a" / "b" / "deep.html")]


def test_stdin_is_read_for_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(KO.encode("cp949"))))
    [doc] = read_sources(["-"])
    assert doc.source == "<stdin>"
    assert doc.body == KO


def test_stdin_carrying_json_lines_gives_one_document_per_line(monkeypatch):
    lines = '{"text": "첫째 기사입니다."}\n{"text": "둘째 기사입니다."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8"))))
    docs = list(read_sources(["-"]))
    assert [d.source for d in docs] == ["<stdin>#L1", "<stdin>#L2"]
    assert [d.body for d in docs] == ["첫째 기사입니다.", "둘째 기사입니다."]


def test_html_is_known_by_extension_or_by_its_opening(tmp_path):
    page = "<p>no doctype here</p>"
    (tmp_path / "a.htm").write_text(page, encoding="utf-8")
    (tmp_path / "b.txt").write_text("  <!DOCTYPE html>\n<html><body><p>hi</p></body></html>", encoding="utf-8")
    (tmp_path / "c.txt").write_text("<b>bold</b> is a tag, but this is text", encoding="utf-8")
    formats = [d.format for d in read_sources([str(tmp_path)])]
    assert formats == ["html", "html", "text"]


def test_read_text_fills_fields_and_puts_the_rest_in_meta():
    raw = read_text("본문입니다.", source="memo", title="제목", published="2024-01-02", outlet="한빛통신")
    assert (raw.source, raw.title, raw.published, raw.format) == ("memo", "제목", "2024-01-02", "text")
    assert raw.meta == {"outlet": "한빛통신"}
    assert raw.id == read_text("본문입니다.").id
    assert read_text("<html><body></body></html>").format == "html"


def test_read_text_normalises_to_nfc():
    import unicodedata

    raw = read_text(unicodedata.normalize("NFD", "한국"))
    assert raw.body == "한국" and len(raw.body) == 2


def test_failures_do_not_stop_the_batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    items = list(read_sources([str(tmp_path / "missing.txt"), str(good)]))
    assert isinstance(items[0], Failure) and isinstance(items[1], RawDocument)
