"""History settings: modes, the database URL and the vote key are read once, and secrets stay secret."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from bot.history_setup import HistorySetupError, build_history, vote_key
from bot.settings import Settings
from bot.store import AnswerRecord, HistoryMode, Store, utcnow


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_defaults_and_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "HISTORY_MODE", "HISTORY_RETENTION_DAYS", "FEEDBACK_HMAC_KEY"):
        monkeypatch.delenv(name, raising=False)
    s = settings()
    assert s.database_url.get_secret_value() == "sqlite:///var/bot.db"
    assert s.history_mode == "full" and s.history_retention_days == 90 and s.feedback_hmac_key is None
    secret = settings(database_url="postgresql://bot:pw-secret@db/bot", feedback_hmac_key="key-secret")
    assert "pw-secret" not in str(secret) and "key-secret" not in repr(secret)
    with pytest.raises(ValidationError):
        settings(history_mode="everything")
    with pytest.raises(ValidationError):
        settings(history_retention_days=0)
    with pytest.raises(ValidationError):  # was accepted, then crashed every start computing the cutoff
        settings(history_retention_days=1_000_000)


def test_vote_key_from_the_setting_or_a_private_file_beside_sqlite(tmp_path: Path) -> None:
    assert vote_key(settings(feedback_hmac_key=SecretStr("abc"))) == b"abc"
    (tmp_path / "state").mkdir()  # a given path's folder must exist (``bot.store.sqlite_folder``)
    url = f"sqlite:///{tmp_path / 'state' / 'bot.db'}"
    first = vote_key(settings(database_url=url))
    assert len(first) == 64 and vote_key(settings(database_url=url)) == first  # stable across restarts
    assert (tmp_path / "state" / "feedback_hmac.key").stat().st_mode & 0o077 == 0
    with pytest.raises(HistorySetupError, match="FEEDBACK_HMAC_KEY"):
        vote_key(settings(database_url="postgresql://bot@db/bot"))


def test_an_empty_key_file_is_reported_not_used(tmp_path: Path) -> None:
    (tmp_path / "feedback_hmac.key").write_text("")
    with pytest.raises(HistorySetupError, match="is empty: delete it"):
        vote_key(settings(database_url=f"sqlite:///{tmp_path / 'bot.db'}"))


def test_a_key_made_by_another_process_meanwhile_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes starting together: the key appears whole or not at all, and both use the first one."""
    real_link = os.link

    def other_process_first(source: str, target: str) -> None:
        assert Path(source).read_text()  # ours is complete before it can be seen
        Path(target).write_text("f" * 64)
        real_link(source, target)

    monkeypatch.setattr(os, "link", other_process_first)
    assert vote_key(settings(database_url=f"sqlite:///{tmp_path / 'bot.db'}")) == b"f" * 64
    assert [p.name for p in tmp_path.iterdir()] == ["feedback_hmac.key"]  # no half-made file left behind


def test_history_off_still_deletes_what_is_past_retention(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    old = Store(f"sqlite:///{path}", b"k", clock=lambda: utcnow() - timedelta(days=100))
    old.record_answer(AnswerRecord("a" * 32, "slack", None, "a question from full mode", False, [], "build"))
    old.close()
    history = build_history(settings(history_mode="off", database_url=f"sqlite:///{path}"))
    assert history.store is None
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM answers").fetchone() == (0,)


def test_modes(tmp_path: Path) -> None:
    off = build_history(settings(history_mode="off", database_url=f"sqlite:///{tmp_path / 'off.db'}"))
    assert off.store is None and not (tmp_path / "off.db").exists()
    anonymized = build_history(settings(history_mode="anonymized", database_url=f"sqlite:///{tmp_path / 'a.db'}"))
    assert anonymized.store is not None and anonymized.store.mode is HistoryMode.ANONYMIZED
    anonymized.close()
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(HistorySetupError, match="cannot open DATABASE_URL"):
        build_history(settings(database_url=f"sqlite:///{tmp_path / 'a-file'}/x/bot.db",
                               feedback_hmac_key="k"))
