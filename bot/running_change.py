"""The change to the index under way in this process, as a moderator refused meanwhile and /status name it.

"An index rebuild is already running" was said whatever ran (an add, a removal), and /status said only "(a
build is running)": a second moderator could not tell whether to wait a minute or a quarter of an hour, nor whom
to ask. A change started in another process (the command line, another replica) is known only by its lock.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from bot.actors import Actor
from bot.build_updates import elapsed

_CHANGES = {"add": "an add of articles", "remove": "a removal of an article", "reindex": "a rebuild of the index"}
_PLATFORMS = {"discord": "Discord", "slack": "Slack", "terminal": "the terminal"}
ELSEWHERE = "Another change to the index (from the command line, or on another replica of the bot) is running"
TRY_LATER = "; try again when it has finished."


@dataclass(frozen=True)
class RunningChange:
    """``started``: epoch seconds (``time.time``) when it was let in."""

    what: str
    actor: Actor
    started: float

    def describe(self, now: float | None = None) -> str:
        """"an add of articles by alice on Discord, started 14:02 UTC (3 min 10 s ago)"."""
        now = time.time() if now is None else now
        who = self.actor.name or f"user {self.actor.user_id}"
        where = _PLATFORMS.get(self.actor.platform, self.actor.platform)
        clock = time.strftime("%H:%M UTC", time.gmtime(self.started))
        return (f"{_CHANGES.get(self.what, self.what)} by {who} on {where}, started {clock} "
                f"({elapsed(now - self.started)} ago)")


def busy_text(running: RunningChange | None, now: float | None = None) -> str:
    """The refusal of a change while another runs, naming it where this process knows it."""
    if running is None:
        return ELSEWHERE + TRY_LATER
    text = running.describe(now)
    return text[0].upper() + text[1:] + ", is still running" + TRY_LATER
