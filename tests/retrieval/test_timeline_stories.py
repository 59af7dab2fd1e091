"""A topic of several words lists the story it names, not every event naming one of its words
(``retrieval.timeline_stories``)."""

from __future__ import annotations

import pytest

from index.embedding import Encoder, EncoderProvider
from retrieval.loaded import LoadedIndex
from retrieval.timeline_stories import other_stories
from tests.retrieval.conftest import dates_for, index_of

ARTICLES = {
    "court.txt": (
        "date 2022-03-04\n"
        "Chirrup filed its court challenge against the blocking order on February 18.\n\n"
        "The court suspended part of the order on March 1, and Chirrup welcomed the decision on March 2."
    ),
    "tax.txt": (
        "date 2022-02-16\n"
        "The revenue office met Chirrup's tax advisers on February 4 over unpaid digital tax.\n\n"
        "A spokesperson for Chirrup said on February 15 that the company was reviewing the letter."
    ),
}


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
    return index_of(ARTICLES, tmp_path_factory.mktemp("stories"), encoder_provider)


def test_a_topic_of_several_words_leaves_out_another_story_naming_one_of_them(
    stories: LoadedIndex, encoder: Encoder
) -> None:
    """"chirrup court challenge" listed Chirrup's tax dispute too (February 4 and 15): its sentences name Chirrup and
    are close enough in meaning; their article never names the court or a challenge."""
    assert dates_for(stories, encoder, "chirrup court challenge") == ["2022-02-18", "2022-03-01", "2022-03-02"]
    # One word, or words no article names whole: every story naming them, as before.
    assert {"2022-02-04", "2022-02-15", "2022-02-18"} <= set(dates_for(stories, encoder, "chirrup"))


def test_other_stories_only_when_some_article_names_the_whole_topic() -> None:
    shares = {0: 1.0, 1: 0.3, 2: 0.6}
    assert other_stories(shares, shares.__getitem__, 0.5) == {1}
    assert other_stories([1, 2], shares.__getitem__, 0.5) == set()
