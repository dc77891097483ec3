"""Store commands: `sagwan ingest`, `db`, `events`, `quotes`, `actors`, `export`. Thin over `sagwan.store`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from sagwan.ingest import DEFAULT_MAX_BYTES
from sagwan.model import ACTOR_KINDS, STATUSES
from sagwan.serve.cli.filtering import build_filter, filter_options, pop_filter_args
from sagwan.store import open_existing_store, open_store
from sagwan.store.codebook import codebook, column_names
from sagwan.store.export import EXPORT_FORMATS, event_row, export, write_rows

QUERY_FORMATS = ("table", "csv", "tsv", "jsonl", "parquet")

db_option = click.option("--db", "db_url", metavar="URL", default=None,
                         help="Database: a SQLite file path or postgresql://... (default: $SAGWAN_DB or ./sagwan.db).")
format_option = click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True)
output_option = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                             help="Write to this file instead of standard output.")
limit_option = click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many rows.")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Skip documents larger than this.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Extract on a local Dask cluster of N worker processes.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None, help="Extract on a running Dask cluster.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Write sagwan/1 record shards to DIR instead of a database (`sagwan ingest DIR` stores them).")
@click.option("--out-format", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="Shard format for --out.")
def ingest_cmd(paths: tuple[str, ...], db_url: str | None, max_bytes: int, workers: int | None,
               scheduler: str | None, out_dir: Path | None, out_format: str) -> None:
    """Extract files, directories, globs or - and store them (re-running changes nothing); record shards
    (sagwan/1 JSON Lines or Parquet) are stored as they are."""
    from sagwan.parallel import ingest_paths, progress_bar

    with progress_bar(sys.stderr.isatty()) as progress:
        summary = ingest_paths(paths, db_url=db_url, max_bytes=max_bytes, workers=workers, scheduler=scheduler,
                               out=out_dir, out_format=out_format, progress=progress)
    if out_dir is not None:
        click.echo(f"sagwan: {summary.documents} record(s) written to {out_dir}, {summary.events} event(s), "
                   f"{summary.quotes} quote(s), {len(summary.failures)} failure(s)", err=True)
    else:
        click.echo(f"sagwan: {summary.documents} document(s) stored, {summary.unchanged} unchanged, "
                   f"{summary.events} event(s), {summary.quotes} quote(s), {len(summary.failures)} failure(s)",
                   err=True)
    for failure in summary.failures:
        click.echo(f"sagwan: failed {failure}", err=True)
    if summary.failures:
        sys.exit(1)


@click.group("db")
def db_cmd() -> None:
    """Manage the database."""


@db_cmd.command("upgrade")
@db_option
def db_upgrade_cmd(db_url: str | None) -> None:
    """Create the tables or migrate them to the newest schema."""
    with open_store(db_url) as store:
        click.echo(f"sagwan: {store.url} is at schema revision {store.revision}", err=True)


@db_cmd.command("summary")
@db_option
def db_summary_cmd(db_url: str | None) -> None:
    """Counts of documents, actors, quotes, events and failures, as JSON."""
    with open_existing_store(db_url) as store:
        click.echo(json.dumps(store.summary(), ensure_ascii=False, indent=2))


def _needs_file(fmt: str, output: Path | None) -> None:
    if fmt == "parquet" and output is None:
        raise click.UsageError("parquet is binary: give an output file with -o FILE.parquet")


def _emit(kind: str, rows: list[dict[str, Any]], nested: list[dict[str, Any]] | None, fmt: str,
          output: Path | None) -> None:
    if fmt == "table":
        _table(kind, nested if nested is not None else rows, output)
    elif fmt == "jsonl":
        write_rows(nested if nested is not None else rows, "jsonl", output, column_names(kind))
    else:
        write_rows(rows, fmt, output, column_names(kind))
    if output is not None:
        click.echo(f"sagwan: wrote {len(rows)} row(s) to {output}", err=True)


def _table(kind: str, rows: list[dict[str, Any]], output: Path | None) -> None:
    from sagwan.serve.cli import terminal

    printer = {"events": terminal.print_events, "quotes": terminal.print_quotes, "actors": terminal.print_actors}
    if output is None:
        printer[kind](rows, terminal.console())
    else:
        with output.open("w", encoding="utf-8") as fh:
            printer[kind](rows, terminal.console(fh))


def emit_events(evs: list[dict[str, Any]], fmt: str, output: Path | None = None) -> None:
    """Events as `sagwan events` writes them (dyad --list and triangle --list use it too)."""
    _emit("events", [event_row(e) for e in evs], evs, fmt, output)


@click.command("events")
@db_option
@filter_options()
@limit_option
@format_option
@output_option
def events_cmd(db_url, limit, fmt, output, **options) -> None:
    """Chronicle events merged across documents, filtered by the rules every command shares
    (see `sagwan.store.filters`): by default alleged, expected, hypothetical and denied events are left
    out (--all-statuses keeps them)."""
    _needs_file(fmt, output)
    with open_existing_store(db_url) as store:
        f = build_filter(store, pop_filter_args(options))
        evs = store.events(filter=f, limit=limit)
        total = store.count_events(f) if fmt == "table" and limit is not None else len(evs)
    _emit("events", [event_row(e) for e in evs], evs, fmt, output)
    if fmt == "table" and total > len(evs):
        click.echo(f"({len(evs)} of {total} events shown; raise --limit to see more)", err=True)
    if fmt == "table" and not f.all_statuses and not options.get("status"):
        click.echo(f"(statuses {', '.join(f.excluded_statuses)} left out; --all-statuses keeps them)", err=True)


@click.command("show")
@click.argument("item_id", metavar="ID")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_cmd(item_id: str, db_url: str | None, fmt: str) -> None:
    """One event (its id) or quote (DOCUMENT:q1) with its sentences, sources and attribution."""
    from sagwan.serve.cli import terminal
    from sagwan.store.filters import EventFilter

    with open_existing_store(db_url) as store:
        if ":" in item_id:
            doc_id, local_id = item_id.split(":", 1)
            item = store.quote(doc_id.strip(), local_id.strip())
            kind = "quote"
        else:
            found = store.events(filter=EventFilter(ids=(item_id.strip(),), statuses=STATUSES))
            item, kind = (found[0] if found else None), "event"
    if item is None:
        raise click.BadParameter(f"{item_id!r}: no such {kind}; event ids are listed by `sagwan events`, quote ids "
                                 "(DOCUMENT:q1) by `sagwan quotes --format csv`", param_hint="ID")
    if fmt == "json":
        click.echo(json.dumps(item, ensure_ascii=False, indent=2))
    elif kind == "event":
        terminal.print_event(item, terminal.console())
    else:
        terminal.print_quote(item, terminal.console())


@click.command("quotes")
@db_option
@click.option("--speaker", help="Speaker actor id or surface form.")
@click.option("--search", "search", metavar="TEXT", help="Words the quote must contain (Korean particles ignored).")
@limit_option
@format_option
@output_option
def quotes_cmd(db_url, speaker, search, limit, fmt, output) -> None:
    """Quotes, searchable in Korean (미사일 finds 미사일을)."""
    _needs_file(fmt, output)
    with open_existing_store(db_url) as store:
        rows = store.quotes(speaker=speaker, text=search, limit=limit)
    _emit("quotes", rows, None, fmt, output)


@click.command("actors")
@db_option
@click.option("--kind", type=click.Choice(ACTOR_KINDS))
@click.option("--name", help="Part of a name, an id or an alias.")
@limit_option
@format_option
@output_option
def actors_cmd(db_url, kind, name, limit, fmt, output) -> None:
    """Canonical actors with counts of mentions and documents."""
    _needs_file(fmt, output)
    with open_existing_store(db_url) as store:
        rows = store.actors(kind=kind, name=name, limit=limit)
    _emit("actors", rows, None, fmt, output)


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True,
              help="jsonl: sagwan/1 records; plover: PLOVER-shaped events; csv/tsv/parquet: one row per event.")
@click.option("--codebook", "want_codebook", is_flag=True, help="Write the codebook (JSON) instead of data.")
@output_option
def export_cmd(db_url, fmt, want_codebook, output) -> None:
    """Export the whole store, or its codebook."""
    if want_codebook:
        data = json.dumps(codebook(), ensure_ascii=False, indent=2) + "\n"
        if output is None:
            click.echo(data, nl=False)
        else:
            output.write_text(data, encoding="utf-8")
        return
    _needs_file(fmt, output)
    with open_existing_store(db_url) as store:
        n = export(store, fmt, output)
    if output is not None:
        click.echo(f"sagwan: wrote {n} {fmt} row(s) to {output}", err=True)
