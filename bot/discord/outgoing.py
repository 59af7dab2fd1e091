"""One Discord message to send: its text, embeds, attachments and buttons, never able to ping anyone."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import Any

import discord


@dataclass(frozen=True)
class Outgoing:
    """One message to send; ``ephemeral`` is honoured where the platform allows it (interactions)."""

    content: str | None = None
    embeds: tuple[discord.Embed, ...] = ()
    ephemeral: bool = False
    feedback: str | None = None  # answer id: the message gets 👍/👎 buttons (``bot.discord.feedback``)
    files: tuple[tuple[str, bytes], ...] = ()  # (file name, data) attachments
    # What to send instead should Discord refuse the attachments (no Attach Files permission): a message whose
    # text speaks of its file (a cut /sources list) must not, once the file is left out.
    unattached: Outgoing | None = None

    def send_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"allowed_mentions": discord.AllowedMentions.none()}
        if self.content:
            kwargs["content"] = self.content
        if self.embeds:
            kwargs["embeds"] = list(self.embeds)
        if self.feedback:
            from bot.discord.feedback import feedback_view  # a view needs the running loop: build it here

            kwargs["view"] = feedback_view(self.feedback)
        if self.files:  # a discord.File is read once, so each send gets fresh ones
            kwargs["files"] = [discord.File(io.BytesIO(data), filename=name) for name, data in self.files]
        return kwargs

    def edit_kwargs(self) -> dict[str, Any]:
        """The same for an edit (of a deferred interaction's "thinking…"), which takes files as attachments."""
        kwargs = self.send_kwargs()
        if "files" in kwargs:
            kwargs["attachments"] = kwargs.pop("files")
        return kwargs


def with_picture(messages: list[Outgoing], filename: str, png: bytes) -> list[Outgoing]:
    """``messages`` with the picture attached to the first one and shown inside its embed."""
    first = messages[0]
    if first.embeds:
        first.embeds[0].set_image(url=f"attachment://{filename}")
    return [replace(first, files=(*first.files, (filename, png))), *messages[1:]]


def without_files(message: Outgoing) -> Outgoing:
    """``message`` with its attachments (and embed images pointing at them) left out: the renderer's
    ``unattached`` version when it made one, since the text may say the file is attached."""
    if message.unattached is not None:
        return message.unattached
    embeds = tuple(discord.Embed.from_dict({k: v for k, v in e.to_dict().items() if k != "image"})
                   for e in message.embeds)
    return replace(message, embeds=embeds, files=())
