"""`sagwan extract PATH... [-o OUT]`: one sagwan/1 record per document, as JSON Lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sagwan.extract.pipeline import extract_paths, not_coded
from sagwan.files import write_atomically
from sagwan.ingest import DEFAULT_MAX_BYTES
from sagwan.model import Failure


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write JSON Lines here (default: standard output).")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Skip documents larger than this.")
@click.option("--gazetteer", "gazetteers", multiple=True, metavar="FILE",
              help="A user actor dictionary (JSON Lines, the gazetteer's shape); repeatable. "
                   "Default: the files named by SAGWAN_GAZETTEER.")
def extract_cmd(paths: tuple[str, ...], output: Path | None, max_bytes: int, gazetteers: tuple[str, ...]) -> None:
    """Extract actors, quotes and events from files, directories, globs or - (stdin).

    Exit status 1 when a document failed or was not coded (its language has no bundle; its record is
    written all the same, saying why)."""
    failures = 0
    uncoded: list[tuple[str, str]] = []
    lines = []
    for item in extract_paths(paths, max_bytes=max_bytes, gazetteer=gazetteers or None):
        if isinstance(item, Failure):
            failures += 1
            click.echo(f"sagwan: {item}", err=True)
            continue
        language = not_coded(item)
        if language is not None:
            uncoded.append((item["doc"]["source"], language))
            click.echo(f"sagwan: {item['doc']['source']}: not coded: {item['not_coded']['reason']}", err=True)
        line = json.dumps(item, ensure_ascii=False)
        if output is None:
            click.echo(line)
        else:
            lines.append(line)
    if output is not None:
        # written whole at the end: never a half-written output
        write_atomically(output, lambda tmp: tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8"),
                         "output")
        click.echo(f"sagwan: wrote {len(lines)} record(s) to {output}", err=True)
    for line in not_coded_summary(uncoded):
        click.echo(line, err=True)
    if failures:
        click.echo(f"sagwan: {failures} document(s) failed", err=True)
    if failures or uncoded:
        sys.exit(1)


def not_coded_summary(uncoded: list[tuple[str, str]]) -> list[str]:
    """One line per language of the documents kept without coding: "sagwan: not coded: language 'fr': 2"."""
    counts: dict[str, int] = {}
    for _source, language in uncoded:
        counts[language] = counts.get(language, 0) + 1
    return [f"sagwan: not coded: language {language or 'unknown'!r}: {n}" for language, n in sorted(counts.items())]
