"""Alembic environment for the store. Run programmatically by `sagwan.store.engine.upgrade`,
which hands over an open connection (already inside a transaction) in `config.attributes`."""

from __future__ import annotations

from alembic import context

from sagwan.store.schema import managed_by_autogenerate, metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `sagwan db upgrade` / open_store run migrations
    raise RuntimeError("the sagwan store migrations run through sagwan.store.engine.upgrade(), not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things: copy-and-move
    compare_type=True,
    # the FTS5 index is made by hand in the migrations; autogenerate must not try to drop it
    include_name=managed_by_autogenerate,
)
with context.begin_transaction():
    context.run_migrations()
