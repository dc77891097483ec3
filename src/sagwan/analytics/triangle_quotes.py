"""What was said about a triangle: beside each window, the quotes whose words name two or more of
its three members, with speaker, role and sentence -- the readings of officials and analysts next
to the reading of the event data (docs/triangles.md, "Voices").

A member is named by any of its names as the store knows them (its actor aliases: 러시아, 모스크바,
Russia ...) of two characters or more, starting a word (a Korean word may go on with its particle:
러시아와, 러시아의). One-character forms (러, 北) are left out: inside running text they name nothing
for sure. A quote belongs to the period of its own date, else of its document's publication day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sagwan.analytics.periods import period_of

MIN_NAME = 2


def name_patterns(names: Mapping[str, Iterable[str]]) -> dict[str, re.Pattern]:
    """member -> one pattern matching any of its names at the start of a word."""
    out = {}
    for member, forms in names.items():
        usable = sorted({f for f in forms if len(f) >= MIN_NAME} | ({member} if len(member) >= MIN_NAME else set()),
                        key=len, reverse=True)
        if usable:
            alternation = "|".join(re.escape(f) for f in usable)
            out[member] = re.compile(rf"(?<![\w])(?:{alternation})(?![A-Za-z])", re.IGNORECASE)
    return out


def quotes_by_window(quotes: Iterable[dict[str, Any]], names: Mapping[str, Iterable[str]], periods: Iterable[str],
                     by: str, roles: Mapping[str, str | None] | None = None, limit: int = 5
                     ) -> dict[str, list[dict[str, Any]]]:
    """period -> up to `limit` quotes of that period naming two or more members (most members first,
    then in document order), each with the members it names, its speaker, role and sentence."""
    patterns = name_patterns(names)
    wanted = set(periods)
    roles = roles or {}
    found: dict[str, list[dict[str, Any]]] = {p: [] for p in wanted}
    for q in quotes:
        period = period_of(q.get("date") or q.get("published"), by)
        if period not in wanted:
            continue
        named = [m for m, pat in patterns.items() if pat.search(q.get("text") or "")]
        if len(named) < 2:
            continue
        found[period].append({
            "names": named, "speaker": q.get("speaker"), "speaker_text": q.get("speaker_text"),
            "role": roles.get(q.get("speaker") or ""), "text": q.get("text"), "date": q.get("date"),
            "document_id": q.get("document_id"), "quote_id": q.get("id"), "start": q.get("start"),
            "end": q.get("end"), "title": q.get("title"), "published": q.get("published"),
        })
    return {p: sorted(qs, key=lambda x: -len(x["names"]))[:limit] for p, qs in found.items()}
