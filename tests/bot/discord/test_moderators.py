"""Who moderates on Discord, with the policy the settings wire up: Manage Server counts in the servers the
operator named (or in every server of a private application), never in a server someone else made."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from bot.core import CommandCore
from bot.wiring import moderator_policy
from tests.bot.conftest import CoreFactory
from tests.bot.discord import payloads as p
from tests.bot.discord.conftest import BotStarter, settings_for
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")

REFUSED = "Only moderators can see the knowledge-gap report."
# Refused, with who moderates for the asker and how to become one: where Manage Server counts (a named server,
# any server of a private application) and where it doesn't; the fake's settings list a moderator role.
ROLES_HERE = f"{REFUSED} Here that is members of the roles the bot's operator listed: to become one, ask the bot's " \
             "operator to list you."
ADMINS_HERE = f"{REFUSED} Here that is members with Manage Server and members of the roles the bot's operator " \
              "listed: to become one, ask the bot's operator to list you, or a member with Manage Server for one " \
              "of those roles."
OTHER_GUILD = p.GUILD_ID + 777
ADMIN = p.MEMBER_PERMISSIONS | p.MANAGE_GUILD


async def report_from(fake: FakeDiscord, guild_id: int, permissions: int, roles: tuple[int, ...] = ()) -> str:
    interaction = p.slash("report", permissions=permissions, roles=roles)
    if guild_id != p.GUILD_ID:  # a server the bot was added to by someone else, not in its cache
        interaction["guild_id"] = interaction["channel"]["guild_id"] = str(guild_id)
        interaction["channel"]["id"] = interaction["channel_id"] = str(p.CHANNEL_ID + 555)
        interaction["authorizing_integration_owners"] = {"0": str(guild_id)}
    await fake.dispatch("INTERACTION_CREATE", interaction)
    [reply] = await fake.answers(interaction["token"])
    assert reply.ephemeral
    return reply.text()


def wired_core(make_core: CoreFactory, seed_index_dir: Path, fake: FakeDiscord, **settings: Any) -> CommandCore:
    return make_core(seed_index_dir, Path("/nonexistent-corpus"), moderator_policy(settings_for(fake, **settings)))


async def test_manage_server_counts_only_in_the_named_server(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, fake: FakeDiscord
) -> None:
    await start_bot(wired_core(make_core, seed_index_dir, fake), fake)  # DISCORD_GUILD_ID is the fake's server
    assert await report_from(fake, OTHER_GUILD, ADMIN) == ROLES_HERE
    assert await report_from(fake, p.GUILD_ID, p.MEMBER_PERMISSIONS) == ADMINS_HERE
    assert not (await report_from(fake, p.GUILD_ID, ADMIN)).startswith(REFUSED)
    assert await report_from(fake, OTHER_GUILD, p.MEMBER_PERMISSIONS | (1 << 3)) == ROLES_HERE  # Administrator


async def test_a_listed_server_counts_and_a_moderator_role_counts_anywhere(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, fake: FakeDiscord
) -> None:
    core = wired_core(make_core, seed_index_dir, fake, discord_guild_id=None,
                      discord_moderator_guild_ids=f"{OTHER_GUILD}")
    await start_bot(core, fake, settings_for(fake, discord_guild_id=None))
    assert not (await report_from(fake, OTHER_GUILD, ADMIN)).startswith(REFUSED)
    assert await report_from(fake, p.GUILD_ID, ADMIN) == ROLES_HERE
    interaction = p.slash("report", roles=(p.MOD_ROLE_ID,))
    await fake.dispatch("INTERACTION_CREATE", interaction)
    [reply] = await fake.answers(interaction["token"])
    assert not reply.text().startswith(REFUSED)


async def test_a_moderator_role_counts_in_a_server_the_bot_has_not_cached(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, fake: FakeDiscord
) -> None:
    """Discord sends the member's role ids with each command; they were read through the bot's role cache,
    which knows no roles of a server the bot is not in (added with applications.commands only, or the bot
    kicked and its commands left) or whose GUILD_CREATE has not arrived yet at start-up: a moderator by role
    was refused there."""
    await start_bot(wired_core(make_core, seed_index_dir, fake), fake)
    assert not (await report_from(fake, OTHER_GUILD, p.MEMBER_PERMISSIONS, roles=(p.MOD_ROLE_ID,))).startswith(REFUSED)
    assert await report_from(fake, OTHER_GUILD, p.MEMBER_PERMISSIONS, roles=(p.OTHER_ROLE_ID,)) == ROLES_HERE


async def test_a_private_application_trusts_every_server_it_is_in(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, fake: FakeDiscord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    public = p.application
    monkeypatch.setattr(p, "application", lambda: {**public(), "bot_public": False})
    await start_bot(wired_core(make_core, seed_index_dir, fake), fake)
    assert not (await report_from(fake, OTHER_GUILD, ADMIN)).startswith(REFUSED)
    assert await report_from(fake, OTHER_GUILD, p.MEMBER_PERMISSIONS) == ADMINS_HERE


async def test_a_public_application_without_named_servers_warns_at_start(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, fake: FakeDiscord,
    caplog: pytest.LogCaptureFixture,
) -> None:
    core = wired_core(make_core, seed_index_dir, fake, discord_guild_id=None)
    with caplog.at_level(logging.WARNING, logger="bot.discord"):
        await start_bot(core, fake, settings_for(fake, discord_guild_id=None))
    assert any("DISCORD_MODERATOR_GUILD_IDS" in r.getMessage() for r in caplog.records)
    assert await report_from(fake, p.GUILD_ID, ADMIN) == ROLES_HERE


async def test_a_moderator_listed_by_user_id_may_moderate_in_a_dm(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, fake: FakeDiscord
) -> None:
    """In a DM nobody has a role or Manage Server: the README promised users listed by id, and there was no
    setting for them, so /report and /reindex were refused there for everyone."""
    core = wired_core(make_core, seed_index_dir, fake, discord_moderator_ids=f"{p.USER_ID}")
    await start_bot(core, fake)
    for user_id, allowed in ((p.USER_ID, True), (p.USER_ID + 1, False)):
        interaction = p.bot_dm_slash("report", user_id)
        await fake.dispatch("INTERACTION_CREATE", interaction)
        [reply] = await fake.answers(interaction["token"])
        said = f"{REFUSED} Here that is the users and roles the bot's operator listed: to become one, ask the " \
               "bot's operator to list you."  # in a DM nobody holds Manage Server
        assert reply.ephemeral and (reply.text() == said) is not allowed, (user_id, reply.text())


async def test_manage_server_where_only_a_user_installed_the_app_makes_no_moderator(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, fake: FakeDiscord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A private application trusts Manage Server in every server it is in, since only its owner adds it to
    one. A user's own install runs commands in servers it is not in, any server that user made among them:
    should a moderator command come from there (Discord offers none there; a client's stale command list),
    the core refuses it, ephemerally. A moderator role the operator listed still counts there."""
    public = p.application
    monkeypatch.setattr(p, "application", lambda: {**public(), "bot_public": False})
    await start_bot(wired_core(make_core, seed_index_dir, fake), fake)
    for roles, allowed in (((), False), ((p.MOD_ROLE_ID,), True)):
        interaction = p.user_installed(p.slash("report", permissions=ADMIN, roles=roles), "server")
        await fake.dispatch("INTERACTION_CREATE", interaction)
        [reply] = await fake.answers(interaction["token"])
        assert reply.ephemeral and (reply.text() == ROLES_HERE) is not allowed, (roles, reply.text())


MODERATOR_COMMANDS = ("reindex", "add-article", "remove-article", "restore-article", "report", "index-history")


@pytest.mark.parametrize(("listed", "shown_to"), [
    ({}, str(p.MANAGE_GUILD)),  # moderators are the servers' Manage Server holders alone: shown to them only
    ({"discord_moderator_ids": [p.USER_ID]}, None),  # a listed user may lack Manage Server: shown to everyone
    ({"discord_moderator_role_ids": [p.MOD_ROLE_ID]}, None),
    ({"slack_moderator_ids": ["U1"]}, str(p.MANAGE_GUILD)),  # Slack's moderators are no Discord moderators
])
async def test_moderator_commands_are_shown_to_manage_server_when_only_it_makes_moderators(
    start_bot: BotStarter, make_core: CoreFactory, seed_index_dir: Path, fake: FakeDiscord,
    listed: dict[str, Any], shown_to: str | None,
) -> None:
    """/reindex, /add-article, /remove-article and /report were offered to every member, who was then refused.
    Where only Manage Server makes a moderator they are registered for it (``default_member_permissions``),
    in servers only: in a DM only listed users moderate. The read-only commands stay everyone's."""
    settings = settings_for(fake, discord_guild_id=None, **{"discord_moderator_role_ids": [], **listed})
    await start_bot(make_core(seed_index_dir, Path("/nonexistent-corpus"), moderator_policy(settings)), fake, settings)
    synced = {c["name"]: c for c in fake.synced["global"]}
    for name, command in synced.items():
        moderators_only = name in MODERATOR_COMMANDS
        sent = command.get("default_member_permissions")
        assert (None if sent is None else str(sent)) == (shown_to if moderators_only else None), name
        assert command["contexts"] == ([0] if moderators_only and shown_to else [0, 1]), name
    assert fake.rejected == [] and fake.unexpected == []
