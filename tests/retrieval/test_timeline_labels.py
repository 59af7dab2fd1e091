"""A timeline's quotes start at the story's own words: a dateline ("NEW DELHI:") or an update's label ("Update, June
8, 17:10:") opening an event's sentence is the page's, not the event (``index.lead_dateline.lead_end``)."""

from __future__ import annotations

from pathlib import Path

from index.embedding import EncoderProvider
from retrieval.timeline import build_timeline
from tests.retrieval.conftest import index_of

ARTICLES = {
    "order.md": "---\ntitle: Veldoria orders Chatterbloom to block 120 accounts\ndate: 2022-06-03\n---\n\n"
                "MARESK: The telecom authority on Wednesday ordered Chatterbloom to block 120 accounts.\n\n"
                "A spokesperson said on Thursday that the company would go to court.\n",
    "live.md": "---\ntitle: \"Live: court hears Chatterbloom's challenge\"\ndate: 2022-06-08\n---\n\n"
               "Update, June 8, 15:45: The judge adjourned the hearing to June 15.\n\n"
               "Update, June 8, 11:20: The hearing began with the company's lawyer arguing the order gave no "
               "reasons.\n",
}


def test_summaries_and_quotes_leave_out_datelines_and_update_labels(tmp_path: Path,
                                                                     encoder_provider: EncoderProvider) -> None:
    index = index_of(ARTICLES, tmp_path, encoder_provider)
    timeline = build_timeline(index)
    assert [(e.date, e.summary[:24]) for e in timeline.events] == [
        ("2022-06-01", "The telecom authority on"), ("2022-06-02", "A spokesperson said on T"),
        ("2022-06-08", "The hearing began with t"), ("2022-06-15", "The judge adjourned the ")]
    for event in timeline.events:
        assert event.summary == event.citations[0].quote
        for c in event.citations:  # still the article's own text where it says it is
            assert index.docs[index.doc_index[c.doc_id]].text[c.start : c.end] == c.quote
