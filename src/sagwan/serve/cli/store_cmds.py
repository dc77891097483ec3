"""Store commands: `sagwan ingest`, `db`, `events`, `quotes`, `actors`, `export`. Thin over `sagwan.store`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from sagwan.extract import registry
from sagwan.ingest import DEFAULT_MAX_BYTES
from sagwan.model import ACTOR_KINDS
from sagwan.store import open_store
from sagwan.store.codebook import codebook, column_names
from sagwan.store.export import EXPORT_FORMATS, event_row, export, flat, write_rows

QUERY_FORMATS = ("table", "csv", "tsv", "jsonl", "parquet")
# Columns a terminal table shows (the other formats write them all).
TABLE_COLUMNS = {
    "events": ["event_id", "date", "type", "source_countries", "target_countries", "status", "n_documents",
               "n_outlets", "attributed_to", "first_text"],
    "quotes": ["published", "speaker", "speaker_text", "kind", "text", "cue"],
    "actors": ["id", "name", "kind", "country", "n_mentions", "n_documents", "aliases"],
}

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
@click.option("--gazetteer", "gazetteers", multiple=True, metavar="FILE",
              help="A user actor dictionary (JSON Lines, the gazetteer's shape); repeatable. "
                   "Default: the files named by SAGWAN_GAZETTEER.")
def ingest_cmd(paths: tuple[str, ...], db_url: str | None, max_bytes: int, workers: int | None,
               scheduler: str | None, out_dir: Path | None, out_format: str, gazetteers: tuple[str, ...]) -> None:
    """Extract files, directories, globs or - and store them (re-running changes nothing); record shards
    (sagwan/1 JSON Lines or Parquet) are stored as they are."""
    from sagwan.parallel import ingest_paths, progress_bar

    with progress_bar(sys.stderr.isatty()) as progress:
        summary = ingest_paths(paths, db_url=db_url, max_bytes=max_bytes, workers=workers, scheduler=scheduler,
                               out=out_dir, out_format=out_format, progress=progress,
                               gazetteer=gazetteers or None)
    if out_dir is not None:
        click.echo(f"sagwan: {summary.documents} record(s) written to {out_dir}, {summary.events} event(s), "
                   f"{summary.quotes} quote(s), {len(summary.failures)} failure(s)", err=True)
    else:
        click.echo(f"sagwan: {summary.documents} document(s) stored, {summary.unchanged} unchanged, "
                   f"{summary.events} event(s), {summary.quotes} quote(s), {len(summary.failures)} failure(s)",
                   err=True)
    for failure in summary.failures:
        click.echo(f"sagwan: failed {failure}", err=True)
    from sagwan.serve.cli.extract import not_coded_summary

    for source, language in summary.not_coded:
        click.echo(f"sagwan: {source}: not coded: language {language or 'unknown'!r} has no bundle; "
                   "the document is stored and will be coded once one is installed", err=True)
    for line in not_coded_summary(summary.not_coded):
        click.echo(line, err=True)
    if summary.failures or summary.not_coded:
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
    with open_store(db_url) as store:
        click.echo(json.dumps(store.summary(), ensure_ascii=False, indent=2))


def _needs_file(fmt: str, output: Path | None) -> None:
    if fmt == "parquet" and output is None:
        raise click.UsageError("parquet is binary: give an output file with -o FILE.parquet")


def _emit(kind: str, rows: list[dict[str, Any]], nested: list[dict[str, Any]] | None, fmt: str,
          output: Path | None) -> None:
    if fmt == "table":
        _table(kind, rows, output)
    elif fmt == "jsonl":
        write_rows(nested if nested is not None else rows, "jsonl", output, column_names(kind))
    else:
        write_rows(rows, fmt, output, column_names(kind))
    if output is not None:
        click.echo(f"sagwan: wrote {len(rows)} row(s) to {output}", err=True)


def _table(kind: str, rows: list[dict[str, Any]], output: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*TABLE_COLUMNS[kind], title=f"{len(rows)} {kind}")
    for r in rows:
        table.add_row(*("" if flat(r)[c] is None else str(flat(r)[c]) for c in TABLE_COLUMNS[kind]))
    if output is None:
        Console(soft_wrap=False).print(table)
    else:
        with output.open("w", encoding="utf-8") as fh:
            Console(file=fh, width=200).print(table)


@click.command("events")
@db_option
@click.option("--actor", help="Actor id or country taking part (e.g. PRK, person:kim-jong-un).")
@click.option("--dyad", help="Two actors or countries, either direction: PRK-RUS.")
@click.option("--type", "types", multiple=True, help="PLOVER type (repeatable).")
@click.option("--status", "statuses", multiple=True, help="Keep these statuses (repeatable).")
@click.option("--exclude-status", "excluded", multiple=True, help="Drop these statuses (repeatable).")
@click.option("--from", "date_from", metavar="DATE", help="On or after YYYY[-MM[-DD]].")
@click.option("--to", "date_to", metavar="DATE", help="On or before YYYY[-MM[-DD]].")
@click.option("--attributed-to", help="Actor id a report attributes the event to.")
@click.option("--language", type=click.Choice(registry.languages()),
              help="Only events reported in this language (by at least one document).")
@limit_option
@format_option
@output_option
def events_cmd(db_url, actor, dyad, types, statuses, excluded, date_from, date_to, attributed_to, language, limit,
               fmt, output) -> None:
    """Chronicle events merged across documents."""
    _needs_file(fmt, output)
    pair = None
    if dyad:
        pair = tuple(p.strip() for p in dyad.replace(",", "-").split("-"))
        if len(pair) != 2 or not all(pair):
            raise click.BadParameter("give two actors or countries separated by '-', e.g. PRK-RUS", param_hint="--dyad")
    with open_store(db_url) as store:
        evs = store.events(actor=actor, dyad=pair, type=list(types) or None, status=list(statuses) or None,
                           exclude_status=list(excluded) or None, date_from=date_from, date_to=date_to,
                           attributed_to=attributed_to, limit=limit, language=language)
    _emit("events", [event_row(e) for e in evs], evs, fmt, output)


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
    with open_store(db_url) as store:
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
    with open_store(db_url) as store:
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
    with open_store(db_url) as store:
        n = export(store, fmt, output)
    if output is not None:
        click.echo(f"sagwan: wrote {n} {fmt} row(s) to {output}", err=True)
