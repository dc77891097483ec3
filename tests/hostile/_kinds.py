"""The hostile-input corpus, generated at test time: each kind writes its files into a folder of its own.

`KINDS` maps a kind's name to (maker, expected outcome). A maker gets its folder and returns the
input to give sagwan (a path or a glob). The outcome is "ok" (read and extracted, no failure) or
the words the named failure must contain. Every text is invented here.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import socket
from collections.abc import Callable
from pathlib import Path

GOOD = {
    "good-1.txt": "몽골 정부는 한국과 희토류 공급망 협력을 넓히기로 합의했다고 화요일 밝혔다.\n"
                  "양국 산업부 차관은 울란바토르에서 만나 공동 탐사 사업을 논의했다.\n",
    "good-2.txt": "필리핀과 베트남은 해양 협력 각서에 서명했다.\n양국은 해경 핫라인을 열기로 했다.\n",
    "good-3.txt": "북한은 오늘 동해상으로 탄도미사일을 발사했다고 합동참모본부가 밝혔다.\n"
                  "미국 국무부는 이를 규탄했다.\n",
}
SENTENCE = "라오스 외교부는 메콩강 협력 회의를 열었다고 밝혔다. "
BODY = "태국과 라오스는 국경 철도 연결 협정에 서명했다.\n양국은 내년에 공사를 시작하기로 했다.\n"


def _body(folder: Path) -> str:
    """The ordinary text of a kind, told apart by its folder: the same bytes would be one document."""
    return BODY + f"회의 기록 번호는 {folder.name}이다.\n"

# Budgets the hostile runs use (the defaults are far larger): small enough that the stalling kinds
# fail in a moment, large enough for every good document.
BUDGET_ENV = {"SAGWAN_MAX_CHARS": "100000", "SAGWAN_MAX_PARAGRAPH_SENTENCES": "300",
              "SAGWAN_MAX_PARAGRAPH_QUOTES": "100", "SAGWAN_TIME_BUDGET": "30"}

Maker = Callable[[Path], str]


def _write(folder: Path, name: str, data: bytes | str) -> str:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def _jsonl(line: str) -> Maker:
    return lambda folder: _write(folder, "doc.jsonl", line + "\n")


def _jsonl_of(**fields) -> Maker:
    """A JSON Lines document whose text is the kind's ordinary text, with `fields` beside it."""
    return lambda folder: _write(folder, "doc.jsonl", json.dumps({"text": _body(folder), **fields}) + "\n")


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.txt")
    return str(folder / "pipe.txt")


def _fifo_in_folder(folder: Path) -> str:
    os.mkfifo(folder / "pipe.txt")
    return str(folder)


def _socket_in_folder(folder: Path) -> str:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "s.sock"))
    sock.close()
    return str(folder)


def _link_loop(folder: Path) -> str:
    (folder / "sub").mkdir()
    (folder / "sub" / "doc.txt").write_text(_body(folder), encoding="utf-8")
    (folder / "sub" / "loop").symlink_to("..")
    return str(folder)


def _glob_link_loop(folder: Path) -> str:
    (folder / "sub").mkdir()
    (folder / "sub" / "doc.txt").write_text(_body(folder), encoding="utf-8")
    (folder / "sub" / "loop").symlink_to("..")
    (folder / "sub" / "deeper").symlink_to(folder)
    return str(folder) + "/**"


def _broken_link(folder: Path) -> str:
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    return str(folder)


def _non_utf8_name(folder: Path) -> str:
    name = os.fsdecode(b"\xff\xfe-\xc0\xaf.txt")
    (folder / name).write_text(_body(folder), encoding="utf-8")
    return str(folder / name)


def _broken_utf8(folder: Path) -> str:
    data = bytearray((_body(folder) * 40).encode("utf-8"))
    for i in (7, 300, 900, 1500, 2100, 2700):  # six bad bytes
        data[i] = 0xFF
    return _write(folder, "broken.txt", bytes(data))


def _random_bytes(folder: Path) -> str:
    rng = random.Random(15)
    return _write(folder, "junk.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(600)))


def _empty_dir(folder: Path) -> str:
    (folder / "nothing").mkdir()
    return str(folder / "nothing")


def _many_quotes(n: int) -> str:
    return "그는 " + " ".join('"협상은 계속된다"고 말했고' for _ in range(n)) + " 회의를 마쳤다.\n"


KINDS: dict[str, tuple[Maker, str]] = {
    # --- inputs that used to stall a batch: now over a size budget, at once
    "sentence repeated 2k times in one paragraph": (lambda f: _write(f, "rep.txt", SENTENCE * 2000),
                                                   "sentences in one paragraph"),
    "sentence repeated 16k times on 16k lines": (lambda f: _write(f, "lines.txt", (SENTENCE + "\n") * 16000),
                                                "characters of text (the budget is 400000 before"),
    "2,000 quotation pairs in one sentence": (lambda f: _write(f, "quotes.txt", _many_quotes(2000)),
                                              "quotations in one paragraph"),
    "400k-character document": (lambda f: _write(f, "long.txt", (SENTENCE * 14 + "\n") * 1000), "too long"),
    "5 MB article on one line": (lambda f: _write(f, "one-line.txt", SENTENCE * 70000), "too long"),
    "file over --max-bytes (default 20 MB)": (lambda f: _write(f, "huge.txt", b"a" * (21 * 1024 * 1024)),
                                              "larger than the limit"),
    # --- JSON Lines of every shape
    "JSONL nested 100,000 deep": (_jsonl('{"text": ' + "[" * 100000 + "]" * 100000 + "}"), "nested too deeply"),
    "JSONL 5,000-digit integer": (_jsonl('{"text": "x", "n": ' + "9" * 5000 + "}"), "too many digits"),
    "JSONL text is an array": (_jsonl('{"text": ["북한은"]}'), '"text" is a JSON array'),
    "JSONL text is a number": (_jsonl('{"text": 12}'), '"text" is a JSON number'),
    "JSONL html is an object": (_jsonl('{"html": {"body": 1}}'), '"html" is a JSON object'),
    "JSONL no text or html": (_jsonl('{"title": "제목"}'), 'no "text" or "html"'),
    "JSONL empty text": (_jsonl('{"text": "   "}'), 'no "text" or "html"'),
    "JSONL line is an array": (_jsonl("[1, 2, 3]"), "a JSON array, not an object"),
    "JSONL line is a string": (_jsonl('"북한은 발표했다"'), "a JSON string, not an object"),
    "JSONL truncated object": (_jsonl('{"text": "북한은'), "not valid JSON"),
    "JSONL NaN": (_jsonl('{"text": "x", "score": NaN}'), "NaN is not a JSON number"),
    "JSONL 1e999 in metadata": (lambda f: _write(f, "doc.jsonl", json.dumps({"text": _body(f)})[:-1]
                                                 + ', "weight": 1e999}\n'), "ok"),
    "JSONL lone surrogate in text": (lambda f: _write(f, "doc.jsonl", json.dumps({"text": _body(f) + "\ud800"})
                                                      + "\n"), "ok"),
    "JSONL title and date of wrong types": (_jsonl_of(title=5, published={"y": 1}), "ok"),
    "JSONL published not a date": (_jsonl_of(published="어제쯤"), "ok"),
    "JSONL with a BOM and CRLF": (lambda f: _write(f, "bom.jsonl", codecs.BOM_UTF8
                                                   + (json.dumps({"text": _body(f)}) + "\r\n").encode()), "ok"),
    # --- file names, file kinds, links
    "non-UTF-8 file name": (_non_utf8_name, "ok"),
    "FIFO given directly": (_fifo, "a FIFO (named pipe)"),
    "FIFO in a folder": (_fifo_in_folder, "a FIFO (named pipe)"),
    "socket in a folder": (_socket_in_folder, "a socket"),
    "device given directly": (lambda f: "/dev/zero", "a device"),
    "symlink loop in a folder": (_link_loop, "ok"),
    "glob ** over a symlink loop": (_glob_link_loop, "ok"),
    "broken symlink": (_broken_link, "broken symbolic link"),
    "missing file": (lambda f: str(f / "absent.txt"), "no such file"),
    "folder with no files": (_empty_dir, "directory has no files"),
    "glob matching nothing": (lambda f: str(f / "*.nothing"), "no file matches"),
    # --- encodings and binary
    "UTF-16 LE without BOM": (lambda f: _write(f, "u16le.txt", _body(f).encode("utf-16-le")), "ok"),
    "UTF-16 BE without BOM": (lambda f: _write(f, "u16be.txt", _body(f).encode("utf-16-be")), "ok"),
    "UTF-16 with BOM": (lambda f: _write(f, "u16.txt", _body(f).encode("utf-16")), "ok"),
    "UTF-8 with 6 bad bytes": (_broken_utf8, "ok"),
    "CP949": (lambda f: _write(f, "cp949.txt", _body(f).encode("cp949")), "ok"),
    "NFD jamo": (lambda f: _write(f, "nfd.txt", __import__("unicodedata").normalize("NFD", _body(f))), "ok"),
    "random high bytes": (_random_bytes, "undecodable: not UTF-8 (first bad byte"),
    "PNG (NUL bytes)": (lambda f: _write(f, "x.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
                        "binary"),
    "control characters": (lambda f: _write(f, "ctl.dat", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 60), "binary"),
    "UTF-16 BOM, odd bytes": (lambda f: _write(f, "bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8a"), "byte-order mark"),
    "empty file": (lambda f: _write(f, "empty.txt", b""), "empty"),
    "whitespace only": (lambda f: _write(f, "blank.txt", " \n\t\n"), "empty"),
    "BOM only": (lambda f: _write(f, "bom.txt", codecs.BOM_UTF8), "empty"),
    # --- pages
    "HTML with no article text": (lambda f: _write(f, "menu.html", "<!doctype html><html><body><nav>홈</nav>"
                                                                    "</body></html>"), "no article text"),
    "malformed HTML": (lambda f: _write(f, "broken.html", "<html><body><p>" + _body(f) + "<div><<<>>" * 50), "ok"),
    "only furniture": (lambda f: _write(f, "chrome.txt", "닫기\n공유하기\n무단 전재 및 재배포 금지\n"),
                       "no article text left"),
    "one-line article ending in a copyright phrase": (
        lambda f: _write(f, "single.txt", _body(f).replace("\n", " ") + "무단 전재 및 재배포 금지"), "ok"),
}
