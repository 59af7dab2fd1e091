"""Command cores over real indexes, for the adapter and core tests."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from bot.actors import ModeratorPolicy
from bot.audit_trail import AuditTrail
from bot.core import CommandCore, CoreConfig
from bot.history import History
from bot.history_results import DownVoted, GapCluster, GapReport
from bot.results import SourcesList
from bot.shared_state import SharedState
from bot.store import HistoryMode, Store
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from retrieval.types import SourceInfo
from tests.bot.fake_clock import FakeClock
from tests.bot.shared_db import database

CoreFactory = Callable[..., CommandCore]


@pytest.fixture
def make_core(encoder_provider: EncoderProvider) -> Iterator[CoreFactory]:
    """``make_core(index_dir, corpus_dir, moderators=ModeratorPolicy(...))``; closed after the test.

    The per-user rate limit is off unless a test sets ``rate_limit_per_minute`` (votes:
    ``vote_limit_per_minute``): most tests ask many questions as one user, and the limits have tests of their own."""
    made: list[CommandCore] = []

    def factory(index_dir: Path, corpus_dir: Path, moderators: ModeratorPolicy | None = None,
                history: History | None = None, shared: SharedState | None = None, changes: AuditTrail | None = None,
                **config: object) -> CommandCore:
        config.setdefault("rate_limit_per_minute", 0.0)
        config.setdefault("vote_limit_per_minute", 0.0)  # the same for votes
        core = CommandCore(
            CoreConfig(corpus_dir=corpus_dir, index_dir=index_dir, model=DEFAULT_MODEL, **config),  # type: ignore[arg-type]
            encoder_provider,
            moderators or ModeratorPolicy(),
            history=history,
            shared=shared,
            changes=changes,
        )
        made.append(core)
        return core

    yield factory
    for core in made:
        core.close()


@pytest.fixture
def seed_core(make_core: CoreFactory, seed_index_dir: Path) -> CommandCore:
    """A core answering from the shared seed index. Read-only: moderator commands need ``writable_core``."""
    return make_core(seed_index_dir, Path("/nonexistent-corpus"))


@pytest.fixture
def writable_core(
    make_core: CoreFactory, corpus_copy: Path, tmp_path: Path, encoder_provider: EncoderProvider
) -> CommandCore:
    """A core over its own corpus copy and index, built before the test; safe to reindex or add to."""
    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    return make_core(index_dir, corpus_copy, ModeratorPolicy(user_ids=frozenset({"test:mod"})))


@pytest.fixture
def clock() -> FakeClock:
    """The test's clock: 2026-01-01 12:00 UTC until the test moves it (``clock.advance``)."""
    return FakeClock()


HistoryFactory = Callable[..., History]
VOTE_KEY = b"test-vote-key"


@pytest.fixture
def make_history(tmp_path: Path) -> HistoryFactory:
    """``make_history(mode=HistoryMode.FULL, path=None)``: a History over a real SQLite file (default
    ``tmp_path/bot.db``); the core that receives it closes it."""

    def factory(mode: HistoryMode = HistoryMode.FULL, path: Path | None = None) -> History:
        return History(Store(f"sqlite:///{path or tmp_path / 'bot.db'}", VOTE_KEY, mode))

    return factory


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store URL: a SQLite file in ``tmp_path``, then (under ``make test-postgres`` only) PostgreSQL."""
    yield from database(request.param, tmp_path)


# A declined question at the longest MAX_QUESTION_CHARS allows, with markup, mentions and link syntax.
LONG_QUESTION = ("Why did <!channel> @everyone [the ministry](https://evil.example) *really* order "
                 "<@U123> <@123456789012345678> to block accounts " * 20)[:1000]


R = TypeVar("R")


def returning(result: R) -> Callable[..., Awaitable[R]]:
    """A stand-in for a ``CommandCore`` command (``report``, ``sources`` …) that returns ``result`` to anyone."""

    async def run(*args: object, **kwargs: object) -> R:
        return result

    return run


@pytest.fixture
def long_question_report() -> GapReport:
    """A report over thousands of stored answers whose declined and down-voted questions are as long as a
    question may be: what a busy server's /report holds."""
    groups = [GapCluster(120 - n, [f"{n} {LONG_QUESTION}"] * 3) for n in range(14)]
    down = [DownVoted(9 - n, 1, True, f"{n} {LONG_QUESTION}", "Twitter said it would not act. " * 6 + "…",
                      f"web-twitter-vs-government-of-india-accounts-withheld-after-m-{n:010x}",
                      "Twitter vs government of India: accounts withheld after MeitY notice, part " * 4)
            for n in range(5)]
    return GapReport("2026-12-01 00:00:00", "7d", 6000, 3500, 40, groups, down, grouped=2000, ungrouped=500)


@pytest.fixture
def many_sources() -> SourcesList:
    """45 articles added by address: titles, ids and addresses as long as news sites make them, more than one
    chat reply lists."""
    return SourcesList([SourceInfo(
        f"web-twitter-vs-government-of-india-accounts-withheld-after-m-{n:010x}",
        f"Twitter vs government of India: accounts withheld after MeitY notice, part {n} <!here>",
        "2021-02-10", f"https://www.hindustantimes.com/india-news/twitter-restores-accounts-after-meity-notice-"
        f"and-section-69a-order-{n}-101613040000000.html", "Hindustan Times", 14) for n in range(45)])


def hold_answers(core: CommandCore, monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Hold ``core``'s questions in its engine (off the event loop, where the engine runs) until ``release`` is
    set: ``computing`` is set once one is being answered. For what happens to a connection meanwhile."""
    computing, release = threading.Event(), threading.Event()
    real_ask = core.engine.ask

    def held_ask(text: str, context: object = None) -> object:
        computing.set()
        release.wait(20)
        return real_ask(text, context)  # type: ignore[arg-type]

    monkeypatch.setattr(core.engine, "ask", held_ask)
    return computing, release


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, built_copy: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """The command line's settings, pointing at a private, already built index (``bot.cli.main`` in-process)."""
    corpus, index_dir = built_copy
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("INDEX_DIR", str(index_dir))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    for name in ("HISTORY_MODE", "FEEDBACK_HMAC_KEY", "HISTORY_RETENTION_DAYS"):
        monkeypatch.delenv(name, raising=False)
    return corpus, index_dir
