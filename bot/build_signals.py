"""SIGTERM while a command builds the index before serving (``run`` at start-up, ``ask``/``sources``/``timeline``/
``eval`` building a missing one), ended as Ctrl-C ends it, so that it is said: the process died without a word,
leaving the operator to wonder what the build left. It still ends by the signal, so a service manager's stop
stays a clean stop."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")


class Terminated(KeyboardInterrupt):
    """SIGTERM taken as Ctrl-C (``stop_signals``), so everything that puts a stopped change back does so for both;
    only the exit status tells them apart: 143 (128 + 15), where a SIGTERM'd ``index add`` exited 130, Ctrl-C's."""


@contextlib.contextmanager
def stop_signals() -> Iterator[list[str]]:
    """SIGTERM raises ``Terminated`` (a ``KeyboardInterrupt``) inside; the list says it was SIGTERM (empty: Ctrl-C)."""
    stopped_by: list[str] = []
    if threading.current_thread() is not threading.main_thread():  # only the main thread may take signals
        yield stopped_by
        return

    def interrupted(signum: int, frame: object) -> None:
        stopped_by.append("SIGTERM")
        raise Terminated

    previous = signal.signal(signal.SIGTERM, interrupted)
    try:
        yield stopped_by
    finally:
        signal.signal(signal.SIGTERM, previous)


def say_stopped(stopped_by: list[str], again: str) -> int:
    """Say the build was stopped and nothing of it published (``again``: who builds it next), then end by the
    signal when it was one (its default action); 130 otherwise, as for Ctrl-C."""
    print(f"dispute-bot: stopped ({stopped_by[-1] if stopped_by else 'Ctrl-C'}) while building the index; "
          f"nothing of that build was published, and {again} builds it again.", file=sys.stderr)
    if stopped_by:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
    return 130


def said_if_stopped(build: Callable[[], T], again: str) -> T:
    """``build()`` (the index made before a command serves) with SIGTERM taken as Ctrl-C; stopped by either, it
    is said (``say_stopped``) and ``KeyboardInterrupt`` raised for the caller's exit code. ``run`` and the
    one-shot commands each wrapped their build in this by hand."""
    with stop_signals() as stopped_by:
        try:
            return build()
        except KeyboardInterrupt:
            say_stopped(stopped_by, again)
            raise
