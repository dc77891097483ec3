"""The budget per document: size limits checked before analysis, a time limit kept by a watchdog thread that
works in any thread (a Dask worker's task thread too), and a failure that names the reason."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sagwan.budget import Budget, OverBudget, check_size, time_limit
from sagwan.errors import ConfigError
from sagwan.extract.pipeline import extract_document
from sagwan.ingest import read_text
from sagwan.model import Failure

GOOD = "필리핀과 베트남은 해양 협력 각서에 서명했다.\n양국은 해경 핫라인을 열기로 했다.\n"
# Many quotation pairs in one sentence: each is matched to its cue, seconds of work (measured 3.8 s).
SLOW = "그는 " + " ".join('"협상은 계속된다"고 말했고' for _ in range(1000)) + " 회의를 마쳤다.\n"


def _spin() -> None:
    while True:
        with contextlib.suppress(Exception):  # the interruption is no Exception: catching everything keeps it
            sum(range(1000))


def test_the_watchdog_interrupts_pure_python_work_in_the_main_thread():
    started = time.monotonic()
    with pytest.raises(OverBudget, match="took longer than 0.2 s"), time_limit(0.2):
        _spin()
    assert time.monotonic() - started < 2


def test_the_watchdog_works_in_another_thread_as_in_a_dask_worker():
    out: list[BaseException] = []

    def work() -> None:
        try:
            with time_limit(0.2):
                _spin()
        except OverBudget as exc:
            out.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(5)
    assert not thread.is_alive() and len(out) == 1


def test_a_block_that_ends_in_time_leaves_no_interruption_behind():
    for _ in range(50):
        with time_limit(0.01):
            pass
    time.sleep(0.1)  # a late interruption would be raised here


def test_no_limit_is_no_thread():
    before = threading.active_count()
    with time_limit(None):
        assert threading.active_count() == before


@pytest.mark.parametrize(("text", "budget", "reason"), [
    ("가나다라. " * 50, Budget(max_paragraph_sentences=20), "too long: 50 sentences in one paragraph"),
    ('"네" ' * 50, Budget(max_paragraph_quotes=20), "too long: 50 quotations in one paragraph"),
    ("가" * 101, Budget(max_chars=100), "too long: 101 characters"),
])
def test_size_budgets_name_what_is_too_long(text, budget, reason):
    with pytest.raises(OverBudget, match=reason):
        check_size(text, budget)


def test_many_short_paragraphs_are_within_the_paragraph_budget():
    check_size("가나다라.\n" * 500, Budget(max_paragraph_sentences=20))


def test_the_budget_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("SAGWAN_TIME_BUDGET", "0")
    monkeypatch.setenv("SAGWAN_MAX_CHARS", "500")
    assert Budget.from_env() == Budget(seconds=None, max_chars=500)
    monkeypatch.setenv("SAGWAN_MAX_CHARS", "many")
    with pytest.raises(ConfigError, match="SAGWAN_MAX_CHARS='many': give a number"):
        Budget.from_env()


def test_a_document_over_its_time_budget_is_a_named_failure_and_the_next_one_is_extracted():
    extract_document(read_text(GOOD))  # Kiwi loaded outside the budget
    started = time.monotonic()
    with pytest.raises(OverBudget, match="<slow>: took longer than 1 s"):
        extract_document(read_text(SLOW, source="<slow>"), Budget(seconds=1, max_paragraph_quotes=5000))
    with pytest.raises(OverBudget, match="<slow>: too long: 1000 quotations in one paragraph"):
        extract_document(read_text(SLOW, source="<slow>"), Budget(max_paragraph_quotes=999))
    assert time.monotonic() - started < 3
    assert extract_document(read_text(GOOD), Budget(seconds=30)).text


def test_the_cli_option_sets_the_time_budget(tmp_path):
    (tmp_path / "slow.txt").write_text(SLOW, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    sagwan = str(Path(sys.executable).with_name("sagwan"))
    # Kiwi is built outside any document's budget; 2 s is room for a news article, not for the slow one
    done = subprocess.run([sagwan, "extract", str(tmp_path / "slow.txt"), str(tmp_path / "good.txt"),
                           "--time-budget", "2", "-o", str(tmp_path / "out.jsonl")],
                          capture_output=True, timeout=120, text=True,
                          env={**os.environ, "SAGWAN_MAX_PARAGRAPH_QUOTES": "5000"})
    assert done.returncode == 1
    assert f"sagwan: {tmp_path / 'slow.txt'}: took longer than 2 s" in done.stderr, done.stderr
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.slow
def test_the_time_budget_holds_on_a_dask_worker(monkeypatch):
    from sagwan.parallel.batch import extract_batch
    from sagwan.parallel.dask import dask_client

    monkeypatch.setenv("SAGWAN_TIME_BUDGET", "1")   # the local workers inherit it
    monkeypatch.setenv("SAGWAN_MAX_PARAGRAPH_QUOTES", "5000")
    with dask_client(workers=1) as client:
        client.submit(extract_batch, [read_text(GOOD, source="<warm>")], pure=False).result()
        started = time.monotonic()
        slow, good = client.submit(extract_batch, [read_text(SLOW, source="<slow>"), read_text(GOOD)],
                                   pure=False).result()
    assert isinstance(slow, Failure) and slow.source == "<slow>" and "took longer than 1 s" in slow.reason
    assert not isinstance(good, Failure) and good["doc"]["text"]
    assert time.monotonic() - started < 10


def test_input_too_long_to_clean_is_refused_unread():
    from sagwan.budget import check_raw_size

    check_raw_size("가" * 400, "text", Budget(max_chars=100))
    check_raw_size("<p>" * 600, "html", Budget(max_chars=100))
    with pytest.raises(OverBudget, match="too long: 401 characters of text"):
        check_raw_size("가" * 401, "text", Budget(max_chars=100))
    with pytest.raises(OverBudget, match="<big>: too long"):
        extract_document(read_text("가나다. " * 200, source="<big>"), Budget(max_chars=100))


def test_cleaning_counts_against_the_time_budget(monkeypatch):
    import importlib

    pipeline = importlib.import_module("sagwan.extract.pipeline")  # `sagwan.extract` is also a function

    def slow_clean(raw):
        _spin()

    monkeypatch.setattr(pipeline, "clean", slow_clean)
    with pytest.raises(OverBudget, match="<c>: took longer than 0.3 s"):
        extract_document(read_text(GOOD, source="<c>"), Budget(seconds=0.3))
