"""Days still ahead when reported (plans, schedules, what is expected or due), days named from the article's
own ("last month", "today"), and plans called off or moved."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences
from index.date_estimate import estimate_dates
from tests.index.test_events import dates, doc, events


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
