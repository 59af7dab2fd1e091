"""A live report's "3 hours ago" and "40 minutes ago": the day the article was written (``index.coarse_dates``),
on made-up articles (no index, no model)."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences
from index.documents import Document
from index.events import extract_events


def doc(text: str, when: str | None) -> Document:
    return Document(doc_id="a", title="a", date=when, url=None, source=None, text=text, body_offset=0,
                    sha256="0" * 64, filename="a.txt")


def events(text: str, when: str | None) -> list[tuple[str, str]]:
    d = doc(text, when)
    return [(r["date"], r["mention"]) for r in extract_events([d], {d.doc_id: split_sentences(d.text)})]


@pytest.mark.parametrize(
    ("sentence", "mention"),
    [
        ("The operator said 3 hours ago that it would appeal the decision.", "3 hours ago"),
        ("The harbour master closed the pier 40 minutes ago after a collision.", "40 minutes ago"),
        ("An hour ago the board confirmed that the licences were cancelled.", "An hour ago"),
    ],
)
def test_hours_and_minutes_ago_are_the_day_written(sentence: str, mention: str) -> None:
    """They had dated nothing: the sentence was missing from the timeline of a live report."""
    assert events(sentence, "2024-03-14") == [("2024-03-14", mention)]


def test_an_undated_articles_hours_ago_stay_undated() -> None:
    """With no date of the article's own to count from, no day is guessed; a dated one's "2 hours ago" is its day."""
    text = "The ferry operator said 2 hours ago that it would appeal the ruling."
    assert (events(text, None), events(text, "2024-03-14")) == ([], [("2024-03-14", "2 hours ago")])
