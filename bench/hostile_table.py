"""The hostile-input corpus as a table: kind -> outcome and time, for the closing note of issue 15.

    .venv/bin/python bench/hostile_table.py > hostile.md

Runs each kind of tests/hostile/_kinds.py through `sagwan.extract_paths` with the corpus's budgets
(in this process, Kiwi loaded first) and prints a Markdown table: what came out (records, or the
named failure) and how long it took.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))
from _kinds import BUDGET_ENV, GOOD, KINDS  # noqa: E402


def main() -> None:
    os.environ.update(BUDGET_ENV)
    from sagwan.extract.pipeline import extract_document, extract_paths
    from sagwan.ingest import read_text
    from sagwan.model import Failure

    extract_document(read_text(GOOD["good-1.txt"]))
    print("| # | kind | outcome | s |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for i, (kind, (make, _expected)) in enumerate(KINDS.items(), 1):
            folder = Path(tmp) / f"k{i:02d}"
            folder.mkdir()
            arg = make(folder)
            started = time.monotonic()
            results = list(extract_paths([arg]))
            took = time.monotonic() - started
            records = sum(1 for r in results if not isinstance(r, Failure))
            failures = [r.reason for r in results if isinstance(r, Failure)]
            outcome = "; ".join([f"{records} record(s)"] * bool(records) + [f"failure: {f}" for f in failures])
            print(f"| {i} | {kind} | {outcome.replace('|', '/')[:220]} | {took:.2f} |")


if __name__ == "__main__":
    main()
