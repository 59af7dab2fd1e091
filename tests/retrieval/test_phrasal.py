"""Chat's phrasal verbs are searched as the plain verbs the articles use ("kick in": "take effect"), in the
same tense and with the question's other words kept; a phrasal verb the articles write themselves, or whose
plain verbs they don't use, is left as typed."""

from __future__ import annotations

import pytest

from retrieval.loaded import LoadedIndex
from retrieval.phrasal import plain_verbs, used_phrasals
from retrieval.reading import searched_as
from tests.retrieval.conftest import module_index

STORY = """# Tarnvale levy on streaming platforms takes effect

The streaming levy took effect on 3 March, the finance office said. Brisco removed the Velling Gazette from its
platform a week later and resigned its seat on the industry council. Hearings on the levy began on 12 April.
"""
index = module_index({"tarnvale.md": STORY}, "phrasal")


def _any_word(_: str) -> bool:
    return True


@pytest.mark.parametrize(("typed", "meant"), [
    ("when does the rule kick in", "when does the rule take effect"),
    ("has the rule kicked in yet?", "has the rule taken effect yet?"),
    ("when did the hearing kick off", "when did the hearing begin"),
    ("they kicked her off the platform", "they removed her from the platform"),
    ("why was the gazette kicked off brisco?", "why was the gazette removed from brisco?"),
    ("how many accounts has the site kicked off for good", "how many accounts has the site removed for good"),
    ("did they pull the posts down", "did they remove the posts"),
    ("When was the council set up?", "When was the council established?"),
    ("did the company cave in", "did the company comply"),
    ("who stepped down", "who resigned"),
    ("Did they shut down the site", "Did they close the site"),
])
def test_a_phrasal_verb_is_read_as_its_plain_verb(typed: str, meant: str) -> None:
    assert plain_verbs(typed, _any_word) == meant


@pytest.mark.parametrize("question", [
    "they gave the order in May",  # "give in" takes no object between
    "when did the rule take effect",
    "what did the minister say in parliament",
])
def test_no_phrasal_verb_nothing_read(question: str) -> None:
    assert plain_verbs(question, _any_word) is None


def test_only_a_plain_verb_the_articles_use_is_searched() -> None:
    assert plain_verbs("when did the rule kick in", lambda term: term == "start") == "when did the rule start"
    assert plain_verbs("when did the rule kick in", lambda term: False) is None


def test_the_question_is_searched_with_the_articles_verbs(index: LoadedIndex) -> None:
    """As typed, "kick" is a word no article holds and "in"/"off" stopwords: the question was searched with
    no verb, and a decline said the articles "never use the word “kick”"."""
    searched, mended = searched_as("when did the streaming levy kick in", index)
    assert mended == "when did the streaming levy take effect"
    assert searched == mended
    assert searched_as("when did Brisco kick the Velling Gazette off", index)[1] == \
        "when did Brisco remove the Velling Gazette"
    assert searched_as("why did brisco step down from the council", index)[1] == \
        "why did brisco resign from the council"


def test_a_phrasal_verb_the_articles_write_stays(index: LoadedIndex) -> None:
    """Where an article writes "pulled out" itself, its word is the question's."""
    written = used_phrasals(["Kettle pulled out of the market in May."])
    assert plain_verbs("why did kettle pull out", _any_word, written) is None
    assert plain_verbs("why did kettle pull out", _any_word) == "why did kettle withdraw"


def test_a_phrasal_verb_the_articles_write_as_a_noun_stays() -> None:
    """"1.4 million new sign-ups": the question's "signed up" is searched as "sign", the articles' word."""
    written = used_phrasals(["The app gained 1.4 million new sign-ups in a week; the shutdown ended."])
    assert plain_verbs("how many people signed up", _any_word, written) is None
    assert plain_verbs("when did they shut the app down", _any_word, written) is None
    assert plain_verbs("how many people signed up", _any_word) == "how many people registered"
