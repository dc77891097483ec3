"""store: the chronicle database (SQLite file by default, PostgreSQL by URL).

    from sagwan.store import open_store
    with open_store() as store:              # $SAGWAN_DB or ./sagwan.db
        summary = store.ingest(["news/"])    # extract + store, one transaction per document
        store.events(dyad=("PRK", "RUS"))    # chronicle events merged across documents

Tables are in `schema.py`, the merge rules in `merge.py`, migrations in `migrations/` (run on open).
"""

from sagwan.store.api import IngestSummary, Store, open_existing_store, open_store

__all__ = ["IngestSummary", "Store", "open_existing_store", "open_store"]
