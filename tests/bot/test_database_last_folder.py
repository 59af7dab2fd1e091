"""A typo in the last folder of a SQLite ``DATABASE_URL`` (``/srv/bot/dtaa/bot.db`` with ``/srv/bot`` there) is
refused as one in an earlier folder is: the folder was made, with a warning the command line never showed, and
the history went into it. Only the default's ``var/`` is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.store.engines import open_engine


def test_a_missing_last_folder_of_a_given_path_is_named_and_not_made(
    env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo"  # tmp_path exists: only the last folder is mistyped
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{typo / 'bot.db'}")
    assert main(["ask", "how many accounts were ordered blocked?"]) == 0  # answered without the store
    printed = capsys.readouterr()
    assert "accounts" in printed.out
    assert f"its SQLite file's folder does not exist (make it first, or correct the path): {typo})" in printed.err
    with pytest.raises(SystemExit, match="folder does not exist"):  # report needs the store
        main(["report"])
    assert not typo.exists()  # no folder, no bot.db, no feedback_hmac.key


def test_the_default_var_folder_is_made_where_the_bot_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    open_engine("sqlite:///var/bot.db").dispose()
    assert (tmp_path / "var").is_dir()
    with pytest.raises(FileNotFoundError, match="folder does not exist"):  # the same folder, named otherwise
        open_engine(f"sqlite:///{tmp_path / 'other' / 'bot.db'}")
