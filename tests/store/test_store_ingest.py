"""End to end through the extractor (tiny invented Korean texts): idempotency, replacement, crash safety,
a reader beside a writer, and migrations. Assertions are on documents and counts only: the extractor's
actors, quotes and events are someone else's to test."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _store_records import meeting_report
from click.testing import CliRunner

from sagwan.errors import StoreError
from sagwan.serve.cli import cli
from sagwan.store import open_store
from sagwan.store.engine import begin_write
from sagwan.store.schema import documents

SUBJECTS = ["한국 외교부는", "미국 국무부는", "일본 정부는", "중국 외교부는", "러시아 국방부는"]
DAYS = ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일"]
ACTS = ["대화를 계속하겠다고 밝혔다.", "협력을 강화하기로 합의했다.", "제재를 해제할 수 없다고 말했다."]


def corpus(folder: Path, n: int) -> Path:
    """n small, distinct, invented Korean news texts."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        subject, day, act = SUBJECTS[i % 5], DAYS[i % 6], ACTS[i % 3]
        text = (f"{subject} {day} 성명을 내고 {act}\n\n"
                f"당국자는 \"{i + 1}차 회의에서 논의가 이어질 것\"이라고 말했다.\n")
        (folder / f"doc{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def counts(db: str) -> dict:
    with open_store(db) as s:
        summary = s.summary()
    return {k: v for k, v in summary.items() if k != "coders"}


def sqlite_consistency(db: str) -> None:
    """Foreign keys hold, the file is sound, and no row hangs loose of the chronicle."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = {
            "document event outside the chronicle": "SELECT count(*) FROM document_events WHERE event_id IS NULL",
            "mention outside the chronicle": "SELECT count(*) FROM event_mentions WHERE event_id IS NULL",
            "chronicle event without a report": "SELECT count(*) FROM events e WHERE NOT EXISTS "
                                                "(SELECT 1 FROM document_events d WHERE d.event_id = e.id)",
            "stale report count": "SELECT count(*) FROM events e WHERE n_documents != (SELECT count(DISTINCT "
                                  "document_id) FROM document_events d WHERE d.event_id = e.id)",
            "quote missing from the search index": "SELECT (SELECT count(*) FROM quotes) - "
                                                   "(SELECT count(*) FROM quotes_fts)",
        }
        for what, sql in orphans.items():
            assert con.execute(sql).fetchone()[0] == 0, what
    finally:
        con.close()


def test_ingesting_the_same_files_twice_changes_nothing(tmp_path):
    folder = corpus(tmp_path / "news", 3)
    (folder / "empty.txt").write_bytes(b"  \n")
    db = str(tmp_path / "c.db")
    res = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db])
    assert res.exit_code == 1
    assert "3 document(s) stored" in res.stderr and "failed " + str(folder / "empty.txt") + ": " in res.stderr
    first = counts(db)
    assert (first["documents"], first["failures"]) == (3, 1)
    res = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db])
    assert "0 document(s) stored, 3 unchanged" in res.stderr
    assert counts(db) == first
    sqlite_consistency(db)


def test_a_changed_file_replaces_its_document(tmp_path):
    folder = corpus(tmp_path / "news", 2)
    db = str(tmp_path / "c.db")
    seen = []
    with open_store(db) as s:
        assert s.ingest([str(folder)], progress=lambda done, total: seen.append((done, total))).documents == 2
        assert seen == [(1, 2), (2, 2)]
        (folder / "doc00.txt").write_text("일본 정부는 일요일 새 대사를 임명했다고 발표했다.\n", encoding="utf-8")
        again = s.ingest(str(folder))
        assert (again.documents, again.unchanged) == (1, 1)
        assert s.summary()["documents"] == 2
        texts = {r[0] for r in s.engine.connect().execute(documents.select().with_only_columns(documents.c.text))}
        assert any("대사를 임명" in t for t in texts)
    sqlite_consistency(db)


@pytest.mark.slow
def test_a_killed_ingest_leaves_a_consistent_store_and_the_next_run_finishes_the_job(tmp_path):
    folder = corpus(tmp_path / "news", 30)
    killed, whole = str(tmp_path / "killed.db"), str(tmp_path / "whole.db")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "sagwan", "ingest", str(folder), "--db", killed]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        done = 0
        deadline = time.monotonic() + 300  # a safety net only: normally a few seconds
        while time.monotonic() < deadline and proc.poll() is None:
            if Path(killed).exists():
                # a second reader while ingest writes (WAL): never blocked, never sees half a document
                try:
                    with sqlite3.connect(f"file:{killed}?mode=ro", uri=True, timeout=30) as con:
                        done = con.execute("SELECT (SELECT count(*) FROM documents) + "
                                           "(SELECT count(*) FROM failures)").fetchone()[0]
                except sqlite3.OperationalError:
                    done = 0  # tables not created yet
            if done >= 2:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "ingest finished before it could be killed: " + proc.stderr.read().decode()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    partial = counts(killed)
    assert 2 <= partial["documents"] + partial["failures"] < 30
    sqlite_consistency(killed)

    subprocess.run([sys.executable, "-m", "sagwan", "ingest", str(folder), "--db", killed], env=env,
                   capture_output=True, timeout=600)
    subprocess.run([sys.executable, "-m", "sagwan", "ingest", str(folder), "--db", whole], env=env,
                   capture_output=True, timeout=600)
    sqlite_consistency(killed)
    assert counts(killed) == counts(whole)
    assert counts(whole)["documents"] + counts(whole)["failures"] == 30


def test_a_reader_reads_while_a_writer_holds_its_transaction(tmp_path):
    db = str(tmp_path / "c.db")
    with open_store(db) as writer_store, open_store(db) as reader:
        writer_store.add_records([meeting_report("m1", "A", "2024-05-02", "2024-05-02")])
        with begin_write(writer_store.engine) as conn:
            conn.execute(documents.delete())
            # uncommitted: the reader still sees the committed state, without waiting
            assert reader.summary()["documents"] == 1
            assert len(reader.events()) == 1
        assert reader.summary()["documents"] == 0


def _head() -> str:
    """The newest migration shipped in the package."""
    from importlib import resources

    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(resources.files("sagwan") / "store" / "migrations")).get_current_head()


def test_the_revision_constant_names_the_newest_migration():
    from sagwan.store.engine import SCHEMA_REVISION

    assert _head() == SCHEMA_REVISION


def test_fresh_databases_are_migrated_to_the_schema_the_code_declares(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from sagwan.store.schema import managed_by_autogenerate, metadata

    with open_store(db_url) as s:
        assert s.revision == _head()
        with s.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"include_name": managed_by_autogenerate})
            assert ctx.get_current_revision() == _head()
            assert compare_metadata(ctx, metadata) == []
    with open_store(db_url) as again:  # opening again migrates nothing and keeps data
        assert again.summary()["documents"] == 0


def test_db_upgrade_command_and_sagwan_db_variable(tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("SAGWAN_DB", str(db))
    res = CliRunner().invoke(cli, ["db", "upgrade"])
    assert res.exit_code == 0 and f"revision {_head()}" in res.stderr
    assert db.exists()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SAGWAN_DB")
    with open_store() as s:
        assert s.url.endswith("sagwan.db")
    assert (tmp_path / "sagwan.db").exists()


@pytest.mark.parametrize("url,message", [
    ("/no/such/folder/x.db", "does not exist"),
    ("mysql://u@h/db", "unsupported database"),
    ("postgresql://nobody@127.0.0.1:1/nothing", "cannot open or migrate"),
])
def test_unusable_databases_are_a_store_error_that_says_what_to_do(url, message):
    with pytest.raises(StoreError, match=message):
        open_store(url)
