"""A question pointing at someone's message (a Discord reply or forward, a Slack thread's first message): the core
reads that message as the conversation's latest turn, or, when the question asks nothing else, as the question.
"""

from __future__ import annotations

import pytest

from bot.conversations import with_pointed
from bot.core import CommandCore
from bot.results import Reply
from bot.validation import pointed_text
from retrieval.turns import FollowupContext, Turn
from retrieval.types import Answer

CLAIM = "govt ordered twitter to block 1178 accounts linked to khalistan"


@pytest.mark.parametrize("question", ["is this true?", "source?", "<@99> is this true", "", "<@99>"])
async def test_doubting_or_bare_question_under_a_claim_checks_the_claim(seed_core: CommandCore, question: str) -> None:
    """Asked alone, "is this true?" is about the bot's last answer (small talk), and a bare mention asks nothing;
    pointing at a claim, both ask the bot to check it."""
    answer = await seed_core.ask(question, pointed_at=CLAIM)
    assert isinstance(answer, Answer) and answer.answered, answer
    assert "1,178" in answer.text
    alone = await seed_core.ask(question)
    assert not isinstance(alone, Answer)


async def test_a_question_naming_nothing_reads_the_claim_as_its_earlier_turn(seed_core: CommandCore) -> None:
    answer = await seed_core.ask("when was this", pointed_at=CLAIM)
    assert isinstance(answer, Answer) and answer.searched_for and "khalistan" in answer.searched_for.lower()
    alone = await seed_core.ask("when was this")
    assert isinstance(alone, Answer) and not alone.answered and "names nothing" in alone.text


async def test_a_question_of_its_own_is_answered_on_its_own(seed_core: CommandCore) -> None:
    question = "Who is Ajay Prakash Sawhney?"
    pointed = await seed_core.ask(question, pointed_at=CLAIM)
    alone = await seed_core.ask(question)
    assert isinstance(pointed, Answer) and isinstance(alone, Answer)
    assert pointed.searched_for is None and pointed.text == alone.text


async def test_small_talk_under_a_claim_stays_small_talk(seed_core: CommandCore) -> None:
    assert isinstance(await seed_core.ask("thanks!", pointed_at=CLAIM), Reply)


async def test_a_pointed_message_with_no_words_changes_nothing(seed_core: CommandCore) -> None:
    """Without the Message Content intent Discord sends the replied-to message empty."""
    for empty in ("", "   ", "<@99> https://example.org/x"):
        assert await seed_core.ask("is this true?", pointed_at=empty) == await seed_core.ask("is this true?")


def test_pointed_text_drops_mentions_and_links_and_is_cut_at_a_word() -> None:
    assert pointed_text(f"<@123> <@&5> @everyone {CLAIM} https://t.co/abc", 1000) == CLAIM
    long = " ".join(["accounts"] * 300)
    cut = pointed_text(long, 100)
    assert len(cut) <= 100 and cut.split() == ["accounts"] * len(cut.split()) and len(cut) > 90
    assert pointed_text("x" * 150, 100) == "x" * 100


async def test_a_long_pointed_message_is_cut_to_the_question_limit(seed_core: CommandCore) -> None:
    """A pasted article under "@bot is this true?" is searched as far as a question may go, not refused as too
    long: the asker wrote only the four words."""
    answer = await seed_core.ask("is this true?", pointed_at=f"{CLAIM}. " + "More words follow here. " * 200)
    assert isinstance(answer, Answer)
    assert len(answer.question) <= seed_core.config.max_question_chars


def test_the_pointed_message_is_the_latest_turn_and_no_answer() -> None:
    earlier = FollowupContext((Turn("who is sawhney", ("d1",), ("Sawhney is the secretary.",)),))
    turns = with_pointed(earlier, CLAIM).turns
    assert [t.question for t in turns] == ["who is sawhney", CLAIM]
    assert turns[-1].doc_ids == () and turns[-1].sentences == () and not turns[-1].answered
    assert with_pointed(None, CLAIM).turns == (Turn(CLAIM, answered=False),)
