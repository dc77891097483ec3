"""`sagwan extract` on bad inputs: one line per failure naming the file, no traceback, exit 1,
and the good documents still written."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sagwan.serve.cli import cli

GOOD = "Thailand and Cambodia reopened border talks in Bangkok on Monday.\nThe talks will last two days.\n"


def test_bad_inputs_each_give_one_line_and_the_good_one_is_written(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_text(GOOD * 200, encoding="utf-8")
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (tmp_path / "chrome.txt").write_text("Close\nShare\nLeave a Reply\n", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(json.dumps({"text": GOOD}) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["extract", str(tmp_path / "missing.txt"), str(tmp_path / "binary.bin"), str(tmp_path / "empty.txt"),
            str(tmp_path / "big.txt"), str(tmp_path / "nav.html"), str(tmp_path / "chrome.txt"),
            str(tmp_path / "lines.jsonl"), str(good), "--max-bytes", "1000", "-o", str(out)]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    expected = {
        "missing.txt: no such file", "binary.bin: binary file", "empty.txt: empty", "big.txt: larger than the limit",
        "nav.html: no article text", "chrome.txt: no article text left", "lines.jsonl#L2: not valid JSON",
    }
    # (the good English documents are written; while no bundle codes English they are also said not coded)
    failure_lines = [ln for ln in res.output.splitlines()
                     if ln.startswith(f"sagwan: {tmp_path}") and ": not coded: " not in ln]
    assert len(failure_lines) == len(expected)
    for fragment in expected:
        assert sum(fragment in ln for ln in failure_lines) == 1, fragment
    assert "7 document(s) failed" in res.output
    records = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"]["source"] for r in records] == [f"{tmp_path / 'lines.jsonl'}#L1", str(good)]
    assert all(r["doc"]["language"] == "en" for r in records)
