"""Builds serialised across machines: the PostgreSQL advisory lock, held around every build the bot starts."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.actors import Actor, ModeratorPolicy
from bot.build_lock import advisory_build_lock
from bot.results import NoticeKind
from bot.settings import Settings
from bot.shared_setup import shared_build_lock
from bot.shared_state import SharedState
from bot.store.shared import SharedStore
from index.store import BuildInProgress
from tests.bot.conftest import CoreFactory
from tests.bot.shared_db import needs_postgres

MODERATOR = Actor(platform="test", user_id="mod")


def test_one_holder_at_a_time_and_a_killed_holder_releases_it() -> None:
    url = needs_postgres()
    one, other = SharedStore(url), SharedStore(url)
    try:
        with advisory_build_lock(one.engine), pytest.raises(BuildInProgress), advisory_build_lock(other.engine):
            pass
        with advisory_build_lock(other.engine):  # released with the block
            pass
        holder = subprocess.Popen(
            [sys.executable, "-c", "import sys, time; from bot.store.shared import SharedStore;"
             "from bot.build_lock import advisory_build_lock;\n"
             "with advisory_build_lock(SharedStore(sys.argv[1]).engine):\n print('held', flush=True); time.sleep(60)",
             url], stdout=subprocess.PIPE, text=True)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(BuildInProgress), advisory_build_lock(one.engine):
            pass
        holder.kill()  # kill -9 mid-build: the server ends its session, and the lock with it
        holder.wait()
        deadline = time.monotonic() + 10
        while True:
            try:
                with advisory_build_lock(one.engine):
                    break
            except BuildInProgress:
                assert time.monotonic() < deadline, "the killed holder's lock was never released"
                time.sleep(0.1)
    finally:
        one.close()
        other.close()


@pytest.mark.asyncio(loop_scope="function")
async def test_chat_and_cli_builds_are_refused_while_another_replica_builds(
    make_core: CoreFactory, built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = needs_postgres()
    corpus, index_dir = built_copy
    core = make_core(index_dir, corpus, ModeratorPolicy(user_ids=frozenset({"test:mod"})),
                     shared=SharedState(SharedStore(url)))
    settings = Settings(_env_file=None, database_url=SecretStr(url), corpus_dir=corpus,  # type: ignore[call-arg]
                        index_dir=index_dir)
    elsewhere = SharedStore(url)
    try:
        with advisory_build_lock(elsewhere.engine):  # another replica is building
            refused = await core.reindex(MODERATOR)
            assert getattr(refused, "kind", None) is NoticeKind.BUSY
            with pytest.raises(BuildInProgress), shared_build_lock(settings):
                pass
        with shared_build_lock(settings):  # free again
            pass
    finally:
        elsewhere.close()


def test_sqlite_and_memory_add_no_lock_beyond_the_index_file_lock(tmp_path: Path) -> None:
    store = SharedStore(f"sqlite:///{tmp_path / 'bot.db'}")
    try:
        with SharedState(store).build_lock(), SharedState(store).build_lock():  # nothing held in the database
            pass
    finally:
        store.close()
    settings = Settings(_env_file=None, database_url=SecretStr("postgresql+psycopg://nobody@127.0.0.1:1/x"),  # type: ignore[call-arg]
                        shared_state="memory")
    with shared_build_lock(settings):  # SHARED_STATE=memory: the database is never contacted
        pass
