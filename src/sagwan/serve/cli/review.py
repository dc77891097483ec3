"""`sagwan review`: an analyst marks an event or quote wrong, corrects it, or takes a verdict back;
lists, exports and imports the review layer (JSON Lines). Thin over `Store.review` and friends."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sagwan.model import PLOVER_TYPES, STATUSES
from sagwan.serve.cli.store_cmds import db_option

reason_option = click.option("--reason", required=True, help="Why: kept with the review for whoever reads next.")
reviewer_option = click.option("--reviewer", default=None, help="Who reviews (default: $SAGWAN_REVIEWER or login).")


def _target(item_id: str) -> str:
    """Event ids are 16 hex digits; quotes are DOCUMENT_ID:QUOTE_ID."""
    return "quote" if ":" in item_id else "event"


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _store(db_url: str | None):
    from sagwan.store import open_store
    return open_store(db_url)


@click.group("review")
def review_cmd() -> None:
    """Correct the chronicle: verdicts are kept apart from the coded data (who, when, why; the
    original kept) and applied by every query, export, chart and triangle."""


def _verdict_command(action: str, summary: str, done: str):
    @review_cmd.command(action, help=summary)
    @click.argument("item_id")
    @reason_option
    @reviewer_option
    @db_option
    def command(item_id: str, reason: str, reviewer: str | None, db_url: str | None) -> None:
        with _store(db_url) as s:
            r = s.review(_target(item_id), item_id, action, reason=reason, reviewer=reviewer)
        click.echo(f"review {r['id']}: {r['target']} {item_id} {done} by {r['reviewer']}")
    return command


wrong_cmd = _verdict_command("wrong", "Mark event ITEM_ID (or quote DOC:QUOTE) wrong: it leaves every count, "
                             "chart and list.", "marked wrong")
restore_cmd = _verdict_command("restore", "Take back a 'wrong' verdict on ITEM_ID.", "restored")


@review_cmd.command("correct")
@click.argument("item_id")
@click.option("--type", "type_", type=click.Choice(PLOVER_TYPES, case_sensitive=False), help="Event type.")
@click.option("--status", type=click.Choice(STATUSES), help="Event status.")
@click.option("--date", help="Event date: YYYY, YYYY-MM or YYYY-MM-DD ('none' for undated).")
@click.option("--source", "sources", multiple=True, help="Source actor ids (repeat, or commas).")
@click.option("--target", "targets", multiple=True, help="Target actor ids (repeat, or commas; 'none' for none).")
@click.option("--speaker", help="A quote's speaker (actor id).")
@reason_option
@reviewer_option
@db_option
def correct_cmd(item_id: str, type_: str | None, status: str | None, date: str | None, sources: tuple[str, ...],
                targets: tuple[str, ...], speaker: str | None, reason: str, reviewer: str | None,
                db_url: str | None) -> None:
    """Correct the type, parties, status or date of event ITEM_ID, or the speaker of quote DOC:QUOTE."""
    changes: dict = {}
    if type_:
        changes["type"] = type_.upper()
    if status:
        changes["status"] = status
    if date:
        changes["date"] = None if date.lower() == "none" else date
    if sources:
        changes["source"] = _split(sources)
    if targets:
        changes["target"] = [t for t in _split(targets) if t.lower() != "none"]
    if speaker:
        changes["speaker"] = speaker
    with _store(db_url) as s:
        r = s.review(_target(item_id), item_id, "correct", reason=reason, changes=changes, reviewer=reviewer)
    fields = ", ".join(f"{k}: {r['original'].get(k)!r} -> {v!r}" for k, v in r["changes"].items())
    click.echo(f"review {r['id']}: {r['target']} {item_id} corrected by {r['reviewer']} ({fields})")


@review_cmd.command("list")
@click.option("--item", "item_id", default=None, help="Only the reviews made on this event or quote.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@db_option
def list_cmd(item_id: str | None, fmt: str, db_url: str | None) -> None:
    """Every review, oldest first, and what it applies to now (detached: its text is gone)."""
    with _store(db_url) as s:
        rows = s.reviews(item_id)
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, sort_keys=True))
        return
    if not rows:
        click.echo("no reviews")
        return
    for r in rows:
        now = r["applies_to"] or "detached"
        change = ", ".join(f"{k}={v}" for k, v in r["changes"].items())
        click.echo(f"{r['id']:>4}  {r['at']}  {r['reviewer']}  {r['action']:<8} {r['target']} {r['target_id']}"
                   f" (now {now})  {change}  — {r['reason']}")


@review_cmd.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="JSON Lines file to write.")
@db_option
def export_cmd(output: Path, db_url: str | None) -> None:
    """Write the review layer as JSON Lines (one review a line)."""
    with _store(db_url) as s:
        lines = s.export_reviews()
    tmp = output.with_name(output.name + ".part")
    tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    tmp.replace(output)
    click.echo(f"{len(lines)} review(s) written to {output}")


@review_cmd.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def import_cmd(path: Path, db_url: str | None) -> None:
    """Append the reviews of a JSON Lines file (from `sagwan review export`); ones already there are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{path}: cannot read it ({exc})") from None
    with _store(db_url) as s:
        added, kept = s.import_reviews(lines, str(path))
    click.echo(f"{added} review(s) added, {kept} already there, from {path}")
