"""At LOG_LEVEL=DEBUG no library logs the credentials it handles (``bot.wiring.configure_logging``)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.settings import Settings
from bot.wiring import configure_logging

# discord.py logs every gateway event's payload at DEBUG (an interaction's reply token among them), and its
# webhook module each follow-up's route, whose address holds that token.
CARRIERS = ("discord.gateway", "discord.client", "discord.webhook.async_", "discord.http", "slack_bolt", "slack_sdk")


@pytest.fixture
def restored_levels() -> Iterator[None]:
    names = ["", "discord", *CARRIERS, "dispute_bot.audit", "bm25s", "faiss.loader", "trafilatura"]
    saved = {name: logging.getLogger(name).level for name in names}
    handlers = list(logging.getLogger().handlers)
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)


def test_debug_logs_carry_no_discord_interaction_tokens(restored_levels: None) -> None:
    settings = Settings(_env_file=None, log_level="DEBUG")  # type: ignore[call-arg]
    configure_logging(settings)
    for name in CARRIERS:
        assert not logging.getLogger(name).isEnabledFor(logging.DEBUG), name
    assert logging.getLogger("discord.gateway").isEnabledFor(logging.INFO)  # connects and resumes still show
