"""For tests that step a build from its thread: an article to add, and a wait for what a stub shows."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

import bot.corpus_changes as changes

KOO = b"""---
title: Koo downloads surge
date: 2021-02-11
---
Koo, the Indian microblogging app, said on 11 February 2021 that it had crossed three million users.
"""


def waits_for(check: Callable[[], bool], timeout: float = 20.0) -> None:
    """On the build thread: until ``check`` holds (what a stub server recorded, from its own thread)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def hold_adds(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Every add's build held on its thread (``bot.corpus_changes.add_articles``) until ``release`` is set:
    ``started`` is set once one is held. For what another moderator meets meanwhile."""
    started, release = threading.Event(), threading.Event()
    real = changes.add_articles

    def held(*args: Any, **kw: Any) -> Any:
        started.set()
        release.wait(30)
        return real(*args, **kw)

    monkeypatch.setattr(changes, "add_articles", held)
    return started, release


def stepped(real: Callable[..., Any], steps: Callable[[Callable[[str, int, int], None]], None]) -> Callable[..., Any]:
    """``real`` (a build: ``add_articles``, ``build_index``) that first runs ``steps`` with the progress callback it
    was given, then builds without it (the test's clock does not move: it would show nothing more)."""
    def run(*args: Any, progress: Callable[[str, int, int], None] | None = None, **kw: Any) -> Any:
        assert progress is not None, "the build is given no progress callback"
        steps(progress)
        return real(*args, **kw)

    return run
