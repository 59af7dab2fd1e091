"""Help on Slack as its asker can use it: a workspace admin is told their moderator commands, as their App Home
shows them, by the core's one rule (looked up only when help is asked for); and /ask's help goes to its asker
alone, as a refusal does (a mention's stays where it was asked, in the open, as on Discord)."""

from __future__ import annotations

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from tests.bot.slack.slack_requests import command_reply, message_event, posts_in, send_event, settled, shown_text
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")


def looked_up(stub: StubSlack) -> list[str]:
    """Whose admin flags were read (the bot's own profile is read for its names, ``OwnNames``)."""
    return [str(c.params["user"]) for c in stub.calls if c.method == "users.info" and c.params["user"] != BOT_USER_ID]


async def test_a_workspace_admins_help_names_their_commands_as_the_app_home_does(
    stub: StubSlack, seed_app: AsyncApp, seed_core: CommandCore
) -> None:
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> how many accounts were blocked?", user="UADMIN",
                                             kind="app_mention"))
    await settled(seed_core)
    assert looked_up(stub) == [] and stub.posted("chat.postMessage")  # a question costs no lookup of who asked
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> help", user="UADMIN", kind="app_mention"))
    help_ = shown_text((await posts_in(stub, "chat.postMessage", 2))[-1])
    assert "As a moderator you also have" in help_ and "/reindex" in help_ and "/index-history" in help_
    reply = await command_reply(stub, seed_app, "/ask", "who can add articles?", user="UOWNER")
    assert reply["response_type"] == "ephemeral" and reply["text"].startswith("You are a moderator")
    assert looked_up(stub) == ["UADMIN", "UOWNER"]


async def test_a_member_is_not_told_the_moderator_commands(stub: StubSlack, seed_app: AsyncApp) -> None:
    reply = await command_reply(stub, seed_app, "/ask", "how do I add an article?", user="UASKER")
    assert reply["text"].startswith("Only moderators add articles")
    assert reply["response_type"] == "ephemeral"  # for the asker alone, like a refusal


async def test_slash_ask_help_is_shown_to_its_asker_alone(stub: StubSlack, seed_app: AsyncApp) -> None:
    reply = await command_reply(stub, seed_app, "/ask", "help")
    assert reply["response_type"] == "ephemeral" and "how do I add an article?" in reply["text"]
    assert "As a moderator" not in reply["text"]


async def test_an_admins_help_in_a_dm_names_their_commands(stub: StubSlack, seed_app: AsyncApp,
                                                           seed_core: CommandCore) -> None:
    await send_event(seed_app, message_event("help", user="UADMIN", channel="D1", channel_type="im"))
    posted = await posts_in(stub, "chat.postMessage")
    await settled(seed_core)
    assert "As a moderator you also have" in shown_text(posted[0]) and not stub.posted("chat.postEphemeral")


async def test_help_names_no_admins_to_someone_whose_lookup_failed(stub: StubSlack, seed_app: AsyncApp) -> None:
    """Without users:read (or with users.info down) the asker may be a Slack Connect guest, whose own workspace's
    admins are no moderators: the help said "this workspace's admins and owners" moderate for them all the same."""
    stub.scopes.discard("users:read")
    reply = await command_reply(stub, seed_app, "/ask", "how do I add an article?", user="UGUEST")
    assert "users.info" in [c.method for c in stub.calls]  # looked up, and refused
    assert reply["text"].startswith("Only moderators add articles (who they are")
    assert "admins" not in reply["text"] and "owners" not in reply["text"]
