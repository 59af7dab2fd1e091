"""``run --check`` checks the database too: compose's one-shot check passed with PostgreSQL down, a SQLite path
that could not be made, or a database a newer release had migrated, and the bot that followed failed at start
(and was restarted for ever). Now each is one line and exit 2, as the settings' other check failures."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from bot import runner
from bot.settings import Settings
from bot.store import HistoryMode, Store
from bot.store.migrations import newest_known
from bot.store.tables import schema_version
from tests.loopback import free_port  # a port with nothing listening (bound, then let go)


def _settings(tmp_path: Path, url: str) -> Settings:
    return Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index",  # type: ignore[call-arg]
                    database_url=url, discord_token="a-made-up-token", feedback_hmac_key="a-key-for-votes")


@pytest.fixture(autouse=True)
def no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    def ensure_index(settings: Settings) -> bool:
        raise AssertionError("the check built or loaded the index")

    monkeypatch.setattr(runner, "ensure_index", ensure_index)


def _checked(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = runner.run(_settings(tmp_path, url), check=True)
    return status, capsys.readouterr().err


def test_a_database_that_is_down_or_cannot_be_made_fails_the_check(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _checked(tmp_path, f"postgresql+psycopg://bot:s3cret@127.0.0.1:{free_port()}/bot", capsys)
    assert status == 2 and err.count("\n") == 1
    assert "DATABASE_URL can't be reached" in err and "refused" in err.lower() and "s3cret" not in err
    (tmp_path / "in-the-way").write_text("a file where the folder should be")
    status, err = _checked(tmp_path, f"sqlite:///{tmp_path / 'in-the-way' / 'bot.db'}", capsys)
    assert status == 2 and "in-the-way is a file, not a folder" in err and err.count("\n") == 1


def test_a_database_a_newer_release_migrated_fails_the_check(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    Store(url, b"key", HistoryMode.FULL, 90).close()
    status, err = _checked(tmp_path, url, capsys)
    assert status == 0 and "run would serve discord" in err  # current: passes
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.insert(schema_version).values(version=newest_known() + 1, name="a later step",
                                                      applied_at=sa.func.now()))
    engine.dispose()
    status, err = _checked(tmp_path, url, capsys)
    assert status == 2 and f"schema version {newest_known() + 1}, newer than this release" in err


def test_a_database_not_yet_made_passes_and_is_not_created(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Start-up creates and migrates it; the check only looks. (Fails before: the line said nothing of it.)"""
    status, err = _checked(tmp_path, f"sqlite:///{tmp_path / 'var' / 'bot.db'}", capsys)
    assert status == 0 and "the database answers" in err
    assert not (tmp_path / "var").exists()
