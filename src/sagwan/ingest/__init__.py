"""ingest: bytes in, `RawDocument`s out. No NLP here.

`read_sources(paths)` expands files, directories, globs and "-" (stdin) and yields one
`RawDocument` per document (one per line of a JSON Lines file), or a `Failure` naming the source
and the reason. `read_text(text)` makes one from a string.
"""

from sagwan.ingest.sources import DEFAULT_MAX_BYTES, read_sources, read_text

__all__ = ["DEFAULT_MAX_BYTES", "read_sources", "read_text"]
