"""A refused question given back to copy (``bot.render.typed``), and which refusals of the core carry it."""

from __future__ import annotations

from bot.actors import LOCAL_USER
from bot.core import CommandCore
from bot.render.typed import FENCE, given_back
from bot.results import Notice, NoticeKind
from bot.slack.mrkdwn import escape

SAID = "That question is 1,234 characters long; please keep it to 1,000 characters or fewer."


def test_the_whole_question_comes_back_in_a_code_block_when_it_fits() -> None:
    out = given_back(SAID, "  why did <@123> block @everyone?  ", 2000)
    assert out == f"{SAID}\nWhat you typed, to copy:\n{FENCE}\nwhy did <@123> block @everyone?\n{FENCE}"


def test_a_question_too_long_to_show_is_cut_at_a_word_and_says_so() -> None:
    typed = " ".join(f"word{n}" for n in range(1000))  # 6,889 characters
    for limit in (300, 2000, 3000):
        out = given_back(SAID, typed, limit)
        assert len(out) <= limit and out.startswith(SAID) and out.endswith(FENCE)
        shown = out.split(f"{FENCE}\n")[1].removesuffix(f"\n{FENCE}")
        assert typed.startswith(shown) and typed[len(shown)] == " ", "cut between words"
        assert f"(its first {len(shown):,} of {len(typed):,} characters)" in out
    assert given_back(SAID, typed, len(SAID) + 5) == SAID, "no room at all: the refusal alone"
    assert given_back(SAID, "   ", 2000) == SAID


def test_a_fence_in_the_question_cannot_close_the_block_and_slack_escapes_it() -> None:
    out = given_back(SAID, "what ```is``` <!everyone> & koo", 3000, escape)
    body = out.split(f"{FENCE}\n")[1]
    assert "```" not in body.removesuffix(f"\n{FENCE}") and "`\u200b`\u200b`is" in body
    assert "&lt;!everyone&gt; &amp; koo" in body


async def test_the_core_gives_back_a_question_or_topic_refused_as_too_long(seed_core: CommandCore) -> None:
    """Told a question was too long, the asker of a slash command had nothing left to shorten."""
    long = "why did twitter block " + "the accounts " * 100
    refused = await seed_core.ask(long, LOCAL_USER)
    assert isinstance(refused, Notice) and refused.kind is NoticeKind.INVALID and refused.asked == long.strip()
    topic = await seed_core.timeline("koo " * 300, LOCAL_USER)
    assert isinstance(topic, Notice) and topic.asked == ("koo " * 300).strip()
    empty = await seed_core.ask("<@123> https://example.org/x", LOCAL_USER)
    assert isinstance(empty, Notice) and not empty.asked, "nothing typed but a mention and a link"
