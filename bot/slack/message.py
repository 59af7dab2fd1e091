"""What the Slack adapter posts: one message's blocks, its fallback text, and who sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.slack.mrkdwn import without_neutralisers


@dataclass(frozen=True)
class SlackMessage:
    """What is posted: Block Kit ``blocks`` plus the plain ``text`` fallback used by notifications."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    ephemeral: bool = False  # only the asker should see it (refusals, errors, moderator reports)
    file: tuple[str, bytes] | None = None  # (name, data) to share in the channel with it: what didn't fit
    # What to send instead when ``file`` can't be shared (a channel the bot is not in answers not_in_channel):
    # the text of a cut /sources list speaks of its file, and must not once there is none.
    unshared: SlackMessage | None = None

    def payload(self) -> dict[str, Any]:
        """What is posted. With blocks, ``text`` is only the notification's plain text: the word joiners that
        keep formatting characters inert in it when it is sent alone (Slack refused the blocks) are left out."""
        return {"text": without_neutralisers(self.text), "blocks": self.blocks} if self.blocks else {"text": self.text}
