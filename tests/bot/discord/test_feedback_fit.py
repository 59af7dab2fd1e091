"""A 👎's next-best passages on Discord: the best ones arrive whole, with their article link, within the
6,000 characters of an embed; those that don't fit are counted, never shown as a bare "…"."""

from __future__ import annotations

import discord

from bot.discord.limits import ELLIPSIS, EMBED_TOTAL_LIMIT, fit_embed, link, problems
from bot.discord.outgoing import Outgoing
from bot.discord.render import render_feedback
from bot.history_results import Feedback
from tests.bot.discord.discord_rules import message_errors
from tests.bot.long_passages import URL, passage


def accepted(message: Outgoing) -> bool:
    body = {"content": message.content, "embeds": [e.to_dict() for e in message.embeds]}
    return problems(message) == [] and message_errors(body) == {}


def test_nine_long_passages_keep_the_best_whole_with_their_links() -> None:
    alternatives = [passage(n) for n in range(9)]
    [message] = render_feedback(Feedback(vote=-1, text="Thanks, your vote changed.", alternatives=alternatives))
    assert accepted(message)
    embed = message.embeds[0]
    assert len(embed) <= EMBED_TOTAL_LIMIT
    values = [f.value or "" for f in embed.fields]
    assert values and not any(v.strip() in ("", ELLIPSIS) for v in values), values
    first = values[0]
    assert alternatives[0].quote in first, "the best passage is shown whole"
    assert link("Read the article", URL) in first and "2021" in first
    for value in values:  # every passage shown keeps its source line: the date and the article's link
        assert value.endswith(link("Read the article", URL)), value[-120:]
    hidden = len(alternatives) - len(values)
    if hidden:
        assert embed.footer.text and f"{hidden} more passages not shown" in embed.footer.text
    # The ones shown are the best ones, in order.
    assert [f.name for f in embed.fields] == [f"[{n}] {c.title}" for n, c in enumerate(alternatives, start=1)
                                            ][:len(values)]
    # Passages that fit together are all shown whole, and nothing is said to be left out.
    short = [passage(n, 200) for n in range(9)]
    [message] = render_feedback(Feedback(vote=-1, text="Thanks.", alternatives=short))
    assert accepted(message) and not message.embeds[0].footer.text
    assert all(c.quote in (f.value or "") for c, f in zip(short, message.embeds[0].fields, strict=True))


def test_fit_embed_spreads_a_cut_and_keeps_each_field_s_last_line() -> None:
    source = "10 Feb 2021 · " + link("Read the article", URL)
    embed = discord.Embed(title="Fields")
    for n in range(9):
        embed.add_field(name=f"[{n + 1}] A title", value=f"{'word ' * 150}\n{source}", inline=False)
    fitted = fit_embed(embed)
    assert accepted(Outgoing(embeds=(fitted,)))
    values = [f.value or "" for f in fitted.fields]
    assert len(values) == 9 and not any(v.strip() == ELLIPSIS for v in values), [len(v) for v in values]
    assert max(map(len, values)) - min(map(len, values)) <= 20, "the cut is shared, not taken from the first"
    assert all(v.startswith("word word") and v.endswith(source) for v in values), values[0][-200:]
