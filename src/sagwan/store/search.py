"""Full-text search over quotes, in every language a bundle codes.

Some languages glue particles and endings to words (Korean), so a word index over raw text misses
most matches. Quotes are stored with a segmented form: the content words their language's bundle
gives (`LanguageBundle.segment`: for Korean, Kiwi's content morphemes) joined by spaces. A query is
segmented the same way and every term must match, so a noun finds its inflected forms.
A text in a language with no bundle is split into words. SQLite searches with FTS5 (unicode61),
PostgreSQL with to_tsvector('simple', ...).
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, func, literal_column, select, text

from sagwan.store.schema import quotes

_WORD = re.compile(r"\w+")


def segment(text_: str, language: str | None = None) -> str:
    """Content words of `text_` (in `language`, told from the text when not given), lower-cased and
    joined by single spaces."""
    if not text_ or not text_.strip():
        return ""
    from sagwan.extract import registry

    if language is None:
        # a query: the bundle that claims it by its script alone, so no detector is loaded for a few words
        bundle = next((b for b in registry.bundles() if b.claims(text_)), None)
    else:
        bundle = registry.bundle_for(language)
    if bundle is None:
        return " ".join(w.lower() for w in _WORD.findall(text_))
    return bundle.segment(text_)


def query_terms(query: str) -> list[str]:
    """The morphemes a search must find; falls back to the words when nothing content-bearing is left."""
    terms = segment(query).split()
    return terms or [w.lower() for w in _WORD.findall(query)]


def match_clause(dialect: str, query: str) -> ColumnElement[bool] | None:
    """A WHERE clause on `quotes` that keeps rows matching every morpheme of `query`; None if it has none."""
    terms = query_terms(query)
    if not terms:
        return None
    if dialect == "sqlite":
        # each term quoted: FTS5 reads them as plain strings, never as query syntax
        fts_query = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        hits = select(literal_column("rowid")).select_from(text("quotes_fts")).where(
            text("quotes_fts MATCH :fts_query").bindparams(fts_query=fts_query))
        return quotes.c.id.in_(hits)
    if dialect == "postgresql":
        tsquery = func.to_tsquery("simple", " & ".join(_pg_quote(t) for t in terms))
        return func.to_tsvector("simple", quotes.c.segmented).bool_op("@@")(tsquery)
    # any other database: whole-morpheme LIKE on the space-joined column
    padded = " " + quotes.c.segmented + " "
    clause = None
    for t in terms:
        c = padded.like(f"% {t} %")
        clause = c if clause is None else clause & c
    return clause


def _pg_quote(term: str) -> str:
    return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'"
