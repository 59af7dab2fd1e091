"""What ``/status`` and ``/report`` do while the database can't be reached, and once it is back.

Both went around the process's one back-off (``bot.store_breaker``): during an outage ``/status`` asked the
database holding the replicas' build lock anyway, waiting out a connect timeout each time, and ``/report`` failed
with "something went wrong" after its own. And the outage note in ``/status`` cleared only at the next store
call, so a replica nobody asked anything kept saying the database was down long after it was back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.actors import Actor, ModeratorPolicy
from bot.history import History
from bot.render import plain
from bot.results import IndexStatus, Notice, NoticeKind
from bot.shared_state import SharedState
from bot.store import Store
from bot.store.shared import SharedStore
from bot.store_breaker import STORE_RETRY_AFTER, Breaker
from tests.bot.conftest import VOTE_KEY, CoreFactory
from tests.bot.fake_clock import FakeClock
from tests.bot.test_outage_writes import gone

pytestmark = pytest.mark.asyncio(loop_scope="function")

MOD = Actor("test", "mod")
MEMBER = Actor("slack", "U1")
UNREACHABLE = "The database can't be reached (for "


class LockedLikePostgres(SharedStore):
    """A SQLite store that says it is PostgreSQL: ``/status`` then asks it who holds the replicas' build lock."""

    @property
    def dialect(self) -> str:
        return "postgresql"


async def test_status_during_an_outage_asks_no_database_for_the_build_lock(
    make_core: CoreFactory, seed_index_dir: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    store = LockedLikePostgres(f"sqlite:///{tmp_path / 'bot.db'}")
    state = SharedState(store, breaker=Breaker(clock.time))
    core = make_core(seed_index_dir, tmp_path / "corpus", shared=state)
    attempts: list[int] = []
    store.engine = gone(attempts)
    assert state.deduper().claim("event:during")  # the outage begins: decided here
    assert len(attempts) == 1
    for _ in range(3):
        status = await core.status(MEMBER)
        assert isinstance(status, IndexStatus)
        shown = plain.render(status)
        assert UNREACHABLE in shown and "whether another replica is building can't be told" in shown, shown
    assert len(attempts) == 1, "each /status waited for the build lock's database during the back-off"

    clock.advance(STORE_RETRY_AFTER + 1)  # the back-off over: one /status asks once, still down
    assert UNREACHABLE in plain.render(await core.status(MEMBER))
    assert len(attempts) == 2


async def test_report_during_an_outage_says_it_needs_the_database(
    make_core: CoreFactory, seed_index_dir: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    breaker = Breaker(clock.time)
    store = Store(f"sqlite:///{tmp_path / 'bot.db'}", VOTE_KEY)
    history = History(store, breaker=breaker)
    core = make_core(seed_index_dir, tmp_path / "corpus", ModeratorPolicy(user_ids=frozenset({"test:mod"})),
                     history=history, shared=SharedState(breaker=breaker))
    good, attempts = store.engine, []
    store.engine = gone(attempts)
    for _ in range(2):
        notice = await core.report(MOD)
        assert isinstance(notice, Notice) and notice.kind is NoticeKind.UNAVAILABLE, notice
        assert "needs the bot's database" in notice.text and notice.ephemeral
    assert len(attempts) == 1, "the second report waited for the database during the back-off"

    store.engine = good
    clock.advance(STORE_RETRY_AFTER + 1)
    assert not isinstance(await core.report(MOD), Notice)


async def test_an_idle_replicas_status_finds_the_database_back(
    make_core: CoreFactory, seed_index_dir: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    claims = SharedStore(f"sqlite:///{tmp_path / 'bot.db'}")
    state = SharedState(claims=claims, breaker=Breaker(clock.time))
    core = make_core(seed_index_dir, tmp_path / "corpus", shared=state)
    good, attempts = claims.engine, []
    claims.engine = gone(attempts)
    assert state.deduper().claim("event:during")
    assert UNREACHABLE in plain.render(await core.status(MEMBER))
    assert len(attempts) == 1  # the back-off runs: /status asks nothing

    claims.engine = good  # the database is back; nobody asks a question here
    clock.advance(STORE_RETRY_AFTER + 1)
    status = await core.status(MEMBER)
    assert isinstance(status, IndexStatus)
    assert UNREACHABLE not in plain.render(status) and "database_unreachable_seconds" not in status.to_dict()
    assert state.outage() is None
