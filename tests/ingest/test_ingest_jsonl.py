"""JSON Lines: one document per line; a broken line is a Failure naming file and line."""

from __future__ import annotations

import json

from sagwan.ingest import read_sources
from sagwan.model import Failure, RawDocument


def _write(tmp_path, *lines: str):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_line_is_a_document_with_its_line_number_and_hash(tmp_path):
    a = json.dumps({"text": "첫 기사.", "title": "제목 하나", "published": "2024-03-01T09:00:00+09:00",
                    "url": "https://news.example/a", "outlet": "한빛통신", "author": "홍길동"}, ensure_ascii=False)
    b = json.dumps({"html": "<html><body><p>둘째</p></body></html>"})
    path = _write(tmp_path, a, "", b)
    first, second = read_sources([str(path)])
    assert first.source == f"{path}#L1" and second.source == f"{path}#L3"
    assert (first.title, first.published, first.url) == ("제목 하나", "2024-03-01T09:00:00+09:00",
                                                         "https://news.example/a")
    assert first.meta == {"outlet": "한빛통신", "author": "홍길동"}
    assert (first.format, second.format) == ("text", "html")
    assert first.id != second.id
    assert first.id == next(iter(read_sources([str(_write(tmp_path, a))]))).id


def test_a_site_field_becomes_the_outlet(tmp_path):
    path = _write(tmp_path, json.dumps({"text": "본문.", "site": "Example Daily"}))
    [doc] = read_sources([str(path)])
    assert doc.meta["outlet"] == "Example Daily"


def test_broken_lines_are_failures_and_the_other_lines_still_come_out(tmp_path):
    path = _write(tmp_path,
                  json.dumps({"text": "좋은 줄."}, ensure_ascii=False),
                  '{"text": "끝나지 않은',
                  "[1, 2]",
                  json.dumps({"title": "본문 없음"}, ensure_ascii=False),
                  json.dumps({"text": "   "}),
                  json.dumps({"text": "또 좋은 줄."}, ensure_ascii=False))
    items = list(read_sources([str(path)]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Failure", "Failure", "Failure", "Failure",
                                                 "RawDocument"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.source for f in failures] == [f"{path}#L{n}" for n in (2, 3, 4, 5)]
    assert "not valid JSON" in failures[0].reason
    assert "not an object" in failures[1].reason
    assert '"text" or "html"' in failures[2].reason
    assert [i.body for i in items if isinstance(i, RawDocument)] == ["좋은 줄.", "또 좋은 줄."]


def test_a_line_separator_inside_a_json_string_does_not_split_the_line(tmp_path):
    path = _write(tmp_path, json.dumps({"text": "앞\u2028뒤"}))
    [doc] = read_sources([str(path)])
    assert isinstance(doc, RawDocument) and doc.source.endswith("#L1")


def test_windows_line_ends(tmp_path):
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(b'{"text": "a."}\r\n{"text": "b."}\r\n')
    assert [d.body for d in read_sources([str(path)])] == ["a.", "b."]
