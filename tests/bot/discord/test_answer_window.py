"""A reply to the bot's answer that comes before Discord's response to sending (or editing in) that answer.

People see the answer when Discord has made it, a round trip before the bot hears back (a second or more when
discord.py retries a 502). The fake holds that response (``hold_responses``) until the test has sent its reply
and the bot has taken it, so the order is fixed, not timed.
"""

from __future__ import annotations

import pytest

from bot.core import CommandCore
from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import FIRST, FOLLOW_UP, MENTION, reply_to, say, searched
from tests.bot.discord.conftest import BotStarter
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.fake_records import Sent

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def replied_in_the_window(fake: FakeDiscord, bot: DisputeBot, answer: Sent) -> None:
    """Reply to ``answer`` while Discord's response to it is held; once the bot has taken the reply (its
    conversation is chosen as it is taken), let the response through. The reply goes on with the conversation."""
    follow = await say(fake, FOLLOW_UP, replying_to=fake.message_json(answer))
    await fake.wait_for(lambda: int(str(follow["id"])) in bot.conversations._asked)
    await fake.release_responses()
    assert searched(await reply_to(fake, follow))
    await fake.settled()
    assert fake.rejected == [] and fake.unexpected == []


@pytest.mark.parametrize("named", [True, False], ids=["id-in-callback", "id-fetched"])
async def test_a_reply_before_the_ask_answers_edit_comes_back_goes_on_with_it(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord, named: bool
) -> None:
    """/ask in a plain channel: its conversation was tied to the answer's message once the edit filling in
    "thinking…" came back, so a reply to the answer before then was asked alone. The message's id is known
    from the deferral (Discord's ``response_message_id``, or the "thinking…" message fetched when Discord
    leaves it out), before anyone sees the answer."""
    bot = await start_bot(talking_core, fake)
    fake.names_response_message = named
    fake.hold_responses = True
    try:
        asked = p.slash("ask", {"question": FIRST})
        await fake.dispatch("INTERACTION_CREATE", asked)
        [answer] = await fake.wait_for(lambda: fake.visible(asked["token"]))
        assert "Sawhney" in answer.text()
        await replied_in_the_window(fake, bot, answer)
    finally:
        await fake.release_responses()


@pytest.mark.parametrize("how", ["mention", "edited"])
async def test_a_reply_before_the_mention_answers_send_comes_back_goes_on_with_it(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord, how: str
) -> None:
    """A mention in a plain channel, or a refused question edited into one: its answer was remembered for
    replies once Discord's response to sending it came back, so a reply to it before then was asked alone
    (in a conversation of its own). It now waits for the answer it replies to to be remembered."""
    bot = await start_bot(talking_core, fake)
    if how == "edited":  # refused (empty), then edited into the question: asked again
        asked = await say(fake, MENTION, mentions=[p.BOT_USER])
        await reply_to(fake, asked)
        await fake.settled()
        edited = {**asked, "content": f"{MENTION} {FIRST}", "edited_timestamp": p.TIMESTAMP}
    fake.hold_responses = True
    try:
        if how == "edited":
            await fake.dispatch("MESSAGE_UPDATE", edited)
            answer = await fake.wait_for(lambda: next((m for m in fake.messages if "Sawhney" in m.text()), None))
        else:
            answer = await reply_to(fake, await say(fake, f"{MENTION} {FIRST}", mentions=[p.BOT_USER]))
        await replied_in_the_window(fake, bot, answer)
    finally:
        await fake.release_responses()


async def test_an_answer_whose_message_cannot_be_read_first_still_comes_and_goes_on_after(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord
) -> None:
    """Discord leaving the response's id out and the read of it failing (a dropped connection) must not cost
    the answer: it is delivered, and tied to its conversation once delivered, as before."""
    await start_bot(talking_core, fake)
    fake.names_response_message, fake.drop_original_reads = False, True
    asked = p.slash("ask", {"question": FIRST})
    await fake.dispatch("INTERACTION_CREATE", asked)
    [answer] = await fake.answers(asked["token"])
    assert "Sawhney" in answer.text()
    assert set(fake.dropped) == {f"original of {asked['token']}"}  # the read was tried (and retried)
    follow = await say(fake, FOLLOW_UP, replying_to=fake.message_json(answer))
    assert searched(await reply_to(fake, follow))
