"""Refusals given back: the apology for a command that failed, and the question or topic a refusal hands back.

Shared by the command core and the adapters, which catch what the core did not, so a refusal reads the same
wherever it came from.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from bot.builds import APOLOGY
from bot.results import Notice, NoticeKind
from bot.validation import words_of

T = TypeVar("T")
# A question spoken into a voice message (Discord) or an audio or video clip (Slack): no text to read, and no
# article to add either, which is what a file sent alone is otherwise taken for.
SPOKEN = "I can't listen to voice messages or clips. Please type your question, or use /ask."
# A link to a Slack canvas or list sent alone: the bot can't open one (``bot.slack.events.only_documents``).
SLACK_DOCUMENT = ("I can't open Slack canvases or lists. Paste the passage you want checked, or ask me your "
                  "question about it in words.")


def failed(typed: str | None = None) -> Notice:
    """The apology for a command that raised where an adapter caught it (the core's own failures come as a
    ``Notice`` already): a question or topic in it is given back as every refusal gives it back
    (``given_back``), since a slash command's text is gone and "try again" asked the user to retype it."""
    return given_back(Notice(NoticeKind.FAILED, APOLOGY), typed)


def given_back(result: T, typed: str | None) -> T:
    """A refusal of a question or topic that holds words, with the text as typed (``Notice.asked``): too
    long, slow down, busy, restarting, or failed, the asker shortens it or sends it again later, and a slash
    command's text is gone. Not a refusal of an empty question (nothing to give back), nor a silent one."""
    if isinstance(result, Notice) and not result.silent and typed and any(ch.isalnum() for ch in words_of(typed)):
        return replace(result, asked=typed.strip())
    return result

