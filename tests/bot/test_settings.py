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
