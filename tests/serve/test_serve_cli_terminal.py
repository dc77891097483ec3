"""The terminal reads well: lines fit the terminal, Hangul counted as two cells, ids whole, the
sentence shown; `sagwan show` prints one event or quote."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from click.testing import CliRunner

from sagwan.serve.cli import cli


def cells(line: str) -> int:
    """Terminal cells a line takes, measured apart from rich: wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in line)


def run(*args, columns: int = 80):
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, [str(a) for a in args])


def _ids(db) -> list[str]:
    out = run("events", "--db", db, "--all-statuses", "--format", "csv").output
    return [r["event_id"] for r in csv.DictReader(io.StringIO(out))]


@pytest.mark.parametrize("columns", [60, 80, 132])
@pytest.mark.parametrize("command", [["events", "--all-statuses"], ["dyad", "PRK", "RUS", "--by", "month"],
                                     ["triangle", "PRK", "RUS", "CHN"], ["quotes"], ["actors"]])
def test_every_line_fits_the_terminal(real_store_path, command, columns):
    res = run(*command, "--db", real_store_path, columns=columns)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines and max(cells(line) for line in lines) <= columns, max(lines, key=cells)


@pytest.mark.parametrize("columns", [60, 80, 160])
def test_ids_are_whole_and_the_sentence_is_shown(real_store_path, columns):
    out = run("events", "--db", real_store_path, "--all-statuses", columns=columns).stdout
    ids = _ids(real_store_path)
    assert ids and all(i in out for i in ids)
    assert "…" not in out
    assert "외무장관과" in out          # a word of the sentence, not only the trigger word


def test_show_prints_an_event_with_its_sentences_and_sources(real_store_path):
    eid = _ids(real_store_path)[0]
    res = run("show", eid, "--db", real_store_path, columns=100)
    assert res.exit_code == 0, res.output
    for needle in (eid, "placed on", "status", "tests/doc", "Test Daily"):
        assert needle in res.stdout, needle
    missing = run("show", "ffffffffffffffff", "--db", real_store_path)
    assert missing.exit_code == 2 and "no such event" in missing.output


def test_show_prints_a_quote(real_store_path):
    out = run("quotes", "--db", real_store_path, "--format", "csv").output
    q = next(csv.DictReader(io.StringIO(out)))
    res = run("show", f"{q['document_id']}:{q['id']}", "--db", real_store_path, columns=100)
    assert res.exit_code == 0 and q["text"][:5] in res.stdout and "speaker" in res.stdout
