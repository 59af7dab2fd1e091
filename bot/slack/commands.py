"""Slash commands and the 👍/👎 buttons: each acknowledged first, then one core call, answered through
``respond()`` (the ``response_url``), so the 3-second deadline never depends on the index. Errors go to the
log; the user gets a short ephemeral apology, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.actors import Actor
from bot.core import APOLOGY, CommandCore
from bot.help_text import Identify
from bot.refusals import failed
from bot.render.picture import FILENAME, timeline_png
from bot.results import Notice, NoticeKind, Result
from bot.slack.ask_threads import ask_conversation, marked
from bot.slack.events import conversation_of
from bot.slack.late import EXPIRED, post_late, to_dm, vote_late
from bot.slack.mrkdwn import plain_from_slack
from bot.slack.render import FEEDBACK_ACTIONS, SlackMessage, render
from bot.slack.responding import send_response
from bot.slack.users import UserDirectory, installed_in
from bot.validation import InvalidInput, reindex_full
from retrieval.types import Timeline

log = logging.getLogger(__name__)

Run = Callable[[Actor, str], Awaitable[Result]]
# files.completeUploadExternal's answers in a conversation the bot is not in (a private one it can't see).
NOT_A_MEMBER = frozenset({"not_in_channel", "channel_not_found"})


class SlashCommands:
    def __init__(self, core: CommandCore, users: UserDirectory) -> None:
        self.core = core
        self.users = users

    # -- slash commands ------------------------------------------------------------------------------

    async def ask(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient,
                  context: AsyncBoltContext) -> None:
        conversation, asked = _conversations(command)
        identify = self.identify(str(command.get("user_id") or ""), client, str(command.get("team_id") or ""),
                                 installed_in(context))
        await self._slash(ack, command, respond, "ask",
                          lambda actor, text: self.core.ask(text, actor, conversation, identify=identify),
                          conversation=asked, typed=True, client=client)

    def identify(self, user: str, client: AsyncWebClient, team: str, installation: str) -> Identify:
        """The asker looked up as for a moderator command and the App Home (admin flags, ``users.info``, cached),
        which the core asks for only when they asked for help (``CommandCore.ask``)."""
        return lambda: self.users.actor(user, lookup=True, client=client, team=team, installation=installation)

    async def timeline(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                       client: AsyncWebClient, context: AsyncBoltContext) -> None:
        conversation, asked = _conversations(command)  # a follow-up reads the events shown, as after /ask

        async def run(actor: Actor, text: str) -> Result:
            result = await self.core.timeline(text, actor, conversation)
            if isinstance(result, Timeline):
                pictures.append(result)
            return result

        pictures: list[Timeline] = []
        async with self.core.in_flight.handling():  # a shutdown waits for the picture too
            await self._slash(ack, command, respond, "timeline", run, conversation=asked, typed=True, client=client)
            for timeline in pictures:  # after the text, which never waits for the picture
                refused = await self._upload_picture(client, str(command.get("channel_id") or ""), timeline)
                if refused in NOT_A_MEMBER:
                    # The text came, the picture silently didn't (only the log said why): one private word; past
                    # the response_url's 30 minutes by DM, after the late text (``post_late``), which went there too.
                    note = SlackMessage(picture_missing(context.bot_user_id), ephemeral=True)
                    if await self._respond(respond, note, fallible=True, posts_late=True) == EXPIRED:
                        channel = str(command.get("channel_id") or "")
                        await to_dm(client, str(command.get("user_id") or ""),
                                    SlackMessage(picture_missing(context.bot_user_id, channel)), "the picture's note")
                    break

    async def _upload_picture(self, client: AsyncWebClient, channel: str, timeline: Timeline) -> str | None:
        """Share the timeline picture in the channel; any failure is logged, the text reply stands, and Slack's
        error is returned (None when shared or there was nothing to share)."""
        png = await timeline_png(timeline)
        if png is None or not channel:
            return None
        title = "Timeline" + (f": {timeline.topic}" if timeline.topic else "")
        return await _share(client, channel, FILENAME, png, title[:200], "timeline picture",
                            alt_txt="Dated events of the dispute on a time axis")

    async def sources(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                      client: AsyncWebClient) -> None:
        """The list, and when it is too long for one message the whole of it as a file in the channel."""
        channel = str(command.get("channel_id") or "")

        async def file_first(message: SlackMessage) -> SlackMessage:
            """Share the file before the reply that says it is here: a slash command works in a channel the
            bot is not in, but sharing a file there is refused (not_in_channel), and a list sent first said
            "shared here" of a file that never came. Unshared, the reply says how to get the list instead."""
            if message.file is None:
                return message
            if channel and await _share(client, channel, *message.file, "Indexed articles", "list of sources") is None:
                return message
            return message.unshared or message

        await self._slash(ack, command, respond, "sources", lambda actor, _: self.core.sources(actor),
                          before_reply=file_first, client=client)

    async def reindex(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                      client: AsyncWebClient, context: AsyncBoltContext) -> None:
        async def run(actor: Actor, text: str) -> Result:
            try:
                full = reindex_full(text)
            except InvalidInput as exc:
                return Notice(NoticeKind.INVALID, str(exc))
            return await self.core.reindex(actor, full=full)

        await self._slash(ack, command, respond, "reindex", run, moderator_command=True, client=client,
                          installation=installed_in(context))

    async def remove_article(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                             client: AsyncWebClient, context: AsyncBoltContext) -> None:
        # As on Discord: the id /sources lists (or the name the file was added under), checked by the core.
        await self._slash(ack, command, respond, "remove-article",
                          lambda actor, text: self.core.remove_article(actor, text), moderator_command=True,
                          client=client, installation=installed_in(context))

    async def restore_article(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                              client: AsyncWebClient, context: AsyncBoltContext) -> None:
        # The id of a removed article (/index-history names it), checked by the core.
        await self._slash(ack, command, respond, "restore-article",
                          lambda actor, text: self.core.restore_article(actor, text), moderator_command=True,
                          client=client, installation=installed_in(context))

    async def report(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                     client: AsyncWebClient, context: AsyncBoltContext) -> None:
        await self._slash(ack, command, respond, "report", lambda actor, text: self.core.report(actor, text or None),
                          moderator_command=True, client=client, installation=installed_in(context))

    async def status(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await self._slash(ack, command, respond, "status", lambda actor, _: self.core.status(actor))

    async def index_history(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                            client: AsyncWebClient, context: AsyncBoltContext) -> None:
        await self._slash(ack, command, respond, "index-history",
                          lambda actor, text: self.core.change_history(actor, text or None), moderator_command=True,
                          client=client, installation=installed_in(context))

    async def feedback(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                       respond: AsyncRespond, client: AsyncWebClient) -> None:
        """A 👍/👎 click: acknowledged first; the thanks (and after a 👎 the next-best passages) go only to the
        person who clicked, as a new ephemeral message, so the shared answer never shows a vote (past the
        response_url's 30 minutes: ``vote_late``)."""
        await ack()
        user = str((body.get("user") or {}).get("id") or "")
        async with self.core.in_flight.handling():
            try:
                result = await self.core.vote(Actor(platform="slack", user_id=user), str(action.get("value") or ""),
                                              FEEDBACK_ACTIONS.get(str(action.get("action_id")), 0))
                # Through _respond, as every reply: a response_url that expired or a reply Slack refuses is
                # logged (respond() returns the status, it raises nothing), and refused blocks go again as text.
                message = replace(render(result), ephemeral=True)
                if await self._respond(respond, message, replace_original=False, posts_late=True) == EXPIRED:
                    await vote_late(client, user, result, message)
            except Exception:
                log.exception("feedback from %s failed", user)
                await self._respond(respond, SlackMessage(APOLOGY, ephemeral=True), fallible=True,
                                    replace_original=False)

    async def _slash(
        self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, name: str, run: Run,
        moderator_command: bool = False, client: AsyncWebClient | None = None, conversation: str | None = None,
        before_reply: Callable[[SlackMessage], Awaitable[SlackMessage]] | None = None, installation: str = "",
        typed: bool = False,
    ) -> SlackMessage | None:
        """``installation``: the home of the bot's installation that serves the request (``installed_in``),
        where a moderator command's admin flags can count.
        ``conversation``: the one a public reply names, so that its thread goes on with it. ``before_reply``
        runs on the rendered message before it is sent, and returns what to send (/sources shares its file
        first). ``typed``: the command's text is a question or topic, which the apology for an unexpected error
        gives back as the core's refusals do (``bot.refusals.failed``). Returns the message sent (None when nothing
        was, or only the apology)."""
        await ack()  # first, always: Slack shows an error to the user after 3 seconds without it
        user, text = str(command.get("user_id") or ""), plain_from_slack(str(command.get("text") or ""))
        async with self.core.in_flight.handling():
            try:
                actor = await self.users.actor(user, lookup=moderator_command, client=client,
                                               team=str(command.get("team_id") or ""), installation=installation)
                result = await run(actor, text)
                if isinstance(result, Notice) and result.silent:
                    return None
                message = render(result, show_question=True)
                if before_reply is not None:
                    message = await before_reply(message)
                status = await self._respond(respond, marked(message, conversation) if conversation else message,
                                             posts_late=client is not None)
                if status == EXPIRED and client is not None:  # the work outlasted the response_url's 30 minutes
                    await post_late(client, command, message, name, conversation)
                return message
            except Exception:
                log.exception("/%s from %s failed", name, user)
                await self._respond(respond, render(failed(text if typed else None)), fallible=True)
                return None

    async def _respond(self, respond: AsyncRespond, message: SlackMessage, fallible: bool = False,
                       replace_original: bool | None = None, posts_late: bool = False) -> int | None:
        """Send ``message`` through the response_url (``send_response``: ``respond()`` with one retry after a
        short rate-limit wait). Nothing is raised when Slack refuses a reply (HTTP 404 for an expired or spent
        response_url, 400 for refused blocks, 429 still rate limited): the status is returned, so each one is
        checked here, refused blocks go again as plain text, and a reply nobody will see is logged.
        ``replace_original=False`` (a button click) posts a new message instead of editing the clicked one.
        ``fallible``: an exception is logged rather than raised (the apology itself). ``posts_late``: the caller
        posts a reply the expired response_url refused itself (``post_late``), so that is no error.
        Both sends go without link previews: the plain text names every article by its address, so the
        resend would have filled the channel with previews the Block Kit reply never showed. Returns Slack's
        last HTTP status (None when sending raised)."""
        how: dict[str, Any] = {"response_type": "ephemeral" if message.ephemeral else "in_channel",
                               "replace_original": replace_original, "unfurl_links": False, "unfurl_media": False}
        try:
            reply = await send_response(respond, **message.payload(), **how)
            # A spent or expired response_url (404) takes nothing more: resending as text only failed again; nor
            # does one still rate limited (429) after its retry (``send_response``): plain text meets the same limit.
            if reply.status_code not in (200, 404, 429) and message.blocks:
                log.error("Slack refused a reply (HTTP %s: %.200s); sending plain text", reply.status_code, reply.body)
                reply = await send_response(respond, text=message.text, **how)
            if reply.status_code == EXPIRED and posts_late:  # past its 30 minutes: posted with the bot's token
                log.warning("the response_url refused a reply (HTTP 404: %.200s): %.100s", reply.body, message.text)
            elif reply.status_code != 200:  # nobody will see this reply
                log.error("Slack refused a reply (HTTP %s: %.200s): %.100s", reply.status_code, reply.body,
                          message.text)
            return int(reply.status_code)
        except Exception:
            if not fallible:
                raise
            log.exception("could not send a reply through response_url")
            return None


def _conversations(command: dict[str, Any]) -> tuple[str | None, str | None]:
    """The conversation a slash command's reply begins (a DM's, or in a channel its own), and the one its
    public reply names so that a reply in its thread goes on with it (``bot.slack.ask_threads``)."""
    channel, trigger = str(command.get("channel_id") or ""), str(command.get("trigger_id") or "")
    dm = conversation_of(channel, None)
    asked = ask_conversation(channel, trigger) if trigger and not dm else None
    return dm or asked, asked


async def _share(client: AsyncWebClient, channel: str, filename: str, data: bytes, title: str, what: str,
                 alt_txt: str | None = None) -> str | None:
    """Share a file in the channel; None when it was, else why not (Slack's error, or the exception's name).
    Any failure is logged and the reply stands without it."""
    try:
        await client.files_upload_v2(channel=channel, file=data, filename=filename, title=title, alt_txt=alt_txt)
    except Exception as exc:  # SlackApiError (not_in_channel, missing_scope …) or a network error
        error = str(exc.response.get("error")) if isinstance(exc, SlackApiError) else type(exc).__name__
        log.warning("the %s was not shared in %s: %s", what, channel, error)
        return error
    return None


def picture_missing(bot_user_id: str | None, channel: str = "") -> str:
    """Why /timeline's picture is missing in a conversation the bot is not in, and how to get it; said in the
    conversation, or elsewhere (a DM) naming ``channel``."""
    bot = f"<@{bot_user_id}>" if bot_user_id else "the bot"
    where, which = (f"in <#{channel}>", "that") if channel else ("here", "this")
    return (f"The timeline's picture could not be shared {where}: {bot} is not a member of {which} channel (slash "
            f"commands work anyway, pictures don't). To get it, invite {bot} to the channel (`/invite`) and run "
            "/timeline again, or run /timeline in a direct message with it.")
