"""👍/👎 buttons under every stored answer, working across restarts.

Each button's ``custom_id`` carries the vote and the answer id (``fb:up:<id>``), and the class is registered
with the client at start-up (``add_dynamic_items``), so a click on a message sent before a restart is still
routed here: nothing about the message is kept in memory. A click is deferred at once (ephemerally, so only
the clicker sees the "thinking…" and the thanks), well within Discord's 3 seconds; the vote is then stored by
the core, and the thanks fills in the "thinking…". The shared message is never edited, so nobody's vote shows.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from bot.core import APOLOGY
from bot.discord.identity import actor_for

log = logging.getLogger(__name__)

TEMPLATE = re.compile(r"^fb:(?P<vote>up|down):(?P<answer>[0-9a-f]{32})$")
VOTES = {"up": 1, "down": -1}
LABELS = {"up": ("👍", "Helpful"), "down": ("👎", "Not helpful")}


class FeedbackButton(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=TEMPLATE):
    def __init__(self, vote: str, answer_id: str) -> None:
        emoji, label = LABELS[vote]
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.secondary, emoji=emoji, label=label,
                                           custom_id=f"fb:{vote}:{answer_id}"))
        self.vote = vote
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> FeedbackButton:
        return cls(match["vote"], match["answer"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        # render builds these buttons, and responding renders: import them late
        from bot.discord.render import render
        from bot.discord.responding import defer_in_time, deliver

        core = interaction.client.core
        async with core.in_flight.handling():  # a shutdown waits for the thanks it has acknowledged
            if await defer_in_time(interaction, "a feedback click", ephemeral=True) is None:
                return  # too late to thank anyone: the vote is not stored either, and the click can be repeated
            try:
                result = await core.vote(actor_for(interaction.user), self.answer_id, VOTES[self.vote])
            except Exception:
                log.exception("feedback click %s by %s failed", self.custom_id, interaction.user.id)
                await interaction.followup.send(APOLOGY, ephemeral=True,
                                                allowed_mentions=discord.AllowedMentions.none())
                return
            # The thanks fills in the "thinking…" (an edit, which a retried request only repeats), as a
            # command's answer does: a follow-up whose response Discord lost was shown twice.
            await deliver(interaction, render(result), private=True, command="feedback")


def feedback_view(answer_id: str) -> discord.ui.View:
    """The two buttons, in a view that never times out (needs a running event loop, like every view)."""
    view = discord.ui.View(timeout=None)
    view.add_item(FeedbackButton("up", answer_id))
    view.add_item(FeedbackButton("down", answer_id))
    return view
