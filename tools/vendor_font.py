"""Make the vendored Hangul web font (src/sagwan/serve/web/static/vendor/noto-sans-kr-*-hangul-400.woff2).

Input: the unpacked npm package @fontsource/noto-sans-kr (`npm pack @fontsource/noto-sans-kr@5.3.0`,
then `tar xzf`), whose weight-400 font comes cut into unicode-range chunks. The chunks that hold
Hangul, Latin or punctuation are merged back into one font and cut down to: every Hangul syllable
(U+AC00-D7A3), compatibility jamo, Latin-1, general and CJK punctuation, full-width forms.
Needs fonttools and brotli (not runtime dependencies):  pip install fonttools==4.68.0 brotli==1.2.1

    python tools/vendor_font.py PACKAGE_DIR OUT.woff2
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

WANTED = (set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2010, 0x2070))
          | set(range(0x3000, 0x3040)) | set(range(0x3131, 0x318F)) | set(range(0xFF01, 0xFF5F))
          | set(range(0xAC00, 0xD7A4)))


def _ranges(text: str) -> set[int]:
    out: set[int] = set()
    for part in text.split(","):
        part = part.strip().removeprefix("U+")
        lo, _, hi = part.partition("-")
        out |= set(range(int(lo, 16), int(hi or lo, 16) + 1))
    return out


def main(package: Path, out: Path) -> None:
    from fontTools import subset
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    css = (package / "400.css").read_text(encoding="utf-8")
    chunks = []
    for block in re.findall(r"@font-face\s*{(.*?)}", css, re.S):
        name = re.search(r"url\(\./files/([^)]+\.woff2)\)", block).group(1)
        if _ranges(re.search(r"unicode-range:\s*([^;]+);", block).group(1)) & WANTED:
            chunks.append(package / "files" / name)
    with tempfile.TemporaryDirectory() as tmp:
        plain = []
        for chunk in chunks:   # the merger reads plain TrueType
            font = TTFont(chunk)
            font.flavor = None
            plain.append(str(Path(tmp) / (chunk.stem + ".ttf")))
            font.save(plain[-1])
        merged = Merger().merge(plain)
    options = subset.Options()
    options.flavor, options.layout_features, options.name_IDs, options.notdef_outline = "woff2", ["*"], ["*"], True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(WANTED))
    sub.subset(merged)
    merged.flavor = "woff2"
    merged.save(out)
    print(f"{len(chunks)} chunks -> {out} ({out.stat().st_size} bytes, {len(merged.getBestCmap())} characters)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
