"""Full-text search over quotes that works for Korean.

Korean glues particles and endings to words (미사일을, 발사했다), so a word index over raw text misses
most matches. Quotes are stored with a segmented form: Kiwi's content morphemes (nouns, verb and
adjective stems, roots, foreign words, numbers) joined by spaces. A query is segmented the same way
and every morpheme must match, so 미사일 finds 미사일을 and 미사일 발사 finds 미사일을 발사했다.
SQLite searches it with FTS5 (unicode61), PostgreSQL with to_tsvector('simple', ...).
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, func, literal_column, select, text

from sagwan.store.schema import quotes

# Kiwi tags whose morphemes carry meaning; particles (J*), endings (E*) and affixes are left out.
_CONTENT_TAG = re.compile(r"^(NN[GPB]|NR|NP|VV|VA|XR|SL|SH|SN|MAG)")
_WORD = re.compile(r"\w+")


def segment(text_: str) -> str:
    """Content morphemes of `text_`, lower-cased and joined by single spaces."""
    if not text_ or not text_.strip():
        return ""
    if not re.search(r"[\uac00-\ud7a3]", text_):
        return " ".join(w.lower() for w in _WORD.findall(text_))  # no Hangul: no need to load Kiwi
    from sagwan.analyse.ko import get_kiwi

    forms = []
    for token in get_kiwi().tokenize(text_):
        tag = token.tag.split("-")[0]  # Kiwi marks irregular conjugations as VV-I, VA-R, ...
        if _CONTENT_TAG.match(tag):
            forms.extend(w.lower() for w in _WORD.findall(token.form))
    return " ".join(forms)


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
