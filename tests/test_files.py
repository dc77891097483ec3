"""Output files are written whole, and a device or a pipe given as the output stays what it is."""

import os
import stat
import threading

import pytest

from sagwan.errors import ConfigError
from sagwan.files import write_atomically


def test_a_file_is_replaced_whole_and_no_temporary_is_left(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old")
    write_atomically(out, lambda tmp: tmp.write_text("new"))
    assert out.read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_failed_write_names_the_file_and_keeps_the_old_one(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old")

    def fail(tmp):
        tmp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ConfigError, match="out.jsonl"):
        write_atomically(out, fail)
    assert out.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_pipe_given_as_the_output_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    write_atomically(fifo, lambda p: p.write_text("records\n"))
    reader.join(timeout=10)
    assert got == ["records\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
