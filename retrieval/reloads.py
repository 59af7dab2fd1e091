"""The index a question is answered from, kept current without making questions wait for a newer one to load.

A build published on the shared index folder (by this process, another replica, or the CLI) used to be loaded
under a lock by the first question to see it: every question on the replica waited for the load (22 s at a
million chunks). Now the newer build is loaded on a thread of its own while the current one keeps answering,
and swapped in once loaded. A question that sees a load under way waits for it only while the load is younger
than ``RELOAD_WAIT``: a small index (the seed's loads in milliseconds, 10k chunks in 0.2 s) is therefore still
served from the next question on, as before, and a large one costs a question at most that much.

A build that fails to load leaves the current one serving; it is logged once and tried again only when another
build is published. The first load, with nothing to serve meanwhile, blocks as it always did.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from index import store
from retrieval import loaded
from retrieval.loaded import IndexLoadError, LoadedIndex

log = logging.getLogger(__name__)

# The longest a question waits for a newer build before it is answered from the one being replaced (seconds).
RELOAD_WAIT = 0.5


@dataclass
class Loading:
    """A newer build being read on the loader thread."""

    folder: Path
    started: float = field(default_factory=time.monotonic)
    done: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class ReloadState:
    """What ``/status`` says beside the published index: the build this process answers from when it is not the
    published one, the one it is loading, and why the published one could not be loaded."""

    serving: LoadedIndex | None
    loading: Path | None
    loading_seconds: float
    not_loaded: str | None  # the file and its problem (no folder: chat shows it)


class Reloads:
    def __init__(self, index_dir: Path, load: Callable[[Path], LoadedIndex] | None = None,
                 wait: float = RELOAD_WAIT) -> None:
        """``load``: how a build is read (default: ``loaded.load_index``, looked up at each load)."""
        self._index_dir = index_dir
        self._loader = load
        self._wait = wait
        self._state = threading.Lock()  # guards the fields below, never held while loading
        self._first = threading.Lock()  # the start-up load, which questions do wait for
        self.current: LoadedIndex | None = None
        self._loading: Loading | None = None
        self._failed: tuple[Path, str] | None = None
        self._stop = threading.Event()
        self._watching = False

    def index(self) -> LoadedIndex:
        """The index to answer from: the current one unless the published build is newer and loads within the
        question's wait. Raises ``IndexLoadError`` only when there is no current index."""
        current = self.current
        live = store.live_dir(self._index_dir)  # one readlink a question
        if current is None:
            return self._first_load()
        if live is None or live == current.folder:  # a deleted index too: what is in memory still answers
            return current
        loading = self._start(live)
        if loading is not None:
            loading.done.wait(max(0.0, loading.started + self._wait - time.monotonic()))
        return self.current if self.current is not None else current

    def check(self) -> None:
        """Start loading a newer published build, if there is one (the periodic check: an idle replica is then
        up to date before its next question)."""
        live = store.live_dir(self._index_dir)
        current = self.current
        if current is not None and live is not None and live != current.folder:
            self._start(live)

    def reload(self) -> None:
        """Serve the published build before returning, as a change made here is reported done only once the
        next question sees it. Waits for a load under way; a build that fails to load is logged, not raised."""
        while True:
            live = store.live_dir(self._index_dir)
            current = self.current
            if current is None:
                try:
                    self._first_load()
                except IndexLoadError as exc:
                    log.error("the index published here cannot be loaded: %s", exc)
                return
            if live is None or live == current.folder:
                return
            loading = self._start(live)
            if loading is None:  # failed, and logged
                return
            loading.done.wait()

    def _load(self, index_dir: Path) -> LoadedIndex:
        return (self._loader or loaded.load_index)(index_dir)

    def state(self) -> ReloadState:
        with self._state:
            loading, failed = self._loading, self._failed
        live = store.live_dir(self._index_dir)
        current = self.current
        serving = current if current is not None and live != current.folder else None
        seconds = time.monotonic() - loading.started if loading is not None else 0.0
        not_loaded = failed[1] if failed is not None and failed[0] == live else None
        return ReloadState(serving, loading.folder if loading else None, seconds, not_loaded)

    def _first_load(self) -> LoadedIndex:
        with self._first:
            if self.current is None:
                self.current = self._load(self._index_dir)
                log.info("serving index %s", self.current.folder)
            return self.current

    def _start(self, live: Path) -> Loading | None:
        """The load of ``live`` (or the one under way), started if none is; None when ``live`` failed to load."""
        with self._state:
            if self._failed is not None and self._failed[0] == live:
                return None
            if self._loading is not None:
                return self._loading
            self._loading = loading = Loading(live)
        threading.Thread(target=self._run, args=(loading,), name="index-load", daemon=True).start()
        return loading

    def _run(self, loading: Loading) -> None:
        fresh: LoadedIndex | None = None
        # What the loader reads: the build published now, which may be newer still than the one that started this.
        loading.folder = store.live_dir(self._index_dir) or loading.folder
        try:
            fresh = self._load(self._index_dir)
        except IndexLoadError as exc:
            problem, detail = f"{exc.path.name} {exc.problem}", str(exc)
        except Exception as exc:  # whatever it was, the current index keeps answering
            problem = detail = f"cannot be read ({type(exc).__name__}: {exc})"
        with self._state:
            self._loading = None
            old = self.current
            # A build replaced while it loaded (pruned: two more were published) is not called damaged: the next
            # question or check loads the newest.
            failed = fresh is None and store.live_dir(self._index_dir) == loading.folder
            if fresh is not None:
                self.current, self._failed = fresh, None
            elif failed:
                self._failed = (loading.folder, problem)
        loading.done.set()
        if failed:
            log.error("the newer index %s cannot be loaded; still serving %s: %s", loading.folder,
                      old.folder if old else None, detail)
        if fresh is None:
            return
        if old is not None and fresh.model != old.model:
            log.info("index model changed from %s to %s", old.model, fresh.model)
        log.info("serving index %s (loaded in %.2f s; %s released)", fresh.folder,
                 time.monotonic() - loading.started, old.folder if old else None)

    def watch(self, every: float) -> None:
        """``check`` every ``every`` seconds on a thread of its own until ``stop``. The thread holds this object
        weakly: an engine nobody closed (a test's) is not kept alive by it."""
        if self._watching:
            return
        self._watching = True
        stop, ref = self._stop, weakref.ref(self)

        def loop() -> None:
            while not stop.wait(every):
                reloads = ref()
                if reloads is None:
                    return
                try:
                    reloads.check()
                except Exception:  # a readlink on a vanished volume: said, and tried again next time
                    log.exception("checking for a newer index failed")
                del reloads

        threading.Thread(target=loop, name="index-check", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
