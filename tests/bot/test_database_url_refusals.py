"""A DATABASE_URL no connection could use (a driver not installed, Heroku's ``postgres://``, a typo) is one line
saying what to write instead, from every command: it was a ``ModuleNotFoundError`` traceback from ``run``,
``ask`` and ``report``, or SQLAlchemy's "Can't load plugin", and ``ask``/``sources`` stopped on it though they
need no database. The password is never repeated."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot import runner, terminal
from bot.cli import main
from bot.settings import Settings
from bot.store.url_check import url_problem

SECRET = "pgSECRETpw"
NOT_INSTALLED = [f"mysql://root:{SECRET}@localhost/bot", f"postgresql+psycopg2://bot:{SECRET}@127.0.0.1:5999/bot",
                 f"postgresql+asyncpg://bot:{SECRET}@127.0.0.1:5999/bot"]
MISSPELT = [f"postgres://bot:{SECRET}@127.0.0.1:5999/bot", "sqllite:///var/bot.db"]


@pytest.mark.parametrize("url", NOT_INSTALLED)
def test_a_driver_the_bot_cannot_use_names_what_is_supported(url: str) -> None:
    problem = url_problem(url)
    assert problem is not None and "postgresql+psycopg://" in problem and SECRET not in problem
    assert "sqlite:///" in problem or "postgresql+psycopg://bot:***@127.0.0.1:5999/bot" in problem


def test_a_misspelt_scheme_says_what_to_write_instead() -> None:
    assert "did you mean postgresql+psycopg://bot:***@127.0.0.1:5999/bot" in str(url_problem(MISSPELT[0]))
    assert "did you mean sqlite:///var/bot.db?" in str(url_problem(MISSPELT[1]))
    for good in ("sqlite:///var/bot.db", "postgresql+psycopg://u:p@h/d", "postgresql://u:p@h/d", "sqlite://"):
        assert url_problem(good) is None


@pytest.mark.parametrize("url", [NOT_INSTALLED[0], *MISSPELT])
@pytest.mark.parametrize("command", [["ask", "how many accounts were ordered blocked?"], ["sources"]])
def test_ask_and_sources_answer_with_a_warning(url: str, command: list[str], env: tuple[Path, Path],
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(command) == 0
    printed = capsys.readouterr()
    assert printed.out.strip()
    assert printed.err.count("\n") == 1 and printed.err.startswith("dispute-bot: warning: DATABASE_URL starts ")
    assert "answering without the conversation history" in printed.err and SECRET not in printed.err


@pytest.mark.parametrize("url", [NOT_INSTALLED[0], MISSPELT[0]])
def test_report_stops_on_one_line(url: str, env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(SystemExit) as stopped:
        main(["report"])
    said = str(stopped.value.code)
    assert said.startswith("dispute-bot: DATABASE_URL starts ") and "\n" not in said and SECRET not in said
    assert "postgresql+psycopg://" in said


def _settings(tmp_path: Path, url: str, **tokens: str) -> Settings:
    return Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index",  # type: ignore[call-arg]
                    database_url=url, feedback_hmac_key="a-key", **tokens)


@pytest.fixture
def no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    def ensure_index(settings: Settings) -> bool:
        raise AssertionError("the index was built or loaded before the settings were checked")

    monkeypatch.setattr(runner, "ensure_index", ensure_index)


@pytest.mark.usefixtures("no_index")
@pytest.mark.parametrize("url", [*NOT_INSTALLED, *MISSPELT])
def test_run_refuses_before_the_index(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert runner.run(_settings(tmp_path, url, discord_token="a-made-up-token")) == 2
    err = capsys.readouterr().err
    assert err.startswith("dispute-bot: DATABASE_URL starts ") and err.count("\n") == 1 and SECRET not in err


@pytest.mark.usefixtures("no_index")
def test_run_check_reports_every_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """No token with no terminal, and a wrong DATABASE_URL: both said, where the check stopped at the first."""
    monkeypatch.setattr(terminal, "stdin_is_terminal", lambda: False)
    monkeypatch.setattr(terminal, "stdin_is_nothing", lambda: True)
    monkeypatch.setattr(sys, "stdin", None)
    assert runner.run(_settings(tmp_path, NOT_INSTALLED[0]), check=True) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == runner.NO_INPUT and len(lines) == 2
    assert lines[1].startswith("dispute-bot: DATABASE_URL starts mysql://") and SECRET not in lines[1]


@pytest.mark.usefixtures("no_index")
def test_a_slack_user_token_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path, f"sqlite:///{tmp_path / 'bot.db'}", slack_bot_token="xoxp-1234-5678-SECRETslack",
                         slack_app_token="xapp-1-SECRETapp")
    assert runner.run(settings, check=True) == 2
    err = capsys.readouterr().err
    assert "SLACK_BOT_TOKEN is a user token (xoxp-…)" in err and "xoxb-" in err and "SECRET" not in err
