"""A "when" answer's quote counting from its article's date ("Yesterday …") shows the day it means beside the
article's date, on every platform; the quote itself stays the article's words."""

from __future__ import annotations

from bot.discord.render import render as discord_render
from bot.render.plain import render as plain_render
from bot.slack.render import render as slack_render
from retrieval.types import Answer, Citation, DayMeant

QUOTE = "Yesterday the board published the list of cancelled licences."
CITED = Citation(doc_id="ferry-appeal", title="Ferry operator appeals licence ruling", date="2024-03-14", url=None,
                 quote=QUOTE, start=203, end=264, score=0.7, meant=DayMeant("Yesterday", "2024-03-13"))
ANSWER = Answer("when was the list published?", f"{QUOTE} [1]", True, [CITED])
ESTIMATED = Answer("when was the list published?", f"{QUOTE} [1]", True,
                   [Citation("wire", "Ferry licences cancelled", "2024-03-12", None, QUOTE, 0, 61, 0.7,
                             date_estimated=True, meant=DayMeant("Yesterday", "2024-03-11", estimated=True))])


def test_the_day_meant_is_shown_on_every_platform() -> None:
    shown = "“Yesterday” = 2024-03-13"
    assert shown in plain_render(ANSWER)
    assert shown in str(slack_render(ANSWER).payload()["blocks"])
    assert any(shown in str(embed.to_dict()) for m in discord_render(ANSWER) for embed in m.embeds)
    assert f"{QUOTE} [1]" in plain_render(ANSWER)  # the answer's words as the article writes them


def test_a_day_counted_from_an_estimated_date_is_estimated_too() -> None:
    assert "“Yesterday” = ~2024-03-11 (estimated)" in plain_render(ESTIMATED)
