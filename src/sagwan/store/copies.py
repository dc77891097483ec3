"""Copies and near-copies of a report: syndicated, re-posted or lightly edited versions of one text.

News is copied: a wire story appears at several outlets, a site re-posts it with a line added. The
events such copies report are the same events, whatever date each copy's coder could or could not
find, so the merge (store/merge.py) joins the reports of documents in one copy group.

Fingerprint: a MinHash (datasketch) over the text's word shingles, three words each, taken inside
sentences after folding case and punctuation, so a changed line or an appended footer moves only
a few shingles. Candidates are found by locality-sensitive hashing: the signature is cut into bands
and a document that shares one band with another is compared with it; two documents are copies
when their estimated Jaccard similarity is at least `THRESHOLD`. Texts with fewer than `MIN_SHINGLES`
shingles are too short to tell a copy from a common phrase: they are no one's copy (precision first).

Copy groups are the connected components of the copy relation and are named by their smallest
document id, so the grouping does not depend on the order documents arrived in. When a new
document joins two groups into one, the reports of the relabelled documents are handed back for
the re-merge. A deleted document leaves the others' labels as they are (a group that it alone held
together stays one group until those documents are stored again).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from sqlalchemy import Connection, delete, insert, select, update

from sagwan.store.schema import document_bands, document_events, document_fingerprints

NUM_PERM = 64
BANDS, ROWS = 16, 4          # 16 x 4 = NUM_PERM; a pair at Jaccard 0.8 shares a band with p > 0.999
THRESHOLD = 0.8
MIN_SHINGLES = 12
SHINGLE = 3

_SENTENCE = re.compile(r"(?<=[.!?。])\s+|\n+")
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[str]:
    """Three-word shingles inside each sentence, case and punctuation folded."""
    out: set[str] = set()
    for sentence in _SENTENCE.split(unicodedata.normalize("NFKC", text)):
        words = _WORD.findall(sentence.casefold())
        if len(words) < SHINGLE:
            if words:
                out.add(" ".join(words))
            continue
        out.update(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))
    return out


def signature(text: str) -> list[int] | None:
    """The MinHash signature of a text, or None when it is too short to fingerprint."""
    from datasketch import MinHash

    parts = shingles(text)
    if len(parts) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch([p.encode("utf-8") for p in sorted(parts)])
    return [int(v) for v in m.hashvalues]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal minima)."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def _bands(sig: list[int] | None) -> list[tuple[int, str]]:
    if sig is None:
        return []
    return [(b, hashlib.sha256(json.dumps(sig[b * ROWS:(b + 1) * ROWS]).encode()).hexdigest()[:16])
            for b in range(BANDS)]


def register(conn: Connection, document_id: str, text: str):
    """Fingerprint a just-written document, put it in its copy group and return, as merge `Touched`
    items, the reports of other documents whose group label changed."""
    from sagwan.store.merge import Touched, stored_interval

    sig = signature(text)
    bands = _bands(sig)
    fb, ff = document_bands, document_fingerprints
    conn.execute(delete(ff).where(ff.c.document_id == document_id))
    conn.execute(delete(fb).where(fb.c.document_id == document_id))
    candidates = set()
    for band, digest in bands:
        candidates |= {r[0] for r in conn.execute(select(fb.c.document_id).where(fb.c.band == band,
                                                                                  fb.c.hash == digest))}
    candidates.discard(document_id)
    copies: set[str] = set()
    if candidates:
        for r in conn.execute(select(ff.c.document_id, ff.c.signature).where(ff.c.document_id.in_(sorted(candidates)))):
            if r.signature and similarity(sig, json.loads(r.signature)) >= THRESHOLD:
                copies.add(r.document_id)
    labels = {r[0] for r in conn.execute(select(ff.c.cluster).where(ff.c.document_id.in_(sorted(copies))))}
    label = min(labels | {document_id})
    conn.execute(insert(ff).values(document_id=document_id, cluster=label,
                                   signature=json.dumps(sig) if sig is not None else None))
    if bands:
        conn.execute(insert(fb), [{"band": b, "hash": h, "document_id": document_id} for b, h in bands])
    relabel = sorted(labels - {label})
    if not relabel:
        return []
    moved = [r[0] for r in conn.execute(select(ff.c.document_id).where(ff.c.cluster.in_(relabel)))]
    conn.execute(update(ff).where(ff.c.cluster.in_(relabel)).values(cluster=label))
    de = document_events
    return [Touched(r.merge_key, stored_interval(r.date_lo, r.date_hi), r.document_id, r.local_id, r.event_id)
            for r in conn.execute(select(de.c.merge_key, de.c.date_lo, de.c.date_hi, de.c.document_id,
                                         de.c.local_id, de.c.event_id).where(de.c.document_id.in_(moved)))]


def copy_groups(conn: Connection) -> dict[str, list[str]]:
    """Group label -> its documents, for groups of two or more (what `sagwan` reports as copies)."""
    out: dict[str, list[str]] = {}
    for r in conn.execute(select(document_fingerprints.c.cluster, document_fingerprints.c.document_id)
                          .order_by(document_fingerprints.c.document_id)):
        out.setdefault(r.cluster, []).append(r.document_id)
    return {k: v for k, v in out.items() if len(v) > 1}
