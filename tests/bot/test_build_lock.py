"""Builds serialised across machines: the PostgreSQL advisory lock, held around every build the bot starts."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from bot.actors import Actor, ModeratorPolicy
from bot.build_lock import LockUnavailable, advisory_build_lock
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


NOWHERE = "postgresql+psycopg://nobody@127.0.0.1:1/x"  # nothing listens on port 1: refused at once


@pytest.mark.asyncio(loop_scope="function")
async def test_a_database_that_cannot_be_reached_refuses_builds_in_one_line(
    make_core: CoreFactory, built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """With PostgreSQL down, ``index build`` ended in a psycopg traceback and ``/reindex`` in "something went
    wrong" and another in the log; no build may start (another replica may be building), so each says why."""
    from bot.cli import main
    from bot.store.engines import open_engine

    corpus, index_dir = built_copy
    with pytest.raises(LockUnavailable, match="refused"), advisory_build_lock(open_engine(NOWHERE)):
        pass
    monkeypatch.chdir(built_copy[0].parent)
    for name, value in (("DATABASE_URL", NOWHERE), ("CORPUS_DIR", str(corpus)), ("INDEX_DIR", str(index_dir))):
        monkeypatch.setenv(name, value)
    live = index_dir.resolve()
    assert main(["index", "build", "--full"]) == 1
    err = capsys.readouterr().err
    assert "dispute-bot: cannot reach DATABASE_URL for the replicas' build lock (connection failed: " in err
    assert "Traceback" not in err and err.count("\n") == 1 and index_dir.resolve() == live

    class Unreachable(SharedState):
        def build_lock(self) -> AbstractContextManager[None]:
            return advisory_build_lock(open_engine(NOWHERE))

    core = make_core(index_dir, corpus, ModeratorPolicy(user_ids=frozenset({"test:mod"})), shared=Unreachable())
    refused = await core.reindex(MODERATOR)
    assert getattr(refused, "kind", None) is NoticeKind.FAILED and "can't be reached" in getattr(refused, "text", "")
    assert [r.exc_info for r in caplog.records if r.levelno >= logging.ERROR] == [None]


def test_a_connection_lost_mid_build_leaves_the_build_a_success(caplog: pytest.LogCaptureFixture) -> None:
    """The database restarting during a build ends the lock's session (the server releases the lock); its
    unlock then failed, and a build that had published its index was reported as failed."""
    url = needs_postgres()
    holder, other = SharedStore(url), SharedStore(url)
    try:
        with advisory_build_lock(holder.engine), other.engine.connect() as conn:
            conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                                 "AND pid <> pg_backend_pid()"))
            conn.commit()
        assert "the build lock's database connection was lost during the build" in caplog.text
        with advisory_build_lock(other.engine):  # released with the session
            pass
    finally:
        holder.close()
        other.close()


def _half_added(corpus: Path, index_dir: Path) -> None:
    """An add's journal and file, as a replica's add under way (or one killed) leaves them on the shared volume."""
    from index.change_journal import Journal

    half = b"Koo said on Thursday it had crossed three million users in India.\n"
    Journal(index_dir, "add").record(corpus / "half-added.md", None, half)
    (corpus / "half-added.md").write_bytes(half)


def test_status_asks_the_replicas_lock_before_calling_an_add_interrupted(
    built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Replicas share the index over a network volume, whose file locks may not see another machine's build:
    ``index status`` asked only the file lock, and called another replica's add under way "Interrupted". It asks
    the PostgreSQL advisory lock every change is made under (without taking it), as well."""
    from bot.cli import main

    url = needs_postgres()
    corpus, index_dir = built_copy
    monkeypatch.chdir(corpus.parent)
    for name, value in (("DATABASE_URL", url), ("CORPUS_DIR", str(corpus)), ("INDEX_DIR", str(index_dir))):
        monkeypatch.setenv(name, value)
    _half_added(corpus, index_dir)
    elsewhere = SharedStore(url)
    try:
        with advisory_build_lock(elsewhere.engine):  # another replica's add, its file lock unseen from here
            assert main(["index", "status"]) == 0
            out = capsys.readouterr().out
            assert "(a build is running)" in out and "Interrupted" not in out
            with shared_build_lock(Settings(_env_file=None, database_url=SecretStr(url))):  # type: ignore[call-arg]
                pytest.fail("status took the lock")
    except BuildInProgress:
        pass
    finally:
        elsewhere.close()
    assert main(["index", "status"]) == 0  # nobody holds it: the journal is a killed add's
    out = capsys.readouterr().out
    assert "(a build is running)" not in out and "\nInterrupted: an add of half-added.md" in out


def test_status_says_it_cannot_tell_while_the_replicas_lock_cannot_be_asked(
    built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    corpus, index_dir = built_copy
    monkeypatch.chdir(corpus.parent)
    for name, value in (("DATABASE_URL", NOWHERE), ("CORPUS_DIR", str(corpus)), ("INDEX_DIR", str(index_dir))):
        monkeypatch.setenv(name, value)
    _half_added(corpus, index_dir)
    assert main(["index", "status"]) == 0
    out = capsys.readouterr().out
    assert "whether another replica is building can't be told: the database holding the replicas' build lock " \
           "can't be reached: connection failed" in out
    assert "\nInterrupted, or under way on another replica (status can't tell which): an add of half-added.md" in out
