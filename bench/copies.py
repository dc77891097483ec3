"""Copies of a corpus must not multiply the chronicle (issue 14): ingest the demo's text files once,
then three copies of each with one line appended, and compare the event counts.

    .venv/bin/python bench/copies.py [--corpus examples/demo] [--work /tmp/sagwan-copies]

Prints the two counts, the ratio, the PRK-RUS events and the distinct copy groups; exits 1 when the
three-copy chronicle is more than 2% larger than the one-copy chronicle.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from sagwan.store import open_store


def _chronicle(folder: Path, db: Path) -> tuple[int, int]:
    with open_store(str(db)) as s:
        s.ingest([str(folder)])
        return s.summary()["events"], len(s.events(dyad=("PRK", "RUS"), mentions=False))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("examples/demo"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/sagwan-copies"))
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    one, three = args.work / "one", args.work / "three"
    one.mkdir(parents=True)
    three.mkdir()
    for path in sorted(args.corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        (one / path.name).write_text(text, encoding="utf-8")
        for i in (1, 2, 3):
            (three / f"{path.stem}-copy{i}.txt").write_text(f"{text}\n이 기사는 사본 {i}입니다.\n", encoding="utf-8")
    n_one, pairs_one = _chronicle(one, args.work / "one.db")
    n_three, pairs_three = _chronicle(three, args.work / "three.db")
    ratio = n_three / n_one if n_one else float("nan")
    print(f"one copy: {n_one} events (PRK-RUS {pairs_one}); three copies: {n_three} events "
          f"(PRK-RUS {pairs_three}); ratio {ratio:.3f}")
    return 0 if n_one and ratio <= 1.02 else 1


if __name__ == "__main__":
    sys.exit(main())
