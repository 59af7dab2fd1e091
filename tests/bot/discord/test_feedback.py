"""👍/👎 buttons and follow-ups through the real discord.py code path, against the fake Discord."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
import sqlalchemy as sa

from bot.store.tables import votes
from tests.bot.conftest import CoreFactory, HistoryFactory
from tests.bot.discord import payloads as p
from tests.bot.discord.conftest import MODERATORS, BotStarter
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.fake_records import Sent

pytestmark = pytest.mark.asyncio(loop_scope="session")
NOWHERE = Path("/nonexistent-corpus")


async def click(fake: FakeDiscord, custom_id: str, message: Sent, user_id: int = p.USER_ID) -> tuple[Sent, float]:
    interaction = p.button_click(custom_id, fake.message_json(message), user_id=user_id)
    await fake.dispatch("INTERACTION_CREATE", interaction)
    [reply] = await fake.answers(interaction["token"])
    state = fake.interactions[interaction["token"]]
    assert state.callback_at is not None
    return reply, state.callback_at - state.dispatched_at


async def test_votes_are_acknowledged_privately_and_work_after_a_restart(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
    fake: FakeDiscord,
) -> None:
    core = make_core(seed_index_dir, NOWHERE, MODERATORS, history=make_history())
    bot = await start_bot(core, fake)
    asked = p.slash("ask", {"question": "What app is the government promoting as an alternative to Twitter?"})
    await fake.dispatch("INTERACTION_CREATE", asked)
    [answer] = await fake.answers(asked["token"])
    [row] = answer.body["components"]
    up, down = (button["custom_id"] for button in row["components"])
    assert up.startswith("fb:up:") and down.startswith("fb:down:") and up[6:] == down[8:]
    assert [b["emoji"]["name"] for b in row["components"]] == ["👍", "👎"]
    shared = dict(answer.body)

    thanks, delay = await click(fake, up, answer)
    assert delay < 1.0, "acknowledged at once, well inside the 3 seconds"
    assert thanks.ephemeral and thanks.content.startswith("Thanks") and thanks.pings == []

    # A restart: a new process (new client, new core) over the same database; the old message's buttons work.
    await bot.close()
    restarted = make_core(seed_index_dir, NOWHERE, MODERATORS, history=make_history())
    await start_bot(restarted, fake)
    changed, delay = await click(fake, down, answer)
    assert delay < 1.0
    assert changed.ephemeral and "changed" in changed.content
    assert changed.embeds and changed.embeds[0]["fields"], "a 👎 offers the next-best passages"

    other, _ = await click(fake, down, answer, user_id=p.OTHER_BOT_ID)
    assert other.ephemeral and other.content.startswith("Thanks")
    assert answer.body == shared, "the shared answer is never edited: nobody's vote shows"
    store = restarted.history.store
    assert store is not None
    with store.engine.connect() as conn:
        assert sorted(r.vote for r in conn.execute(sa.select(votes))) == [-1, -1]
    assert fake.rejected == [] and fake.unexpected == []


async def test_follow_up_in_the_thread_says_what_was_searched_for(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
    fake: FakeDiscord,
) -> None:
    core = make_core(seed_index_dir, NOWHERE, MODERATORS, history=make_history())
    bot = await start_bot(core, fake)
    asked = p.message(f"<@{p.BOT_ID}> Who is Ajay Prakash Sawhney?", mentions=[p.BOT_USER])
    await fake.dispatch("MESSAGE_CREATE", asked)
    first = await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == asked["id"]), None))
    [thread] = await fake.wait_for(lambda: fake.threads)
    await fake.wait_for(lambda: bot.conversations.is_bot_thread(discord.Object(int(thread["id"]))))
    follow = p.message("and when is he expected to meet Twitter?", channel_id=int(thread["id"]))
    await fake.dispatch("MESSAGE_CREATE", follow)
    second = await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == follow["id"]), None))
    footer = second.embeds[0]["footer"]["text"]
    assert footer.startswith("Searched for: and when is he expected to meet Twitter?") and "Sawhney" in footer
    assert "Searched for" not in first.embeds[0]["footer"]["text"]
    assert first.body.get("components") and second.body.get("components")


async def test_a_thanks_whose_response_was_lost_is_shown_once(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
    fake: FakeDiscord,
) -> None:
    """Discord created the private thanks but its response was lost (a 502 from the edge): discord.py retried
    the follow-up, which carries no nonce, and the clicker was thanked twice."""
    await start_bot(make_core(seed_index_dir, NOWHERE, MODERATORS, history=make_history()), fake)
    asked = p.slash("ask", {"question": "What app is the government promoting as an alternative to Twitter?"})
    await fake.dispatch("INTERACTION_CREATE", asked)
    [answer] = await fake.answers(asked["token"])
    up = answer.body["components"][0]["components"][0]["custom_id"]
    fake.lost_webhook_responses = 1
    interaction = p.button_click(up, fake.message_json(answer))
    await fake.dispatch("INTERACTION_CREATE", interaction)
    # ``answers`` settles: the handling is over, and discord.py's retry of the follow-up (1 s later) is made
    # inside it, so a second thanks would show by then.
    await fake.answers(interaction["token"])
    [thanks] = fake.visible(interaction["token"])
    assert thanks.ephemeral and thanks.content.startswith("Thanks")
    assert fake.rejected == [(f"webhook {interaction['token']}", {"": "502 after create"})]


async def test_clicks_past_the_vote_budget_are_acknowledged_and_told_to_slow_down(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
    fake: FakeDiscord,
) -> None:
    """Each click was a vote written to the store, however fast one user clicked. Past the vote budget a click
    is still acknowledged at once, and told privately to slow down; nothing more is written."""
    core = make_core(seed_index_dir, NOWHERE, MODERATORS, history=make_history(), vote_limit_per_minute=6,
                     vote_limit_burst=2)
    await start_bot(core, fake)
    asked = p.slash("ask", {"question": "What app is the government promoting as an alternative to Twitter?"})
    await fake.dispatch("INTERACTION_CREATE", asked)
    [answer] = await fake.answers(asked["token"])
    up, down = (button["custom_id"] for button in answer.body["components"][0]["components"])
    shown = []
    for n in range(4):
        reply, delay = await click(fake, up if n % 2 else down, answer)
        assert delay < 1.0 and reply.ephemeral
        shown.append(reply.content)
    assert [c.startswith("Slow down") for c in shown] == [False, False, True, True]
    store = core.history.store
    assert store is not None
    with store.engine.connect() as conn:
        assert [r.vote for r in conn.execute(sa.select(votes))] == [1], "the second click changed the first"
    assert fake.rejected == [] and fake.unexpected == []
