"""What a language bundle gives the core: the small protocol every language implements.

A *bundle* is everything that is really one language's own: its analyser (sentences and tokens
with offsets), its readers (which words trigger an event, which actor stands in which argument of
it, where a clause begins and ends, which words say how sure or whose a statement is), its surface
date patterns and its name patterns, its lexicons (under `resources/<lang>/`), how search
segments its text, and a sample sentence a worker warms up with. Everything else — the marker vocabulary
(`sagwan.model.Marker`), the PLOVER policy, the merge rule, the calendar arithmetic, the actor
table — is the core's and is shared by every language.

The pipeline (`sagwan.extract.pipeline.annotate`) looks the document's language up in the
registry (`sagwan.extract.registry`): found, it runs `bundle.analyse` then `bundle.extract` and
stamps the record with `bundle.coder` and `bundle.coders`; not found, the record says it was not
coded and why. A bundle module exposes one `BUNDLE = LanguageBundle(...)` and is registered in
`sagwan.extract.registry.BUILTIN` (or at run time with `registry.register`).

Rules for a bundle (checked by tests/extract/test_layering.py):
- the core never imports a language package, and no language package imports another;
- the core's source holds no word of any language and no tag of any analyser: a bundle maps its
  analyser's tags to universal ones (`Token.upos`) and its words to core notions (markers,
  statuses, cue kinds) through its readers.

The protocol types below are the seams of the coder. A clause reader reads ONE sentence:

    reader = bundle.clause_reader(doc, sentence, actor_at)
    for trigger in reader.triggers():          # Trigger: the predicate and its lexicon row
        args = reader.arguments()              # Argument: actor, token index, Marker, group ...
        lo, hi = reader.clause_start(trigger.index), reader.clause_end(trigger.last)
        reader.status_cue(trigger)             # a status of model.STATUSES, or None: occurred
        reader.attribution_cue(trigger)        # Cue(kind, start, end): said / according to / assessed ...

`DatePatterns.find(text)` gives surface dates (`DateSurface`: where, and what the words say:
an absolute date, a weekday, "N days/weeks/months/years before/after", a span); the core's
calendar (`extract.core.calendar`) resolves them against the publication date.
`NamePatterns.surfaces(entry)` gives the forms of a gazetteer entry to look for in this language
(`entry.names[lang]`, the abbreviations, the regular expressions), `NamePatterns.person_forms`
the short forms of a person (surname with a title).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from sagwan.model import Actor, Document, Marker

# The components a bundle versions on its own, in the order `LanguageBundle.coder` lists them.
COMPONENTS = ("analyse", "dates", "actors", "quotes", "events")


@dataclass
class Trigger:
    """A predicate that may report an event: its token span and its lexicon row."""

    index: int            # token index of the predicate's head (noun or verb)
    last: int             # token index of the last token of the predicate
    lemma: str
    type: str             # PLOVER type (model.PLOVER_TYPES)
    frame: str            # argument frame: meet | visit | give | receive | act | accuse
    mode: str | None = None
    nominal: bool = False     # an event noun without a verb of its own ("X's visit")
    passive: bool = False


@dataclass
class Argument:
    """An actor in a sentence, with the marker that ties it to a predicate."""

    actor: Actor
    index: int                # token index of the mention's first token
    marker: Marker | str      # a Marker (readers may use its plain string value)
    group: int = 0            # coordinated actors ("X and Y") share a group
    pred: int = -1            # index of the first predicate token after the phrase
    particle: int = -1        # index of the token that closes the phrase (particle, preposition)
    subordinate: bool = False  # its predicate heads a conditional or concessive clause
    relative: bool = False     # that predicate closes a relative clause


@dataclass(frozen=True)
class Cue:
    """A word that says whose a statement is or how sure it is, with its offsets into doc.text."""

    kind: str             # said | according_to | assess | expect | hearsay | deny
    start: int
    end: int


@dataclass(frozen=True)
class DateSurface:
    """A date expression as written: where it is and what its words say, not yet resolved.

    `kind` is one of
      absolute   year/month/day given (any may be None: "in May", "on the 3rd")
      weekday    weekday 0..6 (Monday = 0), `shift` weeks (0 this, -1 last, 1 next)
      relative   `shift` units (day | week | month | year) from the publication date
      span       `shift` units back from the publication date up to it ("in the past two years")
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    shift: int = 0
    end_surface: DateSurface | None = None   # the second end of "from X to Y"


class ClauseReader(Protocol):
    """One sentence read for the coder (see the module docstring)."""

    def triggers(self) -> list[Trigger]: ...
    def arguments(self) -> list[Argument]: ...
    def clause_start(self, index: int) -> int: ...
    def clause_end(self, index: int) -> int: ...
    def status_cue(self, trigger: Trigger) -> str | None: ...
    def attribution_cue(self, trigger: Trigger) -> Cue | None: ...


class DatePatterns(Protocol):
    def find(self, text: str) -> list[DateSurface]: ...


class NamePatterns(Protocol):
    def surfaces(self, entry: Any) -> Iterable[str]: ...
    def person_forms(self, entry: Any, date: str | None) -> Iterable[str]: ...


def _claims_nothing(text: str) -> bool:
    return False


@dataclass(frozen=True)
class LanguageBundle:
    """One language, as the pipeline and the stages after it see it.

    `analyse(doc)` adds sentences and tokens (each token with its universal `upos`); `extract(doc)`
    adds dates, actors, quotes and events, all with offsets into doc.text. `segment(text)` gives
    the content words search indexes (lower-cased, one string joined by spaces); `sample` is an
    invented sentence whose coding loads everything a real document needs (a worker's warm-up).
    `claims(text)` is True when a short text (a search query) is surely in this language by its
    script alone (no detector is loaded for a few words). `versions` holds one integer per component
    (COMPONENTS): bump a component's number whenever its output can change.
    """

    language: str                                   # ISO 639-1 code: "ko", "en"
    name: str                                       # "Korean"
    versions: Mapping[str, int]
    analyse: Callable[[Document], Document]
    extract: Callable[[Document], Document]
    segment: Callable[[str], str]
    sample: str = ""
    claims: Callable[[str], bool] = _claims_nothing
    clause_reader: Callable[..., ClauseReader] | None = None
    dates: DatePatterns | None = None
    names: NamePatterns | None = None
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def coders(self) -> dict[str, str]:
        """Component -> versioned coder name, e.g. {"events": "sagwan-events-ko/1", ...}."""
        return {c: f"sagwan-{c}-{self.language}/{self.versions.get(c, 1)}" for c in COMPONENTS}

    @property
    def coder(self) -> str:
        """The one string stored with every row this bundle made: the language and every component's
        version in COMPONENTS order ("sagwan-ko/1.1.1.1.1"); it changes whenever one of them does."""
        return f"sagwan-{self.language}/" + ".".join(str(self.versions.get(c, 1)) for c in COMPONENTS)
