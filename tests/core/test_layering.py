"""The seam between the coder core and the language bundles, checked on the source itself.

- the core (src/sagwan/extract/core) holds no Hangul and no tag of Kiwi's tag set;
- the core imports no language package, and no language package imports another one.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "sagwan"
CORE = SRC / "extract" / "core"
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
# Kiwi's (Sejong-based) tag set: a core that names one of these reads Korean analyses directly
KIWI_TAGS = (
    "NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "VX", "VCP", "VCN", "MM", "MAG", "MAJ", "IC", "JKS", "JKC",
    "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "EP", "EF", "EC", "ETN", "ETM", "XPN", "XSN", "XSV",
    "XSA", "XSM", "XR", "SF", "SP", "SS", "SSO", "SSC", "SE", "SO", "SW", "SL", "SH", "SN", "SB", "UN",
    "W_URL", "W_EMAIL", "W_HASHTAG", "W_MENTION", "W_SERIAL",
)
KIWI_TAG = re.compile(r"(?<![A-Za-z0-9_-])(?:" + "|".join(KIWI_TAGS) + r")(?![A-Za-z0-9_-])")  # not YYYY-MM-DD
# stages whose sub-packages are one per language (sagwan.analyse.ko, sagwan.extract.en ...)
LANGUAGE_STAGES = ("analyse", "extract")


def leaks(text: str) -> list[str]:
    """Hangul characters and Kiwi tags found in a source text."""
    return HANGUL.findall(text) + KIWI_TAG.findall(text)


def language_packages() -> dict[str, str]:
    """Dotted package -> its language code, for every per-language package of the stages."""
    out = {}
    for stage in LANGUAGE_STAGES:
        for d in (SRC / stage).iterdir():
            if d.is_dir() and re.fullmatch(r"[a-z]{2,3}", d.name) and (d / "__init__.py").exists():
                out[f"sagwan.{stage}.{d.name}"] = d.name
    return out


def imports_of(path: Path) -> list[str]:
    """Every module a source file imports, at any depth (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names]
    return found


def _language_of(module: str, packages: dict[str, str]) -> str | None:
    return next((lang for pkg, lang in packages.items() if module == pkg or module.startswith(pkg + ".")), None)


def test_the_checks_find_what_they_look_for():
    assert leaks('if t.tag == "JKO" and t.form == "을":') == ["을", "JKO"]
    assert leaks('marker = Marker.SUBJ  # the SUBJ of a clause') == []
    assert "sagwan.extract.ko" in language_packages() and "sagwan.analyse.ko" in language_packages()
    assert "sagwan.extract.core" not in language_packages()


def test_the_core_holds_no_hangul_and_no_kiwi_tag():
    files = sorted(CORE.rglob("*"))
    assert any(f.suffix == ".py" for f in files)
    found = {f.relative_to(SRC).as_posix(): leaks(f.read_text(encoding="utf-8")) for f in files
             if f.is_file() and f.suffix in (".py", ".md", ".tsv", ".txt", ".json")}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_core_imports_no_language_package():
    packages = language_packages()
    bad = {f.name: m for f in CORE.rglob("*.py") for m in imports_of(f) if _language_of(m, packages)}
    assert bad == {}


def test_no_language_package_imports_another_one():
    packages = language_packages()
    bad = []
    for pkg, lang in packages.items():
        folder = SRC.joinpath(*pkg.split(".")[1:])
        for f in folder.rglob("*.py"):
            for m in imports_of(f):
                other = _language_of(m, packages)
                if other is not None and other != lang:
                    bad.append(f"{f.relative_to(SRC)} imports {m}")
    assert bad == []


def _module_of(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_imports(path: Path, modules: set[str]) -> set[str]:
    """Modules of `modules` a file imports, at any depth (a lazy import inside a function counts too);
    `from package import module` counts as importing the module, not the package."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                found.add(f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module)
    return found & modules


def test_no_two_modules_import_each_other():
    files = {_module_of(f): f for f in SRC.rglob("*.py") if "migrations" not in f.parts}
    graph = {m: module_imports(f, set(files)) - {m} for m, f in files.items()}
    mutual = sorted(f"{a} <-> {b}" for a, deps in graph.items() for b in deps if a < b and a in graph.get(b, ()))
    assert mutual == []
