"""Shards of `sagwan/1` records: write them (JSON Lines or Parquet) and find and read them among inputs.

`sagwan ingest --out DIR` writes extraction results as shards instead of a database; a later plain
`sagwan ingest DIR` stores those records as they are, without extracting again. A shard is told from
a document by its content, not its name: a JSON Lines file whose first line is an object with
"schema": "sagwan/1", or a Parquet file carrying our schema in its metadata. Failures of a run
go to `failures.jsonl` in the same folder, one {"schema": "sagwan/1-failure", ...} object a line,
so that loading the folder records them in the store too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sagwan._version import SCHEMA
from sagwan.errors import ConfigError
from sagwan.ingest.jsonl import json_lines
from sagwan.model import Failure

FAILURE_SCHEMA = f"{SCHEMA}-failure"
FAILURES_FILE = "failures.jsonl"
SHARD_FORMATS = ("jsonl", "parquet")
PARQUET_SCHEMA_KEY = b"sagwan_schema"
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Parquet columns beside the record itself, so a shard can be filtered without parsing JSON.
_PARQUET_COLUMNS = ("id", "source", "published", "language", "title")


def is_record(obj: Any) -> bool:
    """True for a `sagwan/1` record (which is stored as it is, never extracted again)."""
    return isinstance(obj, dict) and obj.get("schema") == SCHEMA


def shard_kind(path: str | os.PathLike) -> str | None:
    """"jsonl" or "parquet" when the file is a shard of sagwan/1 records (or of failures), else None."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in _JSONL_SUFFIXES:
            with path.open("rb") as fh:
                for raw in fh:
                    if raw.strip():
                        return "jsonl" if _first_line_is_ours(raw) else None
            return None
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            meta = pq.read_schema(path).metadata or {}
            return "parquet" if PARQUET_SCHEMA_KEY in meta else None
    except (OSError, ValueError):
        return None  # unreadable: the ordinary reader reports it with its reason
    return None


def _first_line_is_ours(raw: bytes) -> bool:
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    return isinstance(obj, dict) and isinstance(obj.get("schema"), str) and obj["schema"].startswith("sagwan/")


def read_shard(path: str | os.PathLike, kind: str) -> Iterator[dict[str, Any] | Failure]:
    """Each record of a shard; a Failure for a line that is not a record, or for a failure line."""
    if kind == "parquet":
        yield from _read_parquet(Path(path))
        return
    with Path(path).open(encoding="utf-8", errors="replace") as fh:
        for item in json_lines(fh, str(path)):
            yield item if isinstance(item, Failure) else _one(item[2], item[0])


def _one(obj: Any, where: str) -> dict[str, Any] | Failure:
    if is_record(obj):
        return obj
    if isinstance(obj, dict) and obj.get("schema") == FAILURE_SCHEMA and obj.get("source"):
        return Failure(str(obj["source"]), str(obj.get("reason") or "failed (no reason given)"))
    schema = obj.get("schema") if isinstance(obj, dict) else None
    if schema:
        return Failure(where, f"a {schema!r} record, but this version reads {SCHEMA!r}; extract the documents again")
    return Failure(where, f"not a {SCHEMA} record (no \"schema\": \"{SCHEMA}\"); a shard holds only records")


def _read_parquet(path: Path) -> Iterator[dict[str, Any] | Failure]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(columns=["record"]):
        for i, text in enumerate(batch.column(0).to_pylist()):
            try:
                yield _one(json.loads(text), f"{path}#row{i}")
            except (TypeError, json.JSONDecodeError):
                yield Failure(f"{path}#row{i}", "record column is not a JSON object; write the shard again")


@dataclass
class EncodedRecords:
    """A partition's records already as JSON Lines, with their counts, and its failures.

    Workers send this instead of the records themselves when the shards are JSON Lines: one string
    crosses the wire instead of thousands of nested objects, and the client only writes it.
    """

    text: str = ""
    n_records: int = 0
    n_events: int = 0
    n_quotes: int = 0
    failures: list[Failure] = field(default_factory=list)
    not_coded: list[tuple[str, str]] = field(default_factory=list)   # (source, language) kept uncoded

    def __len__(self) -> int:
        """Documents in the partition (records and failures), as with a list of results."""
        return self.n_records + len(self.failures)


def encode_records(results: Iterable[dict[str, Any] | Failure]) -> EncodedRecords:
    """The records among `results` as the lines of a JSON Lines shard (the same bytes ShardWriter writes)."""
    out = EncodedRecords()
    lines = []
    for r in results:
        if isinstance(r, Failure):
            out.failures.append(r)
            continue
        lines.append(json.dumps(r, ensure_ascii=False) + "\n")
        if r.get("not_coded"):
            out.not_coded.append(_uncoded(r))
        out.n_events += len(r.get("events", []))
        out.n_quotes += len(r.get("quotes", []))
    out.text, out.n_records = "".join(lines), len(lines)
    return out


def _uncoded(record: dict[str, Any]) -> tuple[str, str]:
    return (record.get("doc") or {}).get("source") or "?", record["not_coded"].get("language") or ""


class ShardWriter:
    """Writes numbered shards into a folder, each complete or absent (written aside, then renamed)."""

    def __init__(self, folder: str | os.PathLike, fmt: str = "jsonl"):
        if fmt not in SHARD_FORMATS:
            raise ConfigError(f"shard format {fmt!r}: use one of {', '.join(SHARD_FORMATS)}")
        self.folder, self.fmt = Path(folder), fmt
        if self.folder.exists() and not self.folder.is_dir():
            raise ConfigError(f"{self.folder}: is a file; give a folder for the shards")
        self.folder.mkdir(parents=True, exist_ok=True)
        if old := sorted(p.name for p in self.folder.glob("part-*")) + (
                [FAILURES_FILE] if (self.folder / FAILURES_FILE).exists() else []):
            raise ConfigError(f"{self.folder}: already holds shards ({', '.join(old[:3])}...); "
                              "give an empty folder or remove them, so runs do not mix")
        self.files: list[Path] = []
        self.n_records = self.n_events = self.n_quotes = 0
        self._failures: list[Failure] = []
        self.not_coded: list[tuple[str, str]] = []

    def fail(self, failure: Failure) -> None:
        self._failures.append(failure)

    def write(self, index: int, results: Iterable[dict[str, Any] | Failure] | EncodedRecords) -> None:
        """Write the records of one partition as shard number `index`; keep its failures for `close`.

        `results` may come already encoded (`encode_records`) when the shards are JSON Lines."""
        if isinstance(results, EncodedRecords) and self.fmt != "jsonl":
            raise ValueError("encoded records are JSON Lines; a Parquet shard needs the records themselves")
        if self.fmt == "jsonl":
            encoded = results if isinstance(results, EncodedRecords) else encode_records(results)
            failures, counts = encoded.failures, (encoded.n_records, encoded.n_events, encoded.n_quotes)
            uncoded = encoded.not_coded

            def write(tmp: Path) -> None:
                tmp.write_text(encoded.text, encoding="utf-8")
        else:
            results = list(results)
            records = [r for r in results if not isinstance(r, Failure)]
            failures = [r for r in results if isinstance(r, Failure)]
            counts = (len(records), sum(len(r.get("events", [])) for r in records),
                      sum(len(r.get("quotes", [])) for r in records))
            uncoded = [_uncoded(r) for r in records if r.get("not_coded")]

            def write(tmp: Path) -> None:
                _write_parquet(tmp, records)
        self._failures.extend(failures)
        self.not_coded.extend(uncoded)
        if counts[0]:
            self._publish(index, write)
            self.n_records += counts[0]
            self.n_events += counts[1]
            self.n_quotes += counts[2]

    def _publish(self, index: int, write: Callable[[Path], Any]) -> None:
        """Write shard number `index` aside (a hidden name readers skip), then rename it: a shard is
        complete or absent."""
        target = self.folder / f"part-{index:05d}.{self.fmt}"
        tmp = target.with_name(f".{target.name}.tmp")
        write(tmp)
        tmp.replace(target)
        self.files.append(target)

    def close(self) -> list[Failure]:
        """Write the failures file (when any document failed); returns the failures."""
        if self._failures:
            tmp = self.folder / f".{FAILURES_FILE}.tmp"
            with tmp.open("w", encoding="utf-8") as fh:
                for f in self._failures:
                    fh.write(json.dumps({"schema": FAILURE_SCHEMA, "source": f.source, "reason": f.reason},
                                        ensure_ascii=False) + "\n")
            tmp.replace(self.folder / FAILURES_FILE)
        return self._failures


def _write_parquet(path: Path, records: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list] = {c: [r["doc"].get(c) for r in records] for c in _PARQUET_COLUMNS}
    for section in ("actors", "quotes", "events"):
        columns[f"n_{section}"] = [len(r.get(section, [])) for r in records]
    columns["record"] = [json.dumps(r, ensure_ascii=False) for r in records]
    table = pa.table(columns).replace_schema_metadata({PARQUET_SCHEMA_KEY: SCHEMA.encode()})
    pq.write_table(table, path)
