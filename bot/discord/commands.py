"""Slash commands: each one defers at once, asks the core, and answers by filling in its "thinking…".

Deferring first keeps Discord's 3-second acknowledgement deadline whatever the core does; the core runs
CPU work in worker threads, so the event loop (and the gateway heartbeat) stays free meanwhile.

The first message of the result replaces the "thinking…" message (an edit of the original response), the
rest are follow-ups. An edit, unlike a follow-up, can be retried safely: discord.py retries a request
answered 5xx, and a follow-up Discord had already created before the response was lost showed twice.

Ephemerality is fixed when deferring, and the edited message keeps it. Moderator commands defer
privately, and so does any command run where its user may not send messages (see ``may_post``). Public
commands that end in a ``Notice`` (a refusal or an error) delete the "thinking…" message and send the
notice as a new, ephemeral follow-up, so only the asker sees it; a silent notice (a rate-limited user who
was already told to wait) only deletes it.

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
from bot.discord.identity import conversation_key, interaction_actor, thread_conversation
from bot.discord.installs import offered_to_moderators, offered_to_readers
from bot.discord.outgoing import Outgoing, with_picture, without_files
from bot.discord.render import render
from bot.inflight import InFlight
from bot.refusals import failed
from bot.render.examples import TIMELINE_EXAMPLES
from bot.render.picture import FILENAME, timeline_png
from bot.results import IndexChange, Notice, Result
from index.manage import Upload
from retrieval.types import Timeline

log = logging.getLogger(__name__)

Interaction = discord.Interaction[discord.Client]
Work = Callable[[Actor], Awaitable[Result]]
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


async def respond_with(interaction: Interaction, work: Work, in_flight: InFlight, *,
                       private: bool = False, typed: str | None = None) -> discord.Message | None:
    """Defer, run ``work`` for the user, deliver the result; an unexpected error becomes an apology, which gives
    back ``typed`` (the question or topic asked) as the core's refusals do.
    A timeline with events also gets its picture, unless rendering it fails (then only the text).
    Returns the first message delivered (None when none was)."""
    private = private or not may_post(interaction)
    async with in_flight.handling():
        await interaction.response.defer(thinking=True, ephemeral=private)
        command = interaction.command.qualified_name if interaction.command else "?"
        try:
            result = await work(interaction_actor(interaction))
        except Exception:
            log.exception("/%s by %s failed", command, interaction.user.id)
            result = failed(typed)
        if isinstance(result, Notice) and result.silent:
            await interaction.delete_original_response()
            return None
        messages = render(result)
        if isinstance(result, Timeline) and (png := await timeline_png(result)) is not None:
            messages = with_picture(messages, FILENAME, png)
        return await deliver(interaction, messages, private=private, command=command)


def may_post(interaction: Interaction) -> bool:
    """Whether the user may send messages where the command was run. Discord lets members run commands in a
    channel where they may not post (a read-only #announcements leaves Use Application Commands on): a
    public answer there would post for them, their own words as its title. A DM has nobody else to see it."""
    if interaction.guild_id is None:
        return True
    if isinstance(interaction.channel, discord.Thread):
        return interaction.permissions.send_messages_in_threads
    return interaction.permissions.send_messages


async def deliver(interaction: Interaction, messages: list[Outgoing], *, private: bool, command: str
                  ) -> discord.Message | None:
    """Send ``messages`` after a defer; the first resolves the "thinking…" message. Should Discord refuse
    one, the user gets the apology privately: before the first is out, the first follow-up would inherit a
    public deferral's visibility, so the "thinking…" message goes first."""
    first, rest = messages[0], messages[1:]
    resolved = False
    sent: discord.Message | None = None
    try:
        if first.ephemeral and not private:
            # The deferred message is public and would stay so: replace it with a private follow-up.
            await interaction.delete_original_response()
            resolved = True
        sent = await _send(interaction, first, ephemeral=first.ephemeral or private, original=not resolved)
        resolved = True
        for message in rest:
            await _send(interaction, message, ephemeral=message.ephemeral or private)
    except Exception as exc:
        if private and token_expired(exc):
            # A rebuild can outlast the 15 minutes an interaction token lives: the moderator still gets its
            # outcome, as a direct message, instead of a "thinking…" that never resolves.
            await _by_direct_message(interaction, messages, command)
            return sent
        log.exception("/%s by %s: Discord refused the reply", command, interaction.user.id)
        if not resolved and not private:
            try:
                await interaction.delete_original_response()
            except Exception:  # the apology would then be public: better none
                log.warning("could not remove the thinking message of interaction %s", interaction.id)
                return sent
        await apologise(interaction)
    return sent


INVALID_WEBHOOK_TOKEN = 50027


def token_expired(exc: BaseException) -> bool:
    """Discord answers 401, 50027 to any use of an interaction token older than 15 minutes."""
    return isinstance(exc, discord.HTTPException) and (exc.status == 401 or exc.code == INVALID_WEBHOOK_TOKEN)


async def _by_direct_message(interaction: Interaction, messages: list[Outgoing], command: str) -> None:
    """``messages`` to the user who ran ``command``, privately, after its interaction expired; nothing more
    goes through the dead token (Discord asks bots to stop using one that answered 401)."""
    log.warning("/%s by %s outlasted its interaction; sending the result by direct message", command,
                interaction.user.id)
    try:
        await interaction.user.send(f"Your /{command} finished after Discord's 15 minutes for a reply:",
                                    allowed_mentions=discord.AllowedMentions.none())
        for message in messages:
            await interaction.user.send(**message.send_kwargs())
    except discord.HTTPException as exc:
        log.warning("could not send /%s's result to %s by direct message (%s %s)", command, interaction.user.id,
                    exc.status, exc.text)


async def _send(interaction: Interaction, message: Outgoing, *, ephemeral: bool, original: bool = False
                ) -> discord.Message:
    """``message`` as the deferred response (``original``) or as a follow-up; one whose attachment is refused
    (no Attach Files permission, too large) goes out again without it, since the text is the answer and the
    picture only illustrates it."""
    try:
        return await _post(interaction, message, ephemeral=ephemeral, original=original)
    except discord.HTTPException as exc:
        if not message.files:
            raise
        log.warning("Discord refused the attachment of a reply (%s %s); sending the text only", exc.status,
                    exc.text)
        return await _post(interaction, without_files(message), ephemeral=ephemeral, original=original)


async def _post(interaction: Interaction, message: Outgoing, *, ephemeral: bool, original: bool
                ) -> discord.Message:
    if original:  # who sees it was settled by the deferral
        return await interaction.edit_original_response(**message.edit_kwargs())
    return await interaction.followup.send(**message.send_kwargs(), ephemeral=ephemeral, wait=True)


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


def addresses(text: str | None) -> list[str]:
    """The addresses in a ``url`` option, separated by spaces. Discord users wrap a link in ``<…>`` so it shows
    no preview, and paste it so from a message; the brackets are Discord's markup, not part of the address
    (as Slack's ``<https://…|label>`` is read by ``bot.slack.events.links_in``)."""
    return [word[1:-1] if word.startswith("<") and word.endswith(">") and len(word) > 2 else word
            for word in (text or "").split()]


async def read_upload(
    core: CommandCore, actor: Actor, attachment: discord.Attachment | None, url: str | None = None
) -> IndexChange | Notice:
    """Add an attached article and/or the pages at ``url`` (addresses separated by spaces). Refusals come
    first, so a non-moderator never makes the bot download or fetch anything, and a file of a type that
    can't be added, or over the size limit, is refused without being downloaded."""
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
    return await core.add_articles(actor, uploads, urls)


def register(tree: app_commands.CommandTree[discord.Client], core: CommandCore, user_install: bool = False) -> None:
    """Add every command to ``tree``; syncing them to Discord is the client's job (see ``app``).
    ``user_install``: offer the read-only ones to users' own installs too (``bot.discord.installs``)."""

    for_moderators = offered_to_moderators(core.moderators.admins_only("discord"))

    async def respond(interaction: Interaction, work: Work, *, private: bool = False) -> None:
        await respond_with(interaction, work, core.in_flight, private=private)

    async def in_conversation(interaction: Interaction, work: Callable[[Actor, str], Awaitable[Result]],
                              typed: str | None) -> None:
        """Reply with ``work`` run in the interaction's conversation: its thread's or DM's, or in a plain
        channel one of its own that a reply to the reply goes on with, as for a mention's answer
        (``Conversations`` keys a reply to an answer it does not remember by that answer's id)."""
        conversation = conversation_key(interaction.channel)
        asked = conversation or f"discord:interaction:{interaction.id}"
        sent = await respond_with(interaction, lambda actor: work(actor, asked), core.in_flight, typed=typed)
        if conversation is None and sent is not None:
            core.continue_conversation(asked, thread_conversation(sent.id))

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

    @tree.command(name="reindex", description="Moderators: rebuild the article index from the corpus folder")
    @app_commands.describe(full="Re-embed every article instead of only the changed ones")
    @for_moderators
    async def reindex(interaction: Interaction, full: bool = False) -> None:
        await respond(interaction, lambda actor: core.reindex(actor, full=full), private=True)

    @tree.command(name="add-article",
                  description="Moderators: add a news article, as a .txt/.md/.pdf/.html file or by URL")
    @app_commands.describe(file="A UTF-8 .txt or .md article (front matter for title/date/url), a PDF, or a saved "
                                ".html page",
                           url="The address of a news page to fetch (http or https; several: separate by spaces)")
    @for_moderators
    async def add_article(interaction: Interaction, file: discord.Attachment | None = None,
                          url: str | None = None) -> None:
        await respond(interaction, lambda actor: read_upload(core, actor, file, url), private=True)

    @tree.command(name="remove-article", description="Moderators: remove an article by its id (see /sources)")
    @app_commands.describe(article_id="The article id shown by /sources")
    @for_moderators
    async def remove_article(interaction: Interaction, article_id: str) -> None:
        await respond(interaction, lambda actor: core.remove_article(actor, article_id.strip()), private=True)

    @tree.command(name="report", description="Moderators: answer rate, unanswered questions, down-voted answers")
    @app_commands.describe(since="The period to cover, e.g. 7d, 24h or 2w (default 7d)")
    @for_moderators
    async def report(interaction: Interaction, since: str | None = None) -> None:
        await respond(interaction, lambda actor: core.report(actor, since), private=True)

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
