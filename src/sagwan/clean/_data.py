"""Read the rule files in resources/clean/ (regular expressions kept as data, with their sources)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def _folder():
    return resources.files("sagwan") / "resources" / "clean"


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated rule file, without blank lines and `#` comments."""
    text = (_folder() / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_json(name: str) -> dict[str, Any]:
    return json.loads((_folder() / name).read_text(encoding="utf-8"))
