"""`sagwan dyad | triangle | network | report | serve`: relations you can see, over a store.

Each command opens an existing store, calls one public function (sagwan.analytics,
sagwan.serve.web.report, sagwan.serve.api) and formats what it returns.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from sagwan.analytics.memory import DEFAULT_MEMORY, DEFAULT_WEIGHTING, WEIGHTINGS
from sagwan.analytics.periods import PERIODS
from sagwan.analytics.selection import LEVELS
from sagwan.analytics.triangles import DEFAULT_MIN_EVENTS, DEFAULT_NEUTRAL_BAND
from sagwan.files import write_atomically
from sagwan.model import STATUSES
from sagwan.serve.api.source import DEFAULT_DB, open_existing
from sagwan.serve.cli.filtering import bad_parameter, build_filter, filter_options, pop_filter_args, resolve_members
from sagwan.store import open_existing_store
from sagwan.store.filters import EventFilter, FilterError

log = logging.getLogger(__name__)
FORMATS = ("table", "csv", "json")


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--db, --level, and the event filters every command shares (`filtering.filter_options`)."""
    func = filter_options(dyad=False)(func)
    options = [
        click.option("--db", default=None, metavar="PATH|URL",
                     help=f"SQLite path or postgresql:// URL (default: ./{DEFAULT_DB})."),
        click.option("--level", type=click.Choice(LEVELS), default="state", show_default=True,
                     help="state: an actor stands for itself and its country stands for it; "
                          "actor: actor ids as they are."),
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


def _open(db: str | None, options: dict[str, Any], members: dict[str, str] | None = None):
    """The store, the EventFilter of the options and the members (ids) named as arguments."""
    store = open_existing_store(db)
    f = build_filter(store, pop_filter_args(options))
    return store, f, resolve_members(store, members or {})


def _events(store: Any, f: EventFilter, members: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The events a triangle or network counts: the filter's list (narrowed to the members' events when
    the filter names no actor, which changes nothing the analytics count)."""
    if members and not f.actors:
        f = f.but(actors=tuple(members))
    return store.events(filter=f, mentions=False)


def _listed(store: Any, ids: Iterable[str]) -> list[dict[str, Any]]:
    """The events behind a count, by id, whatever their status (the count already chose them)."""
    wanted = tuple(sorted(set(ids)))
    return store.events(filter=EventFilter(ids=wanted, statuses=STATUSES)) if wanted else []


def _print_listed(evs: list[dict[str, Any]], fmt: str) -> None:
    """--list: a table after the table; csv: the events' rows alone (as `sagwan events --format csv`)."""
    from sagwan.serve.cli.store_cmds import emit_events

    emit_events(evs, fmt)


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
    from sagwan.serve.cli import terminal

    terminal.print_rows(rows, terminal.console())


def _terminal_row(r: dict[str, Any]) -> dict[str, Any]:
    """A dyad row narrow enough for a terminal; csv and json keep every column."""
    return {"period": r["period"], "direction": r["direction"], "events": r["events"], "mean": r["score_mean"],
            "trail": r["memory_mean"], "coop v/m": f"{r['verbal-cooperation']}/{r['material-cooperation']}",
            "confl v/m": f"{r['verbal-conflict']}/{r['material-conflict']}", "types": r["types"]}


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(PERIODS), default="quarter", show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--list", "--events", "list_events", is_flag=True,
              help="List every event counted (the same filter, the same number): after the table, as the "
                   "rows of --format csv, or under \"events\" in --format json.")
@memory_options
@common_options
def dyad_cmd(a: str, b: str, by: str, fmt: str, list_events: bool, memory: int | None, weighting: str,
             db: str | None, level: str, **options: Any) -> None:
    """Events between A and B per period: counts by quad class and type, score sum and mean, per direction.

    A and B are actor ids or names (PRK, person:kim-jong-un, 김정은). memory_mean is the trailing mean over
    the memory window: the value of the tie in `sagwan triangle`."""
    from sagwan.analytics import series_table, stored_dyad_series

    store, f, (a, b) = _open(db, options, {"A": a, "B": b})
    series = stored_dyad_series(store, a, b, filter=f, by=by, level=level, memory=memory, weighting=weighting)
    listed = _listed(store, series.event_ids()) if list_events else None
    if fmt == "json":
        data = series.to_dict()
        data["filter"] = f.to_dict()
        if listed is not None:
            data["events"] = listed
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif listed is not None and fmt == "csv":
        _print_listed(listed, "csv")
        return
    elif fmt == "csv":
        _echo_rows(series_table(series), fmt)
    else:
        # people read the periods that have events; csv and json keep every period for analysis
        busy = {r.period for r in series.rows if r.direction == "both" and r.n_events}
        _echo_rows([_terminal_row(r) for r in series_table(series) if r["period"] in busy], fmt)
        click.echo("(mean: mean score in the period; trail: weighted mean over the memory window, the triangle's "
                   "tie; coop/confl v/m: verbal/material cooperation and conflict events)", err=True)
        if len(busy) < len(series.periods):
            click.echo(f"({len(series.periods) - len(busy)} {by}(s) without events not shown; "
                       "--format csv lists every period)", err=True)
    if series.unplaced and fmt == "table":
        click.echo(f"({len(series.unplaced)} event(s) dated only by year are not placed in a {by}; "
                   "use --by year to count them)", err=True)
    if listed is not None and fmt == "table":
        _print_listed(listed, "table")


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
@click.option("--list", "--events", "list_events", is_flag=True,
              help="Also list the events of each window's ties in its period (the tie's events column).")
@memory_options
@common_options
def triangle_cmd(a: str, b: str, c: str, by: str, neutral_band: float, min_events: int, fmt: str,
                 list_events: bool, memory: int | None, weighting: str, db: str | None, level: str,
                 **options: Any) -> None:
    """Strategic-triangle type, roles and ties of A, B, C per period with events (method: docs/triangles.md)."""
    from sagwan.analytics import caveat, triangle_series, type_label

    store, f, members = _open(db, options, {"A": a, "B": b, "C": c})
    tri = triangle_series(_events(store, f, members), *members, by=by, level=level, memory=memory,
                          weighting=weighting, neutral_band=neutral_band, min_events=min_events,
                          exclude_status=(), attributed_to=None)
    tri.exclude_status, tri.attributed_to = list(f.excluded_statuses), f.attributed_to
    listed = _listed(store, (i for w in tri.windows for t in w.ties for i in t.period_event_ids)) \
        if list_events else None
    if fmt == "json":
        data = tri.to_dict()
        data["filter"] = f.to_dict()
        if listed is not None:
            data["events"] = listed
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if listed is not None and fmt == "csv":
        _print_listed(listed, "csv")
        return
    rows = []
    for w in tri.windows:
        rows.append({
            "period": w.period, "type": type_label(w), "signs": w.signs,
            "ties": "; ".join(f"{t.label} {t.sign}{'' if t.mean is None else f' {t.mean:+.2f}'} "
                              f"({t.n_events}/{t.n_memory})" for t in w.ties),
            "roles": ", ".join(f"{m}={r}" for m, r in w.roles.items()),
            "note": caveat(w),
        })
    _echo_rows(rows, fmt)
    if listed is not None:
        _echo_rows([{"period": w.period, "tie": t.label, "event_id": i}
                    for w in tri.windows for t in w.ties for i in t.period_event_ids], fmt)
        _print_listed(listed, "table")
    if fmt != "table":
        return
    if tri.transitions:
        steps = [f"{t['from_period']} {t['from_label']} -> {t['to_period']} {t['to_label']}" for t in tri.transitions]
        from sagwan.serve.cli import terminal

        terminal.console().print("transitions: " + "; ".join(steps), overflow="fold", markup=False)
    click.echo(f"(memory {tri.memory} {by}(s), {tri.weighting} weighting; ties: sign, weighted mean over the "
               f"memory, events in the {by}/in the memory; {len(tri.quiet)} {by}(s) without events among "
               "the three not shown)", err=True)


@click.command("network")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here: .json for the web's JSON, anything else GraphML (default: JSON to standard output).")
@click.option("--min-events", type=click.IntRange(min=1), default=1, show_default=True,
              help="Leave out edges with fewer events.")
@common_options
def network_cmd(output: Path | None, min_events: int, db: str | None, level: str, **options: Any) -> None:
    """The actor network: who acts on whom, how often, and with what mean score."""
    from sagwan.analytics import actor_network, network_json, write_graphml

    store, f, _ = _open(db, options)
    graph = actor_network(_events(store, f), level=level, min_events=min_events, exclude_status=())
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
@click.option("--dyad", "dyads", multiple=True, metavar="A-B",
              help="A dyad to chart (repeat the option or separate dyads with commas; default PRK-RUS, "
                   "PRK-CHN, CHN-RUS).")
@click.option("--triangle", nargs=3, default=None, metavar="A B C", help="Triangle members (default PRK RUS CHN).")
@click.option("--neutral-band", type=click.FloatRange(min=0), default=DEFAULT_NEUTRAL_BAND, show_default=True)
@click.option("--min-events", type=click.IntRange(min=1), default=DEFAULT_MIN_EVENTS, show_default=True)
@click.option("--title", default="sagwan report", show_default=True)
@memory_options
@common_options
def report_cmd(output: Path, by: str, dyads: tuple[str, ...], triangle: tuple[str, str, str] | None,
               neutral_band: float, min_events: int, title: str, memory: int | None, weighting: str,
               db: str | None, level: str, **options: Any) -> None:
    """A static, self-contained HTML report: timeline, dyads, triangle, network and the evidence."""
    from sagwan.serve.web.report import DEFAULT_DYADS, DEFAULT_TRIANGLE, ReportOptions, write_report

    members = dict(zip(("A", "B", "C"), triangle or DEFAULT_TRIANGLE, strict=True))
    store, f, tri = _open(db, options, members)
    pairs = _report_dyads(store, dyads) if dyads else DEFAULT_DYADS
    report = ReportOptions(by=by, dyads=pairs, triangle=tuple(tri), level=level, filter=f,
                           exclude_status=f.excluded_statuses, attributed_to=f.attributed_to,
                           neutral_band=neutral_band, min_events=min_events, memory=memory,
                           weighting=weighting, title=title, date_from=f.date_from, date_to=f.date_to)
    path = write_report(store, output, report)
    click.echo(f"sagwan: wrote {path}", err=True)


def _report_dyads(store: Any, values: tuple[str, ...]) -> list[tuple[str, str]]:
    """--dyad A-B, repeated or comma-separated; the older form `--dyad PRK,RUS` (one pair) is read too."""
    from sagwan.store.filters import parse_dyad, split_values

    items = split_values(values)
    if len(items) == 2 and not any("-" in i for i in items):
        items = ["-".join(items)]
    try:
        return [parse_dyad(i, store.resolve_actor, "dyad") for i in items]
    except FilterError as exc:
        raise bad_parameter(exc) from None


@click.command("serve")
@click.option("--db", default=None, metavar="PATH|URL",
              help=f"SQLite path or postgresql:// URL (default: ./{DEFAULT_DB}).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default keeps the dashboard on this machine.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve_cmd(db: str | None, host: str, port: int) -> None:
    """The read-only dashboard and JSON API (/api/, schema at /openapi.json)."""
    from sagwan.serve.api.server import serve

    store = open_existing(db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("listening on %s: anyone who can reach this address can read the chronicle", host)
    click.echo(f"sagwan: dashboard at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    serve(store, host=host, port=port)
