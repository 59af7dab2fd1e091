"""A misspelt ordinary English word the articles don't use is read as the word plainly meant; a word, a name,
a code and a slip with two readings as likely are left as typed."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.english import english_word_meant
from retrieval.spelling import mend_typos


@pytest.mark.parametrize(("typed", "meant"), [
    ("actualy", "actually"),  # a letter not doubled, though "actual" is as near
    ("realy", "really"),  # not the commoner "real", "reply" or "ready"
    ("flaged", "flagged"),  # not the commoner "flawed"
    ("recieve", "receive"),  # two letters swapped, not "relieve"
    ("tryin", "trying"),  # a dropped "g", not "train"
    ("sittin", "sitting"),
    ("definately", "definitely"),  # the one word one edit away
    ("seperate", "separate"),
    ("untill", "until"),
])
def test_an_ordinary_word_misspelt_is_read_as_the_word_plainly_meant(typed: str, meant: str) -> None:
    assert english_word_meant(typed) == meant


@pytest.mark.parametrize("typed", [
    "occured",  # a form dictionaries hold: its stem is already the one meant
    "retweets",  # a word
    "farmrs",  # "farmers" or "farms": no telling
    "priyanka",  # a name: nothing one edit away
    "Realy",  # a capital: a name, maybe
    "wich",  # too short to tell a slip from another word
    "dilli",  # not "dill": an extra letter more often makes an English word of another language's
    "sundar",  # not "sunday": nor does a consonant for another
    "andolan",  # not "angolan"
    "acct2",  # a code
])
def test_words_names_and_unclear_slips_are_left(typed: str) -> None:
    assert english_word_meant(typed) is None


@pytest.mark.parametrize(("typed", "meant"), [
    ("what is the goverment realy tryin to do", "what is the government really trying to do"),
    ("who is leadin the talks for the ministry", "who is leading the talks for the ministry"),
    ("did the aliens definately recieve the papers", "did the aliens definitely receive the papers"),
])
def test_a_question_is_searched_with_the_ordinary_word_meant(seed_engine: Engine, typed: str, meant: str) -> None:
    """Before, "realy", "tryin", "leadin", "definately" and "recieve" were left as typed: no article word is
    one edit from them (or two are: "really", "ready"), so they counted as question words no sentence holds."""
    assert mend_typos(typed, seed_engine.index) == meant


def test_shorthand_is_not_taken_for_a_slip(seed_engine: Engine) -> None:
    """"accts" is one doubled letter from "acts", but chat's shorthand for "accounts" (``retrieval.shorthand``)."""
    assert english_word_meant("accts") == "acts"
    assert mend_typos("how many accts were blocked", seed_engine.index) is None


def test_a_declined_question_names_the_word_meant_not_the_slip(seed_engine: Engine) -> None:
    """The decline said the articles "never use the words “aliens” or “definately”"."""
    answer = seed_engine.ask("did the aliens definately recieve the papers")
    assert not answer.answered
    never = answer.text.split("which never use", 1)[1]
    assert "“aliens”" in never and "definately" not in never and "recieve" not in never
