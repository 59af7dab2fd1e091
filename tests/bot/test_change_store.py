"""Moderator changes in the store (``bot.store.changes``, migration 9) on real SQLite files (and PostgreSQL under
``make test-postgres``), and the trail that writes and reads them (``bot.audit_trail``)."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.actors import Actor
from bot.audit_trail import AuditTrail
from bot.change_history import ChangeHistory, ChangeRecord, change_record
from bot.store import Store
from bot.store.changes import ChangeStore
from bot.store.migrations import MIGRATIONS
from index.article_match import IndexedArticle

MOD = Actor("discord", "42", "mod", home="discord:9001")


def test_a_version_8_database_migrates_and_keeps_moderator_changes_newest_first(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database the previous release made (version 8, answers in it) gains the table and keeps its answers."""
    from bot.store import migrations

    monkeypatch.setattr(migrations, "MIGRATIONS", [m for m in MIGRATIONS if m[0] <= 8])
    old = Store(db_url, b"k" * 32)
    assert old.version == 8 and not sa.inspect(old.engine).has_table("moderator_changes")
    old.close()
    monkeypatch.undo()

    times = iter([datetime(2026, 12, 6, 20, 0), datetime(2026, 12, 6, 20, 5)])
    store = ChangeStore(db_url, clock=lambda: next(times))
    assert store.version == max(number for number, _, _ in MIGRATIONS)
    store.write(ChangeRecord("add", "discord", "42", "published", user_name="mod", place="discord:9001",
                             given=["ferry.md"], articles=[{"doc_id": "ferry", "title": "Ferry fares rise",
                                                            "url": "https://news.example.net/ferry",
                                                            "change": "added"}]))
    store.write(ChangeRecord("remove", "cli", "ops", "refused", given=["Ferry fares"],
                             reason="No article with id 'Ferry fares'" + " x" * 2000))
    newest, first = store.recent(10)
    assert (newest.action, newest.platform, newest.user_id, newest.outcome) == ("remove", "cli", "ops", "refused")
    assert newest.reason is not None and len(newest.reason) == 2000 and newest.at == datetime(2026, 12, 6, 20, 5)
    assert (first.given, first.place, first.user_name) == (["ferry.md"], "discord:9001", "mod")
    assert first.articles == [{"doc_id": "ferry", "title": "Ferry fares rise", "url": "https://news.example.net/ferry",
                               "change": "added"}]
    assert [r.action for r in store.recent(1)] == ["remove"]
    store.close()


def test_a_change_is_recorded_with_what_it_named_changed_and_how_it_ended() -> None:
    before = [IndexedArticle("ferry", "Ferry fares rise", None, "2021-03-02", "https://news.example.net/ferry")]
    after = [IndexedArticle("bridge", "Council delays bridge vote", None, None, None)]
    said = {"added_doc_ids": ["bridge"], "changed_doc_ids": [], "removed_doc_ids": ["ferry"], "unchanged": False,
            "rejected": [{"file": "x.pdf", "reason": "has no text layer"}]}
    record = change_record("add", MOD, ["bridge.md", "x.pdf"], said, before, after)
    assert (record.outcome, record.reason, record.place) == ("published", "refused x.pdf: has no text layer",
                                                            "discord:9001")
    assert record.articles == [
        {"doc_id": "bridge", "title": "Council delays bridge vote", "url": None, "change": "added"},
        {"doc_id": "ferry", "title": "Ferry fares rise", "url": "https://news.example.net/ferry", "change": "removed"}]
    for error, outcome in (("forbidden", "refused"), ("busy", "refused"), ("invalid", "refused"),
                           ("failed", "failed"), ("unavailable", "failed")):
        refused = change_record("rebuild", MOD, [], {"error": error, "message": "why"}, before, [])
        assert (refused.outcome, refused.reason, refused.articles) == (outcome, "why", [])
    assert change_record("rebuild", MOD, [], {"unchanged": True}, before, before).outcome == "unchanged"


def test_history_lines_say_when_who_where_what_and_how_it_ended() -> None:
    at = datetime(2026, 12, 6, 20, 1)
    line = ChangeRecord("remove", "slack", "U7", "published", user_name="ana", place="slack:T1", given=["ferry"],
                        articles=[{"doc_id": "ferry", "title": "Ferry fares rise", "change": "removed"}], at=at).line()
    assert line == ("2026-12-06 20:01 UTC remove (ferry) by slack:U7 (ana) in slack:T1: published; removed ferry "
                    "“Ferry fares rise”")
    many = [{"doc_id": f"a{i}", "change": "added"} for i in range(8)]
    assert ChangeRecord("rebuild", "cli", "ops", "published", articles=many, at=at).line().endswith(
        "published; added a0, a1, a2, a3, a4 and 3 more")
    assert ChangeHistory([]).lines() == ["No moderator change is recorded yet."]
    assert ChangeHistory([], kept=False).lines()[0].startswith("Moderator changes are not recorded here")


def test_reading_a_database_not_made_yet_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``index history`` before any change, or with a mistyped DATABASE_URL, must not leave a database file."""
    monkeypatch.chdir(tmp_path)  # the default's var/, the one folder a write makes (``bot.store.sqlite_folder``)
    trail = AuditTrail("sqlite:///var/bot.db")
    assert trail.history(5) == ChangeHistory([])
    assert not (tmp_path / "var").exists()
    trail.write(ChangeRecord("rebuild", "cli", "ops", "published"))
    assert [c.action for c in trail.history(5).changes] == ["rebuild"]
    trail.close()


def test_a_record_that_cannot_be_written_is_logged_and_never_fails_the_change(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    trail = AuditTrail(f"sqlite:///{blocker / 'bot.db'}")  # its folder can't be made: the database can't open
    trail.write(ChangeRecord("add", "discord", "42", "published", given=["ferry.md"], at=datetime(2026, 12, 6)))
    trail.close()
    assert "could not record the moderator change (2026-12-06 00:00 UTC add (ferry.md) by discord:42" in caplog.text
    assert [r.levelno for r in caplog.records if "could not record" in r.message] == [logging.ERROR]


def test_a_database_that_cannot_be_reached_is_one_warning_line(caplog: pytest.LogCaptureFixture) -> None:
    """With PostgreSQL down, the change itself has said so (a build lock not taken): its lost record is one warning
    line, not a second error with a traceback."""
    from tests.bot.test_build_lock import NOWHERE

    trail = AuditTrail(NOWHERE)
    trail.write(ChangeRecord("rebuild", "cli", "ops", "failed", at=datetime(2026, 12, 6)))
    trail.close()
    [said] = [r for r in caplog.records if "could not record" in r.message]
    assert said.levelno == logging.WARNING and said.exc_info is None
    assert "(the database can't be reached: " in said.getMessage()
