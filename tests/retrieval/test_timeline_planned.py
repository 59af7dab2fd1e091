"""What was still ahead when an article reported it is shown as such, never as what happened that day."""

from __future__ import annotations

import json

import pytest

from index.embedding import EncoderProvider
from retrieval.loaded import LoadedIndex
from retrieval.timeline import build_timeline
from tests.retrieval.conftest import index_of

ARTICLES = {
    "before.txt": "date 2021-02-10\nThe ministry will meet Twitter executives on Friday to discuss the orders.",
    "after.txt": "date 2021-02-13\nThe ministry met Twitter executives on Friday and discussed the orders.",
    "plan.txt": "date 2021-02-10\nThe committee is due to report to parliament by March 15.",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
    return index_of(ARTICLES, tmp_path_factory.mktemp("planned"), encoder_provider)


def test_an_event_only_announced_is_planned_and_one_reported_done_is_not(index: LoadedIndex) -> None:
    events = {(e.date, e.planned): e for e in build_timeline(index).events}
    assert events[("2021-03-15", True)]
    friday = events[("2021-02-12", False)]
    assert "met" in friday.summary and len(friday.citations) == 1  # what happened, not what was announced
    # The announcement is an event of its own, shown as still ahead: never merged into what happened.
    assert "will meet" in events[("2021-02-12", True)].summary


def test_json_says_planned(index: LoadedIndex) -> None:
    data = json.loads(json.dumps(build_timeline(index).to_dict()))
    assert [(e["date"], e["planned"]) for e in data["events"]] == [
        ("2021-02-12", False), ("2021-02-12", True), ("2021-03-15", True)]


SAME_WEEK = {
    "notice.txt": "date 2021-02-10\nThis week, the ministry had sent a notice to the platform asking it to block "
                  "another 1,178 accounts.",
    "talks.txt": "date 2021-02-10\nThe talks between the ministry and the platform are likely to happen this week.",
}


def test_a_plan_is_never_merged_with_what_happened_and_reads_the_same_in_every_view(
    tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider
) -> None:
    """The whole timeline showed "This week, … had sent a notice" and cited "The talks are likely to happen
    this week" as another report of it, not planned; ``--topic "this week"`` showed the talks alone as still
    ahead. A plan and what happened are two events, and each is planned or not whatever else is shown."""
    both = index_of(SAME_WEEK, tmp_path_factory.mktemp("week"), encoder_provider)
    sent, week = "2021-02-08/2021-02-10", "2021-02-08/2021-02-14"  # what happened, up to the article's date
    views = [build_timeline(both), build_timeline(both, "between feb 8 and feb 14"), build_timeline(both, "feb 9")]
    for timeline in views:
        assert [(e.date, e.planned, len(e.citations)) for e in timeline.events] == [(sent, False, 1), (week, True, 1)]
        done, plan = timeline.events
        assert "had sent a notice" in done.summary and "likely to happen" in plan.summary


REPORTED_LATER = {
    "a_later.txt": "date 2021-03-02\nThe ministry said the rules would be announced on February 25, 2021.",
    "b_done.txt": "date 2021-03-01\nThe new rules were announced on February 25, 2021 by the ministry.",
}


def test_a_plan_reported_after_its_day_is_no_longer_shown_as_ahead(
    tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider
) -> None:
    """"would be announced on February 25, 2021" in an article of 2 March was shown "(still ahead when
    reported)": on 2 March it was not. Its quote still says only what was planned, so a report that the
    rules were announced is the summary, though its article comes second."""
    later = index_of({"a_later.txt": REPORTED_LATER["a_later.txt"]}, tmp_path_factory.mktemp("later"),
                     encoder_provider)
    [alone] = build_timeline(later).events
    assert alone.date == "2021-02-25" and not alone.planned and "would be announced" in alone.summary
    both = index_of(REPORTED_LATER, tmp_path_factory.mktemp("both"), encoder_provider)
    [event] = build_timeline(both).events
    assert not event.planned and event.summary.startswith("The new rules were announced")
    assert len(event.citations) == 2
