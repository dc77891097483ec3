"""A hostile-input corpus (issue 15): every kind gives exit 0 or a named one-line failure, within its budget,
with no traceback; a batch of all of them plus good documents stores every good one.

The kinds (generated at test time by `_kinds.py`; expected outcome after the arrow):

Inputs that used to stall a batch (now over a size budget, at once):
  1 sentence repeated 2k times in one paragraph -> "too long: N sentences in one paragraph"
  2 sentence repeated 16k times on 16k lines -> "too long: N characters of text" (before cleaning)
  3 2,000 quotation pairs in one sentence -> "too long: N quotations in one paragraph"
  4 400k-character document -> "too long"     5 5 MB article on one line -> "too long"
  6 file over --max-bytes -> "larger than the limit"
JSON Lines of every shape (the failure names file#L<line>):
  7 nested 100,000 deep   8 a 5,000-digit integer   9 text is an array   10 text is a number
  11 html is an object   12 no text or html   13 empty text   14 the line is an array
  15 the line is a string   16 truncated object   17 NaN   -> each a named failure
  18 1e999 in metadata   19 a lone surrogate in text   20 title and date of wrong types
  21 published not a date   22 BOM and CRLF   -> each read (ok)
File names, file kinds, links:
  23 non-UTF-8 file name -> ok, named with \\xNN   24 FIFO given directly   25 FIFO in a folder
  26 socket in a folder   27 device given directly   -> refused by name, without blocking
  28 symlink loop in a folder   29 glob ** over a symlink loop -> ok (links not followed)
  30 broken symlink   31 missing file   32 folder with no files   33 glob matching nothing -> named failures
Encodings and binary:
  34 UTF-16 LE without BOM   35 UTF-16 BE without BOM   36 UTF-16 with BOM   37 UTF-8 with 6 bad bytes
  38 CP949   39 NFD jamo -> ok
  40 random high bytes -> "undecodable", first bad byte located   41 PNG (NUL bytes)   42 control characters
  43 UTF-16 BOM with odd bytes   44 empty file   45 whitespace only   46 BOM only -> named failures
Pages:
  47 HTML with no article text -> failure   48 malformed HTML -> ok   49 only furniture -> failure
  50 one-line article ending in a copyright phrase -> ok (the phrase cut, the article kept)
Record shards (`test_malformed_shard_records_*`):
  51 event without "type"   52 quote without "start"   53 non-list target   54 no doc   55 offsets outside
  the text   56 unknown PLOVER type   57 invalid JSON line   58 another schema version   59 events not a
  list -> each a failure naming shard#L<line>; the valid records before and after are stored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _kinds import BUDGET_ENV, GOOD, KINDS  # noqa: E402

from sagwan.extract.pipeline import extract_document, extract_paths  # noqa: E402
from sagwan.ingest import read_text  # noqa: E402
from sagwan.model import Failure  # noqa: E402
from sagwan.parallel import ingest_paths  # noqa: E402
from sagwan.store import open_store  # noqa: E402

SAGWAN = str(Path(sys.executable).with_name("sagwan"))
WALL_S = 30          # any one kind, read and extracted (the time budget in BUDGET_ENV is 30 s too)


@pytest.fixture
def budget_env(monkeypatch):
    for key, value in BUDGET_ENV.items():
        monkeypatch.setenv(key, value)


@pytest.fixture(scope="module")
def warm():
    """Kiwi loaded once, so that no kind pays for it against its budget."""
    extract_document(read_text(GOOD["good-1.txt"]))


def _run(arg: str) -> list:
    """extract_paths over one input, in a thread: a FIFO that blocks fails the test instead of hanging it."""
    out: list = []
    thread = threading.Thread(target=lambda: out.extend(extract_paths([arg])), daemon=True)
    thread.start()
    thread.join(WALL_S)
    assert not thread.is_alive(), f"{arg}: still running after {WALL_S} s"
    return out


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_read_or_named(kind, tmp_path, budget_env, warm):
    make, expected = KINDS[kind]
    arg = make(tmp_path)
    started = time.monotonic()
    results = _run(arg)
    took = time.monotonic() - started
    failures = [r for r in results if isinstance(r, Failure)]
    records = [r for r in results if not isinstance(r, Failure)]
    assert took < WALL_S
    for f in failures:
        assert "\n" not in str(f) and str(f).encode("utf-8")  # one line, valid UTF-8
    if expected == "ok":
        assert records and not failures, failures
        for r in records:
            json.dumps(r, ensure_ascii=False).encode("utf-8")  # writable: no surrogates anywhere
    else:
        assert any(expected in f.reason for f in failures), (expected, failures)


def test_the_non_utf8_name_is_written_as_valid_utf8(tmp_path, warm):
    make, _ = KINDS["non-UTF-8 file name"]
    [rec] = _run(make(tmp_path))
    assert rec["doc"]["source"].endswith("\\xff\\xfe-\\xc0\\xaf.txt")


def test_a_fifo_given_directly_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    started = time.monotonic()
    [failure] = _run(str(fifo))
    assert time.monotonic() - started < 5
    assert failure.source == str(fifo) and "FIFO" in failure.reason


def test_a_glob_over_a_symlink_loop_reads_each_file_once(tmp_path):
    make, _ = KINDS["glob ** over a symlink loop"]
    results = _run(make(tmp_path))
    assert [r["doc"]["source"] for r in results] == [str(tmp_path / "sub" / "doc.txt")]


def _corpus(root: Path) -> tuple[list[str], Path]:
    args = []
    for i, (kind, (make, _)) in enumerate(KINDS.items()):
        if kind in ("device given directly", "file over --max-bytes (default 20 MB)"):
            continue  # the first is /dev/zero itself; the second, 21 MB, is covered above
        folder = root / f"k{i:02d}"
        folder.mkdir(parents=True)
        args.append(make(folder))
    good = root / "good"
    good.mkdir()
    for name, text in GOOD.items():
        (good / name).write_text(text, encoding="utf-8")
    return args, good


def _cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, **BUDGET_ENV}
    return subprocess.run([SAGWAN, *args], capture_output=True, timeout=timeout, env=env)


def _no_traceback(stderr: bytes) -> None:
    text = stderr.decode("utf-8")  # valid UTF-8, or this raises
    assert "Traceback" not in text and 'File "' not in text, text[-3000:]
    for line in text.splitlines():
        assert line.startswith(("sagwan: ", "WARNING ", "INFO ")), line


def test_ingest_of_the_whole_hostile_corpus_stores_every_good_document(tmp_path):
    args, good = _corpus(tmp_path / "in")
    db = tmp_path / "c.db"
    done = _cli("ingest", *args, str(good), "--db", str(db))
    assert done.returncode == 1  # failures were recorded
    _no_traceback(done.stderr)
    with open_store(str(db)) as store:
        summary = store.summary()
        for name in GOOD:
            assert any(d["source"] == str(good / name) for d in _documents(store)), name
    n_ok = sum(1 for _, expected in KINDS.values() if expected == "ok")
    assert summary["documents"] >= n_ok + len(GOOD)


def test_extract_of_the_whole_hostile_corpus_keeps_every_good_document(tmp_path):
    args, good = _corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    done = _cli("extract", *args, str(good), "-o", str(out))
    assert done.returncode == 1
    _no_traceback(done.stderr)
    sources = [json.loads(line)["doc"]["source"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(str(good / name) in sources for name in GOOD)


def _documents(store) -> list[dict]:
    from sqlalchemy import select

    from sagwan.store.schema import documents

    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(documents.c.source)).mappings()]


# --- record shards ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def records(tmp_path_factory, warm) -> list[dict]:
    folder = tmp_path_factory.mktemp("good")
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    recs = [r for r in extract_paths([str(folder)]) if not isinstance(r, Failure)]
    assert len(recs) == 3 and all(r["events"] for r in recs[2:]) and recs[2]["quotes"] is not None
    return recs


def _broken(rec: dict, how: str) -> dict | str:
    rec = json.loads(json.dumps(rec))
    event = {"id": "e9", "type": "ACCUSE", "source": ["USA"], "target": ["PRK"],
             "mentions": [{"start": 0, "end": 2, "text": rec["doc"]["text"][:2]}]}
    quote = {"id": "q9", "text": "x", "start": 0, "end": 1}
    if how == "event without type":
        rec["events"] = [{k: v for k, v in event.items() if k != "type"}]
    elif how == "quote without start":
        rec["quotes"] = [{k: v for k, v in quote.items() if k != "start"}]
    elif how == "non-list target":
        rec["events"] = [{**event, "target": "PRK"}]
    elif how == "no doc":
        del rec["doc"]
    elif how == "offsets outside the text":
        rec["events"] = [{**event, "mentions": [{"start": 0, "end": 10 ** 6, "text": "x"}]}]
    elif how == "unknown PLOVER type":
        rec["events"] = [{**event, "type": "HUG"}]
    elif how == "invalid JSON line":
        return '{"schema": "sagwan/1", "doc": {'
    elif how == "another schema version":
        rec["schema"] = "sagwan/0"
    elif how == "events not a list":
        rec["events"] = {"e1": event}
    return rec


SHARD_KINDS = {
    "event without type": 'events[0]: no "type"', "quote without start": 'quotes[0]: no "start"',
    "non-list target": "events[0].target is a string, not a list", "no doc": 'no "doc" object',
    "offsets outside the text": "outside doc.text", "unknown PLOVER type": "not a PLOVER type",
    "invalid JSON line": "not valid JSON", "another schema version": "'sagwan/0' record",
    "events not a list": "events is an object, not a list",
}


@pytest.mark.parametrize("how", list(SHARD_KINDS))
def test_malformed_shard_records_are_named_by_shard_and_line_and_the_next_record_is_stored(how, records, tmp_path):
    first, second, third = records
    bad = _broken(second, how)
    shard = tmp_path / "shards" / "part-00000.jsonl"
    shard.parent.mkdir()
    shard.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)
                               for x in (first, bad, third)) + "\n", encoding="utf-8")
    summary = ingest_paths([str(shard.parent)], db_url=str(tmp_path / "c.db"))
    [failure] = summary.failures
    assert failure.source == f"{shard}#L2" and SHARD_KINDS[how] in failure.reason, failure
    assert summary.documents == 2
    with open_store(str(tmp_path / "c.db")) as store:
        assert store.document(third["doc"]["id"]) is not None
