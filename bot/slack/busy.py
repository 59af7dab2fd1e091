"""What the asker sees when Slack holds back the bot's reply in a busy channel for longer than it waits.

Past about one message a second in a channel Slack refuses posts with 429 ("ratelimited"). The posting path
paces posts and retries after the wait Slack asks for (``bot.slack.pacing``, ``bot.slack.rate_limits``), for
about two minutes; a reply still refused after that (or one that would wait longer for its turn) was an ERROR
and "Sorry, something went wrong", which it isn't: the reply was ready. It goes to the asker privately instead
(an ephemeral message in the same thread, which Slack limits apart from channel posts), saying why, so nothing
they asked for is lost and they can ask again to share it.
"""

from __future__ import annotations

from dataclasses import replace

from bot.slack.late import with_lead
from bot.slack.message import SlackMessage

RATE_LIMITED = "ratelimited"  # Slack's error for a call refused with 429
HELD_BACK = ("Slack is holding back my messages in this channel just now (too many at once), so only you can see "
             "this reply. Ask again in a minute to share it.")
NOTHING_YET = "Slack is holding back my messages in this channel just now (too many at once). Ask me again in a minute."


def held_back_note(reply: SlackMessage | None) -> SlackMessage:
    """``reply`` shown only to its asker, opening with why; without a reply, why and to ask again."""
    if reply is None:
        return SlackMessage(NOTHING_YET, ephemeral=True)
    return with_lead(replace(reply, ephemeral=True), HELD_BACK)
