"""A SQLite ``DATABASE_URL`` whose folder does not exist: made when its parent exists (the default's ``var/``),
never a chain of folders. A mistyped path (``sqlite:////nonexistent/dir/bot.db``) silently created the folders,
a database and a vote key there."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import Settings
from bot.store.engines import open_engine, sqlite_file
from bot.store.sqlite_folder import DEFAULT_SQLITE_FILE


def test_a_mistyped_sqlite_folder_is_named_and_not_created(
    env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nonexistent" / "dir"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing / 'bot.db'}")
    assert main(["ask", "how many accounts were ordered blocked?"]) == 0  # answered without the store
    printed = capsys.readouterr()
    assert "accounts" in printed.out
    assert ("DATABASE_URL can't be reached (its SQLite file's folder does not exist (make it first, or correct the "
            f"path): {missing})") in printed.err
    assert not (tmp_path / "nonexistent").exists()  # no folder, no bot.db, no feedback_hmac.key
    with pytest.raises(SystemExit, match="its SQLite file's folder does not exist"):  # report needs the store
        main(["report"])
    assert not (tmp_path / "nonexistent").exists()
    # The default's folder, var/, which a fresh checkout lacks, is still made.
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL")
    assert sqlite_file(Settings().database_url.get_secret_value()) == DEFAULT_SQLITE_FILE
    open_engine("sqlite:///var/bot.db").dispose()
    assert (tmp_path / "var").is_dir()
