"""The bot's side of loading a newer build beside the served one (``retrieval.reloads``): a change made in chat
here is loaded before it is reported done, and a newer build that can't be loaded leaves the current one
answering, ready, with ``/status`` saying which build answers and why."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bot.actors import Actor, ModeratorPolicy
from bot.core import CommandCore
from bot.render.status import status_text
from bot.results import IndexChange, IndexStatus, SourcesList
from index.embedding import EncoderProvider
from index.manage import Upload
from retrieval import loaded
from retrieval.loaded import LoadedIndex
from retrieval.reloads import RELOAD_WAIT
from retrieval.types import Answer
from tests.bot.conftest import CoreFactory
from tests.retrieval.test_reloads import ARTICLE, held_load, publish_article, publish_damaged

__all__ = ["held_load"]  # the fixture, used here by name

MOD = Actor("discord", "42", "mod", role_ids=frozenset({"777"}))


async def served(core: CommandCore) -> set[str]:
    listed = await core.sources()
    assert isinstance(listed, SourcesList)
    return {s.doc_id for s in listed.sources}


async def test_an_article_added_in_chat_is_served_by_the_next_question_however_long_the_load(
    make_core: CoreFactory, built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built_copy
    core = make_core(index_dir, corpus, ModeratorPolicy(role_ids=frozenset({"777"})))
    before = await served(core)
    real = loaded.load_index

    def slow(folder: Path) -> LoadedIndex:  # longer than a question waits for a newer build
        time.sleep(RELOAD_WAIT * 3)
        return real(folder)

    monkeypatch.setattr(loaded, "load_index", slow)
    added = await core.add_articles(MOD, [Upload("grievance-officers.txt", ARTICLE.encode())])
    assert isinstance(added, IndexChange)
    assert await served(core) - before, "the change reported done is what the next question reads"


async def test_a_newer_build_that_cannot_be_loaded_leaves_the_bot_answering_and_status_says_so(
    make_core: CoreFactory, built_copy: tuple[Path, Path]
) -> None:
    corpus, index_dir = built_copy
    core = make_core(index_dir, corpus)
    await core.warm_up()
    before = await served(core)
    publish_damaged(index_dir)
    answer = await core.ask("Which app is the government promoting?")
    assert isinstance(answer, Answer) and answer.answered
    assert await served(core) == before
    assert core.ready and core.index_available  # /readyz stays 200: questions are answered
    status = await core.status()
    assert isinstance(status, IndexStatus)
    text = status_text(status, chat=True)
    assert "This replica still answers from the index built" in text and "faiss.index" in text
    assert "/reindex full" in text and str(index_dir.parent) not in text


async def test_status_says_the_replica_answers_from_the_older_build_while_it_loads_the_newer(
    make_core: CoreFactory, built_copy: tuple[Path, Path], encoder_provider: EncoderProvider,
    held_load: tuple[threading.Event, threading.Event],
) -> None:
    corpus, index_dir = built_copy
    core = make_core(index_dir, corpus)
    release, _ = held_load
    release.set()
    before = await served(core)
    release.clear()
    publish_article(corpus, index_dir, encoder_provider)  # as the CLI's index add, in another process, would
    assert await served(core) == before  # the load is held: answered from the build it replaces
    status = await core.status()
    assert isinstance(status, IndexStatus)
    text = status_text(status, chat=True)
    assert f"{len(before) + 1} articles" in text.splitlines()[0]  # the published index, as before
    assert "This replica answers from the index built" in text and f"({len(before)} articles) while it loads" in text
    release.set()
