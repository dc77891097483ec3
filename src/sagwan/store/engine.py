"""Open the database: resolve the URL, tune SQLite, run the migrations shipped in the package.

A bare path means a SQLite file; `postgresql://...` means PostgreSQL through psycopg 3.
SQLite runs in WAL mode (a reader never waits for the writer), with foreign keys ON and a busy
timeout; write transactions start with BEGIN IMMEDIATE so two writers queue instead of failing
half-way. On PostgreSQL, writers take one transaction-level advisory lock for the same reason.
"""

from __future__ import annotations

import contextvars
import logging
import os
import time
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from sagwan.errors import StoreError

log = logging.getLogger(__name__)

DEFAULT_DB = "sagwan.db"
BUSY_TIMEOUT_MS = 30_000
MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions (tests/store checks they agree). A store already there
# opens without importing Alembic, which is most of a short command's start-up.
SCHEMA_REVISION = "0005"
# Any constant works: every sagwan writer on a PostgreSQL database takes this one lock.
PG_WRITE_LOCK = 0x5A6A
_WRITE = "sagwan_write"
# The time.monotonic() by which the current request's database work must end, or None: set by the
# server for each request; SQLite checks it every few thousand steps of a query, PostgreSQL gets it as
# statement_timeout. A query past it stops with an error instead of running on after the client left.
DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("sagwan_deadline", default=None)
_PROGRESS_STEPS = 20_000


def past_deadline() -> bool:
    deadline = DEADLINE.get()
    return deadline is not None and time.monotonic() > deadline


def _sqlite_progress() -> int:
    return 1 if past_deadline() else 0   # non-zero interrupts the running statement


def resolve_url(url: str | None = None) -> str:
    """The SQLAlchemy URL for a --db value: None -> $SAGWAN_DB or ./sagwan.db; a bare path -> SQLite."""
    url = url or os.environ.get("SAGWAN_DB") or DEFAULT_DB
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def create(url: str | None = None) -> Engine:
    """An engine for the URL, tuned for this store (not yet migrated)."""
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError:
        raise StoreError(f"{url}: not a database URL; give a file path or postgresql://user@host/db") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise StoreError(f"{parsed.database}: folder {folder} does not exist; create it or pick another path")
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _tune_sqlite(engine)
    elif backend == "postgresql":
        engine = create_engine(parsed, pool_pre_ping=True)
        _tune_postgresql(engine)
    else:
        raise StoreError(f"{url}: unsupported database {backend!r}; use a SQLite file path or postgresql://...")
    return engine


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we say BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")  # with WAL: a killed process never corrupts the file
        cur.close()
        dbapi_conn.set_progress_handler(_sqlite_progress, _PROGRESS_STEPS)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def _tune_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _timeout(conn, cursor, statement, parameters, context, executemany):
        deadline = DEADLINE.get()
        info = conn.info
        if deadline is not None:
            ms = max(1, int((deadline - time.monotonic()) * 1000))
            cursor.execute(f"SET statement_timeout = {ms}")
            info["sagwan_timeout"] = True
        elif info.pop("sagwan_timeout", False):
            cursor.execute("SET statement_timeout = 0")


def begin_write(engine: Engine):
    """A write transaction: serialised against other sagwan writers on either backend."""
    return _WriteTransaction(engine)


class _WriteTransaction:
    def __init__(self, engine: Engine):
        self._cm = engine.execution_options(**{_WRITE: True}).begin()

    def __enter__(self) -> Connection:
        conn = self._cm.__enter__()
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
        return conn

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


def alembic_config(conn: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def _stored_revision(engine: Engine) -> str | None:
    """The revision the database says it is at; None when it has none yet or cannot be read."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return None


def upgrade(engine: Engine) -> str | None:
    """Bring the schema to the newest revision; returns it. Safe to call from several processes at once."""
    if _stored_revision(engine) == SCHEMA_REVISION:
        return SCHEMA_REVISION
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    try:
        with begin_write(engine) as conn:
            cfg = alembic_config(conn)
            head = ScriptDirectory.from_config(cfg).get_current_head()
            if MigrationContext.configure(conn).get_current_revision() != head:
                log.info("migrating %s to %s", engine.url.render_as_string(hide_password=True), head)
                command.upgrade(cfg, "head")
            return head
    except SQLAlchemyError as exc:
        where = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"{where}: cannot open or migrate the database ({exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0]}); check the path/URL and that the server is running") from exc
