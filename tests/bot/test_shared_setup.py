"""SHARED_STATE from settings: what the bot shares with other replicas, and what stays in its memory."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.conversations import RecentTurns
from bot.dedupe import MemoryDeduper
from bot.ratelimit import RateLimiter
from bot.settings import Settings
from bot.shared_setup import SharedSetupError, build_shared_state, shares_state
from bot.shared_state import StoreDeduper, StoreRateLimiter, StoreTurns
from bot.wiring import build_core

PG = "postgresql+psycopg://bot@127.0.0.1:1/bot"


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def test_auto_shares_with_a_server_database_only() -> None:
    assert not shares_state(settings())  # the default SQLite file: one box
    assert shares_state(settings(database_url=SecretStr(PG)))
    assert shares_state(settings(shared_state="store"))
    assert not shares_state(settings(database_url=SecretStr(PG), shared_state="memory"))


def test_the_core_uses_the_store_when_sharing_and_memory_otherwise(tmp_path: Path) -> None:
    url = SecretStr(f"sqlite:///{tmp_path / 'bot.db'}")
    shared = build_core(settings(database_url=url, shared_state="store", index_dir=tmp_path / "index"))
    try:
        assert isinstance(shared.admission.limiter, StoreRateLimiter)
        assert isinstance(shared.history.memory, StoreTurns) and isinstance(shared.shared.deduper(), StoreDeduper)
        assert shared.shared.answered_threads() is not None
    finally:
        shared.close()
    alone = build_core(settings(database_url=url, index_dir=tmp_path / "index"))
    try:
        assert isinstance(alone.admission.limiter, StoreRateLimiter)  # through the file: one limit per user
        assert isinstance(alone.history.memory, RecentTurns)
        assert isinstance(alone.shared.deduper(), StoreDeduper) and alone.shared.answered_threads() is None
    finally:
        alone.close()


def test_turns_hold_questions_so_they_are_shared_only_in_full_history_mode(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = SecretStr(f"sqlite:///{tmp_path / 'bot.db'}")
    state = build_shared_state(settings(database_url=url, shared_state="store", history_mode="anonymized"))
    try:
        assert isinstance(state.memory(), RecentTurns) and isinstance(state.deduper(), StoreDeduper)
        assert "follow-up turns stay in each replica's memory" in caplog.text
    finally:
        state.close()


def test_an_unreachable_database_is_a_clear_start_up_error() -> None:
    with pytest.raises(SharedSetupError, match="cannot open DATABASE_URL for the shared state"):
        build_shared_state(settings(database_url=SecretStr(PG)))


def test_processes_on_one_sqlite_file_answer_an_event_once_under_auto(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Two Slack replicas on one SQLite file (``SHARED_STATE=auto``, the default) each claimed events in their
    own memory: a retry that reached the other one was answered twice. The claims and rate limits go through
    the file now; turns stay in each process (memory is faster; ``store`` shares them)."""
    caplog.set_level(logging.INFO, "bot.shared_setup")
    url = SecretStr(f"sqlite:///{tmp_path / 'bot.db'}")
    one, other = build_shared_state(settings(database_url=url)), build_shared_state(settings(database_url=url))
    try:
        assert one.deduper().claim("event:Ev1") and not other.deduper().claim("event:Ev1")
        assert not one.shared and isinstance(one.limiter(5, 3), StoreRateLimiter)
        assert isinstance(one.memory(), RecentTurns) and one.answered_threads() is None
        assert "event claims and rate limits in the store on sqlite (SHARED_STATE=auto)" in caplog.text
    finally:
        one.close()
        other.close()

    for values in ({"history_mode": "off"}, {"database_url": SecretStr("sqlite://")}, {"shared_state": "memory"}):
        # No file for claims alone where nothing else is written (HISTORY_MODE=off), an in-memory database
        # (one per connection), or SHARED_STATE=memory.
        alone = build_shared_state(settings(**{"database_url": SecretStr(f"sqlite:///{tmp_path / 'x.db'}"), **values}))
        assert isinstance(alone.deduper(), MemoryDeduper) and isinstance(alone.limiter(5, 3), RateLimiter)
        assert not (tmp_path / "x.db").exists()
