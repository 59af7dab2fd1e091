"""Sending the bot's reply to a message: the answer, its fallbacks where Discord refuses it, the apology.

In a channel where the bot may send messages but not embeds, Discord refuses an embed-only message (403, code
50013); the answer then goes out as plain text. Where it may not read the channel's history, the reply goes out
without its reference. A mixin of ``bot.discord.messages.Conversations``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

import discord

from bot.builds import APOLOGY
from bot.discord.answer_keys import AnswersInFlight
from bot.discord.elsewhere import by_dm
from bot.discord.expiring import ExpiringNotices
from bot.discord.outgoing import Outgoing
from bot.discord.render import render, render_plain
from bot.results import Notice, Result

log = logging.getLogger(__name__)

NONE = discord.AllowedMentions.none()
# Seconds a refusal to a message in a server channel stays up ("Slow down", "too long"): only interactions
# can answer privately, and a refusal that stays clutters a channel everyone reads. Long enough to be read.
NOTICE_LIFETIME = 120.0
TYPING_AFTER = 0.5  # seconds: a quick answer needs no "typing…", and a flood must not cause one per message
MISSING_PERMISSIONS = 50013
# Where nothing the bot sends is taken, an apology included: a locked thread (the bot lacks Manage Threads),
# an archived one it may not reopen, a channel it can no longer see, one deleted while it answered.
NO_REPLY_HERE = frozenset({160005, 50083, 50001, 10003})
# A reply needs Read Message History as well as Send Messages; without it Discord refuses the reference.
CANNOT_REPLY = 160002
# A reply to a message deleted meanwhile: 400, Invalid Form Body, its message_reference an unknown message.
INVALID_FORM_BODY = 50035
# The server's AutoMod blocked the message: a keyword or link rule with the Block Message action, which applies
# to bots as to members (200000), or Discord's harmful-links filter (240000). Articles about the dispute quote
# words servers filter, so an answer can be refused where a question was not.
AUTOMOD_BLOCKED = frozenset({200000, 240000})
NOT_POSTED = "I can't post in <#{channel}>, where you asked me, so here is my answer:"
AUTOMOD_NOTICE = ("This server's AutoMod blocked my answer, so it could not be posted here. Ask me in a direct "
                  "message, or a moderator can exempt my role from the rule.")


class QuestionGone(Exception):
    """The question was deleted while its answer went out in parts; ``sent``: the parts already posted."""

    def __init__(self, sent: list[discord.Message]) -> None:
        super().__init__("question deleted")
        self.sent = sent


class ReplySending:
    """Sends replies, with the fallbacks Discord's refusals call for."""

    notices: ExpiringNotices  # set by ``Conversations``
    answers_in_flight: AnswersInFlight  # set by ``Conversations``

    if TYPE_CHECKING:
        async def _ask(self, message: discord.Message, question: str, conversation: str) -> Result: ...

    async def _answer(self, message: discord.Message, question: str, conversation: str
                      ) -> tuple[discord.Message, Result] | None:
        """Reply to ``message``: the reply and the result it shows, or None when nothing was sent."""
        result: Result | None = None
        try:
            result = await self._ask(message, question, conversation)
            if isinstance(result, Notice) and result.silent:
                return None
            lifetime = NOTICE_LIFETIME if isinstance(result, Notice) and message.guild is not None else None
            self.answers_in_flight.sending(message)  # a reply to the reply may come before its id does
            try:
                reply = await self.send(message, render(result, show_question=False), delete_after=lifetime)
            except discord.Forbidden as exc:
                if exc.code != MISSING_PERMISSIONS:
                    raise
                # Send Messages without Embed Links: the same answer as text, which needs only the first.
                log.warning("channel %s refused an embed (%s); answering in plain text", message.channel.id, exc.text)
                try:
                    reply = await self.send(message, render_plain(result), delete_after=lifetime)
                except discord.Forbidden as again:
                    if again.code != MISSING_PERMISSIONS:
                        raise
                    # No Send Messages here at all: an apology would be refused too, and Discord counts
                    # refused requests against the bot (10,000 per 10 minutes before a temporary ban).
                    log.warning("channel %s lets the bot read but not send; question %s not answered there",
                                message.channel.id, message.id)
                    await self._to_author(message, result)
                    return None
        except QuestionGone as gone:
            # Deleted while a long answer went out in parts: the rest is not sent, and the parts people saw go
            # too, as the whole answer would have (an answer's end under nothing told half of it to everyone).
            log.warning("question %s in channel %s was deleted while its answer was sent; %d part(s) taken back",
                        message.id, message.channel.id, len(gone.sent))
            for part in gone.sent:
                with contextlib.suppress(discord.HTTPException):
                    await part.delete()
            return None
        except discord.HTTPException as exc:
            if question_gone(exc):
                # As on Slack: a question taken back (in the wrong place, asked again in other words, regretted)
                # gets no answer under its words, nor an apology for it.
                log.warning("question %s in channel %s was deleted before its answer; not answered", message.id,
                            message.channel.id)
            elif exc.code in NO_REPLY_HERE:
                log.warning("channel %s takes no message from the bot (%s %s); question %s not answered there",
                            message.channel.id, exc.code, exc.text, message.id)
                if result is not None:
                    await self._to_author(message, result)
            elif exc.code in AUTOMOD_BLOCKED:
                await self._blocked(message, exc)
            else:
                await self._failed(message)
            return None
        except Exception:
            await self._failed(message)
            return None
        return reply, result

    @staticmethod
    async def _to_author(message: discord.Message, result: Result) -> None:
        """``result`` to the asker by direct message, where the channel takes nothing from the bot (no Send
        Messages, a locked or closed thread, a channel deleted meanwhile): they asked, and silence looked like a
        broken bot. One who takes no DMs from the server's members is only logged."""
        await by_dm(message.author, NOT_POSTED.format(channel=message.channel.id), render(result, show_question=False),
                    f"the answer to question {message.id}")

    async def _blocked(self, message: discord.Message, exc: discord.HTTPException) -> None:
        """The server's AutoMod refused the reply: no crash and no "something went wrong", which blamed the bot
        for the server's rule. The asker is told why, in words of no answer's (so the rule lets them through),
        and the notice goes away as the bot's other refusals in a server channel do."""
        log.warning("AutoMod in channel %s blocked the reply to question %s (%s %s)", message.channel.id,
                    message.id, exc.code, exc.text)
        with contextlib.suppress(discord.HTTPException):
            notice = await self._reply(message, content=AUTOMOD_NOTICE, allowed_mentions=NONE)
            self.notices.expire(notice, NOTICE_LIFETIME)

    async def _failed(self, message: discord.Message) -> None:
        """The details to the log; to the asker the apology, which in a server channel goes away as the bot's
        refusals there do: a message can't be answered privately, and it stayed up for everyone for good."""
        log.exception("answering message %s in channel %s failed", message.id, message.channel.id)
        with contextlib.suppress(Exception):
            apology = await self._reply(message, content=APOLOGY, allowed_mentions=NONE)
            if message.guild is not None:
                self.notices.expire(apology, NOTICE_LIFETIME)

    @staticmethod
    async def _typing(channel: discord.abc.Messageable) -> None:
        await asyncio.sleep(TYPING_AFTER)
        with contextlib.suppress(discord.HTTPException):
            await channel.typing()

    async def send(self, message: discord.Message, outgoing: list[Outgoing], delete_after: float | None = None
                   ) -> discord.Message:
        """Reply to ``message`` with the first part (without pinging its author); the rest follow it.
        ``delete_after``: seconds until the reply is deleted (a refusal in a server channel; ``notices``)."""
        reply = await self._reply(message, **outgoing[0].send_kwargs())
        if delete_after is not None:
            self.notices.expire(reply, delete_after)
        sent = [reply]
        for part in outgoing[1:]:
            # The parts after the first are no replies, which Discord would refuse once the question is gone:
            # its deletion (``AnswersInFlight.deleted``) is what stops them.
            if self.answers_in_flight.gone(message):
                raise QuestionGone(sent)
            sent.append(await message.channel.send(**part.send_kwargs()))
        return reply

    @staticmethod
    async def _reply(message: discord.Message, **kwargs: Any) -> discord.Message:
        """A reply to ``message``, or, where the bot may send but not read the channel's history (Discord
        refuses the reply then), the same message sent to the channel: the answer matters, not the arrow.
        A question deleted meanwhile is refused (``question_gone``): the answer, sent without its reference as it
        was, showed the deleted question's words as its title to everyone."""
        reference = message.to_reference()
        try:
            return await message.channel.send(**kwargs, reference=reference, mention_author=False)
        except discord.HTTPException as exc:
            if exc.code != CANNOT_REPLY:
                raise
            log.info("channel %s refused a reply (%s); sending the answer without the reference",
                     message.channel.id, exc.text)
            return await message.channel.send(**kwargs)


def question_gone(exc: discord.HTTPException) -> bool:
    """Whether Discord refused a reply because the message it replies to was deleted (400, 50035, its
    ``message_reference`` an unknown message: MESSAGE_REFERENCE_UNKNOWN_MESSAGE)."""
    return exc.code == INVALID_FORM_BODY and "In message_reference" in exc.text
