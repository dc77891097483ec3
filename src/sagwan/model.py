"""The one document model every stage adds to.

ingest makes a `RawDocument`; clean turns it into a `Document` (text, title, date, language);
analyse adds `sentences` (with morphemes); extract adds `dates`, `actors`, `quotes` and `events`.
`Document.to_record()` writes the `sagwan/1` record that the store, the exports and the scorer read.

Every annotation carries character offsets (`start`, `end`, end exclusive) into `Document.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from typing import Any

from sagwan._version import SCHEMA, UNCODED

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
    "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)
# `attributed_to` filter value for the events told in the article's own voice (attributed to no one)
UNATTRIBUTED = "none"
STATUSES = ("occurred", "intended", "planned", "expected", "alleged", "proposed", "denied", "hypothetical")
ACTOR_KINDS = ("state", "organization", "person", "group", "location")
# The ordering of a dyad does not matter for these: "X met Y" and "Y met X" are one happening
UNORDERED_TYPES = ("CONSULT",)
# ...and for these both parties may be named as sources ("X and Y agreed") or one on each side
MUTUAL_TYPES = ("CONSULT", "AGREE", "COOPERATE")


class Marker(StrEnum):
    """How an argument is tied to its predicate, whatever a language marks it with (a Korean case
    particle, an English preposition or word order). Language readers give every argument one of
    these; the core's argument frames (extract/core) read nothing else.

    A member compares equal to its name as a string (`Marker.SUBJ == "SUBJ"`).
    """

    SUBJ = "SUBJ"        # the one who acts: Korean 이/가/은/는, English subject
    OBJ = "OBJ"          # the one acted on directly: 을/를, direct object
    TO = "TO"            # recipient or the one addressed: 에/에게, "to"
    TOWARD = "TOWARD"    # direction or what a thing is turned into: 로/으로, "toward", "into"
    FROM = "FROM"        # giver or origin: 로부터/에게서, "from"
    WITH = "WITH"        # the other party of a meeting or an agreement: 와/과, "with"
    ABOUT = "ABOUT"      # the one a stance or an accusation is about: 에 대해, "about", "on", "over"
    OF = "OF"            # owner or party of a noun event: 의, "X's visit", "the visit of X"
    BY = "BY"            # agent of a passive: 에 의해, "by"
    AT = "AT"            # place or occasion: 에서, "at", "in"
    PURPOSE = "PURPOSE"  # the aim: 을 위해, "for", "in order to"
    CONJ = "CONJ"        # coordinated with the next phrase (only while a reader reads a sentence)
    MOD = "MOD"          # modifies the noun after it, not the predicate: 한중 회담, "the Russian delegation"
    BARE = "BARE"        # no marker at all (headline style, a list of names)


@dataclass
class RawDocument:
    """What ingest read: decoded text or HTML, before cleaning."""

    id: str                      # stable hash of the source bytes
    source: str                  # path, URL, or "path#line" for JSON Lines
    body: str                    # decoded, NFC-normalised
    format: str = "text"         # "text" | "html"
    title: str | None = None     # given by the input (JSON Lines), else found by clean
    published: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Failure:
    """A document that could not be read or analysed; batches record it and go on."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


# Universal parts of speech (Universal Dependencies) a token carries beside its analyser's own tag;
# the stages after analysis (search, chunking) read these, never an analyser's tag set.
UPOS = ("NOUN", "PROPN", "PRON", "NUM", "VERB", "ADJ", "ADV", "AUX", "DET", "ADP", "CCONJ", "SCONJ", "PART",
        "INTJ", "PUNCT", "SYM", "X")


@dataclass
class Token:
    """One morpheme or word, with offsets into Document.text."""

    form: str
    tag: str                     # the analyser's own tag (Kiwi's for Korean): read by that language's readers
    start: int
    end: int
    value: Any = None            # user-dictionary payload (gazetteer id) where the analyser matched one
    upos: str | None = None      # universal part of speech (UPOS), mapped from `tag` by the bundle's table


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class TimeExpr:
    """A date expression resolved against the publication date (precision kept in `value`)."""

    start: int
    end: int
    text: str
    value: str                   # YYYY, YYYY-MM or YYYY-MM-DD
    value_end: str | None = None  # for spans (지난 2년간, 2018년부터 2019년에 걸쳐)


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None
    wikidata: str | None = None
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Quote:
    id: str
    speaker: str | None
    speaker_text: str | None
    text: str
    start: int
    end: int
    kind: str                    # direct | indirect
    cue: str | None = None
    date: str | None = None
    via: str | None = None


@dataclass
class EventMention:
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int


@dataclass
class Event:
    id: str
    type: str
    mode: str | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    date: str | None = None
    date_end: str | None = None
    location: str | None = None
    status: str = "occurred"
    attributed_to: str | None = None
    mentions: list[EventMention] = field(default_factory=list)
    score: float | None = None   # cooperation-conflict score (see resources/scores.tsv)
    quad: str | None = None      # quad class through a versioned mapping


@dataclass
class Document:
    id: str
    source: str
    text: str
    title: str | None = None
    published: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[TimeExpr] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # who coded it: the language bundle's coder (e.g. sagwan-ko/1) and its components' versions
    coder: str = UNCODED
    coders: dict[str, str] = field(default_factory=dict)
    # why the extractors did not run (no bundle for the document's language), or None when they did
    not_coded: str | None = None

    def to_record(self) -> dict[str, Any]:
        """The `sagwan/1` record (see the spec); offsets index `doc.text`."""
        doc = {
            "id": self.id, "source": self.source, "title": self.title,
            "published": self.published, "language": self.language, "text": self.text,
        }
        doc.update({k: v for k, v in self.meta.items() if k not in doc})
        rec: dict[str, Any] = {
            "schema": SCHEMA,
            "coder": self.coder,
            "coders": dict(self.coders),
            "doc": doc,
            "actors": [_plain(a) for a in self.actors],
            "quotes": [_plain(q) for q in self.quotes],
            "events": [_plain(e) for e in self.events],
        }
        if self.not_coded is not None:
            # the document is kept (stored, exported) so that it can be coded once its language has a bundle
            rec["not_coded"] = {"language": self.language, "reason": self.not_coded}
        return rec

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Document:
        """Rebuild a document (without sentences) from a `sagwan/1` record."""
        d = dict(rec["doc"])
        core = {k: d.pop(k, None) for k in ("id", "source", "text", "title", "published", "language")}
        coding = {"coder": rec.get("coder") or UNCODED, "coders": dict(rec.get("coders") or {}),
                  "not_coded": (rec.get("not_coded") or {}).get("reason")}
        actors = [Actor(**{**a, "mentions": [Mention(**m) for m in a.get("mentions", [])]})
                  for a in rec.get("actors", [])]
        quotes = [Quote(**q) for q in rec.get("quotes", [])]
        events = [Event(**{**e, "mentions": [EventMention(**m) for m in e.get("mentions", [])]})
                  for e in rec.get("events", [])]
        return cls(**core, meta=d, actors=actors, quotes=quotes, events=events, **coding)


def _plain(value: Any) -> Any:
    """What `dataclasses.asdict` gives, without its deep copy of every leaf value (strings and
    numbers, which cannot change): the record is built once per document."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
