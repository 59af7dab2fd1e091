"""Mentions are dropped from questions on every platform, so they neither spoil nor change an answer."""

from __future__ import annotations

import pytest

from bot.core import CommandCore
from bot.slack.mrkdwn import plain_from_slack
from bot.validation import clean_question, clean_topic
from retrieval.types import Answer

PLAIN = "how many accounts were ordered blocked?"


@pytest.mark.parametrize("text", [
    f"@everyone @channel {PLAIN}",
    f"@here {PLAIN} @EVERYONE",
    f"<@123456789012345678> <@!123456789012345678> <@&42> <#99> {PLAIN}",
    f"<!everyone> <!channel> <!here> <!subteam^S0123|@fact-checkers> <@U024BE7LH> <@W1|ravi> {PLAIN}",
    f"<#C024BE7LR|general> <!here|@here> {PLAIN}",
    f"@every\u200bone {PLAIN}",  # a zero-width space does not hide a broadcast
])
def test_mentions_of_every_platform_are_removed(text: str) -> None:
    assert clean_question(text, 1000) == PLAIN


def test_handles_hashtags_and_addresses_stay() -> None:
    text = "what did @TwitterIndia say about #ModiPlanningFarmerGenocide to press@everyone.example?"
    assert clean_question(text, 1000) == text
    assert clean_topic("<!channel> Section 69A", 100) == "Section 69A"


def test_a_question_of_mentions_only_is_empty() -> None:
    with pytest.raises(ValueError, match="Please ask a question"):
        clean_question("<!everyone> @here <@U1>", 1000)


@pytest.mark.parametrize("text", [
    f"@everyone @channel {PLAIN}",  # as typed on Discord
    plain_from_slack(f"<@UBOT> <!everyone> <!channel> {PLAIN}", "UBOT"),  # as Slack delivers it
])
async def test_answer_is_the_plain_questions(seed_core: CommandCore, text: str) -> None:
    plain = await seed_core.ask(PLAIN)
    mentioned = await seed_core.ask(text)
    assert isinstance(plain, Answer) and isinstance(mentioned, Answer)
    assert mentioned == plain
    assert mentioned.answered and "1,178" in mentioned.text
