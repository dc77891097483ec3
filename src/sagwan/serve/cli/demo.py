"""`sagwan demo`: the main job on the bundled sample corpus (and the seed article when present)."""

from __future__ import annotations

from pathlib import Path

import click

from sagwan.extract.pipeline import extract_paths
from sagwan.model import Failure

DEMO_DIR = Path("examples/demo")
SEED = Path("../shared/corpus/seed-voa-korean-2023-10-27.txt")


@click.command("demo")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEMO_DIR, show_default=True)
def demo_cmd(corpus: Path) -> None:
    """Extract the sample corpus and print a short summary per document."""
    paths = [str(corpus)] + ([str(SEED)] if SEED.exists() else [])
    for item in extract_paths(paths):
        if isinstance(item, Failure):
            click.echo(f"FAILED {item}")
            continue
        d = item["doc"]
        click.echo(f"{d['published'] or '----------'}  {len(item['actors']):3d} actors "
                   f"{len(item['quotes']):3d} quotes {len(item['events']):3d} events  "
                   f"{(d['title'] or d['source'])[:60]}")
