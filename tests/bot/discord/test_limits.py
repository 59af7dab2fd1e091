"""Huge results end to end: the fake Discord enforces the server-side limits, so an oversized reply fails."""

from __future__ import annotations

import aiohttp
import pytest

from bot.core import CommandCore
from bot.discord.app import DisputeBot
from bot.history_results import GapReport
from bot.results import SourcesList
from retrieval.types import Timeline, TimelineEvent
from tests.bot.conftest import returning
from tests.bot.discord import payloads as p
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.test_render import huge_answer, huge_citation

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_the_fake_refuses_what_discord_refuses(fake: FakeDiscord) -> None:
    async with aiohttp.ClientSession(headers={"Authorization": f"Bot {p.TOKEN}"}) as http:
        too_long = {"embeds": [{"description": "x" * 4000}, {"description": "y" * 2500}]}
        async with http.post(f"{fake.api_base}/channels/{p.CHANNEL_ID}/messages", json=too_long) as response:
            assert response.status == 400 and (await response.json())["code"] == 50035
        async with http.post(f"{fake.api_base}/channels/{p.CHANNEL_ID}/messages", json={"content": ""}) as response:
            assert response.status == 400 and (await response.json())["code"] == 50006
    assert len(fake.rejected) == 2


async def test_huge_answer_by_slash_command_and_by_mention(
    bot: DisputeBot, fake: FakeDiscord, discord_core: CommandCore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord_core.engine, "ask", lambda text, context=None: huge_answer())
    interaction = p.slash("ask", {"question": "anything"})
    await fake.dispatch("INTERACTION_CREATE", interaction)
    [answer] = await fake.answers(interaction["token"])
    asked = p.message(f"<@{p.BOT_ID}> anything", mentions=[p.BOT_USER])
    await fake.dispatch("MESSAGE_CREATE", asked)
    reply = await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == asked["id"]), None))
    for sent in (answer, reply):
        [embed] = sent.embeds
        assert len(embed["fields"]) == 10 and "more sources not shown" in embed["footer"]["text"]
        assert sent.pings == []
    assert fake.rejected == []


async def test_huge_timeline_is_split_into_accepted_messages(
    bot: DisputeBot, fake: FakeDiscord, discord_core: CommandCore, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = [TimelineEvent("2021-02-10", "Twitter withheld accounts " * 40, [huge_citation(n)]) for n in range(300)]
    monkeypatch.setattr(discord_core.engine, "timeline", lambda topic: Timeline(events, topic))
    interaction = p.slash("timeline")
    await fake.dispatch("INTERACTION_CREATE", interaction)
    await fake.wait_for(lambda: len(fake.visible(interaction["token"])) == 3)
    parts = await fake.answers(interaction["token"])
    assert len(parts) == 3 and not any(m.ephemeral for m in parts)
    assert "more events not shown" in parts[-1].embeds[0]["footer"]["text"]
    assert list(parts[0].files) == ["timeline.png"] and not parts[1].files  # the picture, once
    assert fake.rejected == []


async def test_a_report_of_long_questions_is_delivered_whole_and_privately(
    bot: DisputeBot, fake: FakeDiscord, discord_core: CommandCore, monkeypatch: pytest.MonkeyPatch,
    long_question_report: GapReport,
) -> None:
    monkeypatch.setattr(discord_core, "report", returning(long_question_report))
    interaction = p.slash("report", roles=(p.MOD_ROLE_ID,))
    await fake.dispatch("INTERACTION_CREATE", interaction)
    parts = await fake.answers(interaction["token"])
    assert parts and all(m.ephemeral for m in parts) and all(m.pings == [] for m in parts)
    shown = "\n".join(m.text() for m in parts)
    assert "Most down-voted answers" in shown and "not shown" not in shown
    assert fake.rejected == []


async def test_sources_too_many_for_three_messages_come_with_the_whole_list(
    bot: DisputeBot, fake: FakeDiscord, discord_core: CommandCore, monkeypatch: pytest.MonkeyPatch,
    many_sources: SourcesList,
) -> None:
    monkeypatch.setattr(discord_core, "sources", returning(many_sources))
    interaction = p.slash("sources")
    await fake.dispatch("INTERACTION_CREATE", interaction)
    await fake.wait_for(lambda: len(fake.visible(interaction["token"])) == 3)
    parts = await fake.answers(interaction["token"])
    assert [list(m.files) for m in parts] == [[], [], ["sources.txt"]]
    assert all(s.doc_id in parts[-1].files["sources.txt"].decode() for s in many_sources.sources)
    assert fake.rejected == []
