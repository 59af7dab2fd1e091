"""SHARED_STATE from settings: whether rate limits, event claims, follow-up turns and the build lock are this
process's own (memory) or shared with the other replicas through the store on DATABASE_URL.

``auto`` (the default) shares when DATABASE_URL is not SQLite: a server database means replicas, and one
SQLite file means one box, where memory is faster; event claims and rate limits still go through the file there,
so that several processes on it answer each event once and hold each user to one limit (``claims_in_store``).
``store`` shares through SQLite too (two processes on one box, e.g. Discord shards and Slack); ``memory`` never
shares. Follow-up turns hold what
users asked, so they are shared only with HISTORY_MODE=full; otherwise they stay in each process's memory.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import sqlalchemy as sa

from bot.build_lock import LockUnavailable, advisory_build_lock, advisory_lock_held
from bot.history_setup import HistorySetupError, opening_failed, vote_key
from bot.settings import Settings
from bot.shared_state import SharedState
from bot.store.engines import open_engine, sqlite_file
from bot.store.shared import SharedStore
from index.lock_check import LockCheck

log = logging.getLogger(__name__)


class SharedSetupError(HistorySetupError):
    """As ``HistorySetupError``: ``unreachable`` says why when the database can't be reached."""


def _backend(settings: Settings) -> str:
    return sa.engine.make_url(settings.database_url.get_secret_value()).get_backend_name()


def shares_state(settings: Settings) -> bool:
    if settings.shared_state == "auto":
        return _backend(settings) != "sqlite"
    return settings.shared_state == "store"


def _problem(exc: Exception) -> HistorySetupError:
    return opening_failed(exc, " for the shared state", SharedSetupError)


def _open(settings: Settings) -> SharedStore:
    try:
        return SharedStore(settings.database_url.get_secret_value())
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        raise _problem(exc) from None


def claims_in_store(settings: Settings) -> bool:
    """``auto`` on SQLite keeps turns in memory, but event claims and rate limits go through the file: two
    replicas on one SQLite file (Slack HTTP processes behind a proxy) each kept their own, a Slack retry that
    reached the other one was answered twice, and a user alternating between them had twice the burst. Not with
    HISTORY_MODE=off, which writes no file, nor with an in-memory database (one per connection)."""
    return (settings.shared_state == "auto" and settings.history_mode != "off"
            and sqlite_file(settings.database_url.get_secret_value()) is not None)


def build_shared_state(settings: Settings) -> SharedState:
    if not shares_state(settings):
        if not claims_in_store(settings):
            return SharedState()
        log.info("event claims and rate limits in the store on sqlite (SHARED_STATE=auto); follow-up turns stay "
                 "in this process (SHARED_STATE=store shares them with other processes on this file)")
        return SharedState(claims=_open(settings), user_key=vote_key(settings))
    store = _open(settings)
    share_turns = settings.history_mode == "full"
    if not share_turns:
        log.warning("HISTORY_MODE=%s: follow-up turns stay in each replica's memory (they hold what users asked)",
                    settings.history_mode)
    log.info("shared state (rate limits, event claims%s, build lock) in the store on %s",
             ", follow-up turns" if share_turns else "", store.dialect)
    try:
        user_key: bytes | None = vote_key(settings)
    except HistorySetupError:  # no FEEDBACK_HMAC_KEY (history off): rate-limit keys are digested unkeyed
        log.warning("FEEDBACK_HMAC_KEY is not set: rate-limit buckets are keyed by a plain digest of user ids")
        user_key = None
    return SharedState(store, share_turns=share_turns, user_key=user_key)


@contextlib.contextmanager
def shared_build_lock(settings: Settings) -> Iterator[LockCheck | None]:
    """Around a build started from the command line: the replicas' advisory lock when they share PostgreSQL,
    giving the check the build asks before publishing (None: no such lock)."""
    if not shares_state(settings) or _backend(settings) != "postgresql":
        yield None
        return
    try:
        engine = open_engine(settings.database_url.get_secret_value())
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        raise _problem(exc) from None
    try:
        with advisory_build_lock(engine) as still_held:
            yield still_held
    finally:
        engine.dispose()


def replicas_building(settings: Settings) -> bool | str | None:
    """For ``index status``: whether a replica holds the replicas' build lock (the lock that guards every change
    when they share PostgreSQL), a string saying why that can't be told (the database can't be reached), or
    None where builds take no lock beyond the index's file lock (one box)."""
    if not shares_state(settings) or _backend(settings) != "postgresql":
        return None
    try:
        engine = open_engine(settings.database_url.get_secret_value())
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    try:
        return advisory_lock_held(engine)
    except LockUnavailable as exc:
        return str(exc)
    finally:
        engine.dispose()
