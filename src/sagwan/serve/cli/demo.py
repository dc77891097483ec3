"""`sagwan demo`: the main job on the bundled sample corpus (and the seed article when it is beside
the checkout): ingest into ./sagwan.db, print the chronicle's summary, write report.html."""

from __future__ import annotations

from pathlib import Path

import click

DEMO_DIR = Path("examples/demo")
SEED = Path("../shared/corpus/seed-voa-korean-2023-10-27.txt")


@click.command("demo")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEMO_DIR, show_default=True,
              help="Folder of sample articles.")
@click.option("--db", default="sagwan.db", show_default=True, metavar="PATH|URL", help="Where the chronicle goes.")
@click.option("-o", "--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("report.html"), show_default=True, help="Where the HTML report goes.")
def demo_cmd(corpus: Path, db: str, report_path: Path) -> None:
    """Build the chronicle from the sample corpus, summarise it and write the report."""
    from sagwan.serve.web.report import write_report
    from sagwan.store import open_store

    if not corpus.is_dir():
        raise click.ClickException(f"{corpus}: no such folder; run the demo from the repository's top folder")
    paths = [str(corpus)] + ([str(SEED)] if SEED.exists() else [])
    with open_store(db) as store:
        result = store.ingest(paths)
        summary = store.summary()
        write_report(store, report_path)
        pairs = store.events(dyad=("PRK", "RUS"))
    click.echo(f"Ingested {result.documents} new document(s), {result.unchanged} unchanged, "
               f"{len(result.failures)} failed, into {db}.")
    for f in result.failures:
        click.echo(f"  failed: {f}")
    click.echo("Chronicle: " + ", ".join(f"{summary[k]} {k.replace('_', ' ')}" for k in
                                         ("documents", "actors", "quotes", "events", "event_mentions")
                                         if k in summary))
    by_type = summary.get("by_type") or {}
    if by_type:
        click.echo("Events by type: " + ", ".join(f"{t} {n}" for t, n in sorted(by_type.items(), key=lambda x: -x[1])))
    click.echo(f"North Korea–Russia events: {len(pairs)}")
    click.echo(f"\nReport: {report_path.resolve()}  (open it in a browser)")
    click.echo(f"Dashboard: .venv/bin/sagwan serve --db {db}   then open http://127.0.0.1:8000/")
    click.echo("Ask: .venv/bin/sagwan events --dyad PRK-RUS   |   .venv/bin/sagwan triangle PRK RUS CHN --by quarter")
