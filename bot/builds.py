"""Index builds started from chat: one at a time in this process (a second request is told at once, with the
change running: ``bot.running_change``), under the file lock and, with replicas, the shared lock; counted, timed
and audited. Builds run on their own thread, which also takes other work that must never hold up questions
(extracting a fetched page)."""

from __future__ import annotations

import asyncio
import errno
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from typing import TypeVar

from bot import metrics
from bot.actors import Actor
from bot.audit_log import audit
from bot.build_lock import LockUnavailable
from bot.results import IndexChange, Notice, NoticeKind
from bot.running_change import RunningChange, busy_text
from bot.unwritable import Folders, cannot_write, unwritten_setting
from index import store
from index.lock_check import LockCheck

log = logging.getLogger(__name__)
T = TypeVar("T")

APOLOGY = "Sorry, something went wrong while handling that. The error has been logged."
# A folder the bot can't write (read-only, full, not its own): the operator's to fix, named in the log only.
UNWRITABLE = ("The bot can't write to its {} folder, so nothing was changed; whoever runs the bot can see why in "
              "its log. The previous index is still being used.")
_DISK_ERRORS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT})
UNREACHABLE = ("The database the bot's replicas share can't be reached, so nothing was changed; try again in a "
               "moment. The previous index is still being used.")
LOCK_LOST = ("The build lost the replicas' build lock before it finished (its database connection ended), so "
             "nothing of it was published and the previous index is still being used; try again in a moment.")
# A build: given the check its lock hands it (``index.lock_check``), asked before it publishes; None: no such lock.
Build = Callable[[LockCheck | None], IndexChange | Notice]


class BuildRunner:
    def __init__(self, lock: Callable[[], AbstractContextManager[LockCheck | None]], folders: Folders,
                 loaded: Callable[[], None] = lambda: None) -> None:
        """``lock``: held around every build (a PostgreSQL advisory lock when replicas share a store);
        ``folders``: the corpus and index folders, named in the log when one can't be written; ``loaded``: makes
        this process serve what a build published (``Engine.reload``), called once the lock is released and
        before the change is reported done: its next question here sees the change, while questions meanwhile
        are answered from the index it replaces."""
        self._lock = lock
        self._folders = folders
        self._loaded = loaded
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="build")
        self._guard = threading.Lock()
        self._building = threading.Event()  # set while a build thread works, even if its caller was cancelled
        self._current: RunningChange | None = None  # the change let in, from its claim (before any fetch) to its end
        self.now: Callable[[], float] = time.time  # when a change was let in, as refusals say; tests set theirs

    @property
    def running(self) -> bool:
        return self._building.is_set()

    @property
    def current(self) -> RunningChange | None:
        """The change under way in this process, if any: named by the busy refusal and /status."""
        return self._current

    def close(self, wait: bool) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=not wait)

    async def in_thread(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn)

    async def run(self, what: str, actor: Actor, fn: Build,
                  prepare: Callable[[], Awaitable[Notice | None]] | None = None) -> IndexChange | Notice:
        """``fn`` on the build thread. ``prepare``: work the change needs first, on the event loop (an add's web
        pages fetched), done once the change is let in and refused with it: a URL add fetched its pages, then
        waited unseen for a running build, where a file add was refused at once."""
        # The in-process guard answers a second request at once; the locks below cover other processes.
        if not self._guard.acquire(blocking=False):
            metrics.BUILDS.labels(what, "busy").inc()
            return Notice(NoticeKind.BUSY, busy_text(self._current, self.now()))
        self._current = RunningChange(what, actor, self.now())
        try:
            refused = await prepare() if prepare is not None else None
            return refused if refused is not None else await self._build(what, actor, fn)
        finally:
            self._current = None
            self._guard.release()

    async def _build(self, what: str, actor: Actor, fn: Build) -> IndexChange | Notice:
        started = time.perf_counter()

        def tracked() -> IndexChange | Notice:
            self._building.set()
            try:
                with self._lock() as still_held:
                    done = fn(still_held)
                self._loaded()
                return done
            finally:
                self._building.clear()

        try:
            result = await self.in_thread(tracked)
        except store.BuildInProgress:  # the file lock (another process) or the shared lock (another machine)
            metrics.BUILDS.labels(what, "busy").inc()
            return Notice(NoticeKind.BUSY, busy_text(None))
        except LockUnavailable as exc:  # replicas share a database that can't be reached: none may build
            metrics.BUILDS.labels(what, "failed").inc()
            log.error("%s by %s not started: the database holding the build lock can't be reached (%s)", what,
                      actor.describe(), exc)
            return Notice(NoticeKind.FAILED, UNREACHABLE)
        except store.LockLost as exc:  # the replicas' lock ended with its session mid-build: nothing published
            metrics.BUILDS.labels(what, "failed").inc()
            log.error("%s by %s not published: %s", what, actor.describe(), exc)
            return Notice(NoticeKind.FAILED, LOCK_LOST)
        except store.CorpusError as exc:  # nothing to build from, or the last article: refused, nothing changed
            metrics.BUILDS.labels(what, "invalid").inc()
            if exc.in_chat != str(exc):
                log.warning("%s by %s refused: %s", what, actor.describe(), exc)
            return Notice(NoticeKind.INVALID, exc.in_chat)
        except OSError as exc:
            metrics.BUILDS.labels(what, "failed").inc()
            if exc.errno not in _DISK_ERRORS:
                log.exception("%s by %s failed; the previous index is still serving", what, actor.describe())
                return Notice(NoticeKind.FAILED, APOLOGY + " The previous index is still being used.")
            # No traceback: the folder's permissions or its disk, not the code, are what to look at.
            log.error("%s by %s failed: %s; the previous index is still serving", what, actor.describe(),
                      cannot_write(self._folders, exc))
            where = "corpus" if unwritten_setting(self._folders, exc) == "CORPUS_DIR" else "index"
            return Notice(NoticeKind.FAILED, UNWRITABLE.format(where))
        except Exception:
            metrics.BUILDS.labels(what, "failed").inc()
            log.exception("%s by %s failed; the previous index is still serving", what, actor.describe())
            return Notice(NoticeKind.FAILED, APOLOGY + " The previous index is still being used.")
        metrics.BUILDS.labels(what, result.kind.value if isinstance(result, Notice) else "done").inc()
        metrics.BUILD_SECONDS.labels(what).observe(time.perf_counter() - started)
        if isinstance(result, IndexChange):
            audit.info("%s by %s done: %s", what, actor.describe(), result.summary().splitlines()[0])
        return result
