"""watch: keep the chronicle current from news feeds, sitemaps and URL lists, politely and resumably.

    from sagwan.store import open_store
    from sagwan.watch import Watcher, load_config
    with open_store("chronicle.db") as store:
        summary = Watcher(store, load_config("watch.toml")).run_round()   # what `sagwan watch --once` does
        print(summary.line())

It reads listings and pages over HTTP (`fetch`), turns pages into documents through the same
cleaning and extraction as files, and keeps its state in the store (`state`): it comes after the
store in the stage order, beside `parallel`, whose Dask extraction it uses for large lists.
"""

from sagwan.watch.alerts import ALERT_SCHEMA, list_alerts, matches
from sagwan.watch.config import DEFAULT_CONFIG, Rule, Settings, Source, WatchConfig, add_source, load_config
from sagwan.watch.rounds import RoundSummary, Watcher, run_once

__all__ = [
    "ALERT_SCHEMA", "DEFAULT_CONFIG", "RoundSummary", "Rule", "Settings", "Source", "WatchConfig", "Watcher",
    "add_source", "list_alerts", "load_config", "matches", "run_once",
]
