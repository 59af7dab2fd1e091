"""Slash commands: each one defers at once, asks the core, and answers with a follow-up.

Deferring first keeps Discord's 3-second acknowledgement deadline whatever the core does; the core runs
CPU work in worker threads, so the event loop (and the gateway heartbeat) stays free meanwhile.

Ephemerality is fixed when deferring, and the first follow-up inherits it. Moderator commands defer
privately. Public commands that end in a ``Notice`` (a refusal or an error) delete the "thinking…"
message and send the notice as a new, ephemeral follow-up, so only the asker sees it; a silent notice (a
rate-limited user who was already told to wait) only deletes it.

A command Discord still shows but this version no longer has, or has with other options (clients cache
commands for a while after a sync), gets a short private "out of date" note, not an error.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord
from discord import app_commands

from bot.actors import Actor
from bot.core import APOLOGY, CommandCore
from bot.discord.identity import actor_for
from bot.discord.render import Outgoing, render
from bot.inflight import InFlight
from bot.results import IndexChange, Notice, NoticeKind, Result
from index.manage import Upload

log = logging.getLogger(__name__)

Interaction = discord.Interaction[discord.Client]
Work = Callable[[Actor], Awaitable[Result]]
OUT_OF_DATE = ("This command is out of date: Discord is still showing an older version of it. Try again in a "
               "minute, or reload Discord (Ctrl+R).")


async def respond_with(interaction: Interaction, work: Work, in_flight: InFlight, *,
                       private: bool = False) -> None:
    """Defer, run ``work`` for the user, deliver the result; an unexpected error becomes an apology."""
    async with in_flight.handling():
        await interaction.response.defer(thinking=True, ephemeral=private)
        command = interaction.command.qualified_name if interaction.command else "?"
        try:
            result = await work(actor_for(interaction.user))
        except Exception:
            log.exception("/%s by %s failed", command, interaction.user.id)
            result = Notice(NoticeKind.FAILED, APOLOGY)
        if isinstance(result, Notice) and result.silent:
            await interaction.delete_original_response()
            return
        await deliver(interaction, render(result), private=private)


async def deliver(interaction: Interaction, messages: list[Outgoing], *, private: bool) -> None:
    """Send ``messages`` after a defer; the first resolves the "thinking…" message."""
    first, rest = messages[0], messages[1:]
    if first.ephemeral and not private:
        # The deferred message is public and would stay so: replace it with a private follow-up.
        await interaction.delete_original_response()
    await interaction.followup.send(**first.send_kwargs(), ephemeral=first.ephemeral or private)
    for message in rest:
        await interaction.followup.send(**message.send_kwargs(), ephemeral=message.ephemeral or private)


async def apologise(interaction: Interaction, text: str = APOLOGY) -> None:
    """Tell the user privately that something went wrong, however far the interaction got; never raises."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none())
        else:
            await interaction.response.send_message(text, ephemeral=True,
                                                    allowed_mentions=discord.AllowedMentions.none())
    except Exception:  # the interaction may have expired; the error is logged already
        log.warning("could not send a reply to interaction %s", interaction.id)


class Tree(app_commands.CommandTree[discord.Client]):
    """The command tree, refusing interactions Discord sent without their command data."""

    async def interaction_check(self, interaction: Interaction, /) -> bool:
        if interaction.data is None:  # discord.py would fail on it with an AttributeError in a task
            log.warning("ignored interaction %s of type %s without data", interaction.id, interaction.type)
            return False
        return True


async def read_upload(core: CommandCore, actor: Actor, attachment: discord.Attachment) -> IndexChange | Notice:
    """Download an attached article and add it. Refusals come first, so a non-moderator never makes the
    bot download anything, and a file over the size limit is refused without being downloaded."""
    if not core.is_moderator(actor):
        return await core.add_articles(actor, [])  # the core refuses and audits the attempt
    limit = core.config.max_article_bytes
    if attachment.size > limit:
        log.info("refused %s from %s: %d bytes", attachment.filename, actor.describe(), attachment.size)
        return Notice(NoticeKind.INVALID, f"{attachment.filename} is {attachment.size:,} bytes; articles can be "
                                          f"at most {limit:,} bytes.")
    try:
        data = await attachment.read()
    except discord.HTTPException as exc:
        log.warning("could not download %s: %s", attachment.filename, exc)
        return Notice(NoticeKind.INVALID, f"Could not download {attachment.filename}; please try again.")
    return await core.add_articles(actor, [Upload(attachment.filename, data)])


def register(tree: app_commands.CommandTree[discord.Client], core: CommandCore) -> None:
    """Add every command to ``tree``; syncing them to Discord is the client's job (see ``app``)."""

    async def respond(interaction: Interaction, work: Work, *, private: bool = False) -> None:
        await respond_with(interaction, work, core.in_flight, private=private)

    @tree.command(name="ask", description="Ask about the Feb 2021 Twitter vs Government of India blocking dispute")
    @app_commands.describe(question="Your question, e.g. How many accounts was Twitter ordered to block?")
    async def ask(interaction: Interaction, question: str) -> None:
        await respond(interaction, lambda actor: core.ask(question, actor))

    @tree.command(name="timeline", description="Dated events of the dispute, with quotes from the articles")
    @app_commands.describe(topic="Only events about this, e.g. Section 69A (leave empty for all)")
    async def timeline(interaction: Interaction, topic: str | None = None) -> None:
        await respond(interaction, lambda actor: core.timeline(topic, actor))

    @tree.command(name="sources", description="List the news articles the bot answers from")
    async def sources(interaction: Interaction) -> None:
        await respond(interaction, lambda actor: core.sources(actor))

    @tree.command(name="reindex", description="Moderators: rebuild the article index from the corpus folder")
    @app_commands.describe(full="Re-embed every article instead of only the changed ones")
    async def reindex(interaction: Interaction, full: bool = False) -> None:
        await respond(interaction, lambda actor: core.reindex(actor, full=full), private=True)

    @tree.command(name="add-article", description="Moderators: add a .txt or .md news article to the index")
    @app_commands.describe(file="The article as a UTF-8 .txt or .md file (front matter for title/date/url)")
    async def add_article(interaction: Interaction, file: discord.Attachment) -> None:
        await respond(interaction, lambda actor: read_upload(core, actor, file), private=True)

    @tree.command(name="remove-article", description="Moderators: remove an article by its id (see /sources)")
    @app_commands.describe(article_id="The article id shown by /sources")
    async def remove_article(interaction: Interaction, article_id: str) -> None:
        await respond(interaction, lambda actor: core.remove_article(actor, article_id.strip()), private=True)

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
