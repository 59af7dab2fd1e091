"""Answering an interaction: deferring at once, running the work, and delivering what it returns.

The first message of the result replaces the "thinking…" message (an edit of the original response), the
rest are follow-ups. An edit, unlike a follow-up, can be retried safely: discord.py retries a request
answered 5xx, and a follow-up Discord had already created before the response was lost showed twice.

Ephemerality is fixed when deferring, and the edited message keeps it. Moderator commands defer
privately, and so does any command run where its user may not send messages (see ``may_post``). Public
commands that end in a ``Notice`` (a refusal or an error) delete the "thinking…" message and send the
notice as a new, ephemeral follow-up, so only the asker sees it; a silent notice (a rate-limited user who
was already told to wait) only deletes it. The commands themselves are ``bot.discord.commands``; the feedback
buttons deliver through here too.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

import discord

from bot.actors import Actor
from bot.core import APOLOGY
from bot.discord.answer_keys import ChannelAsk
from bot.discord.elsewhere import NOT_TAKEN, deliver_late, seated, take_down, to_asker, token_expired
from bot.discord.identity import interaction_actor
from bot.discord.outgoing import Outgoing, with_picture, without_files
from bot.discord.render import render
from bot.discord.replies import AUTOMOD_BLOCKED, AUTOMOD_NOTICE, NO_REPLY_HERE
from bot.discord.withdrawing import Thinking
from bot.inflight import InFlight
from bot.refusals import failed
from bot.render.picture import FILENAME, timeline_png
from bot.results import Notice, Result
from retrieval.types import Timeline

log = logging.getLogger(__name__)

Interaction = discord.Interaction[discord.Client]
Work = Callable[[Actor], Awaitable[Result]]


async def respond_with(interaction: Interaction, work: Work, in_flight: InFlight, *,
                       private: bool = False, typed: str | None = None, channel_ask: ChannelAsk | None = None,
                       late_in_channel: bool = False) -> discord.Message | None:
    """Defer, run ``work`` for the user, deliver the result; an unexpected error becomes an apology, which gives
    back ``typed`` (the question or topic asked) as the core's refusals do.
    A timeline with events also gets its picture, unless rendering it fails (then only the text).
    ``channel_ask``: a question in a plain channel, whose conversation is tied to the response's message before
    the answer shows in it. ``late_in_channel``: a private result past the token's life goes in the channel,
    naming the user, when their DMs refuse it (``bot.discord.elsewhere``). Returns the first message delivered
    (None when none was)."""
    private = private or not may_post(interaction)
    received = time.monotonic()
    async with in_flight.handling():
        command = interaction.command.qualified_name if interaction.command else "?"
        if (taken := await acknowledge(interaction, f"/{command}", ephemeral=private)) is None:
            return None
        deferral = None if isinstance(taken, _Closed) else taken
        thinking = await thinking_id(interaction, deferral) if deferral is not None and not private else None
        if channel_ask is not None:
            channel_ask.deferred(thinking)
        # Public, and where nothing could take its "thinking…" down once the token dies: taken down before.
        progress = Thinking(interaction, received=received, what=f"/{command}", must_withdraw=deferral is not None
                            and not private and (thinking is None or not seated(interaction)))
        try:
            result = await progress.run(work(interaction_actor(interaction)))
        except Exception:
            log.exception("/%s by %s failed", command, interaction.user.id)
            result = failed(typed)
        if isinstance(result, Notice) and result.silent:
            if deferral is not None and not progress.withdrawn:
                await _take_back(interaction, thinking)
            return None
        messages = render(result)
        if isinstance(result, Timeline) and (png := await timeline_png(result)) is not None:
            messages = with_picture(messages, FILENAME, png)
        if deferral is None:  # Discord took not even the "thinking…" where it was asked: the asker sees nothing
            await to_asker(interaction, messages, command, NOT_TAKEN)
            return None
        if progress.withdrawn:  # a reply to the answer posted in the channel goes on with it (``answered``)
            sent = await deliver_late(interaction, messages, command=command, private=private, result=result)
        else:
            if channel_ask is not None and not (private or messages[0].ephemeral):
                await channel_ask.before_answer(interaction)
            sent = await deliver(interaction, messages, private=private, command=command, result=result,
                                 thinking=thinking, late_in_channel=late_in_channel)
        if channel_ask is not None:
            channel_ask.answered(sent)
        return sent


async def _take_back(interaction: Interaction, thinking: int | None) -> None:
    """Delete the "thinking…" of a command that shows nothing (a rate-limited user told already): through the
    interaction, or with the bot's own token once the interaction's is dead (work that outlasted its 15 minutes:
    the refusal was raised unhandled, and the "thinking…" left up)."""
    try:
        await interaction.delete_original_response()
    except discord.HTTPException as exc:
        if not token_expired(exc, interaction):
            log.warning("could not remove the thinking message of interaction %s (%s %s)", interaction.id,
                        exc.code, exc.text)
            return
        await take_down(interaction, thinking)


async def thinking_id(interaction: Interaction, deferral: Deferral) -> int | None:
    """The id of the public "thinking…" message: named in Discord's answer to the deferral, else read once, while
    the token still works. Work that outlasts the token (15 minutes) posts its result in the channel and deletes
    the "thinking…" by this id with the bot's own token; without it the "thinking…" stayed up above the answer for
    good. None when the read fails (the answer matters more; a warning says so)."""
    if isinstance(deferral.message_id, int):
        return deferral.message_id
    try:
        return (await interaction.original_response()).id
    except Exception as exc:  # a dropped connection too
        log.warning("could not read the response of interaction %s (%s: %s); should its answer come after the "
                    "interaction expired, its 'thinking…' stays up", interaction.id, type(exc).__name__, exc)
        return None


UNKNOWN_INTERACTION = 10062
ALREADY_ACKNOWLEDGED = 40060


class _Closed:
    """``acknowledge``'s answer for a command where Discord takes nothing from the bot (``closed``)."""


CLOSED = _Closed()
Deferral = discord.InteractionCallbackResponse[discord.Client]


async def defer_in_time(interaction: Interaction, what: str, *, ephemeral: bool) -> Deferral | None:
    """``acknowledge``, for a click: None also where nothing is taken (nothing is owed to a click there)."""
    taken = await acknowledge(interaction, what, ephemeral=ephemeral)
    return None if isinstance(taken, _Closed) else taken


async def acknowledge(interaction: Interaction, what: str, *, ephemeral: bool) -> Deferral | _Closed | None:
    """Acknowledge ``interaction`` with a "thinking…"; None when it came too late for that. Discord takes the
    acknowledgement within 3 seconds of the click or command and answers 404, 10062 (Unknown interaction) after
    it, when the asker has been told "The application did not respond" already: an interaction replayed after a
    reconnect, or one that waited behind a stalled event loop or a slow network. Nothing can reach them through
    it any more, so the work is not run (they ask again), and the apology a failure gets would be one more
    request refused the same way: one warning says what happened, not an error's traceback. A thread a moderator
    closed (archived and locked) before the command was acknowledged refuses the acknowledgement too (400,
    50083), as does a channel the bot can't reach (``closed``): ``CLOSED``, the asker left with Discord's
    "Sending command…" unless the result goes to them by direct message. One another
    process acknowledged first (400, 40060: two connected for one shard, as an old one still is while its
    replacement starts, both get every command) is that process's to answer: it was logged as a failed command
    at ERROR, its traceback what alerts watch, and an apology tried through it."""
    try:
        return await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    except discord.HTTPException as exc:
        if exc.code in NO_REPLY_HERE:
            closed(interaction, what, exc)
            return CLOSED
        if exc.code == ALREADY_ACKNOWLEDGED:
            log.warning("%s by %s (interaction %s) was acknowledged already, by another process connected for the "
                        "same shard; left to it", what, interaction.user.id, interaction.id)
            return None
        if exc.code != UNKNOWN_INTERACTION:
            raise
        log.warning("%s by %s reached the bot after Discord's 3 seconds to acknowledge it (interaction %s); "
                    "Discord told them the application did not respond, so it was not run", what,
                    interaction.user.id, interaction.id)
        return None


def closed(interaction: Interaction, what: str, exc: discord.HTTPException) -> None:
    """The one warning for a command where Discord takes nothing from the bot: a thread a moderator closed
    (archived and locked) before or while the command was answered refuses its acknowledgement and every message
    of it (400, 50083; discord/discord-api-docs#6884), and a channel the bot can't reach refuses them (50001)."""
    log.warning("%s by %s: channel %s takes no message from the bot (%s %s); not answered there", what,
                interaction.user.id, interaction.channel_id, exc.code, exc.text)


def may_post(interaction: Interaction) -> bool:
    """Whether the user may send messages where the command was run. Discord lets members run commands in a
    channel where they may not post (a read-only #announcements leaves Use Application Commands on): a
    public answer there would post for them, their own words as its title. A DM has nobody else to see it."""
    if interaction.guild_id is None:
        return True
    if isinstance(interaction.channel, discord.Thread):
        return interaction.permissions.send_messages_in_threads
    return interaction.permissions.send_messages


async def deliver(interaction: Interaction, messages: list[Outgoing], *, private: bool, command: str,
                  result: Result | None = None, thinking: int | None = None, late_in_channel: bool = False
                  ) -> discord.Message | None:
    """Send ``messages`` after a defer; the first resolves the "thinking…" message (``thinking``: its id, when
    Discord named it). Should Discord refuse one, the user gets the apology privately: before the first is out,
    the first follow-up would inherit a public deferral's visibility, so the "thinking…" message goes first. One
    the server's AutoMod blocked (``blocked``) is no failure of the bot's: the user is told so instead, as a
    mention's asker is. Work that outlasted the interaction is delivered by ``bot.discord.elsewhere`` (``result``: what
    ``messages`` render). Returns the first message delivered (in the channel, when the interaction had expired;
    None when none was)."""
    first, rest = messages[0], messages[1:]
    resolved = False
    delivered = 0
    sent: discord.Message | None = None
    try:
        if first.ephemeral and not private:
            # The deferred message is public and would stay so: replace it with a private follow-up.
            await interaction.delete_original_response()
            resolved = True
        sent = await _send(interaction, first, ephemeral=first.ephemeral or private, original=not resolved)
        resolved, delivered = True, 1
        for message in rest:
            await _send(interaction, message, ephemeral=message.ephemeral or private)
            delivered += 1
    except Exception as exc:
        if token_expired(exc, interaction):
            # The work outlasted the 15 minutes an interaction token lives; nothing more goes through it.
            late = await deliver_late(interaction, messages[delivered:], command=command, private=private,
                                      result=result if delivered == 0 else None,
                                      thinking=None if resolved else thinking, in_channel=late_in_channel)
            return sent or late
        if isinstance(exc, discord.HTTPException) and exc.code in NO_REPLY_HERE:
            # An apology would be refused the same way; the "thinking…" can still go (deleting is allowed), and
            # what it could not show goes to the asker.
            closed(interaction, f"/{command}", exc)
            if not resolved:
                with contextlib.suppress(discord.HTTPException):
                    await interaction.delete_original_response()
            await to_asker(interaction, messages[delivered:], command, NOT_TAKEN)
            return sent
        if blocked := isinstance(exc, discord.HTTPException) and exc.code in AUTOMOD_BLOCKED:
            log.warning("AutoMod in channel %s blocked the reply to /%s by %s (%s %s)", interaction.channel_id,
                        command, interaction.user.id, exc.code, exc.text)
        else:
            log.exception("/%s by %s: Discord refused the reply", command, interaction.user.id)
        if not resolved and not private:
            try:
                await interaction.delete_original_response()
            except Exception:  # the apology would then be public: better none
                log.warning("could not remove the thinking message of interaction %s", interaction.id)
                return sent
        await apologise(interaction, AUTOMOD_NOTICE if blocked else APOLOGY)
    return sent


async def _send(interaction: Interaction, message: Outgoing, *, ephemeral: bool, original: bool = False
                ) -> discord.Message:
    """``message`` as the deferred response (``original``) or as a follow-up; one whose attachment is refused
    (no Attach Files permission, too large) goes out again without it, since the text is the answer and the
    picture only illustrates it."""
    try:
        return await _post(interaction, message, ephemeral=ephemeral, original=original)
    except discord.HTTPException as exc:
        if not message.files or token_expired(exc, interaction):  # a dead token refuses the text as well
            raise
        log.warning("Discord refused the attachment of a reply (%s %s); sending the text only", exc.status,
                    exc.text)
        return await _post(interaction, without_files(message), ephemeral=ephemeral, original=original)


async def _post(interaction: Interaction, message: Outgoing, *, ephemeral: bool, original: bool
                ) -> discord.Message:
    if original:  # who sees it was settled by the deferral; the text of a progress update goes
        return await interaction.edit_original_response(**{"content": None, **message.edit_kwargs()})
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
