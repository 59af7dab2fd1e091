"""Talking to the bot through the real discord.py code path, against the fake Discord: posting a message, waiting for
the reply to it, editing it; and the questions the tests ask."""

from __future__ import annotations

from tests.bot.discord import payloads as p
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.fake_records import Sent

MENTION = f"<@{p.BOT_ID}>"
QUESTION = "how many accounts was Twitter ordered to block?"
FIRST, FOLLOW_UP = "Who is Ajay Prakash Sawhney?", "and when is he expected to meet Twitter?"


async def say(fake: FakeDiscord, content: str, **kw: object) -> dict[str, object]:
    message = p.message(content, **kw)  # type: ignore[arg-type]
    await fake.dispatch("MESSAGE_CREATE", message)
    return message


async def reply_to(fake: FakeDiscord, message: dict[str, object]) -> Sent:
    return await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == message["id"]), None))


def searched(sent: Sent) -> bool:
    """Whether the answer says it searched with words from earlier in the conversation."""
    return str(sent.embeds[0]["footer"]["text"]).startswith("Searched for:")


async def edit(fake: FakeDiscord, message: dict[str, object], content: str, **kw: object) -> dict[str, object]:
    """Discord's MESSAGE_UPDATE for ``message`` edited to ``content`` (the whole message, as Discord sends it)."""
    edited = {**p.message(content, **kw), "id": message["id"], "edited_timestamp": p.TIMESTAMP}  # type: ignore[arg-type]
    await fake.dispatch("MESSAGE_UPDATE", edited)
    return edited
