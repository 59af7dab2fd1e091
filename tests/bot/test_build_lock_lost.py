"""The replicas' build lock lost under a running build (its database session ended: a restart, an idle timeout,
a terminated backend), as an operations review reproduced it: another replica took the lock and its build cleared
the first one's folder while it was writing, and the first build would have published anyway. Now the first build
publishes nothing and says why, and the other replica's clearing leaves its folder alone."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

import index.builder
from bot.actors import Actor, ModeratorPolicy
from bot.build_lock import LOCK_KEY, advisory_build_lock, advisory_lock_held
from bot.builds import LOCK_LOST
from bot.cli import main
from bot.results import Notice, NoticeKind
from bot.shared_state import SharedState
from bot.store import engines
from bot.store.shared import SharedStore
from index import store
from tests.bot.conftest import CoreFactory
from tests.bot.shared_db import drop_tables, needs_postgres
from tests.index.test_lock_lost_publish import ARTICLE

MODERATOR = Actor(platform="test", user_id="mod")


def _end_lock_session(admin: Engine) -> None:
    """What a database restart or an idle kill does to the holder: its session ends, and the lock with it."""
    with admin.connect() as conn:
        conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                             "AND objid = :key"), {"key": LOCK_KEY})
    deadline = time.monotonic() + 10
    while advisory_lock_held(admin):
        assert time.monotonic() < deadline, "the ended session's lock was never released"
        time.sleep(0.05)


@pytest.fixture
def engines_on() -> Iterator[Callable[[], Engine]]:
    url = needs_postgres()
    opened: list[Engine] = []

    def engine() -> Engine:
        opened.append(engines.open_engine(url))
        return opened[-1]

    yield engine
    for made in opened:
        made.dispose()
    drop_tables(url)


def _losing_the_lock_mid_build(monkeypatch: pytest.MonkeyPatch, index_dir: Path, admin: Engine,
                               other_replica: Engine) -> dict[str, Any]:
    """Once the build has written its folder (before its manifest and the swap), its lock's session is ended and
    another replica takes the lock and starts a build of its own, clearing debris as every build does."""
    seen: dict[str, Any] = {}
    write_build = index.builder.write_build

    def written_then_lost(tmp: Path, *args: Any, **kwargs: Any) -> dict[str, Any]:
        written = write_build(tmp, *args, **kwargs)
        _end_lock_session(admin)
        with advisory_build_lock(other_replica):
            seen["other"] = store.new_build_folder(index_dir)
            seen["survived"] = (tmp / store.CHUNKS).exists()
        return written

    monkeypatch.setattr(index.builder, "write_build", written_then_lost)
    return seen


@pytest.mark.asyncio(loop_scope="function")
async def test_a_chat_rebuild_whose_lock_ended_mid_build_publishes_nothing_and_its_folder_is_spared(
    make_core: CoreFactory, built_copy: tuple[Path, Path], engines_on: Callable[[], Engine],
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    corpus, index_dir = built_copy
    (corpus / "second-letter.md").write_text(ARTICLE, encoding="utf-8")
    shared = SharedStore(needs_postgres())
    core = make_core(index_dir, corpus, ModeratorPolicy(user_ids=frozenset({"test:mod"})),
                     shared=SharedState(shared))
    live = store.live_dir(index_dir)
    seen = _losing_the_lock_mid_build(monkeypatch, index_dir, engines_on(), engines_on())
    try:
        result = await core.reindex(MODERATOR)
    finally:
        shared.close()
    assert seen["survived"] is True  # the other replica's clearing left the running build's folder
    assert isinstance(result, Notice) and result.kind is NoticeKind.FAILED and result.text == LOCK_LOST
    assert store.live_dir(index_dir) == live  # the last good index still serves
    assert "not published: the build lost its lock before publishing" in caplog.text
    assert seen["other"].exists()  # the other replica's own folder is its own to finish


def test_a_command_line_build_whose_lock_ended_mid_build_exits_1_saying_why(
    env: tuple[Path, Path], engines_on: Callable[[], Engine], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus, index_dir = env
    monkeypatch.setenv("DATABASE_URL", needs_postgres())
    (corpus / "second-letter.md").write_text(ARTICLE, encoding="utf-8")
    live = store.live_dir(index_dir)
    seen = _losing_the_lock_mid_build(monkeypatch, index_dir, engines_on(), engines_on())
    assert main(["index", "build"]) == 1
    said = capsys.readouterr().err
    assert "the build lost its lock before publishing (the database session holding it ended)" in said
    assert seen["survived"] is True and store.live_dir(index_dir) == live


def test_the_check_says_held_until_the_session_ends_or_another_holds_it(engines_on: Callable[[], Engine]) -> None:
    one, other, admin = engines_on(), engines_on(), engines_on()
    with advisory_build_lock(one) as still_held:
        assert still_held() is None
        _end_lock_session(admin)
        with advisory_build_lock(other) as others:
            assert still_held() is not None and still_held() is not None  # asked again: still not ours
            assert others() is None


def test_the_lock_connection_has_tcp_keepalives(engines_on: Callable[[], Engine]) -> None:
    """A database host gone silent is noticed in about a minute, not the OS's two hours."""
    with engines_on().connect() as conn:
        driver: Any = conn.connection.dbapi_connection
        parameters = driver.info.get_parameters()
    assert parameters.get("keepalives") == "1" and parameters.get("keepalives_idle") == "30"


def test_postgresql_engines_ask_for_keepalives_unless_the_url_sets_its_own() -> None:
    parsed = sa.engine.make_url("postgresql+psycopg://bot@db.invalid/bot")
    assert engines._server_options(parsed)["connect_args"]["keepalives_idle"] == 30
    own = sa.engine.make_url("postgresql+psycopg://bot@db.invalid/bot?keepalives_idle=5")
    assert "keepalives_idle" not in engines._server_options(own)["connect_args"]
