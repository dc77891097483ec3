"""Templates and static files shipped in the package (vendored libraries listed in static/vendor/VENDOR.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATE_DIR = WEB_DIR / "templates"
ECHARTS = "vendor/echarts-5.6.0.min.js"
SWAGGER_UI = "vendor/swagger-ui-5.35.0"   # a folder: swagger-ui-bundle.js and swagger-ui.css


@cache
def environment() -> Environment:
    # autoescape everywhere: article text and titles are untrusted input
    return Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def read_static(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")
