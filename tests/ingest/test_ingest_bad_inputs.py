"""Bad input: one Failure naming the file and the reason; never an exception; the batch goes on."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest

from sagwan.ingest import DEFAULT_MAX_BYTES, read_sources
from sagwan.model import Failure, RawDocument

GOOD = "미국은 성명을 냈다.\n"


def _one_failure(paths, **kw) -> Failure:
    items = list(read_sources([str(p) for p in paths], **kw))
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


def test_missing_file(tmp_path):
    f = _one_failure([tmp_path / "nope.txt"])
    assert f.source == str(tmp_path / "nope.txt") and f.reason == "no such file"


def test_unreadable_file(tmp_path, monkeypatch):
    # tests may run as root, where chmod 000 does not stop reading: make the read itself fail
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    f = _one_failure([path])
    assert f.source == str(path) and "permission denied" in f.reason


def test_binary_file_with_nul_bytes(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    f = _one_failure([path])
    assert "binary" in f.reason and f.source == str(path)


def test_binary_file_with_control_characters_and_no_nul(tmp_path):
    path = tmp_path / "blob.dat"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50)
    assert "binary" in _one_failure([path]).reason


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "junk.txt"
    rng = random.Random(7)
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(400)))
    assert _one_failure([path]).reason.startswith(("binary", "undecodable"))


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", "\ufeff".encode()])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert _one_failure([path]).reason == "empty"


def test_oversized_file_default_and_configured_limits(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 100, encoding="utf-8")
    assert isinstance(next(iter(read_sources([str(path)]))), RawDocument)
    f = _one_failure([path], max_bytes=100)
    assert "larger than the limit of 100 bytes" in f.reason
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_oversized_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 50)))
    f = _one_failure(["-"], max_bytes=10)
    assert f.source == "<stdin>" and "larger than the limit" in f.reason


def test_empty_directory_and_unmatched_glob(tmp_path):
    (tmp_path / "empty").mkdir()
    assert _one_failure([tmp_path / "empty"]).reason == "directory has no files"
    assert _one_failure([tmp_path / "*.none"]).reason == "no file matches this pattern"


def test_a_batch_keeps_going_past_every_kind_of_failure(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01\x02")
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    items = list(read_sources([str(tmp_path / "missing"), str(binary), str(empty), str(good)], max_bytes=1000))
    assert [type(i).__name__ for i in items] == ["Failure", "Failure", "Failure", "RawDocument"]
    assert all(str(i).startswith(str(tmp_path)) for i in items if isinstance(i, Failure))
