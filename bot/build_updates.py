"""A moderator's long change, told as it goes: the build's progress callback (the stages the CLI draws as bars)
handed to a chat adapter, which shows it in the reply it keeps for the change.

A 1 MB article embeds for 10-17 minutes on shared cores, and chat showed only "thinking…" (Discord) or nothing
at all (a Slack DM) meanwhile, so moderators took it for hung. The callback runs on the build thread; the relay
takes the latest stage to the event loop at most once per ``EVERY_S`` seconds (each update is one edit of a
message: Discord and Slack both rate-limit edits) and never runs two of the adapter's edits at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

EVERY_S = 12.0  # at most one update this often: well inside Discord's and Slack's limits on edits
CLOSE_WITHIN_S = 10.0  # how long the end of a change waits for an edit still on its way
# What each stage of a build is doing, as the moderator reads it.
_STAGES = {"fetching": "fetching {total} web page{s}", "analysing": "reading {done} of {total} article{s}",
           "embedding": "embedding new texts, {done:,} of {total:,} ({percent}%)", "writing": "writing the new index"}
_DOING = {"add": "Adding", "remove": "Removing", "reindex": "Rebuilding the index"}


def what_is_added(names: Sequence[str]) -> str:
    """The files by name and the web pages counted (an address in a message is made a link, and previewed)."""
    files = [n for n in names if "://" not in n]
    pages = len(names) - len(files)
    parts = files[:3] + ([f"{len(files) - 3} more files"] if len(files) > 3 else [])
    if pages:
        parts.append(f"{pages} web page" + ("s" if pages > 1 else ""))
    return " and ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else "".join(parts)


def elapsed(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds} s" if seconds < 60 else f"{seconds // 60} min {seconds % 60} s"


@dataclass(frozen=True)
class BuildUpdate:
    """Where a change has got to. ``what``: add, remove or reindex; ``names``: what it names (an add's files and
    addresses); ``stage``, ``done``, ``total``: as the build reports them; ``seconds``: since the change began."""

    what: str
    names: tuple[str, ...]
    stage: str
    done: int
    total: int
    seconds: float

    @property
    def doing(self) -> str:
        """"Adding koo.md and 2 web pages": the change, without its progress."""
        verb = _DOING.get(self.what, "Changing the index")
        named = what_is_added(self.names) if self.what == "add" else ", ".join(self.names)
        return f"{verb} {named}" if named and self.what != "reindex" else verb

    def text(self) -> str:
        """Plain text; each adapter escapes it as it does any text naming what a user gave."""
        percent = 100 * self.done // max(self.total, 1)
        stage = _STAGES.get(self.stage, "{stage}: {done} of {total}").format(
            stage=self.stage, done=self.done, total=self.total, percent=percent, s="" if self.total == 1 else "s")
        return f"{self.doing}: {stage}, {elapsed(self.seconds)} so far. I'll say here when it's done."


ProgressSink = Callable[[BuildUpdate], Awaitable[None]]


class ProgressRelay:
    """The build's ``ProgressCallback`` (``index.vector_cache``), callable from any thread, handing ``sink`` (an
    adapter's edit) the stage reached: the first at once, then at most one per ``every`` seconds by ``clock``.
    An update that comes while the sink is still busy replaces any waiting one: only the latest matters."""

    def __init__(self, sink: ProgressSink, what: str, names: Sequence[str], every: float = EVERY_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._sink = sink
        self._what, self._names = what, tuple(names)
        self._every, self._clock = every, clock
        self._loop = asyncio.get_running_loop()
        self._started = clock()
        self._last: float | None = None
        self._lock = threading.Lock()
        self._closed = False
        self._sending: asyncio.Task[None] | None = None
        self._waiting: BuildUpdate | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self._clock()
        with self._lock:
            if self._closed or (self._last is not None and now - self._last < self._every):
                return
            self._last = now
        update = BuildUpdate(self._what, self._names, stage, done, total, now - self._started)
        with contextlib.suppress(RuntimeError):  # the loop closed under a build left running at shutdown
            self._loop.call_soon_threadsafe(self._hand_over, update)

    def _hand_over(self, update: BuildUpdate) -> None:
        if self._closed:
            return
        if self._sending is not None and not self._sending.done():
            self._waiting = update
            return
        self._sending = self._loop.create_task(self._send(update))

    async def _send(self, update: BuildUpdate | None) -> None:
        while update is not None and not self._closed:
            try:
                await self._sink(update)
            except Exception:  # the change goes on, and its result is what matters: one warning, no more updates
                log.warning("could not show the progress of a %s", self._what, exc_info=True)
                with self._lock:
                    self._closed = True
                return
            update, self._waiting = self._waiting, None

    async def close(self) -> None:
        """No more updates; returns once an edit on its way is done, so that the result is shown after it (an
        edit landing after the result's would cover it), or after ``CLOSE_WITHIN_S``, when it is cancelled."""
        with self._lock:
            self._closed = True
        self._waiting = None
        if self._sending is not None and not self._sending.done():
            try:
                await asyncio.wait_for(self._sending, CLOSE_WITHIN_S)
            except TimeoutError:
                log.warning("a progress update of a %s took over %.0f s; dropped", self._what, CLOSE_WITHIN_S)
