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
    events = {e.date: e for e in build_timeline(index).events}
    assert events["2021-03-15"].planned
    friday = events["2021-02-12"]
    assert not friday.planned and "met" in friday.summary  # what happened, not what was announced
    assert len(friday.citations) == 2


def test_json_says_planned(index: LoadedIndex) -> None:
    data = json.loads(json.dumps(build_timeline(index).to_dict()))
    assert [e["planned"] for e in data["events"]] == [False, True]
