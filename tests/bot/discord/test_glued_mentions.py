""""@everyone" and "@here" glued to letters ("x@everyone", "@everyoneKoo") were left live in what the bot shows:
Discord's markdown reads them wherever they stand (no ping: messages go with allowed_mentions none, but a
highlighted @everyone in an article's title or a timeline reads as if the bot had pinged)."""

from __future__ import annotations

import re

from bot.discord.render import render, render_plain
from bot.results import SourcesList
from retrieval.types import SourceInfo

LIVE = re.compile(r"(?<!\\)@(?:everyone|here)", re.IGNORECASE)


def test_glued_everyone_and_here_show_as_typed_in_sources() -> None:
    title = "Koo x@everyone @everyoneKoo @HEREnow and @@here"
    sources = SourcesList([SourceInfo("koo", title, "2021-02-12", "https://news.example/koo", "Paper", 3)])
    for message in [*render(sources), *render_plain(sources)]:
        texts = [str(message.content or "")]
        for embed in message.embeds:
            data = embed.to_dict()
            texts += [str(data.get("description", "")), *(f["value"] for f in data.get("fields", []))]
        shown = "\n".join(texts)
        assert "everyoneKoo" in shown and not LIVE.search(shown), shown
