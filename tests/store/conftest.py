"""Store fixtures: hand-made sagwan/1 records, and the two backends (SQLite file, a real PostgreSQL server).

The PostgreSQL server is started once per session with initdb + pg_ctl on a loopback port. Without
PostgreSQL binaries the postgres tests fail in CI (CI=true) and are skipped on a developer's machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _pgserver import PostgresServer, find_bin_dir  # noqa: E402

from sagwan.store import open_store  # noqa: E402


@pytest.fixture(scope="session")
def pg_server():
    bin_dir = find_bin_dir()
    if bin_dir is None:
        message = ("PostgreSQL binaries (pg_ctl, initdb) not found on PATH or in /usr/lib/postgresql/*/bin; "
                   "install them with `apt-get install postgresql`")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = PostgresServer(bin_dir)
    try:
        server.start()
    except Exception:
        server.stop()
        raise
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "chronicle.db")
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture
def store(db_url):
    with open_store(db_url) as s:
        yield s
