"""The message a Discord message points at: the post it replies to, or what it forwards.

"@bot is this true?" replying to someone's post, or a post forwarded to the bot's DM, asks about that post;
the core reads its text (``CommandCore.ask``'s ``pointed_at``). Kept apart from ``bot.discord.messages``, which
decides which messages address the bot and answers them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence

import discord

from bot.discord.feedback import TEMPLATE as FEEDBACK_ID
from bot.discord.identity import conversation_key, dm_conversation, thread_conversation
from bot.validation import strip_links

log = logging.getLogger(__name__)


def shown(post: discord.Message | discord.MessageSnapshot) -> str:
    """What a post says to the people reading it: its text, or, when it has none besides addresses, what its
    embeds show (each one's title and description) or the poll it holds (``polled``). A news feed's post (a
    webhook's or another bot's) is often an embed alone, and a link someone shares bare shows as the page's
    headline and summary, which Discord adds as an embed: "@bot is this true?" under either read nothing, or
    only an address."""
    if strip_links(post.content).strip():
        return post.content
    said = [part for embed in post.embeds for part in (embed.title, embed.description) if part]
    return "\n".join(said) or polled(post) or post.content


def polled(post: discord.Message | discord.MessageSnapshot) -> str:
    """A poll's question, and its answers on the next line: a poll has no text, and "@bot is this true?"
    under one read nothing. The answers come along because a poll's claim may be in them ("How many accounts
    were blocked?" with "1,178" and "250"); Discord withholds polls without the Message Content intent as it
    does text. A forward's snapshot carries no poll in discord.py."""
    poll = getattr(post, "poll", None)
    if poll is None:
        return ""
    answers = "; ".join(answer.text for answer in poll.answers if answer.text)
    return "\n".join(part for part in (poll.question or "", answers) if part)


def forwarded(message: discord.Message) -> str:
    """The text of the messages ``message`` forwards (Discord's forwards carry it in ``message_snapshots``;
    the forwarding message itself has none), as ``shown`` reads a post."""
    return "\n".join(text for snapshot in message.message_snapshots if (text := shown(snapshot)))


def files_forwarded(message: discord.Message) -> bool:
    """Whether ``message`` forwards only files (an article passed on to the bot's DM): a forward keeps the post's
    files in its snapshot, not on itself, so it looked like a message with nothing at all."""
    return any(snapshot.attachments for snapshot in message.message_snapshots) and not forwarded(message)


def spoken(message: discord.Message) -> bool:
    """Whether ``message`` is a voice message (``IS_VOICE_MESSAGE``: one audio attachment, no text), sent or
    forwarded (a forward keeps the flag and the audio in its snapshot, none on itself). Its question is spoken:
    it was taken for a file to add and pointed to /add-article."""
    return message.flags.voice or any(snapshot.flags.voice for snapshot in message.message_snapshots)


async def answer_forwarded(message: discord.Message, answers: Mapping[int, str], client: discord.Client,
                           stored: Callable[[str], Awaitable[str | None]]) -> str | None:
    """The conversation of the bot's own answer that ``message`` forwards, or that the forward it replies to
    forwards (Discord sends that one along); None for anything else. A forward's snapshot has no author, so the
    answer is known by its id (``answers``: the bot's answers this run, by message id, to their conversation)
    or, after a restart, by its 👍/👎 buttons, which a snapshot keeps and only the bot's stored answers carry:
    they name the stored answer, whose conversation ``stored`` reads (``CommandCore.answer_conversation``), or,
    should the store not say, the one of where it was given (``given_in``). Read as a question, an answer
    forwarded back ("is this true?") was searched by its own quotes and wording."""
    replied = reply_reference(message)
    for forward in (message, replied.resolved if replied is not None else None):
        reference = forward.reference if isinstance(forward, discord.Message) else None
        if (reference is None or reference.message_id is None
                or reference.type is not discord.MessageReferenceType.forward):
            continue
        if reference.message_id in answers:
            return answers[reference.message_id]
        snapshots = forward.message_snapshots if isinstance(forward, discord.Message) else []
        answer_id = next((found for snapshot in snapshots if (found := _feedback_answer(snapshot.components))), None)
        if answer_id is not None:
            return await stored(answer_id) or given_in(reference, reference.message_id, client)
    return None


def given_in(forward: discord.MessageReference, answer_id: int, client: discord.Client) -> str:
    """The conversation of the bot's answer a forward names, by where the answer was (the forward's reference
    names its channel, and its server unless it was in a DM): a DM's, a thread's, or in a plain channel the
    thread opened on the answer, as for a reply to it (``thread_conversation``). After a restart an answer given
    in a DM or a thread was taken for one in a plain channel, and a question asked with it read nothing of its
    conversation. A channel of a server the bot has loaded that is not in its cache is a thread (an archived
    one is never sent at start-up); in a server the bot is not in (a user's install, or one it has left) the
    forward can't tell, which is why the stored answer is asked first."""
    channel = client.get_channel(forward.channel_id)
    if channel is None and forward.guild_id is None:
        return dm_conversation(forward.channel_id)
    if channel is None and forward.guild_id is not None and client.get_guild(forward.guild_id) is not None:
        return thread_conversation(forward.channel_id)
    return conversation_key(channel) or thread_conversation(answer_id)


def _feedback_answer(components: Sequence[object]) -> str | None:
    """The stored answer's id that a message's 👍/👎 buttons (``bot.discord.feedback``) name, if it has them."""
    for component in components:
        children = getattr(component, "children", None)
        if isinstance(children, list | tuple) and (found := _feedback_answer(children)):
            return found
        if match := FEEDBACK_ID.match(str(getattr(component, "custom_id", "") or "")):
            return match.group("answer")
    return None


def reply_reference(message: discord.Message) -> discord.MessageReference | None:
    """The reference of ``message`` when it replies to another, naming that message; None otherwise. A
    forward carries a reference too, of its own type."""
    reference = message.reference
    if reference is None or reference.message_id is None or reference.type is not discord.MessageReferenceType.reply:
        return None
    return reference


async def pointed_text(message: discord.Message, me: discord.abc.User | None,
                       thread_start: bool = True) -> str | None:
    """The text of the message ``message`` points at, for the core to read its question against: what it
    forwards, someone's post it replies to ("@bot is this true?" under a claim), or else, with
    ``thread_start`` (the caller's: not in a thread that is the bot's conversation), the post the thread it
    is in was opened on (``opening``). Discord usually sends the replied-to message along; when it doesn't,
    it is fetched (one request). A reply to the bot's own (``me``) answer goes on with that answer's
    conversation instead, and a message that can't be read (deleted, no Read Message History; without the
    Message Content intent its text is empty) adds nothing."""
    if text := forwarded(message):
        return text
    reference = reply_reference(message)
    if reference is None or reference.message_id is None:
        return await opening(message, me) if thread_start and reference is None else None
    pointed = reference.resolved or reference.cached_message
    if pointed is None:
        try:
            pointed = await message.channel.fetch_message(reference.message_id)
        except discord.HTTPException as exc:
            log.info("could not read message %s, replied to by %s: %s", reference.message_id, message.id, exc)
            return None
    if not isinstance(pointed, discord.Message) or (me is not None and pointed.author.id == me.id):
        return None
    return shown(pointed) or forwarded(pointed) or None


async def opening(message: discord.Message, me: discord.abc.User | None) -> str | None:
    """What the post a thread was opened on says, for a message in that thread. "@bot is this true?" in a
    thread someone opened on a claim, or in a forum post, points at the claim as it does in the thread of a
    Slack post; it was answered as "is this true?" alone. A thread opened on a message keeps that message's
    id: it is in the thread's channel, or for a forum's (or media channel's) post in the thread itself.
    Read from discord.py's cache, else fetched (one request); a thread opened on no message (404), the bot's
    own message, or one that can't be read adds nothing."""
    thread = message.channel
    # A private thread is never opened on a message: asking Discord for one would only ever get a 404.
    if not isinstance(thread, discord.Thread) or message.id == thread.id or thread.is_private():
        return None
    start = thread.starter_message
    if start is None:
        holder = thread if isinstance(thread.parent, discord.ForumChannel) else thread.parent
        if not isinstance(holder, discord.Thread | discord.TextChannel | discord.VoiceChannel):
            return None
        try:
            start = await holder.fetch_message(thread.id)
        except discord.HTTPException as exc:
            log.info("could not read the message thread %s was opened on: %s", thread.id, exc)
            return None
    if me is not None and start.author.id == me.id:
        return None
    return shown(start) or forwarded(start) or None
