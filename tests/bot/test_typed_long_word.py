"""A refused long question given back to copy keeps as much as fits: cut back to a space only when one is near
the cut (as ``bot.discord.limits.clip`` does). Always cut back, "why did twitter " followed by one long run of
letters (a pasted address, a word repeated without spaces) came back as "why did twitter", 15 of 2,416
characters, in Discord's and Slack's replies alike."""

from __future__ import annotations

from bot.discord import render as discord_render
from bot.render.typed import FENCE
from bot.results import Notice, NoticeKind
from bot.slack import render as slack_render

SAID = "That question is 2,416 characters long; please keep it to 1,000 characters or fewer."
TYPED = "why did twitter " + "refuse" * 400
ADDRESS = "see https://news.example/" + "a" * 3000 + " and why"


def _shown(text: str) -> str:
    return text.split(f"{FENCE}\n")[1].removesuffix(f"\n{FENCE}")


def test_discord_gives_back_what_fits_of_a_long_word() -> None:
    for typed in (TYPED, ADDRESS):
        (message,) = discord_render.render(Notice(NoticeKind.INVALID, SAID, asked=typed))
        content = str(message.content)
        shown = _shown(content)
        assert len(content) <= 2000 and typed.startswith(shown)
        assert len(shown) > 1500, f"only {len(shown)} characters given back: {shown[:40]!r}"


def test_slack_gives_back_what_fits_of_a_long_word() -> None:
    typed = "why did twitter " + "refuse" * 800  # past the 3,000 characters a Slack refusal holds
    message = slack_render.render(Notice(NoticeKind.INVALID, SAID, asked=typed))
    text = "\n".join(b["text"]["text"] for b in message.blocks if "text" in b) or message.text
    shown = _shown(text)
    assert typed.startswith(shown) and len(shown) > 2000, f"only {len(shown)} characters: {shown[:40]!r}"

