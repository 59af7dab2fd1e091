"""``/metrics`` tells an operator that a replica runs without its database (``dispute_bot_store_up``) and what
went unsaved meanwhile (``dispute_bot_store_writes_skipped_total``): ``/readyz`` stays 200 through an outage on
purpose, and the outage was only one line in the log and one error count when it began."""

from __future__ import annotations

from pathlib import Path

from prometheus_client import REGISTRY

from bot.history import History
from bot.shared_state import SharedState
from bot.store import Store
from bot.store.shared import SharedStore
from bot.store_breaker import STORE_RETRY_AFTER, Breaker
from tests.bot.conftest import VOTE_KEY, CoreFactory
from tests.bot.fake_clock import FakeClock
from tests.bot.test_outage_writes import gone

CLAIM = "claim an event"


def _skipped(what: str) -> float:
    return REGISTRY.get_sample_value("dispute_bot_store_writes_skipped_total", {"what": what}) or 0.0


def _up() -> float | None:
    return REGISTRY.get_sample_value("dispute_bot_store_up")


def test_an_outage_shows_in_the_metrics_until_the_store_answers_again(
    make_core: CoreFactory, seed_index_dir: Path, tmp_path: Path, clock: FakeClock
) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    breaker = Breaker(clock.time)
    shared_store = SharedStore(url)
    state = SharedState(shared_store, breaker=breaker)
    history = History(Store(url, VOTE_KEY), breaker=breaker)
    make_core(seed_index_dir, tmp_path / "corpus", shared=state, history=history)
    assert _up() == 1.0
    before = _skipped(CLAIM)
    engine, shared_store.engine = shared_store.engine, gone([])
    assert state.deduper().claim("event:one")  # the outage begins: decided here
    assert state.deduper().claim("event:two")  # during the back-off: not asked
    assert _up() == 0.0
    assert _skipped(CLAIM) == before + 2
    shared_store.engine = engine
    clock.advance(STORE_RETRY_AFTER + 1)
    assert state.deduper().claim("event:three")  # the store answers again
    assert _up() == 1.0 and _skipped(CLAIM) == before + 2


def test_a_replica_started_without_its_database_is_not_up(make_core: CoreFactory, seed_index_dir: Path,
                                                          tmp_path: Path) -> None:
    """The bot runs without a store when its database can't be reached at start (``bot.wiring``): answers are
    not stored nor follow-ups shared, which an operator alerting on the store must see."""
    make_core(seed_index_dir, tmp_path / "corpus", history=History())
    assert _up() == 0.0

