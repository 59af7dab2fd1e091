"""Typos in chat questions are searched as the article words meant; real words are never "corrected"."""

from __future__ import annotations

import pytest

from index.lexical import terms
from retrieval.engine import Engine
from retrieval.spelling import mend_typos


@pytest.mark.parametrize(("typed", "meant"), [
    ("who is ajay prakash sawhny", "who is ajay prakash sawhney"),
    ("what did the goverment say about twiter", "what did the government say about twitter"),
    ("how many accouts had twiter suspnded", "how many accounts had twitter suspended"),
    ("Who is Sawhny?", "Who is Sawhney?"),  # a capital stays a capital
])
def test_a_word_no_article_uses_is_read_as_the_article_word_plainly_meant(
    seed_engine: Engine, typed: str, meant: str
) -> None:
    assert mend_typos(typed, seed_engine.index) == meant


@pytest.mark.parametrize("question", [
    "how many calories are in a banana",  # real words the articles don't use
    "why was the content unprotected",  # "unprotected" is one edit from no article word, and a word
    "whats koo",  # "what is", not "chats"
    "why doesnt twitter comply",
    "how many ppl did twitter nuke",  # too short to tell a slip from another word
    "koo kya hai",
])
def test_real_words_and_chat_forms_are_left_alone(seed_engine: Engine, question: str) -> None:
    assert mend_typos(question, seed_engine.index) is None


def test_a_mended_question_is_answered_and_says_what_was_searched(seed_engine: Engine) -> None:
    """"how many accouts did twiter permanantly suspend" shared no search word but "how" with its answer and
    was declined; the reply now names what was searched for, as for a follow-up."""
    answer = seed_engine.ask("how many accouts did twiter permanantly suspend")
    assert answer.answered and "500" in answer.text
    # "permanantly" is left: its stem is the articles' "permanently"'s, so the search matches it already.
    assert answer.searched_for == "how many accounts did twitter permanantly suspend"
    assert seed_engine.ask("How many accounts did Twitter permanently suspend?").searched_for is None


@pytest.mark.parametrize(("typed", "meant"), [
    ("was twitter warned about noncompliance", "was twitter warned about non-compliance"),
    ("Noncompliance?", "Non-compliance?"),
    ("is the order nonnegotiable", "is the order non-negotiable"),
])
def test_a_hyphenated_article_word_typed_as_one_word_is_read_as_the_article_writes_it(
    seed_engine: Engine, typed: str, meant: str
) -> None:
    """"signups" was searched as the one word "signup", which no article holds where they write "sign-ups",
    and a decline said the articles "never use the word “signups”"."""
    assert mend_typos(typed, seed_engine.index) == meant


def test_a_short_word_is_left_without_reading_its_terms(seed_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Too short to be mended and no hyphenated article word: decided before the word is tokenized, as most
    words of a question are."""
    from retrieval import spelling

    read: list[str] = []
    monkeypatch.setattr(spelling, "terms", lambda text: read.append(text) or terms(text))
    assert mend_typos("how many acounts were blokced", seed_engine.index) == "how many accounts were blocked"
    assert {"acounts", "blokced"} <= set(read)
    assert not {"how", "many", "were"} & set(read)
