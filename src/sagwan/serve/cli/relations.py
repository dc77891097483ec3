"""`sagwan dyad | triangle | network | report | serve`: relations you can see, over a store.

Each command opens an existing store, calls one public function (sagwan.analytics,
sagwan.serve.web.report, sagwan.serve.api) and formats what it returns.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sagwan.analytics.memory import DEFAULT_MEMORY, DEFAULT_WEIGHTING, WEIGHTINGS
from sagwan.analytics.periods import PERIODS
from sagwan.analytics.selection import DEFAULT_EXCLUDED_STATUSES, LEVELS
from sagwan.analytics.triangles import DEFAULT_MIN_EVENTS, DEFAULT_NEUTRAL_BAND
from sagwan.files import write_atomically
from sagwan.serve.api.source import DEFAULT_DB, open_existing

log = logging.getLogger(__name__)
FORMATS = ("table", "csv", "json")


def _statuses(value: str | None, keep_all: bool) -> tuple[str, ...]:
    if keep_all:
        return ()
    if value is None:
        return DEFAULT_EXCLUDED_STATUSES
    return tuple(s.strip() for s in value.split(",") if s.strip())


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--db, --from, --to, --level, --exclude-status, --all-statuses, --attributed-to."""
    options = [
        click.option("--db", default=None, metavar="PATH|URL",
                     help=f"SQLite path or postgresql:// URL (default: ./{DEFAULT_DB})."),
        click.option("--from", "date_from", default=None, metavar="DATE",
                     help="Only events from this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--to", "date_to", default=None, metavar="DATE", help="Only events up to this date."),
        click.option("--level", type=click.Choice(LEVELS), default="state", show_default=True,
                     help="state: each actor counted as its country; actor: actor ids as they are."),
        click.option("--exclude-status", default=None, metavar="S1,S2",
                     help="Statuses to leave out (default: " + ",".join(DEFAULT_EXCLUDED_STATUSES) + ")."),
        click.option("--all-statuses", is_flag=True, help="Keep events of every status."),
        click.option("--attributed-to", default=None, metavar="ACTOR|none",
                     help="Only events asserted by this actor id; 'none' = the article's own voice."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def memory_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--memory, --weighting: how far back the evidence of a tie (or a trailing mean) reaches."""
    default = ", ".join(f"{n} {by}s" if n > 1 else f"{n} {by}" for by, n in DEFAULT_MEMORY.items())
    options = [
        click.option("--memory", type=click.IntRange(min=1), default=None, metavar="N",
                     help=f"Periods of evidence behind each tie, ending with the period itself "
                          f"(default one year: {default})."),
        click.option("--weighting", type=click.Choice(WEIGHTINGS), default=DEFAULT_WEIGHTING, show_default=True,
                     help="linear: an event k periods old weighs (memory-k)/memory; equal: all weigh 1."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _events(store: Any, date_from: str | None, date_to: str | None) -> list[dict[str, Any]]:
    from sagwan.analytics import within

    return within(store.events(), date_from, date_to)


def _echo_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("(no events)" if fmt == "table" else "")
        return
    columns = list(rows[0])
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    cells = [[("" if r[c] is None else str(r[c])) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(PERIODS), default="quarter", show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@memory_options
@common_options
def dyad_cmd(a: str, b: str, by: str, fmt: str, memory: int | None, weighting: str, db: str | None,
             date_from: str | None, date_to: str | None, level: str, exclude_status: str | None, all_statuses: bool,
             attributed_to: str | None) -> None:
    """Events between A and B per period: counts by quad class and type, score sum and mean, per direction.

    memory_mean is the trailing mean over the memory window: the value of the tie in `sagwan triangle`."""
    from sagwan.analytics import series_table, stored_dyad_series

    store = open_existing(db)
    series = stored_dyad_series(store, a, b, date_from=date_from, date_to=date_to, by=by, level=level,
                                memory=memory, weighting=weighting,
                                exclude_status=_statuses(exclude_status, all_statuses), attributed_to=attributed_to)
    if fmt == "json":
        click.echo(json.dumps(series.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _echo_rows(series_table(series), fmt)
    else:
        # people read the periods that have events; csv and json keep every period for analysis
        busy = {r.period for r in series.rows if r.direction == "both" and r.n_events}
        _echo_rows([r for r in series_table(series) if r["period"] in busy], fmt)
        if len(busy) < len(series.periods):
            click.echo(f"({len(series.periods) - len(busy)} {by}(s) without events not shown; "
                       "--format csv lists every period)", err=True)
    if series.unplaced and fmt == "table":
        click.echo(f"({len(series.unplaced)} event(s) dated only by year are not placed in a {by}; "
                   "use --by year to count them)", err=True)


@click.command("triangle")
@click.argument("a")
@click.argument("b")
@click.argument("c")
@click.option("--by", type=click.Choice(PERIODS), default="quarter", show_default=True)
@click.option("--neutral-band", type=click.FloatRange(min=0), default=DEFAULT_NEUTRAL_BAND, show_default=True,
              help="A tie whose mean score is within ± this is neutral (0).")
@click.option("--min-events", type=click.IntRange(min=1), default=DEFAULT_MIN_EVENTS, show_default=True,
              help="A tie with fewer scored events than this in its memory window is unknown (?).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--quotes", "with_quotes", is_flag=True,
              help="Beside each window, the quotes that name two or more of the three (speaker, role, sentence).")
@memory_options
@common_options
def triangle_cmd(a: str, b: str, c: str, by: str, neutral_band: float, min_events: int, fmt: str,
                 with_quotes: bool, memory: int | None, weighting: str, db: str | None, date_from: str | None,
                 date_to: str | None, level: str, exclude_status: str | None, all_statuses: bool,
                 attributed_to: str | None) -> None:
    """Strategic-triangle type, roles and ties of A, B, C per period with events (method: docs/triangles.md)."""
    from sagwan.analytics import caveat, triangle_series, type_label

    store = open_existing(db)
    tri = triangle_series(_events(store, date_from, date_to), a, b, c, by=by, level=level, memory=memory,
                          weighting=weighting, neutral_band=neutral_band, min_events=min_events,
                          exclude_status=_statuses(exclude_status, all_statuses), attributed_to=attributed_to)
    voices = _voices(store, tri) if with_quotes else {}
    if fmt == "json":
        data = tri.to_dict()
        if with_quotes:
            for wd in data["windows"]:
                wd["quotes"] = voices.get(wd["period"], [])
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    rows = []
    for w in tri.windows:
        rows.append({
            "period": w.period, "type": type_label(w), "signs": w.signs,
            "ties": "; ".join(f"{t.label} {t.sign}{'' if t.mean is None else f' {t.mean:+.2f}'} "
                              f"({t.n_events}/{t.n_memory}{_change(t.change_events)})" for t in w.ties),
            "asymmetry": f"{w.asymmetry:.2f}" + (f" {w.dominant}" if w.dominant else ""),
            "roles": ", ".join(f"{m}={r}" for m, r in w.roles.items()),
            "note": caveat(w),
        })
    _echo_rows(rows, fmt)
    if fmt != "table":
        return
    for period, qs in voices.items():
        for q in qs:
            who = q["speaker_text"] or q["speaker"] or "?"
            click.echo(f"{period}  {who}{_role(q)} "
                       f"[{', '.join(q['names'])}]: {q['text']}")
    if tri.transitions:
        steps = [f"{t['from_period']} {t['from_label']} -> {t['to_period']} {t['to_label']}" for t in tri.transitions]
        click.echo("transitions: " + "; ".join(steps))
    click.echo(f"(memory {tri.memory} {by}(s), {tri.weighting} weighting; ties: sign, weighted mean over the "
               f"memory, events in the {by}/in the memory; {len(tri.quiet)} {by}(s) without events among "
               "the three not shown)", err=True)


def _voices(store: Any, tri: Any) -> dict[str, list[dict[str, Any]]]:
    from sagwan.analytics.triangle_quotes import quotes_by_window

    known = store.actors()
    names = {x["id"]: [x["name"], *x.get("aliases", [])] for x in known if x["id"] in tri.members}
    roles = {x["id"]: x.get("role") for x in known}
    found = quotes_by_window(store.quotes(), names, [w.period for w in tri.windows], tri.by, roles)
    return {w.period: found[w.period] for w in tri.windows if found.get(w.period)}


def _role(q: dict[str, Any]) -> str:
    return f" ({q['role']})" if q.get("role") else ""


def _change(delta: int | None) -> str:
    return "" if not delta else f" {delta:+d}"


@click.command("network")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here: .json for the web's JSON, anything else GraphML (default: JSON to standard output).")
@click.option("--min-events", type=click.IntRange(min=1), default=1, show_default=True,
              help="Leave out edges with fewer events.")
@common_options
def network_cmd(output: Path | None, min_events: int, db: str | None, date_from: str | None, date_to: str | None,
                level: str, exclude_status: str | None, all_statuses: bool, attributed_to: str | None) -> None:
    """The actor network: who acts on whom, how often, and with what mean score."""
    from sagwan.analytics import actor_network, network_json, write_graphml

    store = open_existing(db)
    graph = actor_network(_events(store, date_from, date_to), level=level, min_events=min_events,
                          exclude_status=_statuses(exclude_status, all_statuses), attributed_to=attributed_to)
    if output is None:
        click.echo(json.dumps(network_json(graph), ensure_ascii=False, indent=2))
        return
    if output.suffix.lower() == ".json":
        text = json.dumps(network_json(graph), ensure_ascii=False, indent=2)
        write_atomically(output, lambda tmp: tmp.write_text(text, encoding="utf-8"), "network")
    else:
        write_graphml(graph, output)
    click.echo(f"sagwan: wrote {graph.number_of_nodes()} actor(s) and {graph.number_of_edges()} edge(s) "
               f"to {output}", err=True)


@click.command("report")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"),
              show_default=True)
@click.option("--by", type=click.Choice(PERIODS), default="quarter", show_default=True)
@click.option("--dyad", "dyads", multiple=True, metavar="A,B",
              help="A dyad to chart (repeatable; default PRK,RUS PRK,CHN CHN,RUS).")
@click.option("--triangle", nargs=3, default=None, metavar="A B C", help="Triangle members (default PRK RUS CHN).")
@click.option("--neutral-band", type=click.FloatRange(min=0), default=DEFAULT_NEUTRAL_BAND, show_default=True)
@click.option("--min-events", type=click.IntRange(min=1), default=DEFAULT_MIN_EVENTS, show_default=True)
@click.option("--title", default="sagwan report", show_default=True)
@memory_options
@common_options
def report_cmd(output: Path, by: str, dyads: tuple[str, ...], triangle: tuple[str, str, str] | None,
               neutral_band: float, min_events: int, title: str, memory: int | None, weighting: str,
               db: str | None, date_from: str | None, date_to: str | None, level: str, exclude_status: str | None,
               all_statuses: bool, attributed_to: str | None) -> None:
    """A static, self-contained HTML report: timeline, dyads, triangle, network and the evidence."""
    from sagwan.serve.web.report import DEFAULT_DYADS, DEFAULT_TRIANGLE, ReportOptions, parse_pairs, write_report

    options = ReportOptions(by=by, dyads=parse_pairs(dyads) if dyads else DEFAULT_DYADS,
                            triangle=tuple(triangle) if triangle else DEFAULT_TRIANGLE, level=level,
                            exclude_status=_statuses(exclude_status, all_statuses), attributed_to=attributed_to,
                            neutral_band=neutral_band, min_events=min_events, memory=memory,
                            weighting=weighting, title=title,
                            date_from=date_from, date_to=date_to)
    store = open_existing(db)
    path = write_report(store, output, options)
    click.echo(f"sagwan: wrote {path}", err=True)


@click.command("serve")
@click.option("--db", default=None, metavar="PATH|URL",
              help=f"SQLite path or postgresql:// URL (default: ./{DEFAULT_DB}).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default keeps the dashboard on this machine.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--review", is_flag=True,
              help="Let the dashboard record reviews (mark wrong, correct); loopback only, with a CSRF token.")
def serve_cmd(db: str | None, host: str, port: int, review: bool) -> None:
    """The dashboard and JSON API (/api/, schema at /openapi.json); read-only unless --review."""
    import uvicorn

    from sagwan.serve.api import create_app

    if review and host not in ("127.0.0.1", "localhost", "::1"):
        raise click.UsageError(f"--review listens on loopback only (127.0.0.1, localhost, ::1), not {host}")
    app = create_app(open_existing(db), review=review)
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("listening on %s: anyone who can reach this address can read the chronicle", host)
    click.echo(f"sagwan: dashboard at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
