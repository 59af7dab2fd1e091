"""What an edited message asks of the bot: one rule for every platform, which each adapter applies to what its
platform tells it (Discord's ``on_message_edit``, Slack's ``message_changed`` and edited ``app_mention``).

Users of chat bots fix typos in questions that were answered: answering again posted a second reply nobody
asked for. They also fix the question the bot refused (empty, too long, told to slow down) instead of sending
it again, and add a mention to a question they forgot to address. So an edit asks something only when its
words changed and it is addressed to the bot now, and then only if the message got no answer before: it was
refused, or it got only small talk back ("hi" answered with a greeting, then edited into the question the asker
meant to send), or it was not addressed to the bot until this edit. Everything else about an edit is ignored quietly.
A deleted question is no request either: the answer stays, since others in the conversation may have read it
and it quotes the articles, not the question.
"""

from __future__ import annotations

from bot.results import Notice, Reply
from bot.smalltalk import ADDING_TOPIC, small_talk


def edit_asks(*, words_changed: bool, refused: bool, addressed_before: bool, addressed_now: bool,
              small_talk_now: bool = False) -> bool:
    """Whether an edited message is to be answered (again, when it was ``refused``). ``addressed_before``: the
    bot took the message as addressed to it before the edit (answered or refused); ``addressed_now``: after.
    ``small_talk_now``: the edit's words are only small talk (``only_small_talk``), which asks nothing: people
    edit a message to fix a question, and a typo fixed in "thanks" got a second "You're welcome"."""
    if not words_changed or not addressed_now or small_talk_now:
        return False
    return refused or not addressed_before


def answered_nothing(result: object) -> bool:
    """Whether ``result`` left a message without an answer from the articles, so that an edit of its words asks
    again (``edit_asks``'s ``refused``): a refusal (``Notice``), or small talk (``Reply``: a greeting, thanks,
    "is this true?"), which people turn into the question they meant by editing the message ("hi" -> "hi, who
    ordered the blocking?"). Before, only a refusal counted, and such an edit went unanswered."""
    return isinstance(result, Notice | Reply)


def only_small_talk(words: str) -> bool:
    """Whether an edited message's words (as the adapter reads a question) are only small talk: "thanks",
    "hi", "is this true?" (``bot.smalltalk.small_talk``). Not "how do I add an article?": a request the reply
    before the edit did not answer ("hi" greeted, then edited into it), which went unanswered once it was
    read as small talk."""
    reply = small_talk(words)
    return reply is not None and reply.about != ADDING_TOPIC
