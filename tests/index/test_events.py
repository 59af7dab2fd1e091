"""Date resolution rules and event extraction, on small made-up articles (no index, no model)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from index.chunking import split_sentences
from index.date_estimate import estimate_dates
from index.date_resolution import (
    CorpusWindow,
    corpus_window,
    nearest_month,
    nearest_year,
    resolve_weekday,
)
from index.dates import find_mentions
from index.documents import Document
from index.events import EVENTS_VERSION, extract_events

WED = date(2021, 2, 10)  # a Wednesday


def doc(text: str, when: str | None = None, doc_id: str = "a") -> Document:
    return Document(doc_id=doc_id, title=doc_id, date=when, url=None, source=None, text=text, body_offset=0,
                    sha256="0" * 64, filename=f"{doc_id}.txt")


def events(*docs: Document) -> list[dict[str, Any]]:
    return extract_events(list(docs), {d.doc_id: split_sentences(d.text) for d in docs})


def dates(*docs: Document) -> list[str]:
    return [e["date"] for e in events(*docs)]


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


# --- month only and named days ---------------------------------------------------------------------


def test_month_only() -> None:
    found = events(doc("The rules were notified in January 2021 after talks.", "2021-03-01"))
    assert [(e["date"], e["how"]) for e in found] == [("2021-01", "month")]
    assert dates(doc("Protests grew in December and spread.", "2021-02-10")) == ["2020-12"]
    assert nearest_month(1, WED) == "2021-01"
    assert nearest_month(3, WED, future=True) == "2021-03"
    assert nearest_month(1, date(2021, 8, 16)) == "2021-01"  # not next January


def test_named_day() -> None:
    found = events(doc("Farmers marched in Delhi on Republic Day.", "2021-02-10"))
    assert [(e["date"], e["how"], e["role"]) for e in found] == [("2021-01-26", "named-day", "primary")]
    assert dates(doc("Republic Day 2020 passed quietly.")) == ["2020-01-26"]
    assert [m.role for m in find_mentions("It followed the Republic Day violence.")] == ["reference"]


# --- false positives -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Twitter officials may face a seven-year jail term.",
        "Blocking was ordered under Section 69A of the IT Act.",
        "The Centre asked Twitter to block 1,178 accounts.",
        "Our global team provided 24/7 coverage.",
        "Fines rose to 1,090 in 2019, the regulator said.",  # the figure's year, no event (``index.coarse_dates``)
        "The app has been available in the country since 2016.",
        "Downloads doubled over the last year.",
        "Twitter has complied with many orders over the last month.",  # thirty days, no month of the article's
        "Sales on Good Friday and on Mondays were slow.",
        "The committee meets every Friday to review the orders.",  # a recurring day is no one day
        "The forum was held on the last Friday of the month.",
        "The Sunday Guardian reported that the ministry was unhappy.",
        "The government said it had no comment.",
        "About 500 accounts, 2 of them verified, were blocked 3 times.",
    ],
)
def test_false_positives(text: str) -> None:
    assert events(doc(text, "2021-02-10")) == []


def test_a_months_nth_weekday_is_not_the_weekday_before_the_article() -> None:
    """"the first Friday in October" in a report of Thursday 22 September 2022 is in October, not Friday 16
    September (the nearest Friday before it): only the month is read."""
    assert dates(doc("But the first Friday in October is not a long way off.", "2022-09-22")) == ["2022-10"]


def test_february_30_is_not_a_date() -> None:
    assert dates(doc("It was due on February 30.", "2021-02-10")) == []


# --- records ---------------------------------------------------------------------------------------


def test_records_quote_whole_sentences_and_serialise() -> None:
    text = "Intro line.\n\nOrders issued on January 31 were obeyed on February 8. Nothing else."
    found = events(doc(text, "2021-02-10"))
    assert [e["date"] for e in found] == ["2021-01-31", "2021-02-08"]  # one record per date
    for e in found:
        assert text[e["start"] : e["end"]] == e["quote"]
        assert e["quote"] == "Orders issued on January 31 were obeyed on February 8."
    json.dumps(found)


@pytest.mark.parametrize(
    "text",
    [
        "Twitter acted after the violence on Republic Day.",
        "The Centre is annoyed with Twitter over its reluctance to take down accounts in the wake of January 26 "
        "violence, according to India Today.",
        "Officials wrote to the firm in connection with the tractor rally violence on Republic Day.",
        "Police filed new cases following the clashes of January 26.",
        "The app has gained users since the protests in January.",
        "The ministry has not published Tuesday's order.",
        "A review was promised after the January 26 violence.",
    ],
)
def test_a_date_naming_an_earlier_event_dates_no_sentence(text: str) -> None:
    """A date that qualifies a noun ("the violence on Republic Day") says when that was, not when the
    sentence's own event happened: the sentence is filed under no date rather than under the earlier one."""
    assert events(doc(text, "2021-02-10")) == []


def test_the_sentences_own_day_stays_and_an_unplaced_one_keeps_it_out() -> None:
    text = ("New Delhi: Twitter on Monday reached out to the government seeking a dialogue over its order to take "
            "down accounts in connection to the tractor rally violence on Republic Day.")
    assert dates(doc(text, "2021-02-10")) == ["2021-02-08"]  # the Monday, not 26 January
    assert dates(doc(text)) == []  # no article date: "on Monday" can't be placed, and Republic Day is not it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Notices have been sent since their agreement expired on February 28.", ["2021-02-28"]),  # a clause
        # a time of its own: the start of February, its first ten days (``index.date_values``)
        ("Accounts were blocked after the start of February.", ["2021-02-01~/2021-02-10~"]),
        ("It came after the accounts were blocked on February 8.", ["2021-02-08"]),
        ("The letter was read out at Wednesday's session.", ["2021-02-10"]),  # when it was read out
        ("The farmers marched on January 26.", ["2021-01-26"]),
    ],
)
def test_a_date_of_the_sentences_own_event_stays(text: str, expected: list[str]) -> None:
    assert dates(doc(text, "2021-03-01" if "February 28" in text else "2021-02-10")) == expected


def test_roles_and_one_record_per_sentence_and_date() -> None:
    text = "The Centre is annoyed over the January 26 violence, which began on January 26."
    found = events(doc(text, "2021-02-10"))
    assert len(found) == 1 and found[0]["role"] == "primary"
    assert [m.role for m in find_mentions("It came in the wake of January 26 violence.")] == ["reference"]


def test_version_bumped() -> None:
    assert EVENTS_VERSION == 41  # 2: weeks and estimated article dates; 3: past-leaning years, schedules; 4: stamps;
    # 5: web-page furniture ("Also Read: …"); 6: a date alone on its line ("Feb 12, 2021") is a stamp;
    # 7: a byline that carries one ("By Meera Kapoor | Updated: Feb 12, 2021"); 8: breadcrumbs, page chrome;
    # 9: ranges, "the last week of …", "would"/"gives … until" point ahead;
    # 10: "planned", a date still ahead when reported; 11: not a date wholly before its article's, whatever
    # the tense ("would be announced on February 25, 2021" in a March report), and "future_tense";
    # 12: a yearless day future only by "would" may be up to a month before the article (that year's)
    # 13: a date that only qualifies a noun ("in the wake of the violence on Republic Day") dates no sentence
    # 14: a yearless date in an undated article gets the year of the group of dated articles it falls in
    # 15: a day or weekday right after "for" ("called a sit-in for Monday") is one set for, still ahead
    # 16: "last month", "this month", "next month" are months of the article's date
    # 17: "the past week", "in the last week" are the seven days before the article's date
    # 18: a day of a month set for ("a sit-in for February 8") may be up to a month before the article (that year's)
    # 19: "Two days earlier, …" from the one day the sentence before dates; context_start/end of "The talks …"
    # 20: "are expected later this week", "is due on Friday" are still ahead
    # 21: groups of dated articles as large leave a yearless day's year to the article's own days
    # 22: a day counted from a date of the sentence's own ("two days after the January 26 violence")
    # 23: "today", "yesterday", "tomorrow"; the present progressive with a time, a clause a date opens, ahead
    # 24: a plan's day called off or moved is no event; the day it was moved to is ahead
    # 25: a lead paragraph's dateline day ("MAREN, Friday 14 November 2025 - …") dates the article, no event
    # 27: a weekday that is no one day ("every Friday", "the first Friday in October") is not the one before
    # 28: a dateline naming its country ("VESKA, Norvania, Tuesday 9 March 2021 – …"), an editor's note on the story
    # 29: a live blog's entry head ("Feb 9, 21:15") is no event; it dates its entry's first sentence and relative days
    # 30: "between 4 and 6 February" a range; a date before a preposition dates its sentence; an update's own day
    # 31: a wire dateline's yearless day ("PORT ALDEN, Feb 23 (Tidewire) - …") is no event; it is the estimate
    # 32: an undated article's yearless days take the years of the dated articles most like it
    # 33: a dateline of its weekday alone ("KARSK, Friday — …") is no event; "The day before the filing" counts
    # from the filing's day; 34: a day in figures in the text ("On 10/02/2022 …") when it reads one way
    # 35: weekends, counts in weeks, "the previous Friday" from the day told before, shared stems for named events
    # 36: "the previous week", "the following week" from the day told before, not the article's
    # 37: dates of no day; 38: a question is no event of the day it names
    # 39: time-first and update-word entry heads, an update's label alone, "by 2025", a year's count, "from 3 to 5"
    # 40: a source list's entry is no event of its day; a fact box's date is an event of its line
    # 41: a day a state has held since ("blocked since 3 March") is no event of its day; nor an endnote's


def test_last_this_and_next_month_are_months_of_the_article_s_date() -> None:
    """"protests against the dam drew about 5,000 people last month" in a report of 14 February 2025 told of
    January 2025, and was no event at all, as "last week" would have been."""
    found = events(doc("Protests against the dam drew about 5,000 people last month. Sales rose this month. "
                       "The rules will take effect next month.", "2025-02-14"))
    assert [(e["date"], e["how"], e["planned"]) for e in found] == [
        ("2025-01", "month", False), ("2025-02", "month", False), ("2025-03", "month", True)]
    assert events(doc("Protests drew 5,000 people last month.", "2021-01-05"))[0]["date"] == "2020-12"
    # the last month of something, or the last thirty days, are no month of the article's
    assert events(doc("In the last month of the campaign the party spent most. Over the last month it grew.",
                      "2025-02-14")) == []
    assert events(doc("Protests drew 5,000 people last month.")) == []  # no article date: no month
    assert dates(doc("Twitter has complied with many orders earlier this month.", "2021-02-10")) == ["2021-02"]


def test_a_day_set_for_is_ahead_when_reported() -> None:
    """A day right after "for" is the one a hearing or a sit-in is set for: still ahead when reported, even when
    the sentence tells the setting in the past ("adjourned"), and a yearless one in December is next January."""
    found = events(doc("The court adjourned the case for February 12.", "2021-02-10"))
    assert [(e["date"], e["planned"]) for e in found] == [("2021-02-12", True)]
    assert dates(doc("The court adjourned the case for January 5.", "2021-12-20")) == ["2022-01-05"]
    # set before the report for a day now past: that day, done, not the same day a year on
    found = events(doc("The union called a sit-in for February 8, which drew thousands.", "2021-02-10"))
    assert [(e["date"], e["planned"]) for e in found] == [("2021-02-08", False)]


@pytest.mark.parametrize("sentence", [
    "Talks between the ministry's secretary and Twitter executives are expected later this week.",
    "The ministry's reply is due on Friday.", "A second meeting is scheduled next week.",
])
def test_something_expected_or_due_is_still_ahead_when_reported(sentence: str) -> None:
    """A live blog's "Talks … are expected later this week" was listed on the timeline as what had happened that
    week, beside the reports of it; "are expected to" was already a plan."""
    found = events(doc(sentence, "2021-02-10"))
    assert found and all(e["planned"] for e in found), found


def test_what_was_expected_and_happened_is_no_plan() -> None:
    found = events(doc("As expected, Twitter blocked the accounts on Monday.", "2021-02-10"))
    assert [(e["date"], e["planned"]) for e in found] == [("2021-02-08", False)]


def _told(text: str, when: str | None = "2021-02-10") -> list[tuple[str, bool]]:
    return [(e["date"], e["planned"]) for e in events(doc(text, when))]


@pytest.mark.parametrize(("text", "expected"), [
    ("The ministry met Twitter officials today.", [("2021-02-10", False)]),
    ("Today, the ministry issued a notice.", [("2021-02-10", False)]),
    ("Twitter restored the accounts yesterday.", [("2021-02-09", False)]),
    ("The ministry yesterday issued a notice to the company.", [("2021-02-09", False)]),
    ("Protesters gathered outside the office last night.", [("2021-02-09", False)]),
    ("The hearing will take place tomorrow.", [("2021-02-11", True)]),
    ("The minister will meet them later today.", [("2021-02-10", True)]),
    ("“We are meeting them tomorrow,” the official said.", [("2021-02-11", True)]),  # a quote as any text
    ("Twitter restored the accounts yesterday, February 9.", [("2021-02-09", False)]),  # once, by its date
    ("Speaking to India Today, the minister said the talks went well.", []),  # a name
    ("It rained on the last night of the protest.", []),
    # The present progressive with a time of its own: arranged, ahead (Friday is the 12th, this week's plans apart).
    ("The minister is meeting Twitter officials this week.", [("2021-02-08/2021-02-14", True)]),
    ("The panel is hearing the case on Friday.", [("2021-02-12", True)]),
    ("Executives are appearing before the parliamentary committee on Friday.", [("2021-02-12", True)]),
    ("They're meeting the minister on Thursday.", [("2021-02-11", True)]),
    ("The plea is being heard on February 12.", [("2021-02-12", True)]),
    ("Executives are due to appear on Friday.", [("2021-02-12", True)]),  # as before
    # A date opening its clause takes the tense of the clause it opens.
    ("On Friday, officials will meet Twitter.", [("2021-02-12", True)]),
    ("The ministry, on Friday, will meet Twitter.", [("2021-02-12", True)]),
    ("In January, the court will hear the plea.", [("2022-01", True)]),
    # What happened, or another verb's time: as before.
    ("The panel heard the case on Friday.", [("2021-02-05", False)]),
    ("On Friday, Twitter said it will comply.", [("2021-02-05", False)]),
    ("The company is facing criticism for blocking accounts on Monday.", [("2021-02-08", False)]),
    ("The company is facing flak over its decision on Monday.", [("2021-02-08", False)]),
    ("Twitter said on Monday it is complying with the order.", [("2021-02-08", False)]),
    ("The ministry's meeting with Twitter on Friday went well.", [("2021-02-05", False)]),
    ("Twitter met officials on February 8, February 9 and February 10.",
     [("2021-02-08", False), ("2021-02-09", False), ("2021-02-10", False)]),
    ("The council is voting on the revised contract on Wednesday.", [("2021-02-10", True)]),  # the noun's -ed
    # A correction note: what the article said before, the note's own day and a day denied date nothing.
    ("Correction: An earlier version of this article said the council met on Tuesday.", []),
    ("Correction (March 22): This article originally said the vote was seven to two.", []),
    ("Correction (February 12): The vote was held on Wednesday, not Tuesday.", [("2021-02-10", False)]),
    ("The vote was held on February 9, not on February 8.", [("2021-02-09", False)]),
])
def test_days_named_from_the_article_s_and_plans_told_in_the_present(text: str, expected: list[tuple[str, bool]]
                                                                     ) -> None:
    """"today", "yesterday", "tomorrow" dated nothing: "Twitter restored the accounts yesterday" in a report of 10
    February stayed out of the timeline, as "last month" had before it was read as the month before the
    article's. And "is meeting officials this week" was shown as having happened, "is hearing the case on
    Friday" on the Friday before the report, as "are expected later this week" no longer was: the aspect tells
    of an arrangement, not a list of verbs."""
    assert _told(text) == expected


def test_a_day_named_from_the_article_s_needs_its_date() -> None:
    assert _told("Twitter restored the accounts yesterday.", None) == []
    undated = events(doc("On February 8, 2021 the ministry wrote. Twitter replied yesterday."))
    assert [e["date"] for e in undated] == ["2021-02-08"], "undated: no day to count from"


@pytest.mark.parametrize("sentence", [
    "The hearing had been scheduled for Tuesday but was moved to Thursday.",
    "Talks set for Tuesday were called off after the ministry objected.",
    "The meeting, which was to be held on Tuesday, was postponed.",
    "The vote planned for February 9 did not take place.",
])
def test_a_plan_called_off_or_moved_is_no_event_of_its_day(sentence: str) -> None:
    """"had been scheduled for Tuesday but was moved" was Tuesday's event on the timeline, as done: nothing happened
    that Tuesday. The day it was moved to is a plan, still ahead when set."""
    found = events(doc(f"{sentence} The ministry said so.", "2021-02-12"))
    assert not [e for e in found if e["mention"] in ("Tuesday", "February 9")], found  # nor as still ahead
    assert all(e["future_tense"] for e in found), found  # "moved to Thursday": the plan's new day


@pytest.mark.parametrize(("sentence", "day"), [
    ("The hearing was scheduled for Tuesday and was held as planned.", "2021-02-09"),  # nothing undone
    ("The hearing is scheduled for Friday but may be postponed.", "2021-02-12"),  # only a possibility
    ("The meeting was postponed on Tuesday.", "2021-02-09"),  # the day of the postponing itself
    ("The hearing, scheduled for Thursday, was put off on Tuesday.", "2021-02-09"),
])
def test_a_plan_kept_or_the_day_it_was_called_off_stays_an_event(sentence: str, day: str) -> None:
    assert day in {e["date"] for e in events(doc(sentence, "2021-02-12"))}


def test_the_day_of_a_plan_called_off_estimates_no_date() -> None:
    """An undated article's "The vote had been scheduled on February 12 but was called off" was the latest day it
    reported as past, and dated it 12 February, when nothing happened."""
    corpus = [doc("Twitter met the ministry on February 8, 2021.", "2021-02-08", doc_id="a"),
              doc("Officials met on February 9. The vote had been scheduled on February 12 but was called off.",
                  doc_id="b")]
    estimated = estimate_dates(corpus, {d.doc_id: split_sentences(d.text) for d in corpus})
    assert estimated[-1].date == "2021-02-09" and estimated[-1].date_estimated
