"""Tables and single records for people at a terminal.

Rich lays the tables out: it measures every cell in terminal cells (a Hangul syllable is two), so
Korean text keeps the columns straight. Ids, dates and counts never wrap and never shrink; only
the text columns (the sentence, the types, the ties) wrap to fit the terminal's width. Written to
a file, a table is laid out for 120 columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

FILE_WIDTH = 120
# columns that are identifiers, dates or numbers: shown whole, never wrapped
FIXED = {"event_id", "id", "period", "direction", "date", "published", "events", "score_sum", "score_mean",
         "memory_mean", "kind", "country", "n_mentions", "n_documents", "docs", "signs", "speaker", "document_id",
         "tie", "status", "mean", "trail", "coop v/m", "confl v/m"}


def console(fh=None) -> Console:
    """The terminal (its own width), or a file (FILE_WIDTH columns)."""
    if fh is not None:
        return Console(file=fh, width=FILE_WIDTH, soft_wrap=False, highlight=False)
    return Console(soft_wrap=False, highlight=False)


def _table(columns: Sequence[str], title: str | None = None) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False,
                  title_justify="left")
    for c in columns:
        if c in FIXED:
            table.add_column(c, no_wrap=True, overflow="ignore")
        else:
            table.add_column(c, overflow="fold", ratio=1)
    return table


def print_rows(rows: list[dict[str, Any]], out: Console, title: str | None = None) -> None:
    """Any list of flat rows as a table, the first row's keys as columns."""
    if not rows:
        out.print("(none)")
        return
    columns = list(rows[0])
    table = _table(columns, title)
    for r in rows:
        table.add_row(*(Text("" if r[c] is None else str(r[c])) for c in columns))
    out.print(table)


def _who(ev: dict[str, Any]) -> str:
    src = ev.get("source_countries") or ev.get("source") or []
    tgt = ev.get("target_countries") or ev.get("target") or []
    return ",".join(src) + (" → " + ",".join(tgt) if tgt else " (together)")


def first_mention(ev: dict[str, Any]) -> dict[str, Any] | None:
    mentions = ev.get("mentions") or []
    return next((m for m in mentions if m.get("document_id") == ev.get("first_document")),
                mentions[0] if mentions else None)


def placed_cell(ev: dict[str, Any]) -> Text:
    """The date that places the event, marked when it is the first report's day, not the text's."""
    if ev.get("placed_from") == "report" or (not ev.get("date") and ev.get("first_reported")):
        return Text(f"{ev.get('placed_date') or ev.get('first_reported')}\n(reported)", style="dim")
    return Text(ev.get("date") or "")


def event_rows_table(evs: list[dict[str, Any]], title: str | None = None) -> Table:
    table = _table(["event_id", "date", "event", "status", "docs", "sentence"], title)
    for ev in evs:
        m = first_mention(ev)
        sentence = (m or {}).get("sentence") or (m or {}).get("text") or ""
        table.add_row(Text(str(ev["id"])), placed_cell(ev), Text(f"{ev.get('type')} {_who(ev)}"),
                      Text(ev.get("status") or ""), Text(str(ev.get("n_documents") or "")), Text(sentence))
    return table


WIDE = 110   # below this many columns an event is a block: its facts on one line, its sentence below


def print_events(evs: list[dict[str, Any]], out: Console) -> None:
    if out.width >= WIDE:
        out.print(event_rows_table(evs, f"{len(evs)} events"))
    else:
        out.print(f"{len(evs)} events", style="bold")
        for ev in evs:
            m = first_mention(ev)
            line = Text(str(ev["id"]), style="bold")
            line.append("  ")
            line.append_text(placed_cell(ev).copy() if ev.get("date") else
                             Text(f"{ev.get('placed_date') or '?'} (reported)", style="dim"))
            line.append(f"  {ev.get('type')} {_who(ev)}  {ev.get('status')}  {ev.get('n_documents')} doc(s)")
            out.print(line)
            sentence = (m or {}).get("sentence") or (m or {}).get("text") or ""
            out.print(Text(sentence), style=None, overflow="fold")
            out.print()
    if any(ev.get("placed_from") == "report" for ev in evs):
        out.print("(reported): the text gives no date; the event is placed on the day it was first reported "
                  "(--no-report-dates leaves these out)", style="dim")


def print_quotes(rows: list[dict[str, Any]], out: Console) -> None:
    table = _table(["published", "speaker", "kind", "text", "cue"], f"{len(rows)} quotes")
    for q in rows:
        table.add_row(Text(q.get("published") or ""), Text(q.get("speaker") or q.get("speaker_text") or "?"),
                      Text(q.get("kind") or ""), Text(q.get("text") or ""), Text(q.get("cue") or ""))
    out.print(table)


def print_actors(rows: list[dict[str, Any]], out: Console) -> None:
    table = _table(["id", "name", "kind", "country", "n_mentions", "n_documents", "aliases"], f"{len(rows)} actors")
    for a in rows:
        table.add_row(Text(a["id"]), Text(a.get("name") or ""), Text(a.get("kind") or ""),
                      Text(a.get("country") or ""), Text(str(a.get("n_mentions", ""))),
                      Text(str(a.get("n_documents", ""))), Text("; ".join(a.get("aliases") or [])))
    out.print(table)


def _field(table: Table, name: str, value: Any) -> None:
    if value not in (None, "", []):
        table.add_row(Text(name, style="bold"), Text(", ".join(value) if isinstance(value, list) else str(value)))


def _fields() -> Table:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold", ratio=1)
    return table


def _where(row: dict[str, Any]) -> Table:
    """Where a mention or quote comes from: document and offsets, title, outlet, date, URL or source."""
    where = _fields()
    _field(where, "document", f"{row.get('document_id')}  chars {row.get('start')}-{row.get('end')}")
    _field(where, "title", row.get("title"))
    _field(where, "outlet", row.get("outlet"))
    _field(where, "published", row.get("published"))
    if row.get("url"):
        _field(where, "url", row["url"])
    else:
        _field(where, "source", row.get("source"))
    return where


def print_event(ev: dict[str, Any], out: Console) -> None:
    """One event: what, who, when (and how the date was obtained), status, attribution, then every
    sentence that reports it with its document, outlet and source."""
    head = _fields()
    _field(head, "event", ev["id"])
    _field(head, "type", f"{ev.get('type')}" + (f" ({ev['mode']})" if ev.get("mode") else ""))
    _field(head, "source", ev.get("source"))
    _field(head, "target", ev.get("target"))
    _field(head, "countries", _who(ev))
    date = ev.get("date")
    _field(head, "date", f"{date} ({ev.get('date_precision')}, from the text)" if date else "none in the text")
    if ev.get("date_end"):
        _field(head, "until", ev["date_end"])
    _field(head, "placed on", f"{ev.get('placed_date')} (from {ev.get('placed_from')})")
    _field(head, "status", ev.get("status"))
    _field(head, "attributed to", ev.get("attributed_to") or "the article's own voice")
    _field(head, "score", None if ev.get("score") is None else f"{ev['score']:+.1f} ({ev.get('quad')})")
    _field(head, "reports", f"{ev.get('n_documents')} document(s), {ev.get('n_outlets')} outlet(s); first "
                            f"{ev.get('first_reported') or '?'}")
    _field(head, "coder", ev.get("coder"))
    out.print(head)
    for n, m in enumerate(ev.get("mentions") or [], 1):
        out.print()
        sentence = m.get("sentence") or ""
        text = Text(f"[{n}] ", style="bold")
        rel = (m.get("start", 0) - m.get("sentence_start", 0), m.get("end", 0) - m.get("sentence_start", 0))
        if sentence and 0 <= rel[0] <= rel[1] <= len(sentence):
            text.append(sentence[:rel[0]])
            text.append(sentence[rel[0]:rel[1]], style="bold underline")
            text.append(sentence[rel[1]:])
        else:
            text.append(sentence or m.get("text") or "")
        out.print(text)
        where = _where(m)
        _field(where, "says", f"{m.get('status')}" + (f", according to {m['attributed_to']}"
                                                     if m.get("attributed_to") else ""))
        out.print(where)


def print_quote(q: dict[str, Any], out: Console) -> None:
    head = _fields()
    _field(head, "quote", f"{q['document_id']}:{q['id']}")
    _field(head, "speaker", q.get("speaker") or "unknown")
    _field(head, "named as", q.get("speaker_text"))
    _field(head, "kind", q.get("kind"))
    _field(head, "cue", q.get("cue"))
    _field(head, "said on", q.get("date"))
    _field(head, "carried by", q.get("via"))
    out.print(head)
    out.print()
    out.print(Text(q.get("text") or ""))
    out.print()
    where = _where(q)
    _field(where, "coder", q.get("coder"))
    out.print(where)
