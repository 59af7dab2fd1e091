"""Replicas on one SQLite file, and what chat's /status tells operators while the shared database is down.

Under ``SHARED_STATE=auto`` (the default) processes on one SQLite file (Slack HTTP replicas behind a proxy)
claimed events through the file but kept rate limits in their own memory: a user whose questions alternated
between two of them had twice the burst, in normal operation. And while the database could not be reached,
duplicate-event protection and rate limits quietly became each replica's own: only one log line said so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.actors import Actor
from bot.render import plain
from bot.results import IndexStatus
from bot.settings import Settings
from bot.shared_setup import build_shared_state
from bot.shared_state import SharedState
from bot.store.shared import SharedStore
from tests.bot.conftest import CoreFactory
from tests.bot.test_outage_writes import gone

PER_REPLICA = "duplicate-event protection and rate limits are per replica"


def test_a_user_gets_one_burst_across_processes_on_one_sqlite_file(tmp_path: Path) -> None:
    url = SecretStr(f"sqlite:///{tmp_path / 'bot.db'}")
    made = [Settings(_env_file=None, database_url=url, shared_state="auto",  # type: ignore[call-arg]
                     feedback_hmac_key=SecretStr("k")) for _ in range(2)]
    one, other = (build_shared_state(s) for s in made)
    try:
        limits = one.limiter(per_minute=1, burst=3), other.limiter(per_minute=1, burst=3)
        decisions = [limits[n % 2].check("slack:U1") for n in range(8)]
        assert sum(d.allowed for d in decisions) == 3, "each process had its own bucket: 2 × the burst"
        assert [d.notify for d in decisions if not d.allowed] == [True, False, False, False, False]  # told once
        assert limits[0].check("slack:U2").allowed, "another user's bucket is their own"
    finally:
        one.close()
        other.close()


@pytest.mark.asyncio(loop_scope="function")
async def test_chat_status_says_claims_and_limits_are_per_replica_during_an_outage(
    make_core: CoreFactory, seed_index_dir: Path, tmp_path: Path
) -> None:
    claims = SharedStore(f"sqlite:///{tmp_path / 'bot.db'}")
    state = SharedState(claims=claims)
    core = make_core(seed_index_dir, tmp_path / "corpus", shared=state)
    member = Actor("slack", "U1")
    before = await core.status(member)
    assert isinstance(before, IndexStatus) and PER_REPLICA not in plain.render(before)
    good, claims.engine = claims.engine, gone([])
    try:
        assert state.deduper().claim("event:during")  # decided here: the database can't be reached
        during = await core.status(member)
    finally:
        claims.engine = good
    assert isinstance(during, IndexStatus)
    shown = plain.render(during)
    assert "The database can't be reached (for " in shown and PER_REPLICA in shown, shown
    assert during.to_dict()["database_unreachable_seconds"] >= 0
