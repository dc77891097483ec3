"""The watch list: a small TOML file of settings, sources and alert rules (docs/watch.md shows one).

    [watch]                      # settings for every source (each may be overridden per source)
    user_agent = "sagwan/0.1.0 (+mailto:desk@example.org)"
    interval = "15m"

    [[source]]
    url = "https://news.example.org/rss.xml"
    outlet = "Example News"
    language = "ko"
    max_items = 20

    [[rule]]
    name = "prk-rus"
    dyad = "PRK-RUS"

A value that cannot be used is refused with a ConfigError naming the file, the entry and what is accepted.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from sagwan._version import __version__
from sagwan.errors import ConfigError
from sagwan.model import PLOVER_TYPES, STATUSES
from sagwan.scores import QUADS

DEFAULT_CONFIG = "watch.toml"
SOURCE_KINDS = ("feed", "sitemap", "urls")
DEFAULT_USER_AGENT = (f"sagwan/{__version__} (news-event chronicle; reads feeds and the articles they list, "
                      "honours robots.txt; set [watch] user_agent to add your contact)")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Settings:
    """How politely and how much to fetch. Every field can be set in [watch] and most per source."""

    user_agent: str = DEFAULT_USER_AGENT
    interval: float = 900.0        # seconds between two fetches of one listing
    rate: float = 1.0              # seconds between two requests to one host (robots.txt Crawl-delay may raise it)
    timeout: float = 20.0          # seconds for connecting, for each read, and for a whole answer
    max_bytes: int = 5_000_000     # largest answer read (after decompression)
    max_redirects: int = 5
    retries: int = 2               # further tries after a 429, a 5xx, a timeout or a dropped connection
    backoff: float = 2.0           # seconds before the first retry; doubles with each
    max_wait: float = 120.0        # longest Retry-After honoured inside a round; a longer one defers the source
    max_items: int = 50            # articles fetched per source and round (the rest wait for the next round)
    max_listed: int = 500          # entries read from one listing (the newest first)
    max_errors: int = 3            # failures in a row after which an article waits until its listing changes
    revisit: bool = False          # re-ask for listed articles already stored (conditional GET) every round
    fetchers: int = 4              # with --workers/--scheduler: pages fetched at once (each host still one at a time)
    alert_log: str = "alerts.jsonl"
    proxy: str = ""                # http://host:port to send every request through; empty: straight to the sites


# the options a [[source]] entry may override
SOURCE_OVERRIDES = ("interval", "timeout", "max_bytes", "max_redirects", "retries", "max_items", "max_listed",
                    "max_errors", "revisit")


@dataclass(frozen=True)
class Source:
    url: str
    kind: str = "feed"
    outlet: str | None = None
    language: str | None = None
    enabled: bool = True
    settings: Settings = field(default_factory=Settings)


@dataclass(frozen=True)
class Rule:
    """Events to be alerted about: every given condition must hold; a list holds when any of its values does."""

    name: str
    dyad: tuple[str, str] | None = None
    actor: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    quad: tuple[str, ...] = ()
    status: tuple[str, ...] = ()


@dataclass(frozen=True)
class WatchConfig:
    path: Path | None
    settings: Settings
    sources: tuple[Source, ...]
    rules: tuple[Rule, ...]

    @property
    def alert_log(self) -> Path:
        """The alert log; a relative path is read from the folder the config file is in."""
        log = Path(self.settings.alert_log).expanduser()
        return log if log.is_absolute() or self.path is None else self.path.parent / log


def duration(value: Any, where: str) -> float:
    """Seconds from 90, 90.5, "90s", "15m", "2h", "1d"."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: {value!r} is not a duration; give seconds or a text such as \"15m\" or \"2h\"")
    if isinstance(value, int | float) and value >= 0:
        return float(value)
    m = _DURATION.match(value) if isinstance(value, str) else None
    if m is None:
        raise ConfigError(f"{where}: {value!r} is not a duration; give seconds or a text such as \"15m\" or \"2h\"")
    return float(m.group(1)) * _UNIT[m.group(2)]


def _settings(table: dict[str, Any], base: Settings, where: str, allowed: tuple[str, ...]) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in allowed:
            continue
        kind = type(getattr(base, key))
        if key == "interval" or (kind is float and isinstance(value, str)):
            value = duration(value, f"{where} {key}")
        elif kind is bool:
            if not isinstance(value, bool):
                raise ConfigError(f"{where} {key}: give true or false, not {value!r}")
        elif kind in (int, float):
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ConfigError(f"{where} {key}: give a number of 0 or more, not {value!r}")
            value = kind(value)
        elif key == "proxy":
            if not isinstance(value, str) or (value and not re.match(r"^https?://[^/\s]+", value)):
                raise ConfigError(f"{where} proxy: give an http:// or https:// address, or \"\" for none")
        elif not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where} {key}: give a non-empty text, not {value!r}")
        values[known[key].name] = value
    return replace(base, **values)


def guess_kind(url: str) -> str:
    """A listing's kind from its URL when the entry does not say: sitemaps and .txt lists by name, else a feed."""
    path = url.split("?", 1)[0].lower()
    if "sitemap" in path.rsplit("/", 1)[-1] or path.endswith(".xml") and "sitemap" in path:
        return "sitemap"
    if path.endswith(".txt"):
        return "urls"
    return "feed"


def _check_url(url: Any, where: str) -> str:
    if not isinstance(url, str) or not re.match(r"^https?://[^/\s]+", url.strip()):
        raise ConfigError(f"{where}: url {url!r} is not an http:// or https:// address")
    return url.strip()


def _source(entry: dict[str, Any], base: Settings, where: str) -> Source:
    unknown = set(entry) - {"url", "kind", "outlet", "language", "enabled", *SOURCE_OVERRIDES}
    if unknown:
        raise ConfigError(f"{where}: unknown option(s) {', '.join(sorted(unknown))}; a source takes url, kind, "
                          f"outlet, language, enabled, {', '.join(SOURCE_OVERRIDES)}")
    url = _check_url(entry.get("url"), where)
    kind = entry.get("kind") or guess_kind(url)
    if kind not in SOURCE_KINDS:
        raise ConfigError(f"{where}: kind {kind!r}; use one of {', '.join(SOURCE_KINDS)}")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{where} enabled: give true or false, not {enabled!r}")
    for key in ("outlet", "language"):
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise ConfigError(f"{where} {key}: give a non-empty text, not {entry[key]!r}")
    return Source(url=url, kind=kind, outlet=entry.get("outlet"), language=entry.get("language"), enabled=enabled,
                  settings=_settings(entry, base, where, SOURCE_OVERRIDES))


def _words(value: Any, where: str, valid: tuple[str, ...] | None = None, upper: bool = False) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise ConfigError(f"{where}: give a text or a list of texts, not {value!r}")
    out = tuple(v.strip().upper() if upper else v.strip() for v in items)
    if valid is not None:
        wrong = [v for v in out if v not in valid]
        if wrong:
            raise ConfigError(f"{where}: {', '.join(wrong)} not known; use {', '.join(valid)}")
    return out


def _rule(entry: dict[str, Any], where: str) -> Rule:
    unknown = set(entry) - {"name", "dyad", "actor", "type", "quad", "status"}
    if unknown:
        raise ConfigError(f"{where}: unknown option(s) {', '.join(sorted(unknown))}; a rule takes name, dyad, "
                          "actor, type, quad, status")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: give the rule a name (name = \"...\")")
    dyad = None
    if "dyad" in entry:
        parts = _words(entry["dyad"], f"{where} dyad")
        if len(parts) == 1:
            parts = tuple(p.strip() for p in parts[0].replace(",", "-").split("-"))
        if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
            raise ConfigError(f"{where} dyad: give two different actors or countries, e.g. \"PRK-RUS\"")
        dyad = (parts[0], parts[1])
    rule = Rule(name=name.strip(), dyad=dyad,
                actor=_words(entry["actor"], f"{where} actor") if "actor" in entry else (),
                type=_words(entry["type"], f"{where} type", PLOVER_TYPES, upper=True) if "type" in entry else (),
                quad=_words(entry["quad"], f"{where} quad", QUADS) if "quad" in entry else (),
                status=_words(entry["status"], f"{where} status", STATUSES) if "status" in entry else ())
    if not (rule.dyad or rule.actor or rule.type or rule.quad or rule.status):
        raise ConfigError(f"{where}: rule {rule.name!r} has no condition; give dyad, actor, type, quad or status")
    return rule


def parse_config(data: dict[str, Any], path: Path | None = None) -> WatchConfig:
    name = str(path) if path else "watch config"
    unknown = set(data) - {"watch", "source", "rule"}
    if unknown:
        raise ConfigError(f"{name}: unknown table(s) {', '.join(sorted(unknown))}; use [watch], [[source]], [[rule]]")
    table = data.get("watch", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{name}: [watch] must be a table")
    wrong = set(table) - {f.name for f in fields(Settings)}
    if wrong:
        raise ConfigError(f"{name} [watch]: unknown setting(s) {', '.join(sorted(wrong))}; use "
                          f"{', '.join(f.name for f in fields(Settings))}")
    settings = _settings(table, Settings(), f"{name} [watch]", tuple(f.name for f in fields(Settings)))
    sources, seen = [], set()
    for i, entry in enumerate(data.get("source", []), 1):
        src = _source(entry, settings, f"{name} [[source]] #{i}")
        if src.url in seen:
            raise ConfigError(f"{name} [[source]] #{i}: {src.url} is listed twice")
        seen.add(src.url)
        sources.append(src)
    rules = [_rule(entry, f"{name} [[rule]] #{i}") for i, entry in enumerate(data.get("rule", []), 1)]
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise ConfigError(f"{name}: two rules share a name; give each its own")
    return WatchConfig(path=path, settings=settings, sources=tuple(sources), rules=tuple(rules))


def load_config(path: str | Path = DEFAULT_CONFIG) -> WatchConfig:
    """Read a watch list; ConfigError naming the file and the reason when it cannot be used."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such watch list; create it with "
                          f"`sagwan watch add URL --config {path}`") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return parse_config(data, path)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def add_source(path: str | Path, url: str, **options: Any) -> Source:
    """Append a [[source]] entry to the watch list (created when missing); comments and order are kept.

    Refuses a URL already listed and options a source does not take; the file is checked whole before
    it is replaced, so a mistake never leaves a broken list behind."""
    from sagwan.files import write_atomically

    path = Path(path)
    url = _check_url(url, f"{path}: new source")
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    current = parse_config(tomllib.loads(old), path) if old.strip() else None
    if current is not None and any(s.url == url for s in current.sources):
        raise ConfigError(f"{path}: {url} is already watched")
    entry = {"url": url, **{k: v for k, v in options.items() if v is not None}}
    block = "\n".join(["[[source]]"] + [f"{k} = {_toml_value(v)}" for k, v in entry.items()]) + "\n"
    text = old.rstrip("\n") + "\n\n" + block if old.strip() else block
    config = parse_config(tomllib.loads(text), path)   # refuses a bad option before anything is written
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), "watch list")
    return config.sources[-1]


def with_settings(config: WatchConfig, **values: Any) -> WatchConfig:
    """The config with settings changed for every source (the command line's --user-agent, say)."""
    values = {k: v for k, v in values.items() if v is not None}
    if not values:
        return config
    sources = tuple(replace(s, settings=replace(s.settings, **values)) for s in config.sources)
    return replace(config, settings=replace(config.settings, **values), sources=sources)
