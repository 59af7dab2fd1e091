"""A correction note at a story's foot (``index.corrections``): the sentence giving the right fact is quoted, the
body's sentence stating the figure the note withdraws is not, and an editor's note on the story is neither a
sentence nor an event."""

from __future__ import annotations

from index.chunking import split_sentences
from index.documents import parse_article
from index.events import extract_events
from index.furniture import story_sentences

_HEAD = "Court halts a ministry's order to block accounts\n\nPublished: Friday 12 February 2021\n\n"
_WRONG = "The order covered 340 accounts, including those of two opposition lawmakers."
_NOTE = ("Correction: An earlier version of this story said the ministry's order covered 340 accounts. "
         "The order covered 430 accounts. The story has been corrected.")


def _sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in story_sentences(text, split_sentences(text))]


def test_the_corrected_figure_wins_over_the_bodys() -> None:
    """A story corrected only at its foot: "how many accounts did the order cover" was answered with the body's 340,
    the note's 430 never quoted."""
    text = f"{_HEAD}The court on Friday suspended the order. {_WRONG}\n\nThe ruling was welcomed.\n\n{_NOTE}\n"
    kept = _sentences(parse_article(text, "k", "k.txt").text)
    assert "The order covered 430 accounts." in kept
    assert _WRONG not in kept and "The court on Friday suspended the order." in kept
    assert not [s for s in kept if "340" in s or "corrected" in s]


def test_a_body_already_corrected_keeps_every_sentence() -> None:
    right = "The order covered 430 accounts, including those of two opposition lawmakers."
    kept = _sentences(parse_article(f"{_HEAD}{right}\n\n{_NOTE}\n", "k", "k.txt").text)
    assert right in kept and "The order covered 430 accounts." in kept


def test_a_note_giving_no_right_fact_takes_nothing_out() -> None:
    """"… misstated the figure as 340 rather than 430 accounts": which figure is withdrawn is not told apart."""
    note = "An earlier version of this story misstated the number as 340 rather than 430 accounts."
    kept = _sentences(parse_article(f"{_HEAD}{_WRONG}\n\n{note}\n", "k", "k.txt").text)
    assert _WRONG in kept and note not in kept


def test_an_editors_note_on_the_story_is_no_sentence_nor_event() -> None:
    """"Editor's note: This story was updated on February 13 to add …" was quoted for "when is the next hearing" and
    put on the timeline under February 13."""
    note = "Editor's note: This story was updated on February 13 to add the ministry's response and the next hearing."
    doc = parse_article(f"{_HEAD}The court fixed the next hearing for March 3.\n\n{note}\n", "k", "k.txt")
    assert note not in _sentences(doc.text)
    days = {e["date"] for e in extract_events([doc], {"k": split_sentences(doc.text)})}
    assert "2021-02-13" not in days and "2021-03-03" in days


def test_the_headlines_under_a_related_heading_are_no_sentences_even_when_they_ask() -> None:
    links = ("Related:\n- Platform restores blocked accounts (February 10, 2021)\n"
             "- Explainer: What is the Network Safety Law?\n- Farmers' protest enters third week\n")
    kept = _sentences(parse_article(f"{_HEAD}The court suspended the order.\n\n{links}", "k", "k.txt").text)
    assert kept == ["Court halts a ministry's order to block accounts", "The court suspended the order."]
