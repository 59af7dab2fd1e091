"""The timeline over real indexes: a small made-up corpus for the rules, the seed corpus for the story."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from index.embedding import Encoder, EncoderProvider
from retrieval.loaded import LoadedIndex, load_index
from retrieval.timeline import build_timeline
from retrieval.types import Timeline
from tests.retrieval.conftest import index_of, topic_timeline

ARTICLES = {
    "a.txt": (
        "date 2021-02-10\n"
        "The ministry met Twitter executives on February 9 to discuss the blocking orders.\n\n"
        "Tractor rallies turned violent in Delhi on 26 January 2021.\n\n"
        "In December 2020 the farmers began camping at the borders of the capital."
    ),
    "b.txt": (
        "date 2021-02-12\n"
        "Twitter's executives held a meeting with the ministry on Tuesday about blocking orders.\n\n"
        "The company also said the weather had been cold."
    ),
    "c.txt": "A statement with no date at all says Twitter values free expression.",
}


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
    return index_of(ARTICLES, tmp_path_factory.mktemp("timeline"), encoder_provider)


@pytest.fixture(scope="module")
def seed(seed_index_dir: Path) -> LoadedIndex:
    return load_index(seed_index_dir)


def assert_quotes_verbatim(index: LoadedIndex, timeline: Timeline) -> None:
    for event in timeline.events:
        assert event.summary in [c.quote for c in event.citations]
        for c in event.citations:
            assert index.docs[index.doc_index[c.doc_id]].text[c.start : c.end] == c.quote


def test_merges_reports_of_one_date_and_orders_chronologically(small_index: LoadedIndex) -> None:
    timeline = build_timeline(small_index)
    assert [e.date for e in timeline.events] == ["2020-12", "2021-01-26", "2021-02-09"]
    meeting = timeline.events[-1]
    assert {c.doc_id for c in meeting.citations} == {"a", "b"}  # Feb 9 stated outright and as "Tuesday"
    assert "February 9" in meeting.summary  # the outright date is preferred to the weekday
    assert_quotes_verbatim(small_index, timeline)


def test_json_shape(small_index: LoadedIndex) -> None:
    data = json.loads(json.dumps(build_timeline(small_index).to_dict()))
    assert set(data) == {"events", "omitted"} and data["omitted"] == 0
    event = data["events"][0]
    assert set(event) == {"date", "precision", "date_estimated", "planned", "summary", "citations"}
    assert event["precision"] == "month"  # "2020-12" (``index.date_values.PRECISIONS``)
    assert {"doc_id", "quote", "start", "end"} <= set(event["citations"][0])


def test_limit_keeps_best_supported_in_date_order_and_says_how_many_were_left_out(
    small_index: LoadedIndex
) -> None:
    everything = build_timeline(small_index)
    timeline = build_timeline(small_index, limit=1)
    assert [e.date for e in timeline.events] == ["2021-02-09"]  # reported by two articles
    assert everything.omitted == 0 and timeline.omitted == len(everything.events) - 1 > 0
    assert build_timeline(small_index, limit=0).events == []


def test_topic_filter(small_index: LoadedIndex, encoder: Encoder) -> None:
    assert [e.date for e in topic_timeline(small_index, encoder, "violence at the tractor rally").events] == [
        "2021-01-26"
    ]
    assert [e.date for e in topic_timeline(small_index, encoder, "meeting about blocking orders").events] == [
        "2021-02-09"
    ]
    assert topic_timeline(small_index, encoder, "capital of France").events == []
    assert topic_timeline(small_index, encoder, "cold weather").events == []  # undated sentence stays out


def test_topic_without_vector_falls_back_to_words(small_index: LoadedIndex) -> None:
    assert [e.date for e in build_timeline(small_index, "tractor rallies").events] == ["2021-01-26"]
    assert build_timeline(small_index, "capital of France").events == []
    assert build_timeline(small_index, "   ").topic is None


def test_stale_records_are_skipped(small_index: LoadedIndex) -> None:
    good = small_index.events[0]
    broken = [
        {**good, "quote": good["quote"] + "x"},
        {**good, "doc_id": "missing"},
        {**good, "date": "someday"},
        {k: v for k, v in good.items() if k != "start"},
    ]
    timeline = build_timeline(dataclasses.replace(small_index, events=broken))
    assert timeline.events == []


def test_seed_corpus_timeline(seed: LoadedIndex) -> None:
    timeline = build_timeline(seed)
    by_date = {e.date: e for e in timeline.events}
    dates = [e.date for e in timeline.events]
    assert dates == sorted(dates)
    required = ["2021-01-26", "2021-02-08", "2021-02-10"]
    assert [d for d in dates if d in required] == required
    quotes = {d: " ".join(c.quote for c in by_date[d].citations) for d in required}
    assert "26 January 2021" in by_date["2021-01-26"].summary
    # "in connection to the tractor rally violence on Republic Day", "in the wake of January 26 violence": those
    # dates name the violence, not when the sentence's own event happened (003's "on Monday" can't be placed).
    cited = " ".join(c.quote for e in timeline.events for c in e.citations)
    assert "violence on Republic Day" not in cited and "January 26 violence" not in cited
    assert "cooperating" in by_date["2021-02-08"].summary
    assert "blog post" in by_date["2021-02-10"].summary
    assert "February 10" in quotes["2021-02-10"]
    assert_quotes_verbatim(seed, timeline)


def test_seed_undated_statements_stay_out(seed: LoadedIndex) -> None:
    cited = " ".join(c.quote for e in build_timeline(seed).events for c in e.citations)
    # 001 names no day at all ("on Wednesday", "earlier this month"), so it gets no estimated date and
    # neither can be placed; 003 names only Republic Day, which is not evidence of when it was written.
    assert "scheduled to meet Information Technology Minister on Wednesday" not in cited
    assert "earlier this month" not in cited
    dates = {d.doc_id: (d.date, d.date_estimated) for d in seed.docs}
    assert dates["001_2b201379a3bab78f"] == (None, False)
    assert dates["003_49b6c61dec8b596b"] == (None, False)


def test_seed_estimated_date_places_this_week(seed: LoadedIndex) -> None:
    """002 gives no date but reports "On February 10": it is estimated 2021-02-10, and its "this week" is
    the week of 8 to 14 February: its talks were still ahead when reported, so they are an event of their own
    that week, placed by the estimate alone. The dated article's "This week, Centre had sent a notice" is past:
    the 8th to its own date, the 10th (it was dated to the 14th, after the days it reports)."""
    dates = {d.doc_id: (d.date, d.date_estimated) for d in seed.docs}
    assert dates["002_935d8ede3d7f56b0"] == ("2021-02-10", True)
    assert dates["000_23ab69559cfb75aa"] == ("2021-02-10", False)
    events = build_timeline(seed).events
    sent = [e for e in events if e.date == "2021-02-08/2021-02-10"]
    ahead = [e for e in events if e.date == "2021-02-08/2021-02-14"]
    assert [(e.planned, e.date_estimated, [c.doc_id for c in e.citations]) for e in sent + ahead] == [
        (False, False, ["000_23ab69559cfb75aa"]), (True, True, ["002_935d8ede3d7f56b0"])]
    assert "1,178 accounts" in sent[0].summary
    assert ahead[0].summary == "The talks are likely to happen this week."


def test_seed_topic_filter(seed: LoadedIndex, encoder: Encoder) -> None:
    assert "2021-01-26" in [e.date for e in topic_timeline(seed, encoder, "Republic Day").events]
    # The articles name the violence only as what later events followed: no sentence of theirs is dated by it.
    assert topic_timeline(seed, encoder, "Republic Day violence").events == []
    assert topic_timeline(seed, encoder, "capital of France").events == []
    blog = topic_timeline(seed, encoder, "Twitter blog post")
    assert "2021-02-10" in [e.date for e in blog.events]
    assert all(0 < c.score <= 2 for e in blog.events for c in e.citations)


@pytest.mark.parametrize("topic", ["feb 9", "February 9", "9 Feb 2021", "2021-02-09", "on february 9th"])
def test_a_date_as_topic_finds_the_events_on_it(small_index: LoadedIndex, encoder: Encoder, topic: str) -> None:
    """A date is matched as a date: "feb 9" is close in meaning to no sentence, so the topic filter kept out
    the very event it names."""
    timeline = topic_timeline(small_index, encoder, topic)
    assert [e.date for e in timeline.events] == ["2021-02-09"] and timeline.topic == topic


def test_a_date_with_words_keeps_only_relevant_events_on_it(small_index: LoadedIndex, encoder: Encoder) -> None:
    assert [e.date for e in topic_timeline(small_index, encoder, "meeting on feb 9").events] == ["2021-02-09"]
    assert topic_timeline(small_index, encoder, "cold weather on feb 9").events == []
    assert topic_timeline(small_index, encoder, "2020-12-25").events == []  # no event on that day
    assert [e.date for e in topic_timeline(small_index, encoder, "January 2021").events] == ["2021-01-26"]


def test_a_topic_does_not_turn_a_reported_date_into_an_estimate(seed: LoadedIndex, encoder: Encoder) -> None:
    """Whether an event is estimated is decided over every article reporting it, before the topic filter:
    "this week" kept only the undated article's sentence and showed the week as estimated. (The talks, still
    ahead when reported, are an event of their own, which only the estimated article places: estimated in
    every view; the notice sent that week is reported by the dated article, in none.)"""
    whole = {(e.date, e.planned): e.date_estimated for e in build_timeline(seed).events}
    week = "2021-02-08/2021-02-14"
    assert whole[("2021-02-08/2021-02-10", False)] is False and whole[(week, True)] is True
    for topic in ("the talks are likely to happen", "notice to block another 1,178 accounts"):
        for event in topic_timeline(seed, encoder, topic).events:
            assert event.date_estimated == whole[(event.date, event.planned)]
    [talks] = topic_timeline(seed, encoder, "the talks are likely to happen").events
    assert talks.date == week and {c.doc_id for c in talks.citations} == {"002_935d8ede3d7f56b0"}


def test_a_sentence_that_dates_another_event_is_not_the_summary_when_another_dates_this_alone(
    tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    """'The court on Monday ordered Yammerly to restore the account it suspended in July' was the summary of
    July, read as a July court order, beside 'Yammerly suspended the journalist's account in July', which tells
    of July alone. The sentence stays cited, and remains the summary of its Monday. (The appeals filed in July are
    another happening of that month: a line of their own, ``retrieval.timeline_happenings``.)"""
    index = index_of({"a.txt": (
        "date 2021-09-14\n"
        "The court on Monday ordered Yammerly to restore the account it suspended in July.\n\n"
        "Yammerly suspended the journalist's account in July after a complaint.\n\n"
        "The journalist filed two appeals in July with the company."
    )}, tmp_path, encoder_provider)
    lines = [(e.date, e.summary, [c.quote for c in e.citations]) for e in build_timeline(index).events]
    assert [date for date, _, _ in lines] == ["2021-07", "2021-07", "2021-09-13"]
    suspended = next(line for line in lines if "suspended the journalist" in line[1])
    assert suspended[1] == "Yammerly suspended the journalist's account in July after a complaint."
    assert len(suspended[2]) == 2 and suspended[2][1].startswith("The court on Monday")
    assert ("2021-07", "The journalist filed two appeals in July with the company.",
            ["The journalist filed two appeals in July with the company."]) in lines
    assert lines[-1][1].startswith("The court on Monday")


def test_a_date_several_articles_report_is_summed_up_by_what_most_of_them_say(
    tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    """Koo's downloads on February 10 summed up the day two other articles reported Twitter's blog post of that
    day, which on Discord then showed only as those articles' titles. They are another happening: a line of
    their own, after the blog post's, which two articles report (``retrieval.timeline_happenings``)."""
    index = index_of({
        "a.txt": "date 2021-02-13\nKoo said its app was downloaded more than 400,000 times on February 10 alone.",
        "b.txt": "date 2021-02-11\nOn February 10, Twitter published a blog post on the government's blocking orders.",
        "c.txt": "date 2021-02-12\nTwitter put out a blog post about the blocking orders on February 10.",
    }, tmp_path, encoder_provider)
    post, downloads = build_timeline(index).events
    assert post.date == downloads.date == "2021-02-10"
    assert "blog post" in post.summary and {c.doc_id for c in post.citations} == {"b", "c"}
    assert [c.doc_id for c in downloads.citations] == ["a"]
    assert_quotes_verbatim(index, build_timeline(index))


KEY_FACTS = {
    "appeal.md": (
        "---\ntitle: Appeal court orders Hollerhub to restore an MP's account\ndate: 2023-02-16\n---\n"
        "**Key facts**\n\n- Account suspended: 3rd Jan\n- Followers: 1.2 million\n\n"
        "The court on Thursday ordered Hollerhub to restore the account within five days.\n\n"
        "The MP had 1.2 million followers when Hollerhub suspended her account on 3rd Jan."
    ),
}


def test_a_whole_sentence_sums_up_an_event_over_a_fact_box_line(
    tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    """A box of key facts above the story told the suspension's day first, so "• Account suspended: 3rd Jan"
    summed up the event; the story's sentence telling the same day does now, and the box line stays cited."""
    index = index_of(KEY_FACTS, tmp_path, encoder_provider)
    event = next(e for e in build_timeline(index).events if e.date == "2023-01-03")
    assert event.summary.startswith("The MP had 1.2 million followers")
    assert any(c.quote.endswith("Account suspended: 3rd Jan") for c in event.citations)
    assert_quotes_verbatim(index, build_timeline(index))


def test_a_topic_the_articles_speak_of_without_dates_points_to_asking(seed: LoadedIndex) -> None:
    """"/timeline koo" was a dead end ("no dated events about “koo”") while the seed articles say much about Koo
    in sentences that date nothing: the reply says a question finds them."""
    result = build_timeline(seed, "koo")
    assert result.events == []
    assert result.note == ("Its words are in the articles without a date: ask about it as a question to see those "
                           "passages.")
    assert build_timeline(seed, "feb 10").events and build_timeline(seed, "feb 10").note == ""  # dates alone
    assert build_timeline(seed, "cricket world cup").note == "The articles never use the words “cricket” or “cup”."
