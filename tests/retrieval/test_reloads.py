"""A newer build is loaded beside the one being served (``retrieval.reloads``): questions asked meanwhile are
answered from the current index instead of waiting for the load under a lock, and a newer build that can't be
loaded leaves the current one serving."""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from index import store
from index.embedding import DEFAULT_MODEL, EncoderProvider
from index.manage import Upload, add_articles
from retrieval import engine as engine_module
from retrieval import loaded
from retrieval.engine import Engine
from retrieval.loaded import LoadedIndex

ARTICLE = (
    "Harbour Ledger, 3 March 2021. The consumer affairs ministry asked two food delivery companies to publish "
    "their grievance officers' names within fifteen days. Both companies said they would comply with the "
    "request before the deadline, according to officials who attended the meeting in New Delhi.\n"
)
NO_WAIT = 10.0  # far longer than any question waits for a load (``RELOAD_WAIT``): only a blocked one reaches it


def publish_article(corpus: Path, index_dir: Path, encoder_provider: EncoderProvider) -> set[str]:
    """Add an article as another process would (the CLI's ``index add``); the ids it added."""
    outcome = add_articles([Upload("grievance-officers.txt", ARTICLE.encode())], corpus, index_dir,
                           model=DEFAULT_MODEL, encoder_provider=encoder_provider, max_bytes=1_000_000)
    assert outcome.report is not None, outcome.rejected
    return set(outcome.report.added_docs)


def publish_damaged(index_dir: Path) -> Path:
    """A copy of the live build with a damaged FAISS file, published by the atomic swap builds use."""
    damaged = index_dir.parent / "index.builds" / "damaged"
    shutil.copytree(store.live_dir(index_dir), damaged)  # type: ignore[arg-type]
    (damaged / store.FAISS).write_bytes(b"garbage")
    link = index_dir.parent / ".index.link-test"
    os.symlink(os.path.relpath(damaged, index_dir.parent), link)
    os.replace(link, index_dir)
    return damaged


def served(engine: Engine) -> set[str]:
    """A question's worth of reading: the articles the engine answers from, asked on another thread."""
    with ThreadPoolExecutor(1) as pool:
        return {s.doc_id for s in pool.submit(engine.sources).result(timeout=NO_WAIT)}


@pytest.fixture
def held_load(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, threading.Event]]:
    """Every load of an index blocks until the first event is set; the second is set when one has finished."""
    release, finished = threading.Event(), threading.Event()
    real: Callable[[Path], LoadedIndex] = loaded.load_index

    def slow(index_dir: Path) -> LoadedIndex:
        release.wait(timeout=60)
        try:
            return real(index_dir)
        finally:
            finished.set()

    # the engine read it as its own name before, the reloads module reads it from ``retrieval.loaded``
    monkeypatch.setattr(engine_module, "load_index", slow, raising=False)
    monkeypatch.setattr(loaded, "load_index", slow)
    yield release, finished
    release.set()  # a test that failed must not leave a loader waiting


@dataclass
class Serving:
    engine: Engine
    corpus: Path
    index_dir: Path
    release: threading.Event  # set: the held loads go on
    finished: threading.Event  # set once a load has finished


@pytest.fixture
def serving(built_copy: tuple[Path, Path], encoder_provider: EncoderProvider,
            held_load: tuple[threading.Event, threading.Event]) -> Serving:
    """An engine over ``built_copy`` with its first index loaded (waited for: nothing to serve meanwhile); the
    loads after it are held (``held_load``)."""
    release, finished = held_load
    release.set()
    engine = Engine(built_copy[1], encoder_provider)
    _ = engine.index
    release.clear()
    finished.clear()
    return Serving(engine, *built_copy, release, finished)


def test_a_question_during_a_slow_load_is_answered_from_the_old_index_then_the_next_sees_the_new(
    serving: Serving, encoder_provider: EncoderProvider
) -> None:
    engine = serving.engine
    before = served(engine)
    added = publish_article(serving.corpus, serving.index_dir, encoder_provider)
    assert served(engine) == before, "asked while the newer build loads: answered from the one it replaces"
    assert not serving.finished.is_set()
    serving.release.set()
    assert serving.finished.wait(NO_WAIT)
    engine.reload()  # the swap follows the load at once; this only spares the test a race with it
    assert served(engine) == before | added
    assert engine.index.folder == store.live_dir(serving.index_dir)


def test_an_idle_replica_loads_a_newer_build_before_its_next_question(
    serving: Serving, encoder_provider: EncoderProvider
) -> None:
    engine = serving.engine
    serving.release.set()
    first = engine.index
    engine.watch(0.05)
    try:
        publish_article(serving.corpus, serving.index_dir, encoder_provider)
        assert serving.finished.wait(NO_WAIT), "the periodic check loaded the newer build with no question asked"
        for _ in range(1000):  # the swap follows the load at once
            if engine.reload_state().loading is None:
                break
            time.sleep(0.01)
    finally:
        engine.close()
    assert engine.reload_state().serving is None, "the newer build is the one served"
    assert engine.index is not first


def test_a_newer_build_that_cannot_be_loaded_leaves_the_current_one_serving(
    built_copy: tuple[Path, Path], encoder_provider: EncoderProvider, caplog: pytest.LogCaptureFixture
) -> None:
    _, index_dir = built_copy
    engine = Engine(index_dir, encoder_provider)
    first = engine.index
    before = served(engine)
    damaged = publish_damaged(index_dir)
    with caplog.at_level(logging.ERROR, logger="retrieval"):
        assert served(engine) == before  # no IndexLoadError: the index in memory still answers
        engine.reload()
        assert served(engine) == before and engine.index is first
    said = [r for r in caplog.records if "cannot be loaded" in r.getMessage()]
    assert len(said) == 1, "logged once, not at every question"
    state = engine.reload_state()
    assert state.serving is first and state.not_loaded is not None and store.FAISS in state.not_loaded
    assert str(damaged.parent) not in state.not_loaded  # chat shows it: the file's name, never the folder
