"""`sagwan extract PATH... [-o OUT]`: one sagwan/1 record per document, as JSON Lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sagwan.extract.pipeline import extract_paths
from sagwan.files import write_atomically
from sagwan.ingest import DEFAULT_MAX_BYTES
from sagwan.model import Failure
from sagwan.serve.cli.budget import set_time_budget, time_budget_option


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write JSON Lines here (default: standard output).")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Skip documents larger than this.")
@time_budget_option
def extract_cmd(paths: tuple[str, ...], output: Path | None, max_bytes: int, time_budget: float | None) -> None:
    """Extract actors, quotes and events from files, directories, globs or - (stdin)."""
    set_time_budget(time_budget)
    failures = 0
    lines = []
    for item in extract_paths(paths, max_bytes=max_bytes):
        if isinstance(item, Failure):
            failures += 1
            click.echo(f"sagwan: {item}", err=True)
            continue
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
    if failures:
        click.echo(f"sagwan: {failures} document(s) failed", err=True)
        sys.exit(1)
