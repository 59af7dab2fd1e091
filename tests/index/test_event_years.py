"""Which day and year a date mention names: a weekday from the article's date, a yearless day from its
article, the dates near it or the dated articles of the corpus."""

from __future__ import annotations

from datetime import date

import pytest

from index.chunking import split_sentences
from index.date_estimate import estimate_dates
from index.date_resolution import (
    CorpusWindow,
    corpus_window,
    nearest_year,
    resolve_weekday,
)
from tests.index.test_events import WED, dates, doc, events

# --- weekday relative to a known date ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("weekday", "qualifier", "future", "expected"),
    [
        (0, "", False, date(2021, 2, 8)),  # "on Monday" in a Wednesday article: two days before
        (2, "", False, WED),  # "on Wednesday" in a Wednesday article: that same day
        (3, "", False, date(2021, 2, 4)),  # "on Thursday": last week's
        (2, "last", False, date(2021, 2, 3)),
        (0, "next", False, date(2021, 2, 15)),
        (4, "", True, date(2021, 2, 12)),  # "will meet on Friday"
        (2, "", True, WED),
    ],
)
def test_resolve_weekday(weekday: int, qualifier: str, future: bool, expected: date) -> None:
    assert resolve_weekday(weekday, WED, qualifier, future) == expected


def test_weekday_needs_an_article_date() -> None:
    text = "Twitter released a blog post on Wednesday responding to the orders."
    assert dates(doc(text, "2021-02-10")) == ["2021-02-10"]
    assert dates(doc(text, "2021-02-12")) == ["2021-02-10"]
    assert dates(doc(text)) == []
    assert dates(doc("Officials will meet Twitter on Friday.", "2021-02-10")) == ["2021-02-12"]
    assert dates(doc("Twitter's Monday statement came late.", "2021-02-10")) == ["2021-02-08"]


def test_weekday_next_to_a_full_date_defers_to_it() -> None:
    found = events(doc("On Tuesday, February 9, 2021, the ministry wrote again.", "2021-03-01"))
    assert [(e["date"], e["how"]) for e in found] == [("2021-02-09", "explicit")]


# --- missing year ------------------------------------------------------------------------------------


def test_nearest_year() -> None:
    assert nearest_year(2, 8, WED) == date(2021, 2, 8)
    assert nearest_year(12, 28, date(2021, 1, 5)) == date(2020, 12, 28)
    assert nearest_year(1, 5, date(2020, 12, 28)) == date(2021, 1, 5)
    assert nearest_year(2, 8, WED, future=True) == date(2022, 2, 8)
    assert nearest_year(2, 15, WED, future=True) == date(2021, 2, 15)
    # News reports the past: a yearless day far after the article date is the last one before it ...
    assert nearest_year(1, 31, date(2021, 8, 16)) == date(2021, 1, 31)
    # ... while one a few weeks ahead may be a date still to come ("the hearing on March 5").
    assert nearest_year(3, 5, WED) == date(2021, 3, 5)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Talks with the ministry are scheduled for Friday.", "2021-02-12"),
    ("Twitter has until Thursday to comply with the order.", "2021-02-11"),
    ("The ministry plans to meet Twitter officials on Friday.", "2021-02-12"),
    ("The accounts stayed blocked until Monday.", "2021-02-08"),  # "until" alone tells of the past too
    # a day something is called or set for is ahead: a sit-in "for Monday" in a Wednesday report
    ("The union has called a sit-in outside the ministry for Monday.", "2021-02-15"),
    ("The court adjourned the case for February 12.", "2021-02-12"),
    ("The meeting had been called for Monday but never took place.", "2021-02-08"),  # told in the past
])
def test_schedules_and_deadlines_point_ahead(sentence: str, expected: str) -> None:
    assert dates(doc(sentence, "2021-02-10")) == [expected]


def test_missing_year_from_article_date() -> None:
    found = events(doc("Twitter said on February 8 that it was cooperating.", "2021-02-10"))
    assert [(e["date"], e["year_from"]) for e in found] == [("2021-02-08", "article")]
    assert dates(doc("The talks began on December 28.", "2021-01-05")) == ["2020-12-28"]


def test_missing_year_from_nearby_dates_in_an_undated_article() -> None:
    text = "The order came on 31 January 2021.\n\nTwitter replied on Feb. 8 and met officials on March 2."
    found = events(doc(text))
    assert [(e["date"], e["year_from"]) for e in found] == [
        ("2021-01-31", "text"), ("2021-02-08", "nearby"), ("2021-03-02", "nearby"),
    ]


def test_a_year_in_the_same_paragraph_beats_the_article_date() -> None:
    text = "On 5 March 2019 the rules were proposed, and on March 7 they were published."
    assert dates(doc(text, "2021-02-10")) == ["2019-03-05", "2019-03-07"]
    assert dates(doc("In March 2019 the rules were proposed, and on March 7 they were published.",
                     "2021-02-10")) == ["2019-03", "2019-03-07"]


def test_a_month_and_year_in_passing_gives_no_year_to_another_month() -> None:
    text = ("The company, which has had an office in India since July 2014, told the ministry on February 9 "
            "that it had blocked 500 accounts.")
    assert "2021-02-09" in dates(doc(text, "2021-02-12")) and "2014-02-09" not in dates(doc(text, "2021-02-12"))


def test_no_year_anywhere_stays_out() -> None:
    assert dates(doc("Twitter said on February 8 that it was cooperating.")) == []


def test_corpus_window_gives_the_only_year_that_fits() -> None:
    undated = doc("Twitter said on February 8 that it was cooperating.", doc_id="b")
    dated = doc("The ministry wrote to Twitter.", "2021-02-10")
    assert [(e["date"], e["year_from"]) for e in events(dated, undated)] == [("2021-02-08", "corpus")]
    older = doc("Another letter.", "2019-06-01", doc_id="c")
    # 2019, 2020 and 2021 all fit the period, but only the 2021 article's months hold a February 8
    assert [e["date"] for e in events(dated, undated, older)] == ["2021-02-08"]
    twin = doc("The ministry wrote to Twitter.", "2019-02-10", doc_id="c")
    assert events(dated, undated, twin) == []  # a February 8 near each of them, each as alike: no guess


def test_a_far_off_article_does_not_take_the_year_from_the_story_s_undated_articles() -> None:
    """A moderator added an article of 2025 to a corpus about February 2021: "February 8" in an undated
    article then fitted 2021 to 2025, got no year, and its events left the timeline (and its estimated date
    went with them). The articles of February 2021 outnumber the one of 2025, so it is 2021's."""
    undated = doc("Twitter said on February 8 that it was cooperating. The talks are likely this week.",
                  doc_id="b")
    story = [doc("The ministry wrote to Twitter.", "2021-02-10"),
             doc("Koo said it had passed three million users.", "2021-02-13", doc_id="k"),
             doc("The court ruled.", "2021-07-08", doc_id="i")]
    far = doc("Skyquill withheld the posts.", "2025-02-14", doc_id="z")
    assert [e["date"] for e in events(*story, undated, far)] == ["2021-02-08"]
    # One article each: the undated article's own February 8 lies clearly nearer the one of 2021 (2 days) than
    # that of 2025 (6 days); as near to both, and as alike (``index.kin_dates``), no guess.
    assert [e["date"] for e in events(story[0], undated, far)] == ["2021-02-08"]
    as_near = doc("The ministry wrote to Twitter.", "2025-02-06", doc_id="z")
    assert [e["date"] for e in events(story[0], undated, as_near)] == []


def test_groups_as_large_leave_the_year_to_the_articles_own_days() -> None:
    """With 24 articles of 2021 to 2025 added, a group of dated articles spanning February 2023 and February
    2024 counted its days for both: "February 10" in an undated article of the story tied, got no year, and the
    article lost its estimated date and its "this week" event. Its own days (February 8 and 10) lie nearest the
    story's dated article of 10 February 2021: its year."""
    story = doc("The ministry wrote to Twitter.", "2021-02-10")
    others = [doc("A court ruled.", day, doc_id=f"o{k}") for k, day in enumerate(
        ["2022-09-21", "2022-11-17", "2023-03-09", "2023-06-21", "2023-09-14", "2024-03-07", "2024-05-08",
         "2025-02-12", "2025-02-20"])]
    undated = doc("On February 10, Twitter put out a note. Twitter said on February 8 that it was cooperating. "
                  "The talks are likely to happen this week.", doc_id="b")
    window = corpus_window([date.fromisoformat(str(d.date)) for d in [story, *others]])
    assert window is not None and window.year_for(2, 10) is None, "the tie: 2023 and 2024, one group"
    assert window.leaning([(2, 8), (2, 10)]).year_for(2, 10) == 2021
    assert window.leaning([(2, 10)]).lean == 2021 and window.leaning([(2, 11)]).lean is None  # 2021 and 2025: 1 day
    assert window.leaning([(2, 7)]).lean is None, "3 days from 2021's article, 5 from 2025's: not clearly nearer"
    corpus = [story, *others, undated]
    estimated = estimate_dates(corpus, {d.doc_id: split_sentences(d.text) for d in corpus})
    assert estimated[-1].date == "2021-02-10" and estimated[-1].date_estimated
    assert {e["date"] for e in events(story, *others, estimated[-1]) if e["doc_id"] == "b"} == {
        "2021-02-08", "2021-02-10", "2021-02-08/2021-02-14"}


def test_the_article_s_own_days_outweigh_a_larger_group_of_another_year() -> None:
    """Three articles of March 2024 added to a story with one dated article of 10 February 2021: the undated
    story article's "February 8" and "February 10" took 2024, the larger group's year, though they lie 0 and 2
    days from the story's article and over a month from 2024's; its estimated date and events moved with them."""
    story = doc("The ministry wrote to Twitter.", "2021-02-10")
    others = [doc("The council met.", day, doc_id=f"o{k}") for k, day in enumerate(
        ["2024-03-14", "2024-03-18", "2024-03-21"])]
    undated = doc("On February 10, Twitter put out a note. Twitter said on February 8 that it was cooperating.",
                  doc_id="b")
    window = corpus_window([date.fromisoformat(str(d.date)) for d in [story, *others]])
    assert window is not None and window.year_for(2, 10) == 2024, "the larger group, alone"
    assert window.leaning([(2, 8), (2, 10)]).year_for(2, 10) == 2021
    corpus = [story, *others, undated]
    estimated = estimate_dates(corpus, {d.doc_id: split_sentences(d.text) for d in corpus})
    assert estimated[-1].date == "2021-02-10" and estimated[-1].date_estimated
    assert {e["date"] for e in events(story, *others, estimated[-1]) if e["doc_id"] == "b"} == {
        "2021-02-08", "2021-02-10"}


def test_corpus_window_year_for() -> None:
    window = corpus_window([date(2021, 2, 10)])
    assert window is not None
    assert window.year_for(2, 8) == 2021
    assert window.year_for(12) == 2020
    assert window.year_for(8, 15) is None
    assert CorpusWindow(date(2019, 1, 1), date(2021, 12, 31)).year_for(2, 8) is None
    groups = corpus_window([date(2021, 2, 10), date(2021, 2, 13), date(2025, 2, 14)])
    assert groups is not None and groups.year_for(2, 8) == 2021 and groups.year_for(1) == 2021
    assert groups.year_for(3, 1) == 2021 and groups.year_for(8, 15) is None
