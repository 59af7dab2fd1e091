"""Progress of index builds: a rich progress bar when stderr is a terminal, else log lines (``bot.progress_log``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from bot.progress_log import LoggedProgress
from index.builder import ProgressCallback


@contextmanager
def build_progress() -> Iterator[ProgressCallback]:
    console = Console(stderr=True)
    # TERM=dumb: rich draws no live bar there, and a transient one leaves nothing, so a first build said nothing
    # between "building it" and its report; the log lines say how far it is.
    if not sys.stderr.isatty() or console.is_dumb_terminal:
        yield LoggedProgress()
        return
    with Progress(
        TextColumn("[bold]{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=console, transient=True,
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=max(total, 1))
            progress.update(tasks[stage], completed=done, total=max(total, 1))

        yield update
