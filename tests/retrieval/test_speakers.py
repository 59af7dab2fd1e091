"""A question about what someone said, naming someone no article names, is declined (``reach.unknown_speakers``)."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine


@pytest.mark.parametrize("question", [
    "WHAT DID KOO'S FOUNDER SAY ABOUT MINISTERS MOVING TO KOO",
    "How did the Home Ministry react to the blog post?",
])
def test_words_of_someone_no_article_names_are_not_answered_with_someone_elses(
        seed_engine: Engine, question: str) -> None:
    """Koo's founder is never named: the report that ministers will shift to Koo was quoted as what the founder
    said; MeitY's reaction was quoted as the Home Ministry's."""
    answer = seed_engine.ask(question)
    assert not answer.answered
    assert "never use the word" in answer.text


def test_a_misspelt_speaker_is_no_one_else(seed_engine: Engine) -> None:
    """"ministery" is one slip from both "ministry" and "minister", so it is not mended; it names no other
    speaker, and MeitY's reaction is among the three quotes shown. (Whether it answers or is the closest passage
    of a decline is the answer model's call: answered with the weights of 2026-12-03, just under the threshold
    with those refitted on 2026-12-07.)"""
    answer = seed_engine.ask("what did the ministery say about the blog post")
    shown = [c.quote for c in [*answer.citations, *answer.related]][:3]
    assert any("unusual" in quote for quote in shown), shown
    assert not answer.answered or "unusual" in answer.text


def test_a_speaker_the_articles_name_is_answered(seed_engine: Engine) -> None:
    answer = seed_engine.ask("According to CNBC-TV18, who turned down the meeting with Twitter?")
    assert answer.answered and "Ravi Shankar Prasad" in answer.text


@pytest.mark.parametrize(("question", "holds"), [
    ("according to the newspaper, who will lead the talks?", "Sawhney"),
    ("what did the writer say about the jail term", "seven-year jail term"),
])
def test_the_articles_or_their_writer_named_as_the_source_are_no_unknown_speaker(
        seed_engine: Engine, question: str, holds: str) -> None:
    """"the newspaper", "the writer" mean the articles: declined for naming words no article uses, these lost
    the answers they had before the speaker check."""
    answer = seed_engine.ask(question)
    assert answer.answered and holds in answer.text
