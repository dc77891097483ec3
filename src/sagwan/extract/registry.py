"""The language bundles the pipeline can code with, looked up by the document's language.

Built-in bundles are named here by module, imported on first use (so `sagwan extract` on Korean
never imports another language's analyser). A bundle module exposes `BUNDLE`, a
`sagwan.extract.core.LanguageBundle`. Add a language by adding one line to BUILTIN; a bundle that
lives outside the package is added at run time with `register`.
"""

from __future__ import annotations

import importlib
import logging

from sagwan import gazetteer
from sagwan._version import UNCODED
from sagwan.errors import ConfigError
from sagwan.extract.core.protocol import LanguageBundle

log = logging.getLogger(__name__)

# language code -> module holding its BUNDLE
BUILTIN: dict[str, str] = {
    "ko": "sagwan.extract.ko.bundle",
    "en": "sagwan.extract.en.bundle",
}
_loaded: dict[str, LanguageBundle] = {}


def register(bundle: LanguageBundle) -> None:
    """Code documents in `bundle.language` with this bundle from now on (replaces a built-in one)."""
    if not isinstance(bundle, LanguageBundle):
        raise ConfigError(f"not a language bundle: {bundle!r}; give a sagwan.extract.core.LanguageBundle")
    _loaded[bundle.language] = bundle


def unregister(language: str) -> None:
    """Forget a bundle added with `register` (the built-in one, if any, is found again on next use)."""
    _loaded.pop(language, None)


def languages() -> list[str]:
    """The languages documents can be coded in."""
    return sorted(set(BUILTIN) | set(_loaded))


def bundles() -> list[LanguageBundle]:
    """Every bundle, loaded (imports each language's modules, not its analyser)."""
    return [b for b in (bundle_for(lang) for lang in languages()) if b is not None]


def bundle_for(language: str | None) -> LanguageBundle | None:
    """The bundle that codes `language`, or None when there is none."""
    if language is None:
        return None
    if language in _loaded:
        return _loaded[language]
    module = BUILTIN.get(language)
    if module is None:
        return None
    bundle = importlib.import_module(module).BUNDLE
    _loaded[language] = bundle
    return bundle


def coder_for(language: str | None) -> str:
    """The coder string a document in `language` gets today (UNCODED when no bundle codes it), with
    the digest of the user actor dictionaries in use ("sagwan-ko/1.1.1.1.1+gaz.0123456789"): a stored
    document made by another coder is out of date and is coded again on the next ingest."""
    bundle = bundle_for(language)
    if bundle is None:
        return UNCODED
    sig = gazetteer.signature()
    return f"{bundle.coder}+gaz.{sig}" if sig else bundle.coder


def not_coded_reason(language: str | None) -> str:
    """Why a document in `language` is not coded, in words a user can act on."""
    have = ", ".join(languages())
    if language is None:
        return f"its language could not be told (no letters?); sagwan codes: {have}"
    return f"no language bundle for {language!r}; sagwan codes: {have}"
