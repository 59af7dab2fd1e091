"""What a question writes while the database can't be reached (PostgreSQL restarting, a SQLite file gone):
its turn, its answer, the thread replied in, and a vote clicked meanwhile.

Each of those went to the database on every question: a connect timeout and an ERROR line apiece, the turn was
lost (the next follow-up was answered as if asked alone) and a vote raised (the voter got "something went
wrong"). Now they share the process's one ``Breaker`` with the event claims and rate limits: one line an
outage, turns kept in this replica for its follow-ups and written to the store once it is back, a vote
refused to the voter's face."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
import sqlalchemy as sa

from bot.actors import Actor
from bot.history import VOTE_NOT_SAVED, History
from bot.results import Notice, NoticeKind
from bot.shared_state import SharedState, StoreTurns
from bot.store import Store
from bot.store.shared import SharedStore
from bot.store_breaker import STORE_RETRY_AFTER, Breaker
from retrieval.engine import Engine
from retrieval.types import Answer
from tests.bot.conftest import VOTE_KEY
from tests.bot.fake_clock import FakeClock

pytestmark = pytest.mark.asyncio(loop_scope="function")

USER = Actor("slack", "U1")
THREAD = "slack:thread:C1:1.0"
# What an answer's record reads of the engine: the index it was answered from (a declined answer cites nothing).
ENGINE = cast(Engine, SimpleNamespace(index=SimpleNamespace(folder=Path("index-1"))))


def gone(attempts: list[int]) -> sa.Engine:
    """An engine whose every connection fails as a database that can't be reached does; counts the attempts."""
    def connect() -> sqlite3.Connection:
        attempts.append(1)
        raise sqlite3.OperationalError("unable to open database file")

    return sa.create_engine("sqlite://", creator=connect)


def declined(question: str) -> Answer:
    return Answer(question, "The articles don't say.", answered=False)


async def test_follow_ups_keep_their_turns_and_a_vote_is_refused_to_the_voter(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    clock = FakeClock()
    shared, store = SharedStore(url), Store(url, VOTE_KEY)
    history = History(store, StoreTurns(shared, clock=clock.time))
    engines = shared.engine, store.engine
    shared.engine = store.engine = gone([])
    try:
        await history.record("Who ordered the accounts blocked?", declined("q1"), USER, THREAD, ENGINE)
        await history.record("And when?", declined("q2"), USER, THREAD, ENGINE)
        earlier = await history.context(THREAD)
        assert earlier is not None, "the follow-up found no earlier turn: answered as if asked alone"
        assert [t.question for t in earlier.turns] == ["Who ordered the accounts blocked?", "And when?"]
        vote = await history.vote(USER, "an-answer-id", -1)
        assert vote == Notice(NoticeKind.UNAVAILABLE, VOTE_NOT_SAVED) and vote.ephemeral

        shared.engine, store.engine = engines
        clock.advance(STORE_RETRY_AFTER + 1)
        assert await history.context(THREAD) == earlier  # read from the store, the turns written to it first
        other = StoreTurns(SharedStore(url), clock=clock.time)  # another replica, after the outage
        found = other.context(THREAD)
        assert found is not None and [t.question for t in found.turns] == [t.question for t in earlier.turns]
    finally:
        history.close()
        shared.close()


async def test_one_outage_is_one_line_and_one_connection_attempt_per_back_off(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Five questions during an outage: a claim, a rate-limit check, a turn, an answer and a reply each."""
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    clock = FakeClock()
    breaker = Breaker(clock.time)
    shared, store = SharedStore(url), Store(url, VOTE_KEY)
    state = SharedState(shared, user_key=b"key", breaker=breaker)
    history = History(store, state.memory(), breaker)
    deduper, limiter = state.deduper(), state.limiter(per_minute=60, burst=10)
    engines = shared.engine, store.engine
    attempts: list[int] = []
    shared.engine = store.engine = gone(attempts)
    try:
        for n in range(5):
            assert deduper.claim(f"event:{n}") and limiter.check("slack:U1").allowed
            answer = await history.record(f"question {n}", declined(f"question {n}"), USER, THREAD, ENGINE)
            assert answer.answer_id is None  # no feedback buttons: a vote on it could not be saved
            await history.replied_in(THREAD)
        assert len(attempts) == 1, "the store is left alone after its first failure, whoever asks"
        errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1 and "the database can't be reached" in errors[0], errors
        assert state.outage() is not None

        shared.engine, store.engine = engines
        clock.advance(STORE_RETRY_AFTER + 1)
        assert deduper.claim("event:after") and state.outage() is None
        back = [r.getMessage() for r in caplog.records if "answers again" in r.getMessage()]
        assert len(back) == 1 and "save an answer ×5" in back[0], back
    finally:
        history.close()
        shared.close()
