"""What a worker runs: extract a partition of documents, one result per document.

Both the in-process path (`sagwan.parallel.batch`) and the Dask path (`sagwan.parallel.dask`) import
these; neither imports the other at module level.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sagwan.errors import ExtractionError, InputError
from sagwan.model import Failure, RawDocument
from sagwan.parallel.records import EncodedRecords, encode_records

if TYPE_CHECKING:
    from sagwan.store.api import Prepared

log = logging.getLogger(__name__)

Result = dict[str, Any] | Failure
# A partition's results: one per document, or (for JSON Lines shards) already encoded by the worker.
Batch = list[Result] | list["Prepared | Failure"] | EncodedRecords


def extract_batch(raws: Iterable[RawDocument]) -> list[Result]:
    """Extract each document; one that fails becomes a Failure with its reason. Runs on workers too."""
    from sagwan.extract.pipeline import extract_document

    out: list[Result] = []
    for raw in raws:
        try:
            out.append(extract_document(raw).to_record())
        except InputError as exc:  # clean() found no article text
            out.append(Failure(exc.source, exc.reason))
        except ExtractionError as exc:
            out.append(Failure(raw.source, str(exc).split(": ", 1)[-1]))
        except Exception as exc:  # one bad document must not stop a batch
            log.exception("unexpected error on %s", raw.source)
            out.append(Failure(raw.source, f"unexpected error ({type(exc).__name__}: {exc}); "
                                           "please report it with this file"))
    return out


def extract_prepared(raws: Iterable[RawDocument]) -> list[Prepared | Failure]:
    """`extract_batch` with each record's quotes segmented for search where it is made (on the worker,
    whose Kiwi is loaded), so that the single writer only writes."""
    from sagwan.store.api import prepare

    return [r if isinstance(r, Failure) else prepare(r) for r in extract_batch(raws)]


def extract_encoded(raws: Iterable[RawDocument]) -> EncodedRecords:
    """`extract_batch` with the records encoded as JSON Lines where they are made (on the worker)."""
    return encode_records(extract_batch(raws))


def warm_up() -> None:
    """Build this process's pipeline now: each language's analyser and extractors load on first use
    (about 2 s for Korean)."""
    from sagwan.extract.pipeline import warm_up as warm_pipeline

    warm_pipeline()
