"""Which years the report shows: by default the years in which its articles were published.

Articles mention history ("the 1961 treaty", "sanctions since 2006"). Such an event, dated years before
the news that tells it, would stretch every chart's axis over decades of empty periods. So, unless
the reader chose dates (--from/--to), the report shows the years from the first to the last
publication (read from each event's first report). Events dated outside are counted and named in the
report's summary, never silently dropped. The analytics still run on every event, so a tie's memory
reaches back as far as in `sagwan triangle`, and the types agree.

If most dated events lie outside the publication years (a corpus about history), nothing is cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


@dataclass
class Span:
    reason: str                          # "publication" (years cut), "options" (reader's dates), "all"
    first: int | None = None             # first and last year shown when reason is "publication"
    last: int | None = None
    published_from: str | None = None    # first and last publication date seen
    published_to: str | None = None
    outside: int = 0                     # events dated outside the years shown
    outside_from: str | None = None      # earliest and latest of their dates
    outside_to: str | None = None

    def holds(self, label: str) -> bool:
        """Whether a period label ("2023-Q4", "2023-10", "2023") or date is shown."""
        if self.reason != "publication" or self.first is None or self.last is None:
            return True
        return self.first <= int(label[:4]) <= self.last

    @property
    def bounds(self) -> tuple[str | None, str | None]:
        """The years shown as --from/--to values, or (None, None) when nothing is cut."""
        if self.reason != "publication":
            return None, None
        return str(self.first), str(self.last)


def _valid(value: Any) -> str | None:
    return value if isinstance(value, str) and _DATE.match(value) else None


def report_span(events: list[dict[str, Any]], date_from: str | None = None, date_to: str | None = None) -> Span:
    """The years the report shows for these events (see the module's text for the rule)."""
    published = sorted(p for ev in events if (p := _valid(ev.get("first_reported"))))
    span = Span(reason="options" if date_from or date_to else "all",
                published_from=published[0][:10] if published else None,
                published_to=published[-1][:10] if published else None)
    if span.reason == "options" or not published:
        return span
    first, last = int(published[0][:4]), int(published[-1][:4])
    dated = [d for ev in events if (d := _valid(ev.get("date")))]
    outside = sorted(d for d in dated if not first <= int(d[:4]) <= last)
    if not outside or len(outside) * 2 > len(dated):
        return span
    span.reason, span.first, span.last = "publication", first, last
    span.outside, span.outside_from, span.outside_to = len(outside), outside[0], outside[-1]
    return span
