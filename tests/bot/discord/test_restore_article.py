"""/restore-article through the real discord.py code path against the fake Discord: for moderators, private,
offering the removed articles by title and date as a moderator types. Fails before (there was no such command)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core import CommandCore
from tests.bot.discord import payloads as p
from tests.bot.discord.conftest import BECOME, BotStarter
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.test_article_ids import offered as offered_for
from tests.bot.discord.test_commands import run

pytestmark = pytest.mark.asyncio(loop_scope="session")

ARTICLE = (b"---\ntitle: Koo crosses three million users\ndate: 2021-02-11\n---\n"
           b"Koo said on Thursday that it had crossed three million users as union ministers joined it.\n")


async def offered(fake: FakeDiscord, typed: str, roles: tuple[int, ...]) -> list[dict[str, Any]]:
    return await offered_for(fake, typed, roles, "restore-article")


async def test_a_removed_article_is_offered_and_restored(
    start_bot: BotStarter, writable_discord_core: CommandCore, fake: FakeDiscord
) -> None:
    await start_bot(writable_discord_core, fake)
    commands = {c["name"]: c for c in fake.synced[str(p.GUILD_ID)]}
    [option] = commands["restore-article"]["options"]
    assert option["autocomplete"] is True  # offered, and declared for moderators, as /remove-article is
    assert commands["restore-article"].get("default_member_permissions") == \
        commands["remove-article"].get("default_member_permissions")
    file = p.attachment("koo.md", fake.file_url("koo.md", ARTICLE), len(ARTICLE))
    [added] = await run(fake, "add-article", files={"file": file}, roles=(p.MOD_ROLE_ID,))
    assert "added: koo (“Koo crosses three million users”, 2021-02-11)" in added.text(), added.text()
    assert await offered(fake, "koo", (p.MOD_ROLE_ID,)) == []  # live: nothing to restore
    [removed] = await run(fake, "remove-article", {"article_id": "koo"}, roles=(p.MOD_ROLE_ID,))
    assert "removed: koo (“Koo crosses three million users”, 2021-02-11)" in removed.text(), removed.text()

    [choice] = await offered(fake, "three million", (p.MOD_ROLE_ID,))
    assert choice["value"] == "koo" and choice["name"].startswith("Koo crosses three million users · 2021-02-11")
    assert await offered(fake, "three million", ()) == []  # a member may not restore: offered none

    [refused] = await run(fake, "restore-article", {"article_id": "koo"})
    assert refused.ephemeral and refused.text() == f"Only moderators can restore articles. {BECOME}"
    [restored] = await run(fake, "restore-article", {"article_id": "koo"}, roles=(p.MOD_ROLE_ID,))
    assert restored.ephemeral and "restored: koo (“Koo crosses three million users”" in restored.text()
    [again] = await run(fake, "restore-article", {"article_id": "koo"}, roles=(p.MOD_ROLE_ID,))
    assert again.ephemeral and "remove it first (/remove-article koo)" in again.text(), again.text()
