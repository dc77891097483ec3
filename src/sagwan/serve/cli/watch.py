"""`sagwan watch` (rounds over a watch list), `sagwan watch add URL`, and `sagwan alerts`. Thin over
`sagwan.watch`; this module only installs the signal handlers and prints the summaries."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import click

from sagwan.serve.cli.store_cmds import db_option
from sagwan.watch.config import DEFAULT_CONFIG, SOURCE_KINDS, duration

config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                             default=DEFAULT_CONFIG, show_default=True, help="The watch list (TOML).")


@click.group("watch", invoke_without_command=True)
@config_option
@db_option
@click.option("--once", is_flag=True, help="One round, then exit (for cron or a systemd timer).")
@click.option("--all-sources", is_flag=True, help="Ask every listing now, whatever its interval or backoff.")
@click.option("--user-agent", default=None, metavar="TEXT", help="User-Agent sent to the sites (overrides the list).")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Extract on a local Dask cluster of N worker processes.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None, help="Extract on a running Dask cluster.")
@click.pass_context
def watch_cmd(ctx: click.Context, config_path: Path, db_url: str | None, once: bool, all_sources: bool,
              user_agent: str | None, workers: int | None, scheduler: str | None) -> None:
    """Keep the chronicle current from the feeds, news sitemaps and URL lists of a watch list.

    Without --once it runs until SIGINT or SIGTERM, each listing at its own interval; a stop comes
    after the document in hand, and a stopped or killed round is finished by the next run."""
    if ctx.invoked_subcommand is not None:
        return
    from sagwan.errors import ConfigError
    from sagwan.parallel import progress_bar
    from sagwan.store import open_store
    from sagwan.watch import Watcher, load_config
    from sagwan.watch.config import with_settings

    if workers is not None and scheduler is not None:
        raise ConfigError("give --workers (a local cluster) or --scheduler (an existing one), not both")
    config = with_settings(load_config(config_path), user_agent=user_agent)
    if not config.sources:
        raise ConfigError(f"{config_path}: no [[source]] in the watch list; add one with `sagwan watch add URL`")
    failed = False
    with open_store(db_url) as store, progress_bar(sys.stderr.isatty(), "fetching") as progress:
        watcher = Watcher(store, config, workers=workers, scheduler=scheduler, all_sources=all_sources,
                          progress=progress)

        def on_signal(signum, _frame) -> None:
            if watcher.stopping:
                raise KeyboardInterrupt
            click.echo(f"sagwan: {signal.Signals(signum).name}: stopping after the document in hand "
                       "(again to quit at once)", err=True)
            watcher.stop()

        previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}

        def report(summary) -> None:
            nonlocal failed
            click.echo(f"sagwan: {summary.line()}", err=True)
            for note in summary.notes:
                click.echo(f"sagwan: note {note}", err=True)
            for failure in summary.failures:
                click.echo(f"sagwan: failed {failure}", err=True)
            failed = failed or bool(summary.failures)

        try:
            if once:
                report(watcher.run_round())
            else:
                watcher.run_forever(report)
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)
    if once and failed:
        sys.exit(1)


@watch_cmd.command("add")
@click.argument("url")
@config_option
@click.option("--kind", type=click.Choice(SOURCE_KINDS), default=None, help="Listing kind (guessed from the URL).")
@click.option("--outlet", default=None, help="Outlet name for its articles (else read from the pages).")
@click.option("--language", default=None, help="Language of its articles when detection finds none (ko, en).")
@click.option("--interval", default=None, metavar="DURATION", help="Time between two reads: 900, 15m, 2h.")
@click.option("--max-items", type=click.IntRange(min=1), default=None, help="Articles fetched per round.")
def watch_add_cmd(url: str, config_path: Path, kind: str | None, outlet: str | None, language: str | None,
                  interval: str | None, max_items: int | None) -> None:
    """Add a feed, news sitemap or URL list to the watch list (created when missing)."""
    from sagwan.watch import add_source
    from sagwan.watch.config import guess_kind

    if interval is not None:
        duration(interval, "--interval")
    source = add_source(config_path, url, kind=kind or guess_kind(url), outlet=outlet, language=language,
                        interval=interval, max_items=max_items)
    click.echo(f"sagwan: watching {source.url} ({source.kind}) in {config_path}", err=True)


@watch_cmd.command("status")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def watch_status_cmd(db_url: str | None, fmt: str) -> None:
    """Each listing's last fetch, answer, errors in a row, next fetch and articles (listed, waiting, stored)."""
    from sagwan.serve.api.source import open_existing
    from sagwan.watch.state import sources_status

    with open_existing(db_url) as store, store.engine.connect() as conn:
        rows = sources_status(conn)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("listing", "last fetch", "answer", "errors", "next fetch", "articles", "waiting", "stored",
                  "last error", title=f"{len(rows)} listing(s)")
    for r in rows:
        table.add_row(r["url"], r["last_fetch_at"] or "", str(r["last_status"] or ""), str(r["errors"]),
                      r["next_fetch_at"] or "", str(r["articles"]), str(r["pending"]), str(r["stored"]),
                      r["last_error"] or "")
    Console(soft_wrap=False).print(table)


@click.command("alerts")
@db_option
@click.option("--since", metavar="TIME", default=None, help="Raised at or after this UTC time or date (ISO 8601).")
@click.option("--round", "round_id", type=click.IntRange(min=1), default=None, help="Raised by this round.")
@click.option("--rule", default=None, help="Matched this rule.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def alerts_cmd(db_url: str | None, since: str | None, round_id: int | None, rule: str | None, limit: int | None,
               fmt: str) -> None:
    """The alerts `sagwan watch` raised: new events that matched a watch rule, oldest first."""
    from sagwan.serve.api.source import open_existing
    from sagwan.watch import list_alerts

    with open_existing(db_url) as store:
        rows = list_alerts(store, since=since, round_id=round_id, rule=rule, limit=limit)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "round", "rules", "event", "first report", title=f"{len(rows)} alert(s)")
    for a in rows:
        ev = a["event"]
        first = a["reports"][0] if a.get("reports") else {}
        sides = [",".join(ev.get(f"{side}_countries") or ev.get(side) or []) for side in ("source", "target")]
        pair = sides[0] + (" → " + sides[1] if sides[1] else "")
        what = f"{ev['type']} {pair} {ev.get('date') or 'undated'} {ev['status']}"
        table.add_row(str(a["id"]), str(a["round"]), ",".join(a["rules"]), what,
                      first.get("title") or first.get("source") or "")
    Console(soft_wrap=False).print(table)
