"""`sagwan report`: one self-contained HTML file (CSS, JS and the chart library inline; no network).

It opens with a summary (counts, the years covered, each dyad year by year, the triangle's latest
type), then shows the timeline, the dyad series, the strategic triangle over time, the actor
network, and the evidence behind every point: each event with its sentences (trigger in bold) and
sources. The numbers come from the same functions, with the same defaults, as `sagwan dyad`,
`sagwan triangle` and the dashboard; the report only chooses which years to show (see `span`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from sagwan._version import __version__
from sagwan.analytics import (
    DEFAULT_EXCLUDED_STATUSES,
    TYPE_NAMES,
    actor_network,
    caveat,
    describe,
    dyad_series,
    event_timeline,
    network_json,
    score_table,
    triangle_series,
    type_label,
    within,
)
from sagwan.analytics.memory import DEFAULT_WEIGHTING, resolve_memory
from sagwan.analytics.scores import with_scores
from sagwan.analytics.triangles import DEFAULT_MIN_EVENTS, DEFAULT_NEUTRAL_BAND, transitions
from sagwan.errors import ConfigError
from sagwan.files import write_atomically
from sagwan.serve.web.assets import ECHARTS, read_static, render
from sagwan.serve.web.span import Span, report_span
from sagwan.store.filters import EventFilter

log = logging.getLogger(__name__)

DEFAULT_DYADS: tuple[tuple[str, str], ...] = (("PRK", "RUS"), ("PRK", "CHN"), ("CHN", "RUS"))
DEFAULT_TRIANGLE: tuple[str, str, str] = ("PRK", "RUS", "CHN")
SUMMARY_KEYS = ("documents", "events", "quotes", "actors", "failures")


@dataclass
class ReportOptions:
    by: str = "quarter"
    dyads: Sequence[tuple[str, str]] = DEFAULT_DYADS
    triangle: tuple[str, str, str] | None = DEFAULT_TRIANGLE
    level: str = "state"
    exclude_status: Sequence[str] = DEFAULT_EXCLUDED_STATUSES
    attributed_to: str | None = None
    neutral_band: float = DEFAULT_NEUTRAL_BAND
    min_events: int = DEFAULT_MIN_EVENTS
    memory: int | None = None            # None: one year of periods, as in `sagwan triangle`
    weighting: str = DEFAULT_WEIGHTING
    title: str = "sagwan report"
    date_from: str | None = None
    date_to: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    filter: EventFilter | None = None    # when set, the events are exactly store.events(filter=filter)


def _inline_js(code: str) -> str:
    """Script text that cannot close its own <script> element early."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside <script type="application/json">: no '<', '>' or '&' left raw."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


class _Documents:
    """Fetches each document once, for the sentences of the evidence tables."""

    def __init__(self, store: Any):
        self.store = store
        self.cache: dict[str, dict[str, Any] | None] = {}

    def get(self, doc_id: str | None) -> dict[str, Any] | None:
        if not doc_id:
            return None
        if doc_id not in self.cache:
            self.cache[doc_id] = self.store.document(doc_id)
        return self.cache[doc_id]


def sentence_parts(text: str | None, mention: dict[str, Any]) -> tuple[str, str, str] | None:
    """The mention's sentence split as (before the trigger, trigger, after), or None without text."""
    start, end = mention.get("start"), mention.get("end")
    s_start = mention.get("sentence_start", start)
    s_end = mention.get("sentence_end", end)
    if text is None:
        sentence = mention.get("sentence")
        return (sentence, "", "") if sentence else None
    if s_start is None or s_end is None or not 0 <= s_start <= s_end <= len(text):
        return None
    if start is None or end is None or not s_start <= start <= end <= s_end:
        return (text[s_start:s_end], "", "")
    return text[s_start:start], text[start:end], text[end:s_end]


def _evidence_row(ev: dict[str, Any], docs: _Documents, anchor: str) -> dict[str, Any]:
    ev = with_scores(ev)
    mentions = []
    for m in ev.get("mentions") or []:
        doc = docs.get(m.get("document_id")) or {}
        mentions.append({
            "parts": sentence_parts(doc.get("text"), m),
            "title": m.get("title") or doc.get("title") or m.get("source") or doc.get("source"),
            "published": m.get("published") or doc.get("published"),
            "outlet": doc.get("outlet"), "url": doc.get("url") or m.get("source") or doc.get("source"),
            "document_id": m.get("document_id"), "status": m.get("status"),
            "attributed_to": ", ".join(m.get("attributed_to") or []) if isinstance(m.get("attributed_to"), list)
            else (m.get("attributed_to") or ""),
        })
    src = ev.get("source_countries") or ev.get("source") or []
    tgt = ev.get("target_countries") or ev.get("target") or []
    attributed = ev.get("attributed_to") or []
    return {"anchor": anchor, "id": ev["id"], "type": ev.get("type"), "mode": ev.get("mode"),
            "date": ev.get("date") or f"(reported {ev.get('first_reported') or '?'})",
            "who": ", ".join(src) + (" → " + ", ".join(tgt) if tgt else ""), "status": ev.get("status"),
            "attributed_to": ", ".join([attributed] if isinstance(attributed, str) else attributed),
            "score": ev.get("score"), "score_from": ev.get("score_from"), "quad": ev.get("quad"),
            "mentions": mentions}


def _pairs(options: ReportOptions) -> list[tuple[str, str]]:
    pairs = [tuple(p) for p in options.dyads]
    if options.triangle:
        for pair in combinations(options.triangle, 2):
            if pair not in pairs and pair[::-1] not in pairs:
                pairs.append(pair)
    return pairs  # type: ignore[return-value]


def _shown(periods: list[str], busy: set[str], span: Span) -> list[str]:
    """The periods inside the span, without the empty ones at either end (left by a cut-off outlier)."""
    inside = [p for p in periods if span.holds(p)]
    marks = [i for i, p in enumerate(inside) if p in busy]
    return inside[marks[0]:marks[-1] + 1] if marks else []


def _trim_timeline(timeline: dict[str, Any], span: Span) -> dict[str, Any]:
    shown = set(_shown(timeline["periods"], {p for p, ids in timeline["event_ids"].items() if ids}, span))
    keep = [i for i, p in enumerate(timeline["periods"]) if p in shown]
    return {**timeline, "periods": [timeline["periods"][i] for i in keep],
            "counts": {q: [n[i] for i in keep] for q, n in timeline["counts"].items()},
            "event_ids": {p: ids for p, ids in timeline["event_ids"].items() if p in shown}}


def _dyad_block(events: list[dict[str, Any]], pair: tuple[str, str], by_id: dict[str, dict[str, Any]],
                docs: _Documents, span: Span, options: ReportOptions, common: dict[str, Any]) -> dict[str, Any]:
    a, b = pair
    series = dyad_series(events, a, b, by=options.by, level=options.level, memory=options.memory,
                         weighting=options.weighting, **common)
    key = f"{a}-{b}"
    data = series.to_dict()
    busy = {r.period for r in series.rows if r.direction == "both" and r.n_events}
    data["periods"] = _shown(series.periods, busy, span)
    shown = set(data["periods"])
    data["rows"] = [r for r in data["rows"] if r["period"] in shown]
    evidence = []
    for period in data["periods"]:
        row = series.row(period, "both")
        if row and row.n_events:
            evidence.append({"period": period, "events": [
                _evidence_row(by_id[eid], docs, f"ev-{key}-{eid}") for eid in row.event_ids]})
    years = dyad_series(events, a, b, by="year", level=options.level, memory=1, **common)
    glance = [{"year": r.period, "n": r.n_events, "mean": r.score_mean}
              for r in years.rows if r.direction == "both" and r.n_events and span.holds(r.period)]
    outside = sum(r.n_events for r in series.rows if r.direction == "both" and r.period not in shown)
    return {"key": key, "a": a, "b": b, "series": data, "evidence": evidence, "glance": glance,
            "unplaced": series.unplaced, "outside": outside, "n_events": sum(len(p["events"]) for p in evidence)}


def _triangle_block(events: list[dict[str, Any]], members: tuple[str, str, str], span: Span,
                    options: ReportOptions, common: dict[str, Any]) -> dict[str, Any]:
    tri = triangle_series(events, *members, by=options.by, level=options.level, memory=options.memory,
                          weighting=options.weighting, neutral_band=options.neutral_band,
                          min_events=options.min_events, **common)
    keys = {frozenset(pair): f"{pair[0]}-{pair[1]}" for pair in _pairs(options)}
    shown = [w for w in tri.windows if span.holds(w.period)]
    windows = [{"period": w.period, "memory_from": w.memory_from, "type": w.type, "name": TYPE_NAMES[w.type],
                "label": type_label(w), "weak": w.weak, "provisional": w.provisional, "describe": describe(w),
                "caveat": caveat(w), "signs": w.signs, "roles": w.roles,
                "ties": [{"pair": "–".join(t.pair), "sign": t.sign, "n": t.n_events, "n_memory": t.n_memory,
                          "mean": t.mean, "key": keys[frozenset(t.pair)], "event_ids": t.event_ids,
                          "evidence": [p for p in t.periods if span.holds(p)], "directed": t.directed_mean}
                         for t in w.ties]}
               for w in shown]
    data = tri.to_dict()
    data["windows"] = [wd for wd in data["windows"] if span.holds(wd["period"])]
    data["transitions"] = transitions(shown)
    data["quiet"] = [q for q in data["quiet"] if span.holds(q)]
    return {"members": tri.members, "data": data, "windows": windows, "memory": tri.memory,
            "weighting": tri.weighting, "n_quiet": len(data["quiet"]),
            "n_hidden": len(tri.windows) - len(shown), "transitions": data["transitions"],
            "latest": windows[-1] if windows else None}


def report_context(events: list[dict[str, Any]], store: Any, options: ReportOptions) -> dict[str, Any]:
    """Everything the template needs: chart data (JSON) and evidence tables (escaped by Jinja)."""
    docs = _Documents(store)
    by_id = {str(ev["id"]): ev for ev in events}
    common = {"exclude_status": options.exclude_status, "attributed_to": options.attributed_to}
    span = report_span(events, options.date_from, options.date_to)
    timeline = _trim_timeline(event_timeline(events, by="month", **common), span)
    dyads = [_dyad_block(events, pair, by_id, docs, span, options, common) for pair in _pairs(options)]
    triangle = _triangle_block(events, options.triangle, span, options, common) if options.triangle else None
    graph = actor_network(within(events, *span.bounds), level=options.level, **common)
    net = network_json(graph)
    chart_data = {"timeline": timeline, "dyads": [{"key": d["key"], "series": d["series"]} for d in dyads],
                  "triangle": triangle["data"] if triangle else None, "network": net}
    try:
        summary = store.summary()
    except Exception:  # the summary is decoration: a store without it still gets its report
        log.warning("store summary unavailable", exc_info=True)
        summary = {}
    return {
        "title": options.title, "version": __version__,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "summary": {k: summary[k] for k in SUMMARY_KEYS if isinstance(summary.get(k), int | float)},
        "n_events": len(events), "by": options.by, "level": options.level, "span": span,
        "excluded": ", ".join(options.exclude_status) or "none",
        "attributed_to": options.attributed_to, "date_from": options.date_from, "date_to": options.date_to,
        "scores_version": score_table().version,
        "neutral_band": options.neutral_band, "min_events": options.min_events,
        "memory": resolve_memory(options.memory, options.by),
        "timeline": timeline, "dyads": dyads, "triangle": triangle,
        "network": net, "network_edges": net["edges"],
        "data_json": _json_for_script(chart_data),
        "css": read_static("sagwan.css").replace("</", "<\\/"),
        "echarts_js": _inline_js(read_static(ECHARTS)), "charts_js": _inline_js(read_static("charts.js")),
        "report_js": _inline_js(read_static("report.js")),
    }


def build_report(store: Any, options: ReportOptions | None = None) -> str:
    """The report as one HTML string."""
    options = options or ReportOptions()
    events = report_events(store, options)
    return render("report.html", **report_context(events, store, options))


def report_events(store: Any, options: ReportOptions) -> list[dict[str, Any]]:
    """The events every figure of the report counts (the analytics apply the status and attribution
    filters of `options` again, which the filter has already applied: the same events)."""
    if options.filter is not None:
        return store.events(filter=options.filter)
    return within(store.events(), options.date_from, options.date_to)


def write_report(store: Any, path: str | Path, options: ReportOptions | None = None) -> Path:
    """Write the report through a temporary file, so a failure never leaves half a file."""
    html = build_report(store, options)
    return write_atomically(path, lambda tmp: tmp.write_text(html, encoding="utf-8"), "report")


def parse_pairs(values: Iterable[str]) -> list[tuple[str, str]]:
    """"PRK,RUS" (or "PRK-RUS" when the ids have no hyphen) -> ("PRK", "RUS")."""
    pairs = []
    for v in values:
        parts = [p.strip() for p in v.split("," if "," in v else "-") if p.strip()]
        if len(parts) != 2 or parts[0] == parts[1]:
            raise ConfigError(f"dyad {v!r}: give two different actor ids as A,B (or A-B), e.g. PRK,RUS")
        pairs.append((parts[0], parts[1]))
    return pairs
