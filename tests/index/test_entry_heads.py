"""A live blog's or a chronology's entry heads (``index.entry_heads``): never quoted, and the day each names dates
its entry on the timeline, the entry's "tonight" included."""

from __future__ import annotations

from datetime import date

import pytest

from index.chunking import split_sentences
from index.documents import Document
from index.entry_heads import entry_heads
from index.events import extract_events
from index.furniture import story_sentences

_BLOG = """Live: regional internet shutdown enters third day
Last updated: Wednesday, February 10, 2021, 16:40

Feb 10, 16:40
The high court has adjourned the hearing to Friday, February 12.

Feb 10, 11:20
The ministry says 1.8 million subscribers are without mobile data.

Feb 9, 18:00
The ministry has extended the order until Thursday at midnight.
It had been due to expire tonight.

Feb 9, 09:30
Good morning.
Police say 14 people were arrested in the regional capital overnight.
"""


def _doc(text: str, when: str | None = "2021-02-10") -> Document:
    return Document(doc_id="blog", title="blog", date=when, url=None, source=None, text=text, body_offset=0,
                    sha256="0" * 64, filename="blog.txt")


def _events(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for record in extract_events([_doc(text)], {"blog": story_sentences(text, split_sentences(text))}):
        found.setdefault(record["quote"], set()).add(record["date"])
    return found


def test_entry_heads_are_never_quoted() -> None:
    kept = [_BLOG[s.start:s.end] for s in story_sentences(_BLOG, split_sentences(_BLOG))]
    assert not any(sentence.startswith(("Feb 10,", "Feb 9,")) for sentence in kept)
    assert "It had been due to expire tonight." in kept


def test_each_entry_is_dated_by_its_head_and_its_tonight_is_that_day() -> None:
    found = _events(_BLOG)
    assert "2021-02-10" in found["The ministry says 1.8 million subscribers are without mobile data."]
    assert found["Police say 14 people were arrested in the regional capital overnight."] == {"2021-02-09"}
    assert "Good morning." not in found  # a greeting names no event: the entry's next sentence leads it
    assert found["It had been due to expire tonight."] == {"2021-02-09"}  # the entry's day, not the blog's
    assert "2021-02-10" in found["The high court has adjourned the hearing to Friday, February 12."]


def test_times_alone_take_the_day_of_the_head_above_and_one_date_alone_is_no_head() -> None:
    text = "Shutdown live\n\nFebruary 9, 2021\n\n21:15 IST\nTraffic fell by 96%.\n\n13:45 IST\nPolice made arrests.\n"
    assert [(h.day, h.year_given) for h in entry_heads(text, date(2021, 2, 10))] == [(date(2021, 2, 9), True)] * 3
    assert entry_heads("Headline\nFeb 12, 2021\n\nThe story's text.\n", date(2021, 2, 12)) == []


@pytest.mark.parametrize("heads", [
    ("11:20 AM, Feb 9", "10:05 AM, Feb 8"),  # the time before the day
    ("21:15 IST, February 9", "09:30 IST, February 8"),
    ("Update: Feb 9, 11:20", "Update: Feb 8, 10:05"),  # an update's word opening the head
    ("UPDATE (Feb 9, 11:20):", "UPDATE (Feb 8, 10:05):"),
])
def test_heads_with_their_time_first_or_an_updates_word_date_their_entries(heads: tuple[str, str]) -> None:
    """Such heads were read as sentences: each was a timeline event quoting the head alone, and its entry's
    first sentence was dated by nothing."""
    text = (f"Live: the ferry strike\n\n{heads[0]}\nThe port authority reopened two of the four berths.\n\n"
            f"{heads[1]}\nDockworkers blocked the gates of the northern terminal.")
    found = _events(text)
    assert found == {"The port authority reopened two of the four berths.": {"2021-02-09"},
                     "Dockworkers blocked the gates of the northern terminal.": {"2021-02-08"}}


def test_an_updates_label_alone_on_its_line_dates_the_paragraph_under_it() -> None:
    """"Update, February 10, 14:20:" on a line of its own was an event quoting the label alone (its time's colon
    read as the label's end), and the update's sentence under it was no event."""
    text = ("The court reserved its verdict on Monday.\n\nUpdate, February 10, 14:20:\n\n"
            "The ministry said it would appeal any ruling against it.")
    assert _events(text) == {"The court reserved its verdict on Monday.": {"2021-02-08"},
                             "The ministry said it would appeal any ruling against it.": {"2021-02-10"}}
