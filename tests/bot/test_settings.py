from __future__ import annotations

from pathlib import Path

import pytest

from bot.runner import choose_platforms
from bot.settings import Settings


def test_defaults_and_lists(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_MODERATOR_ROLE_IDS", "1, 2")
    monkeypatch.setenv("SLACK_MODERATOR_IDS", '["U1", "U2"]')
    monkeypatch.setenv("DISCORD_GUILD_ID", "")
    s = Settings()
    assert s.corpus_dir == Path("corpus") and s.index_dir == Path("var/index")
    assert s.embedding_model == "all-MiniLM-L6-v2"
    assert s.discord_moderator_role_ids == [1, 2] and s.slack_moderator_ids == ["U1", "U2"]
    assert s.discord_guild_id is None and choose_platforms(s, "auto") == ["terminal"]


def test_tokens_never_appear_in_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("DISCORD_TOKEN=secret-discord\nSLACK_BOT_TOKEN=xoxb-secret\n")
    s = Settings()
    assert s.has_discord and s.has_slack
    for text in (str(s), repr(s), s.model_dump_json()):
        assert "secret-discord" not in text and "xoxb-secret" not in text
    assert choose_platforms(s, "auto") == ["discord", "slack"]
    assert s.discord_token is not None and s.discord_token.get_secret_value() == "secret-discord"


def test_settings_mistakes_are_one_line_each_by_variable_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """pydantic's report ran to several lines per error, in lower case, with links; a malformed DATABASE_URL
    was a SQLAlchemy traceback after the index build; a misspelt name in .env was ignored without a word."""
    from bot.cli import main

    for name in ("RATE_LIMIT_PER_MINUTE", "HISTORY_RETENTION_DAYS", "DATABASE_URL", "HISTORY_MODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("HISTORY_MOD=off\nRATE_LIMIT_PER_MINUTE=abc\nHISTORY_RETENTION_DAYS=-1\n"
                                   "DATABASE_URL=postgres-password-in-here\nPOSTGRES_PASSWORD=x\n", encoding="utf-8")
    assert main(["sources"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0] == "dispute-bot: warning: .env sets HISTORY_MOD, which is no setting: did you mean HISTORY_MODE?"
    assert any(line.startswith("dispute-bot: bad setting RATE_LIMIT_PER_MINUTE='abc': ") for line in lines)
    assert any(line.startswith("dispute-bot: bad setting HISTORY_RETENTION_DAYS='-1': ") for line in lines)
    assert any(line.startswith("dispute-bot: bad setting DATABASE_URL: is not a database URL") for line in lines)
    assert len(lines) == 4 and "postgres-password-in-here" not in "\n".join(lines)
    assert "POSTGRES_PASSWORD" not in "\n".join(lines)  # compose's variable, nothing like a setting


def test_the_vote_budget_is_a_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """👍/👎 had a budget of their own that only code could change: an operator whose users vote in bursts
    (a moderator reviewing answers) could not raise it, nor turn it off."""
    from bot.wiring import core_config

    monkeypatch.chdir(tmp_path)
    defaults = core_config(Settings())
    assert (defaults.vote_limit_per_minute, defaults.vote_limit_burst) == (20.0, 6)
    monkeypatch.setenv("VOTE_RATE_LIMIT_PER_MINUTE", "0")
    monkeypatch.setenv("VOTE_RATE_LIMIT_BURST", "12")
    config = core_config(Settings())
    assert (config.vote_limit_per_minute, config.vote_limit_burst) == (0.0, 12)


def test_tokens_lose_a_trailing_newline_and_the_quotes_around_them(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A Kubernetes secret made from a file ends in a newline; ``docker run --env-file`` keeps quotes. Kept,
    the signing secret's newline made every Slack request's signature wrong (all refused with 401), and a
    quoted app-level token was told it was "not xapp-"."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "0123abcd\n")
    monkeypatch.setenv("SLACK_APP_TOKEN", '"xapp-1-A"')
    monkeypatch.setenv("DISCORD_TOKEN", "  'MTA.x.y'  \r\n")
    monkeypatch.setenv("SLACK_BOT_TOKEN", '""')
    monkeypatch.setenv("DATABASE_URL", '"sqlite:///var/other.db"\n')
    s = Settings()
    secrets = (s.slack_signing_secret, s.slack_app_token, s.discord_token)
    assert [x.get_secret_value() if x else None for x in secrets] == ["0123abcd", "xapp-1-A", "MTA.x.y"]
    assert s.slack_bot_token is None and s.database_url.get_secret_value() == "sqlite:///var/other.db"
    monkeypatch.setenv("SLACK_SIGNING_SECRET", 'ab"cd')  # a quote inside is the secret's own
    assert (secret := Settings().slack_signing_secret) is not None and secret.get_secret_value() == 'ab"cd'


def test_a_log_level_that_is_no_level_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """LOG_LEVEL=verbose (or a typo of DEBUG) logged at INFO without a word: the operator who asked for more
    lines got none and no reason. It is refused in one line like any other bad setting; case doesn't matter."""
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOG_LEVEL", " debug ")
    assert Settings().log_level == "DEBUG"
    monkeypatch.setenv("LOG_LEVEL", "verbose")
    assert main(["sources"]) == 2
    assert capsys.readouterr().err.startswith("dispute-bot: bad setting LOG_LEVEL='verbose': ")


@pytest.mark.parametrize("value", ['"Bot MTA.x.y"', "MTA.x.y\nMTA.z.w", "MTA.x y"])
def test_a_token_with_a_space_or_a_line_break_inside_is_refused_before_any_work(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    """No Discord or Slack token holds whitespace: a pasted "Bot " prefix or two lines were kept, and the bot
    built and loaded the index before the platform refused the login. Refused at once, the value not repeated."""
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", value)
    assert main(["run", "--check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dispute-bot: bad setting DISCORD_TOKEN: holds a space or a line break")
    assert "MTA" not in err and len(err.splitlines()) == 1
