"""What the bot says instead of an answer, or after one, to a message it can't read all of: a file (an article to
add, which only ``/add-article`` takes), Slack's way of adding, a mention of its role or a reply it can't read
without the Message Content intent."""

from __future__ import annotations

import contextlib

import discord

from bot.discord import replies
from bot.discord.expiring import ExpiringNotices
from bot.uploads import UploadRules

FILES_ONLY = ("I read questions, not attached files. To add an article, a moderator uses /add-article with the file "
              "attached; to ask, write your question.")
# "add", alone with files attached or followed by addresses: how Slack's moderators add articles, by DM.
ADD_BY_COMMAND = ("Articles are added with /add-article (moderators only), with the file attached or the page's "
                  "address as its url; here I answer questions.")
ROLE_ONLY = ("I can't read messages that mention my role. Ask again mentioning me (@{name} under Members, not "
             "under Roles), or use /ask.")
REPLY_UNREAD = ("I can't read replies that don't mention me. Reply again with the reply's mention turned on "
                "(@ON, above the message box), or mention me (@{name}), or use /ask.")
# After the answer to a message that came with an article: Slack's sender is told the same (``bot.slack.adding``).
ARTICLE_UNREAD = ("I answered your words; I don't read attached files. To add that file as an article, a moderator "
                  "uses /add-article with it attached.")


def article_attached(message: discord.Message, uploads: UploadRules) -> bool:
    """Whether ``message`` carries a file of a type ``/add-article`` takes (by its name, as the core rules): sent
    to the bot's DM with a question, the file was passed over without a word, and its sender left to guess why
    nothing read it. A picture with a question is a question only."""
    return any(uploads.refusal(attachment.filename, 0) is None for attachment in message.attachments)


async def tell_article_unread(message: discord.Message, notices: ExpiringNotices) -> None:
    """``ARTICLE_UNREAD`` after the answer to ``message``, which came with an article. In a server channel (a mention
    with the file attached: answered, the file passed over without a word) the note is no private one, so it goes
    as the bot's refusals there do (``NOTICE_LIFETIME``)."""
    with contextlib.suppress(discord.HTTPException):  # the answer came; this only helps
        note = await message.channel.send(ARTICLE_UNREAD, allowed_mentions=discord.AllowedMentions.none())
        if message.guild is not None:
            notices.expire(note, replies.NOTICE_LIFETIME)
