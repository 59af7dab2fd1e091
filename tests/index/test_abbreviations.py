"""A citation's abbreviation before its figure ends no sentence; an ordinary word's full stop still does."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences


@pytest.mark.parametrize("first", [
    "The regulator relied on s. 12(3) of the act.",  # was "… relied on s." and "12(3) of the act."
    "The notice cited para. 12 of the rules.",
    "The review discussed it in vol. 44, p. 211.",
    "Both ss. 69 and 79 were named in the order.",
])
def test_a_citing_abbreviation_before_a_figure_is_inside_its_sentence(first: str) -> None:
    text = f"{first} Flitter complied on Friday."
    assert [text[s.start:s.end] for s in split_sentences(text)] == [first, "Flitter complied on Friday."]


def test_a_sentence_ending_in_a_word_before_a_figure_still_ends() -> None:
    text = "The vote was held in the hall. 12 members abstained."
    assert [text[s.start:s.end] for s in split_sentences(text)] == ["The vote was held in the hall.",
                                                                   "12 members abstained."]
