"""A progress display for batch runs: documents done of total, rate and ETA (rich; the CLI shows it on a
terminal only, library code only calls the callback)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sagwan.parallel.batch import Progress


@contextmanager
def progress_bar(enabled: bool, label: str = "ingesting") -> Iterator[Progress | None]:
    """Yields a `progress(done, total)` callback drawing a rich bar, or None when not enabled."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(label, total=None, rate="")

        def update(done: int, total: int) -> None:
            speed = bar.tasks[task].speed
            bar.update(task, completed=done, total=total, rate=f"{speed:.1f} docs/s" if speed else "")

        yield update
