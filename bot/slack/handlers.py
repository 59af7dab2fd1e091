"""Bolt listeners: mentions, DMs and thread follow-ups, each turned into one core call (the slash commands
and buttons they register with are ``bot.slack.commands``).

Events are acknowledged by Bolt before the listener runs. Every listener's work runs through
``bot.slack.posting.post_guarded``: the details of a failure go to the log, the user gets a short ephemeral
apology, never a traceback.

Each event is answered once: a global middleware drops an event whose ``event_id`` was already claimed (a
retry of something handled), and a post that arrives as two events is claimed by channel and ``ts``; see
``bot.dedupe``. A silent notice (a rate-limited user already told to wait) is not posted at all.

A group DM (``mpim``) is answered as a channel is, not as a 1:1 DM: a mention, then un-mentioned replies in
the threads the bot answered, never the people's other talk. Its mentions come as ``message.mpim`` only
(``bot.slack.events.in_group_dm``), so they are taken from there; an edit there is a ``message_changed``,
which asks nothing, as everywhere.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot import metrics
from bot.core import CommandCore
from bot.dedupe import Deduper, MemoryDeduper
from bot.edits import answered_nothing, edit_asks, only_small_talk
from bot.help_text import Identify
from bot.refusals import SLACK_DOCUMENT
from bot.results import Notice, Reply
from bot.shared_state import DEDUPE_TTL, StoreThreads, call
from bot.slack.adding import ADD_HINT, add_from_dm, addable, is_add
from bot.slack.ask_threads import root_text
from bot.slack.commands import SlashCommands
from bot.slack.events import (
    PERSON_SUBTYPES,
    addressed_elsewhere,
    conversation_of,
    edited_message,
    event_files,
    in_group_dm,
    mentions,
    only_documents,
    post_key,
    shared_answer,
    shared_files,
    shared_text,
    stale_edit,
    thread_of,
)
from bot.slack.followed import FollowedThreads
from bot.slack.home import AppHome
from bot.slack.memory import BoundedSet
from bot.slack.mrkdwn import plain_from_slack
from bot.slack.names import OwnNames
from bot.slack.posting import post_guarded, private
from bot.slack.render import FEEDBACK_ACTIONS, SlackMessage, render
from bot.slack.rich_text import said
from bot.slack.unread_files import files_told, mention_files_told
from bot.slack.user_groups import UserGroups
from bot.slack.users import UserDirectory, installed_in
from bot.validation import says_nothing, without_own_names

log = logging.getLogger(__name__)


class SlackHandlers(SlashCommands):
    def __init__(self, core: CommandCore, client: AsyncWebClient, memory: int = 5000,
                 seen: Deduper | None = None, threads: StoreThreads | None = None) -> None:
        super().__init__(core, UserDirectory(client, groups=UserGroups(core.moderators.roles_of("slack"))))
        self.threads = FollowedThreads(core, threads, memory)  # "channel:thread_ts" replied in; shared: the store's
        self.seen = seen or MemoryDeduper()  # event ids and (channel, ts) handled; shared: claimed off the loop
        self.names = OwnNames()  # its names typed as plain text, taken out of questions
        self.refused = BoundedSet(memory)  # posts that got a refusal or small talk, no answer (``_edited``)

    def register(self, app: AsyncApp) -> None:
        app.middleware(self.drop_handled_events)
        app.command("/ask")(self.ask)
        app.command("/timeline")(self.timeline)
        app.command("/sources")(self.sources)
        app.command("/reindex")(self.reindex)
        app.command("/remove-article")(self.remove_article)
        app.command("/restore-article")(self.restore_article)
        app.command("/report")(self.report)
        app.command("/status")(self.status)
        app.command("/index-history")(self.index_history)
        app.action(re.compile(f"^(?:{'|'.join(FEEDBACK_ACTIONS)})$"))(self.feedback)
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        app.event("app_home_opened")(AppHome(self.core, self.users).opened)
        app.error(self.on_error)

    async def drop_handled_events(
        self, body: dict[str, Any], next_: Callable[[], Awaitable[None]]
    ) -> BoltResponse | None:
        """Acknowledge a second delivery of an event without handling it again. Only the event id decides:
        a retry whose first delivery never arrived is handled like any event."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if isinstance(event_id, str) and not await call(self.seen, self.seen.claim, f"event:{event_id}"):
            log.info("event %s was already handled; acknowledged again without answering", event_id)
            metrics.DUPLICATES.labels("slack").inc()
            return BoltResponse(status=200, body="")
        await next_()
        return None

    # -- events --------------------------------------------------------------------------------------

    async def on_mention(self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient) -> None:
        # Counted from its first statement: the event is acknowledged already, and the claim below is a store
        # round trip during which a shutdown that saw nothing in flight would drop it for good.
        async with self.core.in_flight.handling():
            # A reply sent with "Also send to #channel" is a mention with the subtype thread_broadcast.
            if event.get("bot_id") or event.get("subtype") not in PERSON_SUBTYPES or not event.get("user"):
                return
            await self._mentioned(event, context, client)

    async def _mentioned(self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient) -> None:
        """A message that mentions the bot: an ``app_mention``, or in a group DM a ``message.mpim``."""
        if stale_edit(event, time.time(), DEDUPE_TTL):  # answered before, as far as anyone can tell
            log.info("mention %s in %s edited long after it was posted; not answered again", event.get("ts"),
                     event.get("channel"))
            return
        raw = said(event, context.bot_user_id)
        text = without_own_names(plain_from_slack(raw, context.bot_user_id), await self.names.of(client))
        if is_add(raw, text, bool(event.get("files"))):
            # "@bot add" (with a file or an address) outside a DM was answered as the question "add", in public,
            # and the file was dropped: adding happens in a DM, which the hint says, privately.
            await self._hint(event, client)
            return
        if only_documents(raw, context.bot_user_id):
            await self._hint(event, client, SLACK_DOCUMENT)
            return
        # An /ask answer's thread goes on with it; in a thread the bot doesn't follow, the thread's first
        # message is someone's post the mention points at ("@bot is this true?" under a claim).
        followed = bool(event.get("thread_ts")) and await self.threads.follows_reply(event, client, context.bot_user_id)
        bot_user = context.bot_user_id
        pointing = (bool(event.get("thread_ts")) and not followed and event.get("thread_ts") != event.get("ts")
                    and event.get("parent_user_id") != bot_user)
        if not text and (told := mention_files_told(self.core, event, pointing)) is not None:
            await self._hint(event, client, told)
            return
        # An article attached to a question in a channel: answered, and its sender told how to add it, as in a DM.
        await self._answer_hinted(event, client, text, context, bot_user if pointing else None)

    async def on_message(self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient) -> None:
        async with self.core.in_flight.handling():  # as in on_mention
            await self._on_message(event, context, client)

    async def _on_message(self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient) -> None:
        if event.get("subtype") == "message_changed":
            await self._edited(event, context, client)
            return
        if event.get("subtype") not in PERSON_SUBTYPES or event.get("bot_id") or event.get("hidden"):
            return
        user = event.get("user")
        if not user or user == context.bot_user_id:
            return
        raw = said(event, context.bot_user_id)
        text = without_own_names(plain_from_slack(raw, context.bot_user_id), await self.names.of(client))
        is_dm = event.get("channel_type") == "im"
        own, passed_on = event.get("files"), shared_files(event)  # a shared post's files are in the share
        files: list[Any] = [*(own if isinstance(own, list) else []), *passed_on]
        # A shared post with text asks what it says; one of files alone is files sent, as if attached.
        has_files = bool(own) or event.get("subtype") == "file_share" or bool(passed_on and not shared_text(event))
        if is_dm and is_add(raw, text, has_files):
            await self._add(event, client, context)
        elif is_dm and only_documents(raw, context.bot_user_id):  # elsewhere only a mention asks (``_mentioned``)
            await self._hint(event, client, SLACK_DOCUMENT)
        elif (not text and (told := files_told(files, is_dm and has_files)) is not None
              and (is_dm or await self._follows(event, client, context))):
            await self._hint(event, client, told)  # a clip, in a DM or a thread the bot follows; files alone in a DM
        elif has_files and is_dm and text:
            # a screenshot and a question about it; an article shared with words other than "add" is answered
            # too, and its sender told how to add it, or the file was dropped without a word
            await self._answer_hinted(event, client, text, context)
        elif in_group_dm(event) and mentions(raw, context.bot_user_id):
            await self._mentioned(event, context, client)  # as in a channel, where app_mention brings it
        elif not is_dm and says_nothing(text):
            return  # a picture or emoji alone in a thread the bot follows is no question; with words it may be one
        elif is_dm:
            await self._answer(event, client, text, context)
        elif addressed_elsewhere(raw, context.bot_user_id):
            return  # "@Bob thanks, I'll forward it": in a thread the bot follows, said to someone else
        elif await self._follows(event, client, context):
            if is_add(raw, text, has_files):  # "add" with an article in the bot's thread: as in a mention
                await self._hint(event, client)
            else:
                await self._answer_hinted(event, client, text, context)

    async def _follows(self, event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext) -> bool:
        """Whether ``event`` is a reply in a thread the bot follows (one it answered in)."""
        return bool(event.get("thread_ts")) and await self.threads.follows_reply(event, client, context.bot_user_id)

    async def _edited(self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient) -> None:
        """An edit (``message_changed``) asks what the core's rule says (``bot.edits``), as on Discord: a question
        the bot refused is asked again in its new words; a group DM message edited to mention the bot is the
        mention it now is (elsewhere Slack sends that edit as an ``app_mention`` too, answered there, once); a
        typo fixed in an answered question, an unfurl, a bot's edit ask nothing."""
        found, bot_user = edited_message(event), context.bot_user_id
        if found is None or found[0].get("user") == bot_user or str(found[0].get("text") or "") == found[1]:
            return
        message, raw = found[0], str(found[0].get("text") or "")
        key = post_key(message)
        refused = key in self.refused
        addressed_now = message.get("channel_type") == "im" or mentions(raw, bot_user) or (
            bool(message.get("thread_ts")) and not addressed_elsewhere(raw, bot_user)
            and await self.threads.follows_reply(message, client, bot_user))
        handled = refused or await call(self.seen, self.seen.__contains__, key)
        text = without_own_names(plain_from_slack(raw, bot_user), await self.names.of(client))
        if not edit_asks(words_changed=True, refused=refused, addressed_before=handled, addressed_now=addressed_now,
                         small_talk_now=only_small_talk(text)):
            return
        if refused:
            self.refused.discard(key)
            edited = message.get("edited")
            when = edited.get("ts") if isinstance(edited, dict) else time.time()
            await self._answer(message, client, text, context, claim=f"{key}:edited:{when}")
        elif in_group_dm(message):
            await self._mentioned(message, context, client)

    async def on_error(self, error: Exception) -> None:
        log.error("unhandled error in a Slack listener: %s", type(error).__name__, exc_info=error)

    async def _answer(self, event: dict[str, Any], client: AsyncWebClient, text: str, context: AsyncBoltContext,
                      pointing: str | None = None, claim: str | None = None) -> bool:
        """``context.team_id``: the workspace the event was delivered for, where the question is stored as asked;
        in a Slack Connect channel the asker's own team may be another. False when the
        post was handled already (the same post arrives as app_mention and message.*; answered once).
        ``pointing`` (the bot's user id): the question points at its thread's first message, someone's post,
        read once here. ``claim``: what is claimed instead of the post (an edit of it, asked again)."""
        if not await call(self.seen, self.seen.claim, claim or post_key(event)):
            return False
        team = str(context.team_id or event.get("team") or "")
        root = (lambda: root_text(event, client, pointing)) if pointing is not None else None
        about = shared_answer(event, context.bot_user_id, context.bot_id)  # the bot's own answer shared back
        identify = self.identify(str(event["user"]), client, team, installed_in(context))
        await post_guarded(self.core.in_flight, event, client, "a question",
                           lambda: self._ask(event, text, team, root, about, identify),
                           public=lambda: self._replying(event))
        return True

    async def _answer_hinted(self, event: dict[str, Any], client: AsyncWebClient, text: str,
                             context: AsyncBoltContext, pointing: str | None = None) -> None:
        """``_answer``, then, when the post came with a file ``add`` takes (its own or a shared post's), how to
        add it, privately: an article sent with a question was read as the question alone, without a word."""
        files = event_files(event)
        if await self._answer(event, client, text, context, pointing) and addable(self.core, files):
            await post_guarded(self.core.in_flight, event, client, "add hint", private(ADD_HINT))

    def _replying(self, event: dict[str, Any]) -> AbstractAsyncContextManager[None]:
        """Around a public reply to ``event``: only a thread the bot answered in public is one it follows (after an
        empty or refused mention, a private hint, the rest of that thread is not addressed to it; after a post
        Slack refused, nobody saw a reply), whatever the reply was (a timeline is stored as no answer)."""
        channel, thread = str(event.get("channel") or ""), thread_of(event)
        return self.threads.replying(f"{channel}:{thread}", conversation_of(channel, thread, event.get("channel_type")))

    async def _hint(self, event: dict[str, Any], client: AsyncWebClient, text: str = ADD_HINT) -> None:
        """How to add articles (or ``text``), privately, once per post."""
        if await call(self.seen, self.seen.claim, post_key(event)):
            await post_guarded(self.core.in_flight, event, client, "hint", private(text))

    async def _ask(self, event: dict[str, Any], text: str, team: str, root: Callable[[], Awaitable[str | None]] | None,
                   about: str | None, identify: Identify) -> tuple[SlackMessage, bool] | None:
        """Help (a ``Reply`` for its asker) is posted as it was asked, in the open: a mention stays in the channel
        for everyone, as on Discord, where a message can't be answered privately; only /ask's is private."""
        conversation = conversation_of(str(event.get("channel") or ""), thread_of(event), event.get("channel_type"))
        # What the message shares ("Share message") is what it points at, before the thread it is in.
        pointed = None if about else plain_from_slack(shared_text(event)) or None
        if pointed is None and root is not None and about is None:
            pointed = await root()
        result = await self.core.ask(text, await self.users.actor(str(event["user"]), team=team), conversation,
                                     pointed_at=pointed, about_answer=about, identify=identify)
        if answered_nothing(result):  # refused (empty, too long, slow down) or small talk: an edit of it asks again
            self.refused.add(post_key(event))
        if isinstance(result, Notice) and result.silent:
            return None
        message = render(result, show_question=False)
        return message, message.ephemeral and not isinstance(result, Reply)

    async def _add(self, event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext) -> None:
        if await call(self.seen, self.seen.claim, post_key(event)):
            team, installation = str(context.team_id or event.get("team") or ""), installed_in(context)
            await post_guarded(self.core.in_flight, event, client, "add",
                               lambda: add_from_dm(self.core, self.users, event, client, team, installation))
