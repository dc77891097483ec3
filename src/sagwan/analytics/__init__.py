"""analytics: relations you can see — dyad series, strategic triangles and the actor network.

Pure functions over lists of event dicts as `store.events()` returns them; they never touch
the database, so they can be tested and reused on any list of events. The one exception,
`stored_dyad_series`, asks a store for just the events of one dyad, for speed over large stores,
and gives the answer `dyad_series` gives.
"""

from sagwan.analytics.dyads import DyadSeries, dyad_series, series_table, stored_dyad_series, stored_links
from sagwan.analytics.memory import DEFAULT_MEMORY, WEIGHTINGS, resolve_memory
from sagwan.analytics.network import actor_network, linked_network, network_json, write_gexf, write_graphml
from sagwan.analytics.periods import PERIODS, period_of
from sagwan.analytics.scores import event_quad, event_score, score_table
from sagwan.analytics.selection import DEFAULT_EXCLUDED_STATUSES, select_events, within
from sagwan.analytics.timeline import event_timeline
from sagwan.analytics.triangles import (
    TYPE_NAMES,
    TriangleSeries,
    caveat,
    describe,
    stored_triangle_series,
    triangle_series,
    type_label,
)

__all__ = [
    "DEFAULT_EXCLUDED_STATUSES", "DEFAULT_MEMORY", "PERIODS", "TYPE_NAMES", "WEIGHTINGS", "DyadSeries",
    "TriangleSeries", "actor_network", "caveat", "describe", "dyad_series", "event_quad", "event_score",
    "event_timeline", "linked_network", "network_json", "period_of", "resolve_memory", "score_table",
    "select_events", "series_table", "stored_dyad_series", "stored_links", "stored_triangle_series",
    "triangle_series", "type_label", "within", "write_gexf", "write_graphml",
]
