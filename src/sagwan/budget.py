"""A budget per document: how long and how big one document may be before it is a named failure.

One pathological document (a sentence repeated 16,000 times, a 5 MB article on one line) must not
stall a batch: over its budget it fails with a reason ("too long: 16000 sentences in one paragraph",
"took longer than 120 s") and the batch goes on.

The size budget is checked on the clean text before any analysis. The time budget is kept by a
watchdog thread, not a signal: signals reach only a process's main thread, and a Dask worker runs
its tasks in other threads. When the time is up the watchdog raises `OverTime` in the thread doing
the work (CPython's `PyThreadState_SetAsyncExc`); it takes effect at the next Python instruction,
so a call into C (one Kiwi call) finishes first — which is why long paragraphs reach Kiwi in pieces.

Defaults are generous (a real article is far below them). Set them per process with
SAGWAN_TIME_BUDGET (seconds, 0 = none), SAGWAN_MAX_CHARS and SAGWAN_MAX_PARAGRAPH_SENTENCES, which
local Dask workers inherit; the CLI's --time-budget sets the first.
"""

from __future__ import annotations

import ctypes
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sagwan.errors import ConfigError, ExtractionError

DEFAULT_SECONDS = 120.0
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_MAX_PARAGRAPH_SENTENCES = 1_000
DEFAULT_MAX_PARAGRAPH_QUOTES = 500
ENV = {"seconds": "SAGWAN_TIME_BUDGET", "max_chars": "SAGWAN_MAX_CHARS",
       "max_paragraph_sentences": "SAGWAN_MAX_PARAGRAPH_SENTENCES",
       "max_paragraph_quotes": "SAGWAN_MAX_PARAGRAPH_QUOTES"}

# a sentence ends with a full stop (or ?!…) and a space, quote or end of paragraph
_SENTENCE_END = re.compile(r"[.!?。…](?=[\s\"”’'」』)\]]|$)")
_QUOTE_MARK = re.compile(r"[\"“”「」『』]")


class OverTime(BaseException):  # noqa: N818 - not an Exception: the extractors' `except Exception` must not eat it
    """Raised by the watchdog inside the thread whose document ran out of time."""


class OverBudget(ExtractionError):
    """A document over its size or time budget; the message is the reason a batch records."""


@dataclass(frozen=True)
class Budget:
    seconds: float | None = DEFAULT_SECONDS          # None: no time limit
    max_chars: int = DEFAULT_MAX_CHARS
    max_paragraph_sentences: int = DEFAULT_MAX_PARAGRAPH_SENTENCES
    max_paragraph_quotes: int = DEFAULT_MAX_PARAGRAPH_QUOTES      # quotation pairs: each is matched to a cue

    @classmethod
    def from_env(cls) -> Budget:
        """The defaults, changed by the SAGWAN_* variables that are set."""
        values: dict[str, float | int | None] = {}
        for field, var in ENV.items():
            raw = os.environ.get(var)
            if raw is None or not raw.strip():
                continue
            try:
                number = float(raw) if field == "seconds" else int(raw)
            except ValueError:
                raise ConfigError(f"{var}={raw!r}: give a number") from None
            if number < 0:
                raise ConfigError(f"{var}={raw!r}: give 0 or more")
            values[field] = (number or None) if field == "seconds" else number
        return cls(**values)


def check_size(text: str, budget: Budget) -> None:
    """OverBudget when the clean text is longer than the budget allows."""
    if len(text) > budget.max_chars:
        raise OverBudget(f"too long: {len(text)} characters (the budget is {budget.max_chars}; "
                         f"raise it with {ENV['max_chars']})")
    for paragraph in text.split("\n"):
        if len(paragraph) // 2 < min(budget.max_paragraph_sentences, 2 * budget.max_paragraph_quotes):
            continue  # too short to hold that many sentences or quotes: not worth counting
        n = len(_SENTENCE_END.findall(paragraph))
        if n > budget.max_paragraph_sentences:
            raise OverBudget(f"too long: {n} sentences in one paragraph (the budget is "
                             f"{budget.max_paragraph_sentences}; raise it with {ENV['max_paragraph_sentences']})")
        n = len(_QUOTE_MARK.findall(paragraph)) // 2
        if n > budget.max_paragraph_quotes:
            raise OverBudget(f"too long: {n} quotations in one paragraph (the budget is "
                             f"{budget.max_paragraph_quotes}; raise it with {ENV['max_paragraph_quotes']})")


# Raw input may be this many times longer than the clean text's budget (markup, page chrome) before it is
# refused unread: cleaning 50 MB would take longer than any budget allows.
RAW_FACTOR = {"html": 20, "text": 4}


def check_raw_size(body: str, fmt: str, budget: Budget) -> None:
    """OverBudget when the input is too long to be worth cleaning."""
    limit = RAW_FACTOR.get(fmt, 4) * budget.max_chars
    if len(body) > limit:
        raise OverBudget(f"too long: {len(body)} characters of {fmt} (the budget is {limit} before cleaning, "
                         f"{budget.max_chars} after; raise it with {ENV['max_chars']})")


@dataclass
class Clock:
    """The time a `time_limit` block took, and what is left of its budget for the next block."""

    seconds: float | None
    started: float

    def left(self) -> float | None:
        """The rest of the budget (at least a millisecond), or None for no limit."""
        if not self.seconds:
            return None
        return max(self.seconds - (time.monotonic() - self.started), 0.001)


@contextmanager
def time_limit(seconds: float | None, total: float | None = None) -> Iterator[Clock]:
    """Run the block in at most `seconds`; OverBudget ("took longer than N s") when it runs longer.

    Works in any thread (a Dask worker's task thread too): a watchdog thread interrupts this one.
    Yields a Clock whose `left()` gives a later block the rest of the same budget; `total` is that
    whole budget, which the message names."""
    clock = Clock(seconds, time.monotonic())
    if not seconds:
        yield clock
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(OverTime))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        try:
            yield clock
        finally:
            with lock:
                state["done"] = True
                timer.cancel()
                if state["fired"]:  # fired as the block ended: withdraw an interruption not yet delivered
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
    except OverTime:
        raise over_time(total or seconds) from None


def over_time(seconds: float | None) -> OverBudget:
    """The failure of a document that ran out of time."""
    return OverBudget(f"took longer than {seconds or 0:g} s (the time budget per document; raise it with "
                      f"--time-budget or {ENV['seconds']})")

