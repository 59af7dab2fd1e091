"""Days in figures in an article's text ("On 10/02/2022 the regulator …", ``index.figure_days``) date their
sentence when they read one way only: by themselves, by the article's other days, or by its date."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences
from index.documents import Document
from index.events import extract_events


def _dates(text: str, when: str | None) -> list[str]:
    doc = Document(doc_id="a", title="a", date=when, url=None, source=None, text=text, body_offset=0,
                   sha256="0" * 64, filename="a.txt")
    return [r["date"] for r in extract_events([doc], {"a": split_sentences(text)})]


@pytest.mark.parametrize(("text", "when", "found"), [
    # 27 is no month: day first whatever the article.
    ("The company's first reply, sent on 27/01/2022, disputed the figure.", "2022-02-16", ["2022-01-27"]),
    ("The company replied on 01/27/2022.", "2022-02-16", ["2022-01-27"]),
    # Two readings; the article's other day in figures shows it writes the day first.
    ("The reply came on 27/01/2022. Officials met its advisers on 04/02/2022.", "2022-02-16",
     ["2022-01-27", "2022-02-04"]),
    # Two readings; told as past, 2 October 2022 is after the article's date: 10 February.
    ("The authority issued the order on 10/02/2022 and gave it 36 hours.", "2022-03-04", ["2022-02-10"]),
    # Both readings before the article's date, or the article undated: can't be told, left unread.
    ("The authority issued the order on 10/02/2022.", "2022-12-01", []),
    ("The authority issued the order on 10/02/2022.", None, []),
    # Told as still ahead: the article's date rules no reading out.
    ("The authority will decide on 10/02/2022.", "2022-01-04", []),
    # No year, a two-figure year, a fraction: no day.
    ("It won 10/02 of the seats, and scored 3.2.22 in the test.", "2022-03-04", []),
])
def test_a_day_in_figures_dates_its_sentence_when_it_reads_one_way(text: str, when: str | None,
                                                                   found: list[str]) -> None:
    """It dated nothing: "The authority issued the order on 10/02/2022" was missing from the timeline."""
    assert _dates(text, when) == found
