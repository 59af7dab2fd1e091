"""The store on real SQLite files (and PostgreSQL under ``make test-postgres``): schema versions, WAL, history
modes, hashed votes, pruning."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store import AnswerRecord, HistoryMode, Store, VoteOutcome
from bot.store.migrations import MIGRATIONS
from bot.store.tables import answers, fit_key, replied_conversations, votes
from tests.bot.fake_clock import FakeClock

KEY = b"k" * 32


def record(answer_id: str, question: str = "who blocked what?", answered: bool = True,
           searched_for: str | None = None, conversation: str | None = "discord:thread:1") -> AnswerRecord:
    return AnswerRecord(id=answer_id, platform="discord", conversation=conversation, question=question,
                        answered=answered, cited=[{"doc_id": "d1", "chunk": 3, "start": 0, "end": 10}],
                        index_build="build-1", searched_for=searched_for, quote="A quoted sentence.",
                        alternatives=[{"doc_id": "d2", "quote": "Another sentence."}])


def test_created_migrated_and_reopened_with_wal(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "bot.db"
    path.parent.mkdir()  # only the default's var/ is made (``bot.store.sqlite_folder``)
    store = Store(f"sqlite:///{path}", KEY)
    numbers = [number for number, _, _ in MIGRATIONS]
    assert store.version == max(numbers)
    store.close()
    again = Store(f"sqlite:///{path}", KEY)  # already migrated: nothing to do, nothing lost
    assert again.version == max(numbers)
    again.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")] == numbers
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"answers", "votes", "schema_version"} <= tables


def test_full_mode_keeps_questions_and_votes_never_keep_user_ids(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "bot.db"
    store = Store(f"sqlite:///{path}", KEY, clock=clock.utcnow)
    assert store.record_answer(record("a" * 32, searched_for="and when? Sawhney"))
    assert store.vote("a" * 32, "discord", "1100000000000000007", 1) is VoteOutcome.RECORDED
    assert store.vote("a" * 32, "discord", "1100000000000000007", 1) is VoteOutcome.UNCHANGED
    assert store.vote("a" * 32, "discord", "1100000000000000007", -1) is VoteOutcome.CHANGED
    assert store.vote("a" * 32, "slack", "U123", -1) is VoteOutcome.RECORDED
    assert store.vote("b" * 32, "slack", "U123", -1) is VoteOutcome.UNKNOWN_ANSWER
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(answers)).one()
        cast = list(conn.execute(sa.select(votes.c.voter, votes.c.vote)))
    assert row.question == "who blocked what?" and row.expanded and row.searched_for == "and when? Sawhney"
    assert row.cited == [{"doc_id": "d1", "chunk": 3, "start": 0, "end": 10}] and row.index_build == "build-1"
    assert sorted(v for _, v in cast) == [-1, -1]  # the first voter's 👍 became a 👎: one row each
    assert store.voter("discord", "1100000000000000007") in {voter for voter, _ in cast}
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("bot.db"))
    assert b"1100000000000000007" not in raw and b"U123" not in raw


def test_anonymized_mode_keeps_no_question_text(db_url: str) -> None:
    store = Store(db_url, KEY, HistoryMode.ANONYMIZED)
    store.record_answer(record("c" * 32, question="my secret question", searched_for="my secret question plus"))
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(answers)).one()
    assert row.question is None and row.searched_for is None and row.expanded
    assert row.quote == "A quoted sentence."  # article text, not the user's
    store.close()


def test_off_mode_stores_nothing(db_url: str) -> None:
    store = Store(db_url, KEY, HistoryMode.OFF)
    assert not store.record_answer(record("d" * 32))
    assert store.answers_since(datetime(2000, 1, 1)) == []
    store.close()


def test_old_answers_and_their_votes_are_pruned(db_url: str, clock: FakeClock) -> None:
    store = Store(db_url, KEY, retention_days=90, clock=clock.utcnow)
    store.record_answer(record("e" * 32))
    store.vote("e" * 32, "slack", "U1", -1)
    clock.advance(timedelta(days=60))
    store.record_answer(record("f" * 32))
    clock.advance(timedelta(days=31))
    assert store.prune() == 1
    with store.engine.connect() as conn:
        assert [r.id for r in conn.execute(sa.select(answers.c.id))] == ["f" * 32]
        assert conn.scalar(sa.select(sa.func.count()).select_from(votes)) == 0
    store.close()


def test_conversation_renamed_and_down_votes_ranked(db_url: str, clock: FakeClock) -> None:
    store = Store(db_url, KEY, clock=clock.utcnow)
    for n, answer_id in enumerate(("1" * 32, "2" * 32, "3" * 32)):
        store.record_answer(record(answer_id, question=f"question {n}", conversation="discord:message:9"))
    store.rename_conversation("discord:message:9", "discord:thread:9")
    for user in ("U1", "U2"):
        store.vote("2" * 32, "slack", user, -1)
    store.vote("1" * 32, "slack", "U3", -1)
    store.vote("1" * 32, "slack", "U4", 1)
    store.vote("3" * 32, "slack", "U5", 1)
    ranked = store.most_down_voted(clock.utcnow() - timedelta(days=1), 5)
    assert [(r.question, r.down, r.up) for r in ranked] == [("question 1", 2, 0), ("question 0", 1, 1)]
    with store.engine.connect() as conn:
        assert {r[0] for r in conn.execute(sa.select(answers.c.conversation))} == {"discord:thread:9"}
    assert store.alternatives("2" * 32) == [{"doc_id": "d2", "quote": "Another sentence."}]
    assert store.alternatives("9" * 32) is None
    store.close()


def test_answers_past_retention_are_gone_before_any_prune_runs(db_url: str, clock: FakeClock) -> None:
    """A quiet process prunes only now and then: what is past retention must already look deleted."""
    store = Store(db_url, KEY, retention_days=90, clock=clock.utcnow)
    store.record_answer(record("7" * 32))
    store.vote("7" * 32, "slack", "U1", -1)
    clock.advance(timedelta(days=91))
    store._pruned_at = clock.utcnow()  # as if a prune had just run, before the answer expired
    assert store.alternatives("7" * 32) is None
    assert store.answers_since(clock.utcnow() - timedelta(days=365)) == []
    assert store.most_down_voted(clock.utcnow() - timedelta(days=365), 5) == []
    assert store.vote("7" * 32, "slack", "U2", 1) is VoteOutcome.UNKNOWN_ANSWER
    store.close()


def test_whether_a_conversation_was_answered_in_recently(db_url: str, clock: FakeClock) -> None:
    """What a Slack adapter asks after a restart before leaving a thread reply unanswered."""
    store = Store(db_url, KEY, clock=clock.utcnow)
    store.record_answer(record("9" * 32, conversation="x" * 250))  # stored hashed: found all the same
    assert store.answered_in("x" * 250, clock.utcnow() - timedelta(days=7))
    assert not store.answered_in("discord:thread:2", clock.utcnow() - timedelta(days=7))
    clock.advance(timedelta(days=8))
    assert not store.answered_in("x" * 250, clock.utcnow() - timedelta(days=7))
    store.close()


def test_a_conversation_replied_in_with_no_answer_stored_counts_as_answered_in(db_url: str, clock: FakeClock) -> None:
    """A timeline reply is stored as no answer: a Slack thread whose only reply was one was no longer followed
    after a restart. Any reply marked counts, for the week asked about and while retention keeps it."""
    store = Store(db_url, KEY, clock=clock.utcnow)
    week = timedelta(days=7)
    assert not store.answered_in("slack:thread:C1:1.0", clock.utcnow() - week)
    store.mark_replied("slack:thread:C1:1.0")
    store.mark_replied("slack:thread:C1:1.0")  # a second reply there: the latest is kept, no clash
    store.mark_replied("y" * 250)  # a conversation id longer than its column: hashed, found all the same
    since = clock.utcnow() - week
    assert store.answered_in("slack:thread:C1:1.0", since) and store.answered_in("y" * 250, since)
    assert not store.answered_in("slack:thread:C1:2.0", clock.utcnow() - week)
    clock.advance(timedelta(days=6))
    store.mark_replied("slack:thread:C1:1.0")
    clock.advance(timedelta(days=2))
    assert store.answered_in("slack:thread:C1:1.0", clock.utcnow() - week), "from its latest reply"
    assert not store.answered_in("y" * 250, clock.utcnow() - week)
    clock.advance(timedelta(days=91))
    store.prune()
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(replied_conversations)) == 0, "past retention"
    store.close()
    off = Store(db_url, KEY, HistoryMode.OFF, clock=clock.utcnow)
    off.mark_replied("slack:thread:C1:3.0")  # nothing is stored
    assert not off.answered_in("slack:thread:C1:3.0", clock.utcnow() - week)
    off.close()


def test_a_version_6_database_upgrades_to_keep_the_conversations_replied_in(db_url: str, clock: FakeClock,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Migration 7 adds ``replied_conversations``; answers stored before still count as replies."""
    from bot.store import migrations

    monkeypatch.setattr(migrations, "MIGRATIONS", [m for m in MIGRATIONS if m[0] <= 6])
    old = sa.create_engine(db_url)  # the schema as the previous release left it, and an answer it stored
    assert migrations.migrate(old) == 6 and not sa.inspect(old).has_table("replied_conversations")
    with old.begin() as conn:
        conn.execute(sa.insert(answers).values(
            id="6" * 32, created_at=clock.utcnow(), platform="slack", conversation="slack:thread:C1:1.0", answered=True,
            cited=[], index_build="b1", expanded=False, alternatives=[]))
    old.dispose()
    monkeypatch.undo()
    store = Store(db_url, KEY, clock=clock.utcnow)
    assert store.version >= 7 and store.version == max(number for number, _, _ in MIGRATIONS)
    store.mark_replied("slack:thread:C1:2.0")
    week_ago = clock.utcnow() - timedelta(days=7)
    assert store.answered_in("slack:thread:C1:1.0", week_ago) and store.answered_in("slack:thread:C1:2.0", week_ago)
    store.close()


def test_a_conversation_id_longer_than_its_column_is_stored_hashed(db_url: str, clock: FakeClock) -> None:
    """``ask --json`` takes any conversation id; PostgreSQL refused one over 200 characters."""
    store = Store(db_url, KEY, clock=clock.utcnow)
    long_id, longer = "x" * 250, "y" * 5000
    assert store.record_answer(record("8" * 32, conversation=long_id))
    store.rename_conversation(long_id, longer)
    with store.engine.connect() as conn:
        stored = conn.scalar(sa.select(answers.c.conversation))
    assert stored is not None and stored.startswith("sha256:") and len(stored) <= 200
    assert stored == fit_key(longer, 200)  # renamed: the new id's hash, not the old one's
    store.close()


def test_a_read_only_copy_can_be_reported_on(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "bot.db"
    store = Store(f"sqlite:///{path}", KEY, clock=clock.utcnow)
    store.record_answer(record("9" * 32))
    store.close()
    copy = Store(f"sqlite:///file:{path}?mode=ro&uri=true", KEY, clock=clock.utcnow)  # pruning fails: logged, not fatal
    assert [r.id for r in copy.answers_since(clock.utcnow() - timedelta(days=1))] == ["9" * 32]
    copy.close()


def test_shared_follow_up_turns_do_not_outlive_their_hour_or_a_mode_change(db_url: str, clock: FakeClock) -> None:
    """Turns shared through the store hold what people asked. They were pruned only while a replica kept
    sharing them, so after a switch to anonymized or off (or to memory-only state) they stayed for good."""
    from bot.store.shared import SharedStore
    from bot.store.tables import conversation_turns

    shared = SharedStore(db_url)
    now = clock.time()
    shared.add_turn("slack:dm:D1", {"question": "an hour ago"}, now - 3700, 3)
    shared.add_turn("slack:dm:D2", {"question": "just now"}, now - 60, 3)

    def questions() -> list[str]:
        with shared.engine.connect() as conn:
            return sorted(r.turn["question"] for r in conn.execute(sa.select(conversation_turns.c.turn)))

    Store(db_url, KEY, HistoryMode.FULL, clock=clock.utcnow).close()
    assert questions() == ["just now"]
    Store(db_url, KEY, HistoryMode.ANONYMIZED, clock=clock.utcnow).close()
    assert questions() == []
    shared.add_turn("slack:dm:D3", {"question": "asked under full"}, now, 3)
    Store(db_url, KEY, HistoryMode.OFF, clock=clock.utcnow).close()
    assert questions() == []
    shared.engine.dispose()


def test_a_database_whose_migration_2_lacked_answered_threads_gets_them(db_url: str) -> None:
    """Migration 2 shipped once without ``answered_threads`` (added to it later): such a database reported
    the newest version and failed every Slack answer as it marked its thread."""
    from bot.store.shared import SharedStore

    Store(db_url, KEY).close()
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE answered_threads"))
        conn.execute(sa.text("DELETE FROM schema_version WHERE version = 5"))  # later ones applied
    engine.dispose()
    shared = SharedStore(db_url)
    shared.mark_thread("slack:C1:1.0", 100.0)
    assert shared.thread_answered("slack:C1:1.0", 50.0)
    shared.engine.dispose()


def test_threads_shared_state_recorded_before_migration_8_are_still_followed_without_it(
    db_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``answered_threads`` rows were keyed ``<channel>:<ts>``; migration 8 names them as the conversations
    ``replied_conversations`` holds, so the store's ``answered_in`` (what is read with ``SHARED_STATE`` off)
    finds a thread answered while it was on. An old row whose new name a newer row already has goes."""
    from bot.store import migrations
    from bot.store.tables import answered_threads

    monkeypatch.setattr(migrations, "MIGRATIONS", [m for m in MIGRATIONS if m[0] <= 7])
    old = sa.create_engine(db_url)
    assert migrations.migrate(old) == 7
    now = clock.time()
    with old.begin() as conn:
        conn.execute(sa.insert(answered_threads), [
            {"key": "C1:1.0", "answered_at": now - 3600}, {"key": "C1:2.0", "answered_at": now - 30 * 86400},
            {"key": "C1:3.0", "answered_at": now - 60}, {"key": "slack:thread:C1:3.0", "answered_at": now}])
    old.dispose()
    monkeypatch.undo()
    store = Store(db_url, KEY, clock=clock.utcnow)
    week_ago = clock.utcnow() - timedelta(days=7)
    assert store.answered_in("slack:thread:C1:1.0", week_ago)
    assert not store.answered_in("slack:thread:C1:2.0", week_ago), "a thread is followed for a week, no longer"
    with store.engine.connect() as conn:
        assert sorted(conn.scalars(sa.select(answered_threads.c.key))) == [
            "slack:thread:C1:1.0", "slack:thread:C1:2.0", "slack:thread:C1:3.0"]
    store.close()


def test_a_version_5_database_upgrades_to_keep_the_questions_of_a_message(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 6 adds ``answers.parts``: answers stored before keep reading as one question each, and a
    message asking several is stored with each question's outcome (its text only in full mode)."""
    from bot.store import PartRecord, migrations

    url = f"sqlite:///{tmp_path / 'bot.db'}"
    monkeypatch.setattr(migrations, "MIGRATIONS", [m for m in MIGRATIONS if m[0] <= 5])
    old = Store(url, KEY, clock=clock.utcnow)
    assert old.version == 5
    with old.engine.begin() as conn:  # as the previous release wrote it: no parts column yet
        columns = {c["name"] for c in sa.inspect(conn).get_columns("answers")}
        assert "parts" not in columns
        conn.execute(sa.text("INSERT INTO answers (id, created_at, platform, question, answered, cited, "
                             "index_build, expanded, alternatives) VALUES ('a1', :at, 'discord', 'who?', 0, '[]', "
                             "'b1', 0, '[]')"), {"at": clock.utcnow()})
    old.close()
    monkeypatch.undo()
    store = Store(url, KEY, clock=clock.utcnow)
    assert store.version == max(number for number, _, _ in MIGRATIONS)
    several = record("a2", "Who is X? Why Y?")
    store.record_answer(AnswerRecord(**{**several.__dict__, "parts": [
        PartRecord("Who is X?", True), PartRecord("Why Y?", False, expanded=True, searched_for="Why Y? X")]}))
    rows = {r.id: r for r in store.answers_since(clock.utcnow() - timedelta(days=1))}
    assert rows["a1"].parts is None and rows["a1"].question == "who?"
    assert rows["a2"].parts == [
        {"question": "Who is X?", "answered": True, "expanded": False, "searched_for": None},
        {"question": "Why Y?", "answered": False, "expanded": True, "searched_for": "Why Y? X"}]
    store.close()
    anonymized = Store(url, KEY, HistoryMode.ANONYMIZED, clock=clock.utcnow)
    anonymized.record_answer(AnswerRecord(**{**record("a3").__dict__, "parts": [PartRecord("Why Y?", False,
                                                                                            searched_for="Y")]}))
    [row] = [r for r in anonymized.answers_since(clock.utcnow() - timedelta(days=1)) if r.id == "a3"]
    assert row.parts == [{"question": None, "answered": False, "expanded": False, "searched_for": None}]
    anonymized.close()


def test_a_database_a_newer_release_migrated_is_said_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A rollback (or an old replica in a rolling deploy) used a database at a schema version it doesn't
    know without a word; its first write a newer migration changed failed with nothing saying why."""
    path = tmp_path / "bot.db"
    Store(f"sqlite:///{path}", KEY).close()
    newest = max(number for number, _, _ in MIGRATIONS)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'from the future', "
                     "'2030-01-01 00:00:00')", (newest + 1,))
    caplog.set_level(logging.WARNING, logger="bot.store")
    for _ in range(2):
        store = Store(f"sqlite:///{path}", KEY)
        assert store.version == newest + 1
        store.close()
    told = [r.getMessage() for r in caplog.records if "newer than this release" in r.getMessage()]
    assert told == [f"the store at DATABASE_URL has schema version {newest + 1}, newer than this release knows "
                    f"({newest}): a newer release migrated it; run that release, as writes this one makes may fail"]


def test_a_postgresql_host_that_never_answers_fails_within_the_connect_timeout(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A host that silently drops packets held a store thread (and the build lock) for the OS's TCP timeout:
    here a port that takes the connection and never says a word."""
    import socket
    import time

    from bot.store import engines

    monkeypatch.setattr(engines, "CONNECT_TIMEOUT_SECONDS", 1)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # never accepted: the kernel completes the handshake, nobody answers libpq
        port = silent.getsockname()[1]
        engine = engines.open_engine(f"postgresql+psycopg://bot@127.0.0.1:{port}/bot")
        started = time.monotonic()
        with pytest.raises(sa.exc.OperationalError):
            engine.connect()
        assert time.monotonic() - started < 10
        engine.dispose()


def test_engine_options_bound_postgresql_connects_and_leave_sqlite_alone(tmp_path: Path) -> None:
    from bot.store import engines

    engine = engines.open_engine("postgresql+psycopg://bot@db.invalid/bot")
    assert engine.pool._pre_ping  # type: ignore[attr-defined]
    assert engines._server_options(engine.url)["connect_args"]["connect_timeout"] == engines.CONNECT_TIMEOUT_SECONDS
    own = sa.engine.make_url("postgresql+psycopg://bot@db.invalid/bot?connect_timeout=20")
    assert "connect_timeout" not in engines._server_options(own)["connect_args"]  # the URL's own timeout is kept
    lite = engines.open_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    assert not lite.pool._pre_ping  # type: ignore[attr-defined]
    for made in (engine, lite):
        made.dispose()
