"""Help as the asker can use it: how an article is added (in their platform's words, who may, what happens next,
how to remove one or rebuild), and a moderator's commands in the help."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.actors import LOCAL_USER, Actor, ModeratorPolicy
from bot.core import CommandCore
from bot.results import Reply
from bot.smalltalk import small_talk
from tests.bot.conftest import CoreFactory

DISCORD_MOD = Actor("discord", "42", "mod", role_ids=frozenset({"777"}), home="discord:1")
DISCORD_MEMBER = Actor("discord", "43", "member", role_ids=frozenset({"1"}), home="discord:1")
SLACK_MEMBER = Actor("slack", "U2", "member", home="slack:T1")
SLACK_LISTED = Actor("slack", "U9", "listed", home="slack:T1")


@pytest.fixture
def core(make_core: CoreFactory, seed_index_dir: Path) -> CommandCore:
    policy = ModeratorPolicy(user_ids=frozenset({"slack:U9"}), role_ids=frozenset({"777"}))
    return make_core(seed_index_dir, Path("/nonexistent-corpus"), policy)


@pytest.mark.parametrize("text", [
    "how do I add an article?", "How can I upload a source", "can i add articles", "who can add articles?",
    "how to add a news article to the bot", "i want to submit a link", "how do moderators add more stories",
    "how do i remove an article", "adding articles", "how do we rebuild the index",
])
def test_asking_how_articles_get_in_is_help_not_a_question(text: str) -> None:
    """Searched, "how do i add an article?" was declined over three passages about accounts."""
    reply = small_talk(text)
    assert reply is not None and reply.about == "adding"


@pytest.mark.parametrize("text", [
    "how did twitter add a label to the tweets", "can the government add articles to the IT act",
    "how to add an article 69a order", "who can remove accounts", "how do i add",
])
def test_questions_about_the_dispute_stay_questions(text: str) -> None:
    reply = small_talk(text)
    assert reply is None or reply.about != "adding"


async def test_a_discord_moderator_is_told_to_use_add_article(core: CommandCore) -> None:
    reply = await core.ask("how do I add an article?", DISCORD_MOD)
    assert isinstance(reply, Reply) and reply.ephemeral  # for the asker alone, as a refusal is
    assert "/add-article" in reply.text and "url" in reply.text and "You are a moderator" in reply.text
    assert "/remove-article" in reply.text and "/reindex" in reply.text and "replaces it" in reply.text


async def test_a_slack_member_is_told_who_may_and_what_to_do_instead(core: CommandCore) -> None:
    reply = await core.ask("How can I add a source?", SLACK_MEMBER)
    assert isinstance(reply, Reply)
    assert "Only moderators" in reply.text and "admins and owners" in reply.text and "its link" in reply.text
    assert "direct message" in reply.text and "“add”" in reply.text and "/add-article" not in reply.text
    listed = await core.ask("How can I add a source?", SLACK_LISTED)
    assert isinstance(listed, Reply) and listed.text.startswith("You are a moderator")


async def test_the_terminal_is_told_the_command_line(core: CommandCore) -> None:
    reply = await core.ask("how do i add an article", LOCAL_USER)
    assert isinstance(reply, Reply) and "dispute-bot index add" in reply.text and "/add-article" not in reply.text


async def test_help_names_a_moderators_commands_to_moderators_only(core: CommandCore) -> None:
    moderator = await core.ask("help", DISCORD_MOD)
    member = await core.ask("what can you do?", DISCORD_MEMBER)
    assert isinstance(moderator, Reply) and isinstance(member, Reply)
    assert "/add-article" in moderator.text and "/index-history" in moderator.text
    assert "/reindex" not in member.text and "how do I add an article?" in member.text
    greeted = await core.ask("hi", SLACK_MEMBER)  # a greeting is help too, and the pointer comes with it
    assert isinstance(greeted, Reply) and greeted.text.startswith("Hi!") and "add an article" in greeted.text


async def test_the_terminals_help_says_where_articles_are_added(core: CommandCore) -> None:
    from bot.terminal import handle_line

    shown = await handle_line(core, "/help")
    assert shown is not None and "dispute-bot index add" in shown and "dispute-bot index remove" in shown
