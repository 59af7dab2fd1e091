"""A dateline naming its place and its region or country ("VALMERE, Tavrenia - …", "AUSTIN, Texas — …") or a wire
story's place with its agency ("Brussels (AFP) - …") is no words of the story (``index.place_dateline``); a
story's own sentence opening the same way ("Twitter, Koo - …") keeps its words."""

from __future__ import annotations

import pytest

from index.documents import parse_article
from index.lead_dateline import lead_end
from index.place_dateline import words_start

_STORY = "The regulator on Thursday fined the platform 1.8 million crowns."


@pytest.mark.parametrize("dateline", [
    "VALMERE, Tavrenia -", "LUNARIS, Orvelle -", "AUSTIN, Texas —", "SELVARRE, Ombrevia —", "PORT ALVEN, Quessany —",
    "NEW DELHI, India:", "VESKA, Keldovia:", "Brussels (AFP) -", "Paris, France (AP) —",
    "WASHINGTON, D.C. (Reuters) –",
])
def test_a_place_dateline_is_no_words_of_the_story(dateline: str) -> None:
    """A timeline summed up the day as "VALMERE, Tavrenia - The regulator …", and the answer model read the
    place and the country as words of the sentence."""
    sentence = f"{dateline} {_STORY}"
    assert sentence[lead_end(sentence) :] == _STORY
    assert sentence[words_start(sentence) :] == _STORY


def test_a_storys_sentence_opening_like_a_dateline_keeps_its_words() -> None:
    """Strict: the place's first word in capitals, or the agency's brackets after it, and the story opening with
    a capital after the dash. Names, a word and a day before a comma and a dash are the story's own."""
    openers = ["KORVASH, Ildraven -", "Twitter, Koo -", "Officials, however -", "On Monday, Twitter -",
               "The Koo App (Koo) —", "Twitter, Koo and Ferrask -", "VALMERE, Tavrenia - the"]
    cuts = [lead_end(f"{opener} The two apps gained users on Thursday.") for opener in openers]
    assert [cut > 0 for cut in cuts] == [True, False, False, False, False, False, False]
    words = [words_start(f"{opener} The two apps gained users on Thursday.") for opener in openers]
    assert words == cuts


def test_a_pasted_storys_lead_titles_it_without_its_dateline() -> None:
    """An article with no headline is titled by its first sentence: the dateline took the room of its words."""
    lead = ("VALMERE, Tavrenia - Tavrenia's Electoral Commission on Thursday fined the social network Brightwire "
            "1.8 million crowns for carrying paid political posts during the silence period before the vote. "
            "The company said it would appeal.")
    doc = parse_article(f"{lead}\n\nIt has 30 days to pay.\n", "a", "a.txt")
    assert doc.title.startswith("Tavrenia's Electoral Commission on Thursday fined")
