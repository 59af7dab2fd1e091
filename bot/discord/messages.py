"""Questions asked in ordinary messages: mentions, DMs, and follow-ups in threads the bot started.

A mention in a server channel is answered with a reply, and the bot then opens a thread on its reply so
the conversation can go on there: messages in a thread the bot started are answered without a new
mention. Such threads are recognised by their owner (the bot), or by the ids remembered since start-up
for threads not in the cache. Reading un-mentioned thread messages needs the Message Content intent;
without it Discord sends them with empty content and they are skipped (mentions and DMs always work).

People address the bot the ways Discord offers: its mention, its own integration role (what the client's
autocomplete often picks for "@dispute-bot"), or a reply to one of its messages, which continues the
conversation that message answered. Without the Message Content intent Discord withholds the text of a
message that mentions only the role, or replies to the bot with the reply's mention off, so its author is told
to mention the bot itself or use /ask. A file
sent with no words (an article dropped in a DM, as Slack's moderators add one) is pointed to /add-article, and
so is Slack's way of adding (``add`` with files attached, or followed by addresses); one sent to a DM with a
question gets its answer, then the same pointer (``bot.discord.hints``). In a
channel where the bot may send messages but not embeds, Discord refuses an embed-only message (403, code
50013); the answer then goes out as plain text.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict

import discord

from bot import metrics
from bot.addressed import addressed_elsewhere
from bot.core import CommandCore
from bot.dedupe import Deduper, MemoryDeduper
from bot.discord.addressees import named, replies_to_others
from bot.discord.answer_keys import AnswersInFlight
from bot.discord.expiring import ExpiringNotices
from bot.discord.forwards import RecentForwards
from bot.discord.hints import ADD_BY_COMMAND, FILES_ONLY, REPLY_UNREAD, ROLE_ONLY, article_attached, tell_article_unread
from bot.discord.identity import actor_for, conversation_key, thread_conversation
from bot.discord.pointed import (
    answer_forwarded,
    files_forwarded,
    forwarded,
    pointed_text,
    spoken,
)
from bot.discord.replies import ReplySending
from bot.discord.threads import BotThreads, remember, worth_a_thread
from bot.edits import answered_nothing, edit_asks, only_small_talk
from bot.refusals import SPOKEN
from bot.results import Notice, NoticeKind, Result
from bot.shared_state import call
from bot.store.outage import log_store_failure
from bot.validation import says_nothing, squeezed, strip_links, without_own_names
from retrieval.types import Answer, Timeline

log = logging.getLogger(__name__)

ANSWERED_TYPES = (discord.MessageType.default, discord.MessageType.reply)



def _own_names(message: discord.Message, me: discord.ClientUser) -> set[str]:
    """The bot's own names, which people type as plain text ("@Dispute Helper" where the mention was not
    picked): the core strips only the names it knows ("@bot", "@dispute-bot"; ``without_own_names``)."""
    names = {me.name, me.display_name}
    if message.guild is not None and message.guild.me is not None:
        names.add(message.guild.me.display_name)  # its nickname in this server
    return names


def _asked_alone(message: discord.Message) -> str:
    """The conversation a question in a plain channel starts, until its answer's id keys it."""
    return f"discord:message:{message.id}"


class Conversations(BotThreads, ReplySending):
    """Decides which messages address the bot, and answers them."""

    def __init__(self, client: discord.Client, core: CommandCore, remembered_threads: int = 10_000,
                 seen: Deduper | None = None) -> None:
        self.client = client
        self.core = core
        # Messages taken as questions, claimed once (with a shared store, across processes): see ``handle``.
        self.seen = seen or MemoryDeduper()
        self._threads: OrderedDict[int, None] = OrderedDict()
        self._remembered = remembered_threads
        # The bot's answer in a channel -> the conversation it belongs to, for replies to that answer.
        self._answers: OrderedDict[int, str] = OrderedDict()
        self._asked: OrderedDict[int, None] = OrderedDict()  # messages taken as questions, when posted or edited
        # Questions that got no answer (a refusal, or nothing at all), with the refusal sent: an edit asks again.
        self._refused: OrderedDict[int, discord.Message | None] = OrderedDict()
        self.notices = ExpiringNotices()  # refusals in server channels, deleted once read or as the bot stops
        self.answers_in_flight = AnswersInFlight()  # for a reply to an answer sent but not yet remembered
        self.forwards = RecentForwards()  # a forward and the comment sent with it, two messages

    def question_in(self, message: discord.Message) -> str | None:
        """The question ``message`` asks the bot (its own mention removed), or None if not addressed to it.

        Messages from bots (this one included), webhooks and system messages are never addressed; a mention
        of @everyone or of a role is not a mention of the bot.
        """
        me = self.client.user
        if me is None or message.author.bot or message.author.id == me.id or message.webhook_id:
            return None
        if message.type not in ANSWERED_TYPES:
            return None
        role = message.guild.self_role if message.guild is not None else None
        own = rf"<@!?{me.id}>" + (rf"|<@&{role.id}>" if role is not None else "")
        # ``role_mentions`` comes from the payload; ``raw_role_mentions`` is parsed from the content, which
        # Discord leaves empty for a role mention when the bot lacks the Message Content intent.
        mentioned = any(user.id == me.id for user in message.mentions) or (
            role is not None and role in message.role_mentions)
        direct = message.guild is None
        replied = self.replied_answer(message) is not None
        if not (mentioned or direct or replied or self.is_bot_thread(message.channel)):
            return None
        # Only a mention typed names the bot: a reply's ping of its answer is no word of the asker's.
        typed = me.id in message.raw_mentions or (role is not None and role in message.role_mentions)
        if not (typed or direct) and addressed_elsewhere(named(message, me.id, role), me.id):
            return None  # "@Bob thanks, I'll forward these" in the bot's thread, or replying to its answer: Bob's
        if not (mentioned or direct or replied) and replies_to_others(message):
            return None  # in the bot's thread, a reply to Bob's message is said to Bob
        # one question a line stays a list
        text = squeezed(without_own_names(message.content, _own_names(message, me), own))
        if not text and not forwarded(message) and not spoken(message) and not (
                mentioned or direct or (replied and self._text_withheld(message))):
            return None  # a thread message without content (no Message Content intent): nothing to answer
        if text and not (mentioned or direct) and says_nothing(text) and not forwarded(message):
            return None  # "👍" in the bot's thread, or replying to its answer: a reaction typed out, no question
        return text

    def replied_answer(self, message: discord.Message) -> int | None:
        """The id of the bot's message that ``message`` replies to, if it replies to one."""
        me = self.client.user
        resolved = message.reference.resolved if message.reference is not None else None
        if me is not None and isinstance(resolved, discord.Message) and resolved.author.id == me.id:
            return resolved.id
        return None

    def _conversation(self, message: discord.Message, answer: int | None) -> str:
        """A thread or DM is one conversation; so is a thread the bot remembers but discord.py has not
        cached (it then arrives as a bare messageable). A reply to one of the bot's answers goes on with
        that answer's conversation (after a restart, with the thread opened on it). A question in a plain
        channel starts a conversation that goes on in the thread on the reply."""
        key = conversation_key(message.channel)
        if key is not None:
            return key
        if message.channel.id in self._threads:
            return thread_conversation(message.channel.id)
        if answer is not None:
            return self._answers.get(answer, thread_conversation(answer))
        return _asked_alone(message)

    async def handle(self, message: discord.Message) -> None:
        self.forwards.saw(message)
        question = self.question_in(message)
        if question is None or (not question and await self.forwards.followed(message)):
            return  # not addressed, or a forward its author commented on: the comment asks about it
        remember(self._asked, message.id, None, self._remembered)
        replied_to = self.replied_answer(message)
        async with self.core.in_flight.handling():
            if not await self._first_delivery(message):
                return
            if replied_to is not None and replied_to not in self._answers:
                # Possibly an answer people saw before Discord's response to sending it reached the bot.
                await self.answers_in_flight.settled(message.channel.id, replied_to)
            conversation = self._conversation(message, replied_to)
            async with self.answers_in_flight.answering(message):
                delivered = await self._answer(message, question, conversation)
                if delivered is None or answered_nothing(delivered[1]):
                    # An edit asks again; a refusal goes then, out of date, and small talk stays (it answered
                    # what was said).
                    refusal = delivered[0] if delivered and isinstance(delivered[1], Notice) else None
                    remember(self._refused, message.id, refusal, self._remembered)
                    return
                reply, result = delivered
                if article_attached(message, self.core.uploads):  # in a server channel, it goes as refusals do
                    await tell_article_unread(message, self.notices)
                if not isinstance(result, Answer | Timeline):
                    return
                # A reply to an answer stays where the asker put it: its conversation already has a thread. A
                # timeline ("what happened on feb 10?") is a turn too: "why did they do that?" follows it there;
                # one that shows no event is answered in place (``worth_a_thread``). The conversation moves to
                # the thread before the thread is asked for (a thread opened on a message takes the message's
                # id): a message in it, or a reply to the answer, that comes before Discord's response
                # (seconds, when the request is slow or retried) goes on with the conversation. An answer that
                # opens no thread (a voice channel's chat takes none) is keyed by its id all the same: a reply
                # to it after a restart looks there, and found nothing under the question's id.
                alone = conversation == _asked_alone(message)
                opens = alone and worth_a_thread(result) and self._can_open_thread(message)
                if alone:
                    thread = thread_conversation(reply.id)
                    self.core.continue_conversation(conversation, thread)
                    conversation = thread
                remember(self._answers, reply.id, conversation, self._remembered)
            if opens:
                await self._open_thread(reply, result.question if isinstance(result, Answer) else question)

    async def _first_delivery(self, message: discord.Message) -> bool:
        """Whether this is the first delivery of ``message``. The same message delivered again (replayed to a
        session that had read it, or sent to two processes connected for one shard, as an old one still is while
        its replacement starts) was answered again: two replies and two threads. An edit asked again is a new
        delivery of its own (``handle_edit``). A store that can't be reached answers it: a reply twice is better
        than none."""
        if message.edited_at is not None:
            return True
        try:
            first = await call(self.seen, self.seen.claim, f"discord:{message.id}")
        except Exception:
            log_store_failure(log, "could not claim a message as handled; answering it")
            return True
        if not first:
            log.info("message %s was already handled; not answered again", message.id)
            metrics.DUPLICATES.labels("discord").inc()
        return first

    async def handle_edit(self, before: discord.Message, after: discord.Message) -> None:
        """What an edit asks is the core's rule (``bot.edits``), as on Slack. A message edited to address the bot
        (a mention added to a question posted without one) is answered,
        once, as Slack answers a mention added by an edit. One that addressed it already was answered when
        posted: a typo fixed asks nothing new. discord.py reports an edit only of a message still in its
        cache (the last 1,000), so a question from long ago is never answered late.

        A question that got no answer is asked again when its words change: told it was empty or too long,
        or to slow down, people fix the message they sent rather than send it again, and the fixed one went
        unanswered. The refusal it got, now out of date, is deleted. An update that leaves the words as they
        were (Discord adding a link's preview) asks nothing."""
        refused, now = after.id in self._refused, self.question_in(after)
        if not edit_asks(words_changed=before.content != after.content, refused=refused,
                         addressed_before=after.id in self._asked or self.question_in(before) is not None,
                         addressed_now=now is not None, small_talk_now=only_small_talk(now or "")):
            return
        await (self._ask_again(after) if refused else self.handle(after))

    async def _ask_again(self, edited: discord.Message) -> None:
        """Answer ``edited``, a question refused before; its refusal goes once something new is said (a
        refusal again included), and stays when nothing is (a user told to wait already)."""
        refusal = self._refused.pop(edited.id)
        await self.handle(edited)
        if refusal is None:
            return
        if self._refused.get(edited.id, refusal) is None:
            self._refused[edited.id] = refusal
            return
        await self.notices.withdraw(refusal)

    async def _ask(self, message: discord.Message, question: str, conversation: str) -> Result:
        """The core's result, with "dispute-bot is typing…" shown if it takes a while."""
        hint = None
        if not question and self._text_withheld(message):
            # Not the "please ask a question" the core gives an empty mention: the asker did ask one.
            role = message.guild.self_role if message.guild is not None else None
            unread = ROLE_ONLY if role is not None and role in message.role_mentions else REPLY_UNREAD
            hint = unread.format(name=self.client.user.name if self.client.user else "dispute-bot")
        elif not question and spoken(message):
            hint = SPOKEN  # told it was a file to add, or in the bot's thread passed over in silence
        elif not question and (message.attachments or files_forwarded(message)):
            hint = FILES_ONLY  # most likely an article to add, as Slack's moderators add one by DM
        elif strip_links(question).lower().split() == ["add"]:
            hint = ADD_BY_COMMAND  # Slack's way (the README's too): answered as the question "add", files unread
        if hint is not None:
            async def notice(text: str = hint) -> Notice:
                return Notice(NoticeKind.INVALID, text)

            return await self.core.admission.run("ask", actor_for(message.author), notice)
        # A thread's opening post is what a question there points at until the bot has answered in it; after that
        # the thread is its conversation (as a Slack thread the bot answered in is followed), and "when was
        # that?" asks about the last answer, not the post again. Only a thread has an opening post: elsewhere the
        # conversation's turns are not read twice (with shared state, a store round trip).
        opening = (isinstance(message.channel, discord.Thread) and not self.is_bot_thread(message.channel)
                   and not await self.core.goes_on(conversation))
        # One of the bot's own answers forwarded back is asked about as a reply to it is, its text never searched.
        about = await answer_forwarded(message, self._answers, self.client, self.core.answer_conversation)
        pointed = None if about is not None else (self.forwards.commented(message)
                                                  or await pointed_text(message, self.client.user, opening))
        typing = asyncio.create_task(self._typing(message.channel))
        try:
            return await self.core.ask(question, actor_for(message.author), conversation, pointed_at=pointed,
                                       about_answer=about)
        finally:
            typing.cancel()

    def _text_withheld(self, message: discord.Message) -> bool:
        """Without the Message Content intent Discord sends a server message's text only when it mentions the
        bot's user: a question addressed to its role arrives empty, and so does a reply to one of its answers
        with the reply's mention turned off (Discord then lists nobody as mentioned)."""
        me = self.client.user
        return (message.guild is not None and not self.client.intents.message_content and me is not None
                and me not in message.mentions)

