"""Slash commands: each one defers at once, asks the core, and answers by filling in its "thinking…".

Deferring first keeps Discord's 3-second acknowledgement deadline whatever the core does; the core runs
CPU work in worker threads, so the event loop (and the gateway heartbeat) stays free meanwhile.

Delivering a result (the "thinking…" message filled in, follow-ups, private refusals) is
``bot.discord.responding``'s job.

A command Discord still shows but this version no longer has, or has with other options (clients cache
commands for a while after a sync), gets a short private "out of date" note, not an error.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, cast

import discord
from discord import app_commands

from bot.actors import Actor
from bot.article_choices import ArticleChoice
from bot.build_updates import ProgressSink
from bot.core import CommandCore
from bot.discord.answer_keys import ChannelAsk
from bot.discord.build_progress import ProgressReply
from bot.discord.identity import conversation_key, interaction_actor
from bot.discord.installs import offered_to_moderators, offered_to_readers
from bot.discord.responding import (
    ALREADY_ACKNOWLEDGED,
    UNKNOWN_INTERACTION,
    Interaction,
    Work,
    apologise,
    respond_with,
)
from bot.render.examples import TIMELINE_EXAMPLES
from bot.results import IndexChange, Notice, Result
from index.manage import Upload

log = logging.getLogger(__name__)

CHOICES_WITHIN = 2.0  # seconds to find the articles to offer: Discord's 3, less the way there and back

# Discord's own limit on a string option's length, which it also applies when none is set. The core's limit
# (``MAX_QUESTION_CHARS``, for a question and a timeline topic alike) counts the words left once mentions, links,
# markup and runs of spaces are taken out, and those have no bound: a 900-character question with a long
# pasted link is taken whatever the link's length. A client limit set to the setting would refuse such
# questions, which the core answers, before they are sent; any limit short of Discord's own could. So the
# options say Discord's limit outright (the client counts against it as the asker types), and a question too
# long for the core is told its length by the core.
OPTION_MAX_LENGTH = 6000
QuestionText = app_commands.Range[str, 1, OPTION_MAX_LENGTH]
OUT_OF_DATE = ("This command is out of date: Discord is still showing an older version of it. Try again in a "
               "minute, or reload Discord (Ctrl+R).")


class Tree(app_commands.CommandTree[discord.Client]):
    """The command tree, refusing interactions Discord sent without their command data."""

    async def interaction_check(self, interaction: Interaction, /) -> bool:
        if interaction.data is None:  # discord.py would fail on it with an AttributeError in a task
            log.warning("ignored interaction %s of type %s without data", interaction.id, interaction.type)
            return False
        if interaction.type is discord.InteractionType.autocomplete and not self._offers_choices(interaction):
            # A client still showing an older version of a command (clients cache them for a while after a sync)
            # sends keystrokes for an option or a command this version no longer has, or that offers no choices
            # now: discord.py logged an error with its traceback at each one (or, for a command gone, tried the
            # "out of date" note, which Discord takes from no autocomplete), and the typing got no answer.
            name = interaction.data.get("name", "?")
            log.info("out-of-date autocomplete for /%s from %s: no choices offered", name, interaction.user.id)
            await answer_typing(interaction, [])
            return False
        return True

    def _offers_choices(self, interaction: Interaction) -> bool:
        """Whether the option being typed into (``focused``) is one of this version's that offers choices."""
        data = cast(dict[str, Any], interaction.data)
        name = str(data.get("name") or "")
        guild = discord.Object(interaction.guild_id) if interaction.guild_id is not None else None
        command = self.get_command(name, guild=guild) or self.get_command(name)
        focused = next((o.get("name") for o in data.get("options") or [] if o.get("focused")), None)
        return isinstance(command, app_commands.Command) and any(
            p.display_name == focused and p.autocomplete for p in command.parameters)


def addresses(text: str | None) -> list[str]:
    """The addresses in a ``url`` option, separated by spaces. Discord users wrap a link in ``<…>`` so it shows
    no preview, and paste it so from a message; the brackets are Discord's markup, not part of the address
    (as Slack's ``<https://…|label>`` is read by ``bot.slack.events.links_in``)."""
    return [word[1:-1] if word.startswith("<") and word.endswith(">") and len(word) > 2 else word
            for word in (text or "").split()]


async def read_upload(
    core: CommandCore, actor: Actor, attachment: discord.Attachment | None, url: str | None = None,
    progress: ProgressSink | None = None,
) -> IndexChange | Notice:
    """Add an attached article and/or the pages at ``url`` (addresses separated by spaces). Refusals come
    first, so a non-moderator never makes the bot download or fetch anything, and a file of a type that
    can't be added, or over the size limit, is refused without being downloaded. ``progress``: the reply's
    edit with the build's stages (``bot.discord.build_progress``)."""
    if not core.is_moderator(actor):
        return await core.add_articles(actor, [])  # the core refuses and audits the attempt
    urls = addresses(url)
    if (too_many := core.uploads.too_many_addresses(urls)) is not None:
        return core.refuse_add(actor, too_many)
    uploads: list[Upload] = []
    if attachment is not None:
        refusal = core.uploads.refusal(attachment.filename, attachment.size)
        if refusal is not None:
            return core.refuse_add(actor, f"Nothing was added. Refused {attachment.filename}: {refusal}.")
        try:
            uploads.append(Upload(attachment.filename, await attachment.read()))
        except discord.HTTPException as exc:
            log.warning("could not download %s: %s", attachment.filename, exc)
            return core.refuse_add(actor, f"Could not download {attachment.filename}; please try again.")
    return await core.add_articles(actor, uploads, urls, progress=progress)


async def offered(interaction: Interaction, choices: Awaitable[list[ArticleChoice]]) -> list[app_commands.Choice[str]]:
    """The articles an autocomplete offers, or none when finding them takes longer than Discord waits; sent from
    here (``answer_typing``), not by discord.py."""
    try:
        found = await asyncio.wait_for(choices, CHOICES_WITHIN)
    except TimeoutError:
        log.info("no articles offered to %s: reading them took over %.1f s", interaction.user.id, CHOICES_WITHIN)
        found = []
    offer = [app_commands.Choice(name=c.label, value=c.doc_id) for c in found]
    await answer_typing(interaction, offer)
    return offer


async def answer_typing(interaction: Interaction, offer: list[app_commands.Choice[str]]) -> None:
    """Send ``offer`` as the autocomplete's answer. One another process answered first (400, 40060: two connected
    for one shard, as an old one still is while its replacement starts, both get every keystroke), or one that
    reached the bot after Discord's 3 seconds (404, 10062: replayed after a reconnect, or behind a stalled event
    loop), was refused and logged by discord.py as an error with its traceback, what alerts watch, at every
    keystroke: nothing can be sent for it any more, so one warning says so, as for a command
    (``bot.discord.responding.acknowledge``), and the interaction counts as answered, which keeps discord.py from
    sending the choices again."""
    try:
        await interaction.response.autocomplete(offer)
    except discord.HTTPException as exc:
        if exc.code not in (ALREADY_ACKNOWLEDGED, UNKNOWN_INTERACTION):
            raise
        log.warning("no articles offered to %s (interaction %s): %s", interaction.user.id, interaction.id,
                    "another process connected for the same shard answered first" if exc.code == ALREADY_ACKNOWLEDGED
                    else "it reached the bot after Discord's 3 seconds")
        interaction.response._response_type = discord.InteractionResponseType.autocomplete_result


def register(tree: app_commands.CommandTree[discord.Client], core: CommandCore, user_install: bool = False) -> None:
    """Add every command to ``tree``; syncing them to Discord is the client's job (see ``app``).
    ``user_install``: offer the read-only ones to users' own installs too (``bot.discord.installs``)."""

    for_moderators = offered_to_moderators(core.moderators.admins_only("discord"))

    async def respond(interaction: Interaction, work: Work, *, private: bool = False, change: bool = False) -> None:
        # ``change``: a moderator's change, whose late result goes in the channel when the DM is refused
        await respond_with(interaction, work, core.in_flight, private=private, late_in_channel=change)

    async def in_conversation(interaction: Interaction, work: Callable[[Actor, str], Awaitable[Result]],
                              typed: str | None) -> None:
        """Reply with ``work`` run in the interaction's conversation: its thread's or DM's, or in a plain
        channel one of its own that a reply to the reply goes on with, as for a mention's answer
        (``Conversations`` keys a reply to an answer it does not remember by that answer's id)."""
        conversation = conversation_key(interaction.channel)
        if conversation is not None:
            await respond_with(interaction, lambda actor: work(actor, conversation), core.in_flight, typed=typed)
            return
        # Keyed by the answer's message, known before anyone can reply to it (``bot.discord.answer_keys``).
        ask = ChannelAsk(core, interaction.id)
        await respond_with(interaction, lambda actor: work(actor, ask.conversation), core.in_flight, typed=typed,
                           channel_ask=ask)

    @tree.command(name="ask", description="Ask about the Feb 2021 Twitter vs Government of India blocking dispute")
    @app_commands.describe(question="Your question, e.g. How many accounts was Twitter ordered to block?")
    @offered_to_readers(user_install)
    async def ask(interaction: Interaction, question: QuestionText) -> None:
        await in_conversation(interaction, lambda actor, asked: core.ask(question, actor, asked), question)

    @tree.command(name="timeline", description="Dated events of the dispute, with quotes from the articles")
    @app_commands.describe(topic=f"Only events about this or in this period, e.g. {', '.join(TIMELINE_EXAMPLES)}")
    @offered_to_readers(user_install)
    async def timeline(interaction: Interaction, topic: QuestionText | None = None) -> None:
        # A follow-up ("why did they do that?") reads the events shown, as one after /ask reads its answer.
        await in_conversation(interaction, lambda actor, asked: core.timeline(topic, actor, asked), topic)

    @tree.command(name="sources", description="List the news articles the bot answers from")
    @offered_to_readers(user_install)
    async def sources(interaction: Interaction) -> None:
        await respond(interaction, lambda actor: core.sources(actor))

    @tree.command(name="status", description="The article index: a build running, failed or interrupted, and "
                                             "whether it is out of date")
    @offered_to_readers(user_install)
    async def status(interaction: Interaction) -> None:
        await respond(interaction, lambda actor: core.status(actor), private=True)

    @tree.command(name="reindex", description="Moderators: rebuild the article index from the corpus folder")
    @app_commands.describe(full="Re-embed every article instead of only the changed ones")
    @for_moderators
    async def reindex(interaction: Interaction, full: bool = False) -> None:
        reply = ProgressReply(interaction, received=time.monotonic(), command="reindex")
        await respond(interaction, lambda actor: reply.around(core.reindex(actor, full=full, progress=reply.show)),
                      private=True, change=True)

    @tree.command(name="add-article",
                  description="Moderators: add a news article, as a .txt/.md/.pdf/.html file or by URL")
    @app_commands.describe(file="A UTF-8 .txt or .md article (front matter for title/date/url), a PDF, or a saved "
                                ".html page",
                           url="The address of a news page to fetch (http or https; several: separate by spaces)")
    @for_moderators
    async def add_article(interaction: Interaction, file: discord.Attachment | None = None,
                          url: str | None = None) -> None:
        reply = ProgressReply(interaction, received=time.monotonic(), command="add-article")
        await respond(interaction, lambda actor: reply.around(read_upload(core, actor, file, url, reply.show)),
                      private=True, change=True)

    @tree.command(name="remove-article", description="Moderators: remove an article by its id (see /sources)")
    @app_commands.describe(article_id="Type words of its title, or its id (shown by /sources), and pick it")
    @for_moderators
    async def remove_article(interaction: Interaction, article_id: str) -> None:
        await respond(interaction, lambda actor: core.remove_article(actor, article_id.strip()), private=True,
                      change=True)

    @remove_article.autocomplete("article_id")
    async def article_ids(interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        # The articles matching what is typed, by title and date; an id typed whole is still taken as it is.
        # Discord takes the choices within 3 seconds: read behind busy workers (a queue of questions, a rebuild)
        # they came late, refused (404, 10062) and logged as an error with its traceback at every keystroke.
        # None offered in time is what the moderator sees either way; the id typed whole still works.
        return await offered(interaction, core.removal_choices(interaction_actor(interaction), typed))

    @tree.command(name="restore-article",
                  description="Moderators: bring back a removed or replaced article as it was (see /index-history)")
    @app_commands.describe(article_id="Type words of its title, or its id, and pick it from the removed articles")
    @for_moderators
    async def restore_article(interaction: Interaction, article_id: str) -> None:
        await respond(interaction, lambda actor: core.restore_article(actor, article_id.strip()), private=True)

    @restore_article.autocomplete("article_id")
    async def kept_ids(interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return await offered(interaction, core.restore_choices(interaction_actor(interaction), typed))

    @tree.command(name="report", description="Moderators: answer rate, unanswered questions, down-voted answers")
    @app_commands.describe(since="The period to cover, e.g. 7d, 24h or 2w (default 7d)")
    @for_moderators
    async def report(interaction: Interaction, since: str | None = None) -> None:
        await respond(interaction, lambda actor: core.report(actor, since), private=True)

    @tree.command(name="index-history",
                  description="Moderators: the latest article adds, removals and rebuilds, by whom, and how they ended")
    @app_commands.describe(limit="How many changes to show (default 10)")
    @for_moderators
    async def index_history(interaction: Interaction, limit: app_commands.Range[int, 1, 50] | None = None) -> None:
        await respond(interaction, lambda actor: core.change_history(actor, limit), private=True)

    @tree.error
    async def on_error(interaction: Interaction, error: app_commands.AppCommandError) -> None:
        # Reached only for failures outside ``respond`` (argument conversion, a failed defer or send).
        if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
            name = interaction.data.get("name", "?") if interaction.data else "?"
            log.info("out-of-date command /%s from %s: %s", name, interaction.user.id, error)
            await apologise(interaction, OUT_OF_DATE)
            return
        log.error("app command %s failed", interaction.command.name if interaction.command else "?",
                  exc_info=error)
        await apologise(interaction)
