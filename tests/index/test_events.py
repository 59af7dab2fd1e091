"""Event extraction, on small made-up articles (no index, no model), and the helpers the other tests of dates
build and read such articles with (``doc``, ``events``, ``dates``). Which day and year a mention names is in
``test_event_years``; days still ahead and plans called off in ``test_event_plans``."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from index.chunking import split_sentences
from index.date_resolution import nearest_month
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
    assert EVENTS_VERSION == 44  # 2: weeks and estimated article dates; 3: past-leaning years, schedules; 4: stamps;
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
    # 44: "this week" in the past tense ends on the article's date
