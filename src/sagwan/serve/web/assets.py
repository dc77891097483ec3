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
# Noto Sans KR 400 from @fontsource/noto-sans-kr, cut down to Hangul, Latin and punctuation
# (static/vendor/VENDOR.md): Hangul renders on a machine with no CJK font installed.
HANGUL_FONT = "vendor/noto-sans-kr-5.3.0-hangul-400.woff2"
FONT_FAMILY = "Sagwan Hangul"
# Only Hangul and CJK punctuation come from it; Latin stays in the system's UI font.
_FONT_RANGE = "U+1100-11FF, U+3000-303F, U+3131-318E, U+AC00-D7A3, U+FF01-FF5E"


@cache
def environment() -> Environment:
    # autoescape everywhere: article text and titles are untrusted input
    return Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def read_static(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def font_face(url: str) -> str:
    """The @font-face rule of the vendored Hangul font, served from `url` (a path or a data: URL)."""
    return (f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: normal; font-weight: 100 900; '
            f'font-display: swap; src: url("{url}") format("woff2"); unicode-range: {_FONT_RANGE}; }}')


def inline_font_face() -> str:
    """The rule with the font inlined (base64), for the self-contained report."""
    import base64

    data = base64.b64encode((STATIC_DIR / HANGUL_FONT).read_bytes()).decode("ascii")
    return font_face(f"data:font/woff2;base64,{data}")
