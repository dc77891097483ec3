"""The gazetteer: states, organisations, people and places as data (resources/gazetteer/*.jsonl),
and the analyst's own actor dictionaries on top of it.

Each line is one entry; what an entry says in a language is keyed by the language code
(`"names": {"ko": [...], "en": [...]}`); see resources/gazetteer/README.md for the fields and the
sources. User dictionaries (JSON Lines of the same shape) come from `using(paths)` (the CLI's
`--gazetteer FILE`, the API's `gazetteer=` argument) or from the SAGWAN_GAZETTEER environment
variable (paths separated by the platform's path separator); their entries add to the shipped ones
and replace a shipped entry with the same id. Files are read once per set of user files.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from sagwan import data
from sagwan.errors import ConfigError

ENV = "SAGWAN_GAZETTEER"
KINDS = ("state", "organization", "person", "group", "location")


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str                        # state | organization | person | group | location
    name: str
    country: str | None = None
    wikidata: str | None = None
    type: str | None = None          # organisations: news_agency, outlet, igo, think_tank, government, party ...
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)      # language -> names
    abbr: Mapping[str, tuple[str, ...]] = field(default_factory=dict)       # one-syllable short forms (ko: 북, 러)
    metonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)   # capitals standing for the state
    patterns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)   # regular expressions for spellings
    surname: Mapping[str, str] = field(default_factory=dict)                # persons: the form used alone
    ambiguous: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # names that are also ordinary words
    roles: tuple[dict[str, Any], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every name and metonym in every language."""
        forms = [n for names in self.names.values() for n in names]
        forms += [n for names in self.metonyms.values() for n in names]
        return tuple(dict.fromkeys(forms))

    def names_in(self, language: str) -> tuple[str, ...]:
        return self.names.get(language, ())

    def titles_in(self, language: str, role: Mapping[str, Any] | None = None) -> tuple[str, ...]:
        """The titles of one role (or of every role) in a language."""
        roles = (role,) if role is not None else self.roles
        return tuple(dict.fromkeys(t for r in roles for t in (r.get("titles") or {}).get(language, ())))

    def role_on(self, date: str | None) -> dict[str, Any] | None:
        """The role held on `date` (YYYY[-MM[-DD]]), or the latest one when the date is unknown."""
        if not self.roles:
            return None
        if date:
            for r in self.roles:
                if (r.get("from") or "0000") <= date and (not r.get("to") or date <= r["to"]):
                    return r
        return self.roles[-1]


_FIELDS = set(Entry.__dataclass_fields__) - {"extra"}
_KEYED_LISTS = ("names", "abbr", "metonyms", "patterns", "ambiguous")
# fields of the shape before languages were keys: refused, so that no name is silently ignored
_OLD = {"ko": "names", "en": "names", "abbr_ko": "abbr", "patterns_ko": "patterns", "surname_ko": "surname",
        "ambiguous_ko": "ambiguous", "capital_ko": "capital"}


def _entry(obj: Any) -> Entry:
    """One entry from its JSON object; ValueError says what is wrong with it."""
    if not isinstance(obj, dict):
        raise ValueError("an entry is a JSON object")
    for key in ("id", "kind", "name"):
        if not isinstance(obj.get(key), str) or not obj[key]:
            raise ValueError(f"field {key!r} missing or not a string")
    if obj["kind"] not in KINDS:
        raise ValueError(f"kind {obj['kind']!r}: use one of {', '.join(KINDS)}")
    old = sorted(k for k in obj if k in _OLD)
    if old:
        raise ValueError(f"field {old[0]!r} is the old shape: write {_OLD[old[0]]!r} keyed by language, "
                         f'e.g. "{_OLD[old[0]]}": {{"ko": ...}} (see resources/gazetteer/README.md)')
    known = {k: v for k, v in obj.items() if k in _FIELDS}
    for key in _KEYED_LISTS:
        value = known.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, list) and all(isinstance(s, str) for s in v)
                                                  for v in value.values()):
            raise ValueError(f'field {key!r} must map languages to lists of strings, e.g. {{"en": ["..."]}}')
        known[key] = {lang: tuple(v) for lang, v in value.items()}
    surname = known.get("surname", {})
    if not isinstance(surname, dict) or not all(isinstance(v, str) for v in surname.values()):
        raise ValueError('field \'surname\' must map languages to one string, e.g. {"en": "Smith"}')
    roles = known.get("roles", [])
    if not isinstance(roles, list) or not all(isinstance(r, dict) for r in roles):
        raise ValueError("field 'roles' must be a list of objects")
    if any("titles_ko" in r for r in roles):
        raise ValueError("roles: field 'titles_ko' is the old shape: write \"titles\": {\"ko\": [...]}")
    known["roles"] = tuple(roles)
    return Entry(**known, extra={k: v for k, v in obj.items() if k not in _FIELDS})


def read_file(path: str | os.PathLike, text: str | None = None) -> Iterator[Entry]:
    """The entries of one JSON Lines file; a bad line is a ConfigError naming the file and the line.
    Blank lines and lines starting with # are skipped."""
    name = os.fspath(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"gazetteer {name}: no such file; give a JSON Lines file of entries") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"gazetteer {name}: cannot be read ({exc}); give a UTF-8 JSON Lines file") from None
    for n, line in data.lines(name, text):
        try:
            yield _entry(json.loads(line))
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"gazetteer {name}:{n}: {exc}") from None


def user_files() -> tuple[str, ...]:
    """The user dictionaries in use: those given to `using`, else those SAGWAN_GAZETTEER named when an
    entry point (`sagwan.extract`, `extract_paths`, `Store.ingest`, `ingest_paths`) last read it."""
    return _given if _given is not None else _from_env


def _env_files() -> tuple[str, ...]:
    return tuple(p for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip())


_given: tuple[str, ...] | None = None
# SAGWAN_GAZETTEER as read at import and by each public entry point (`using`): the extractors ask for
# the user files many times per document, and reading the environment each time would cost more
_from_env: tuple[str, ...] = _env_files()


@contextmanager
def using(paths: str | os.PathLike | Iterable[str | os.PathLike] | None) -> Iterator[tuple[str, ...]]:
    """Use these user dictionaries (on top of the shipped gazetteer) inside the block; None: those
    SAGWAN_GAZETTEER names now (read again here, at every public entry point). The files are checked
    at once. Worker processes started inside the block see them too (through SAGWAN_GAZETTEER)."""
    global _given, _from_env
    if paths is None:
        _from_env = _env_files()
        yield user_files()
        return
    files = (os.fspath(paths),) if isinstance(paths, str | os.PathLike) else tuple(os.fspath(p) for p in paths)
    for f in files:
        list(read_file(f))
    before, env = _given, os.environ.get(ENV)
    _given = files
    os.environ[ENV] = os.pathsep.join(files)
    try:
        yield files
    finally:
        _given = before
        if env is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = env


def entries() -> dict[str, Entry]:
    """Every entry by id: the shipped files, then the user dictionaries (same id: the user's wins)."""
    return _entries(user_files())


@cache
def _shipped() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    folder = resources.files("sagwan") / "resources" / "gazetteer"
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".jsonl"):
            for e in read_file(f"resources/gazetteer/{f.name}", f.read_text(encoding="utf-8")):
                out[e.id] = e
    return out


@cache
def _entries(files: tuple[str, ...]) -> dict[str, Entry]:
    out = dict(_shipped())
    for f in files:
        for e in read_file(f):
            out[e.id] = e
    return out


def signature() -> str:
    """"" with no user dictionary; else a short digest of their contents. Coders append it to their
    version, so a document coded with other dictionaries is coded again on the next ingest."""
    return _signature(user_files())


@cache
def _signature(files: tuple[str, ...]) -> str:
    if not files:
        return ""
    digest = hashlib.sha256()
    for f in files:
        digest.update(json.dumps([e.id for e in read_file(f)]).encode())
        digest.update(Path(f).read_bytes())
    return digest.hexdigest()[:10]


def aliases(language: str | None = None) -> dict[str, tuple[str, ...]]:
    """Surface form -> ids of the entries it may name (several when ambiguous): the names and metonyms
    of every language, or of one `language` only."""
    return _aliases(user_files(), language)


@cache
def _aliases(files: tuple[str, ...], language: str | None) -> dict[str, tuple[str, ...]]:
    idx: dict[str, list[str]] = {}
    for e in _entries(files).values():
        forms = e.surfaces if language is None else (*e.names_in(language), *e.metonyms.get(language, ()))
        for s in forms:
            ids = idx.setdefault(s, [])
            if e.id not in ids:
                ids.append(e.id)
    return {k: tuple(v) for k, v in idx.items()}


def abbreviations(language: str) -> dict[str, str]:
    """Short form in `language` (Korean 북, 러, 미 ...) -> state id."""
    return _abbreviations(user_files(), language)


@cache
def _abbreviations(files: tuple[str, ...], language: str) -> dict[str, str]:
    return {a: e.id for e in _entries(files).values() for a in e.abbr.get(language, ())}


def get(actor_id: str) -> Entry | None:
    return entries().get(actor_id)


T = TypeVar("T")


def per_gazetteer(keep: int | None = None) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Cache a look-up built from the gazetteer once per set of user dictionaries (`keep`: how many
    sets to remember; 1 for a costly object such as an analyser fed with the names)."""

    def wrap(fn: Callable[[], T]) -> Callable[[], T]:
        memo: dict[tuple[str, ...], T] = {}
        # Threads that ask at once (a server's first searches) wait for the one build under way
        # instead of each building their own.
        lock = threading.Lock()

        @functools.wraps(fn)
        def cached() -> T:
            key = user_files()
            if key in memo:
                return memo[key]
            with lock:
                if key not in memo:
                    if keep is not None and len(memo) >= keep:
                        memo.clear()
                    memo[key] = fn()
                return memo[key]

        cached.cache_clear = memo.clear  # type: ignore[attr-defined]
        return cached

    return wrap
