"""Connection-level behaviour: heartbeats during slow work, the privileged intent fallback, start-up."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import math
import time

import pytest

from bot.core import CommandCore
from bot.discord.app import serve_discord
from tests.bot.conftest import hold_answers
from tests.bot.discord import payloads as p
from tests.bot.discord.conftest import BotStarter, FakeFactory, settings_for
from tests.bot.discord.fake_discord import MESSAGE_CONTENT_INTENT, FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")

WORK_SECONDS = 2.0
BEAT = 0.1


def beats_between(fake: FakeDiscord, start: float, end: float) -> list[float]:
    return [t for t in fake.heartbeats if start <= t <= end]


async def test_heartbeats_continue_while_a_question_is_computed(
    start_bot: BotStarter, discord_core: CommandCore, make_fake: FakeFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = make_fake(heartbeat_interval=BEAT)
    await start_bot(discord_core, fake)
    real_ask = discord_core.engine.ask

    def slow_ask(text: str, context: object = None) -> object:
        end = time.monotonic() + WORK_SECONDS
        while time.monotonic() < end:  # pure-Python CPU work, holding the GIL as much as Python lets it
            sum(range(1000))
        return real_ask(text, context)  # type: ignore[arg-type]

    monkeypatch.setattr(discord_core.engine, "ask", slow_ask)
    interaction = p.slash("ask", {"question": "How many accounts was Twitter ordered to block?"})
    await fake.dispatch("INTERACTION_CREATE", interaction)
    [answer] = await fake.answers(interaction["token"], timeout=20)
    state = fake.interactions[interaction["token"]]
    assert state.callback_at is not None
    assert state.callback_at - state.dispatched_at < 0.5, "deferred at once, well inside the 3-second deadline"
    assert answer.at - state.callback_at >= WORK_SECONDS
    beats = [state.callback_at, *beats_between(fake, state.callback_at, answer.at), answer.at]
    assert len(beats) - 2 >= WORK_SECONDS / BEAT / 2, f"only {len(beats) - 2} heartbeats while computing"
    assert max(b - a for a, b in itertools.pairwise(beats)) < 0.6, "the heartbeat never stalled"
    assert "257" in answer.text() or "1,178" in answer.text()

    # Control: the measurement does catch a stalled loop (what synchronous CPU work on the loop would do).
    start = time.monotonic()
    time.sleep(1.0)
    end = time.monotonic()
    await fake.wait_for(lambda: beats_between(fake, end, math.inf), timeout=5)  # the loop beats again after it
    assert len(beats_between(fake, start + 0.15, end)) == 0


async def test_without_the_message_content_intent_it_reconnects_without_it(
    discord_core: CommandCore, make_fake: FakeFactory, caplog: pytest.LogCaptureFixture
) -> None:
    fake = make_fake(allow_message_content=False)
    caplog.set_level(logging.DEBUG)
    task = asyncio.create_task(serve_discord(discord_core, settings_for(fake)))
    try:
        await fake.wait_for(lambda: len(fake.identifies) >= 2)
        first, second = fake.identifies
        assert first["intents"] & MESSAGE_CONTENT_INTENT and not second["intents"] & MESSAGE_CONTENT_INTENT
        asked = p.message(f"<@{p.BOT_ID}> Under which section of the IT Act?", mentions=[p.BOT_USER])
        await fake.dispatch("MESSAGE_CREATE", asked)
        reply = await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == asked["id"]), None))
        assert "69A" in reply.text(), "mentions still work without the intent"
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert "Message Content intent is not enabled" in caplog.text
    assert p.TOKEN not in caplog.text, "the token is never logged, even at DEBUG"
    assert f"client_id={p.APP_ID}&scope=bot+applications.commands" in caplog.text, "the invite URL is logged"


async def test_a_rejected_token_stops_with_a_clear_message(discord_core: CommandCore, fake: FakeDiscord) -> None:
    with pytest.raises(SystemExit, match="Discord rejected DISCORD_TOKEN"):
        await serve_discord(discord_core, settings_for(fake, discord_token="not-the-token"))


async def test_a_token_reset_while_running_stops_with_the_same_clear_message(
    discord_core: CommandCore, fake: FakeDiscord
) -> None:
    """A token reset in the Developer Portal (or by Discord after a leak) while the bot runs closes the gateway
    with 4004: the bot ended with a traceback and exit 1, and took Slack down with it when both ran."""
    async def reset() -> None:
        await fake.wait_for(lambda: fake.identifies)
        await fake.delivered()  # READY read: the bot is running
        fake.token_reset = True
        await fake.close_gateway(4004, b"Authentication failed.")

    resetting = asyncio.create_task(reset())
    with pytest.raises(SystemExit, match="Discord rejected DISCORD_TOKEN"):
        async with asyncio.timeout(15):  # in this task: a SystemExit raised in another escapes the event loop
            await serve_discord(discord_core, settings_for(fake))
    await resetting


async def test_an_unreachable_discord_stops_with_a_clear_message(discord_core: CommandCore, fake: FakeDiscord) -> None:
    """No network (or a wrong DISCORD_API_BASE) was an 87-line aiohttp traceback."""
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = settings_for(fake).model_copy(update={"discord_api_base": f"http://127.0.0.1:{port}/api/v10"})
    with pytest.raises(SystemExit, match=f"cannot reach Discord at http://127.0.0.1:{port}/api/v10 "):
        await serve_discord(discord_core, settings)


async def test_without_a_guild_commands_sync_globally(
    start_bot: BotStarter, discord_core: CommandCore, fake: FakeDiscord
) -> None:
    await start_bot(discord_core, fake, settings=settings_for(fake, discord_guild_id=None))
    assert list(fake.synced) == ["global"] and len(fake.synced["global"]) == 10  # /status, /restore-article joined



@pytest.mark.parametrize("op", [7, 9], ids=["reconnect-and-resume", "invalid-session"])
async def test_a_reconnect_while_an_answer_is_computed_loses_it_not_and_sends_it_once(
    start_bot: BotStarter, discord_core: CommandCore, make_fake: FakeFactory, monkeypatch: pytest.MonkeyPatch,
    op: int
) -> None:
    """Discord tells a client to reconnect (op 7 RECONNECT, then RESUME, which replays the events it missed) or
    that its session is gone (op 9 INVALID_SESSION, then a fresh IDENTIFY after discord.py's 5 s wait) at any
    time. An answer being computed meanwhile goes out over REST, once; a question asked while the bot was away
    is replayed on a RESUME and answered once; one asked on the new session is answered."""
    fake = make_fake()
    await start_bot(discord_core, fake)
    computing, release = hold_answers(discord_core, monkeypatch)
    mention = f"<@{p.BOT_ID}>"
    first = p.message(f"{mention} how many accounts was twitter ordered to block?", mentions=[p.BOT_USER])
    await fake.dispatch("MESSAGE_CREATE", first)
    await fake.wait_for(computing.is_set)
    await fake.send_op(op, False if op == 9 else None)
    asked = [first]
    if op == 7:  # sent as the bot reconnects: read on the old connection or replayed on the new one
        asked.append(p.message(f"{mention} who is ajay sawhney?", mentions=[p.BOT_USER]))
        await fake.dispatch("MESSAGE_CREATE", asked[-1])
        await fake.wait_for(lambda: fake.resumes)
    else:
        await fake.wait_for(lambda: len(fake.identifies) == 2, timeout=20)
    release.set()
    await fake.wait_for(lambda: all(any(m.reply_to == q["id"] for m in fake.messages) for q in asked), timeout=20)
    if op == 9:  # the new session's READY reached the bot (discord.py waits 2 s for its servers after it)
        asked.append(p.message(f"{mention} who is ajay sawhney?", mentions=[p.BOT_USER]))
        await asyncio.sleep(2.5)
        await fake.dispatch("MESSAGE_CREATE", asked[-1])
        await fake.wait_for(lambda: any(m.reply_to == asked[-1]["id"] for m in fake.messages), timeout=20)
    await fake.settled()
    for question in asked:
        [reply] = [m for m in fake.messages if m.reply_to == question["id"]]
        assert "1,178" in reply.text() or "Sawhney" in reply.text()
    assert len(fake.identifies) == (1 if op == 7 else 2) and len(fake.resumes) == (1 if op == 7 else 0)
    assert fake.rejected == [] and fake.unexpected == []
