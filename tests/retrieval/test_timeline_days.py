"""A timeline of reports written with the article's own days ("yesterday", "today"), plans told in the present,
and correction notes: as a reader of the articles would date them (``index.dates``, ``index.corrections``)."""

from __future__ import annotations

import pytest

from index.embedding import EncoderProvider
from retrieval.loaded import LoadedIndex
from retrieval.timeline import build_timeline
from tests.retrieval.conftest import index_of

ARTICLES = {
    "delay.md": "---\ntitle: Council delays ferry vote\ndate: 2024-03-14\n---\n\n"
                "The city council put off its vote on the ferry contract yesterday.\n\n"
                "Today, about 200 commuters gathered outside city hall. Councillors are meeting the operator on "
                "Monday.\n\n"
                "Correction: An earlier version of this article said the council met on Tuesday. It met on "
                "Wednesday.\n",
    "approved.md": "---\ntitle: Council approves ferry contract\ndate: 2024-03-21\n---\n\n"
                   "The city council approved the ferry contract yesterday by six votes to three.\n\n"
                   "Correction (March 22): This article originally said the vote was seven to two.\n",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
    return index_of(ARTICLES, tmp_path_factory.mktemp("days"), encoder_provider)


def test_days_named_from_the_article_s_plans_and_corrections(index: LoadedIndex) -> None:
    """Before: "yesterday" and "today" dated nothing, the Monday meeting was the Monday before the report and
    done, the correction's wrong Tuesday and its note's 22 March (ahead of its report) were events."""
    events = {(e.date, e.planned): e for e in build_timeline(index).events}
    assert set(events) == {("2024-03-13", False), ("2024-03-14", False), ("2024-03-18", True),
                           ("2024-03-20", False)}
    # "yesterday" dates as surely as a weekday: the report sums up its day. The correction note is furniture
    # (index.furniture) but for its sentence giving the right fact (index.corrections.puts_right): "It met on
    # Wednesday." is a second citation of the day, and the Tuesday it withdraws is none.
    assert events[("2024-03-13", False)].summary.startswith("The city council put off its vote")
    assert [c.quote for c in events[("2024-03-13", False)].citations][1:] == ["It met on Wednesday."]
