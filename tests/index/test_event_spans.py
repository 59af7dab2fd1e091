"""Events that span days, weeks that are no week of the article, and what is still to come when reported."""

from __future__ import annotations

from typing import Any

import pytest

from index.chunking import split_sentences
from index.dates import find_mentions
from index.documents import Document
from index.events import extract_events


def doc(text: str, when: str | None = None, doc_id: str = "a") -> Document:
    return Document(doc_id=doc_id, title=doc_id, date=when, url=None, source=None, text=text, body_offset=0,
                    sha256="0" * 64, filename=f"{doc_id}.txt")


def events(*docs: Document) -> list[dict[str, Any]]:
    return extract_events(list(docs), {d.doc_id: split_sentences(d.text) for d in docs})


def dates(text: str, when: str | None) -> list[str]:
    return [e["date"] for e in events(doc(text, when))]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Twitter blocked the posts between February 19 and February 26, the last days of the rally.",
     "2021-02-19/2021-02-26"),
    ("The accounts posted the hashtag between February 1 and polling day on February 6.", "2021-02-01/2021-02-06"),
    ("The ministry sent notices from January 28 to February 5.", "2021-01-28/2021-02-05"),
    ("The ministry sent notices from 28 January 2021 until 5 February 2021.", "2021-01-28/2021-02-05"),
])
def test_a_range_is_one_event_over_its_days(sentence: str, expected: str) -> None:
    """One sentence reporting one thing that lasted days was two events, one at each end of it."""
    found = events(doc(sentence, "2021-03-01"))
    assert [(e["date"], e["how"]) for e in found] == [(expected, "range")]


def test_two_days_joined_by_and_are_two_events() -> None:
    assert dates("Orders issued on January 31 and February 8 were obeyed.", "2021-02-10") == [
        "2021-01-31", "2021-02-08"]
    assert dates("It ran from Delhi on January 31 to Mumbai, where it ended on February 8.", "2021-02-10") == [
        "2021-01-31", "2021-02-08"]  # a clause apart: no range


def test_two_day_numbers_listed_before_their_month_are_two_events() -> None:
    """"on 3 and 5 March" was an event of 5 March alone: the 3 was read as nothing."""
    assert dates("The court sat on 3 and 5 March.", "2021-03-10") == ["2021-03-03", "2021-03-05"]
    assert dates("The court will sit on 3 and 5 April.", "2021-03-10") == ["2021-04-03", "2021-04-05"]


def test_the_last_week_of_something_is_no_week_of_the_article() -> None:
    """"the last week of campaigning" named the week before the article's."""
    assert dates("The videos came down in the last week of campaigning.", "2021-02-10") == []
    # the first week of a month is that month's first seven days, of no one day (``index.coarse_dates``)
    assert dates("Talks began in the first week of February.", "2021-02-10") == ["2021-02-01~/2021-02-07~"]
    assert dates("Twitter blocked the accounts last week.", "2021-02-10") == ["2021-02-01/2021-02-07"]


@pytest.mark.parametrize("sentence", [
    "Twitter blocked the accounts in the past week.", "Over the past week, Twitter blocked the accounts.",
    "Twitter blocked the accounts this past week.", "In the last week, Twitter blocked the accounts.",
])
@pytest.mark.parametrize(("when", "days"), [
    ("2021-02-11", "2021-02-04/2021-02-10"),  # a Thursday: not Monday 1 to Sunday 7 February
    ("2021-02-08", "2021-02-01/2021-02-07"),  # a Monday: the seven days before are the calendar week before
    ("2021-03-02", "2021-02-23/2021-03-01"),
])
def test_the_past_week_is_the_seven_days_before_the_article(sentence: str, when: str, days: str) -> None:
    """"in the past week" in a report of Thursday 11 February 2021 was placed on 1-7 February, the calendar week
    before, leaving out the three days just gone. "last week" stays that calendar week, as "last Monday" is the
    Monday of it (``test_the_last_week_of_something_is_no_week_of_the_article``)."""
    assert dates(sentence, when) == [days]


@pytest.mark.parametrize(("sentence", "when", "days"), [
    # Friday 26 May 2023: the weekend just gone; a Monday's too; one written on its Sunday is its own
    ("Over the weekend, thousands of users joined a campaign.", "2023-05-26", ["2023-05-20/2023-05-21"]),
    ("Bramblr removed about 300 posts over the weekend, a spokesperson said.", "2023-05-22", ["2023-05-20/2023-05-21"]),
    ("Protesters gathered at the weekend.", "2023-05-21", ["2023-05-20/2023-05-21"]),
    ("The app crashed last weekend.", "2023-05-24", ["2023-05-20/2023-05-21"]),
    ("The app crashed last weekend.", "2023-05-21", ["2023-05-13/2023-05-14"]),
    # still to come: the first weekend from the article's date on, ahead
    ("The two sides will meet over the weekend.", "2023-05-24", ["2023-05-27/2023-05-28"]),
    ("Rallies are planned for next weekend.", "2023-05-24", ["2023-05-27/2023-05-28"]),
    # no weekend of the article's
    ("The videos came down in the last weekend of the campaign.", "2023-05-24", []),
    ("The weekend of protests ended in arrests.", "2023-05-24", []),
])
def test_a_weekend_is_its_saturday_and_sunday(sentence: str, when: str, days: list[str]) -> None:
    """"Over the weekend" (the commonest way news dates what happened between two weekday reports) dated
    nothing, and the event was missing from the timeline; it is the weekend's two days, as "last week" is its
    seven."""
    found = events(doc(sentence, when))
    assert [e["date"] for e in found] == days
    assert all(e["planned"] == ("will" in sentence or "planned" in sentence) for e in found)


def test_last_week_stays_the_calendar_week_before() -> None:
    assert dates("Twitter blocked the accounts last week.", "2021-02-11") == ["2021-02-01/2021-02-07"]
    assert dates("Twitter blocked the accounts the previous week.", "2021-02-11") == ["2021-02-01/2021-02-07"]


@pytest.mark.parametrize(("sentence", "expected"), [
    # The article is dated Tuesday 14 September 2021.
    ("A spokesperson said on Monday that the company would restore the account by Thursday.", "2021-09-16"),
    ("The order gives the company until midnight on Thursday to comply.", "2021-09-16"),
    ("The regulator gave the platform until Friday to reply.", "2021-09-17"),
])
def test_a_promise_or_deadline_is_the_coming_day(sentence: str, expected: str) -> None:
    """They were dated the week before: a deadline two days ahead shown as passed five days earlier."""
    assert expected in dates(sentence, "2021-09-14")


def test_since_is_past_whatever_the_clause_says() -> None:
    """Past, not still ahead; no event of its own either: a state held since then (``index.date_roles``)."""
    text = "The bill, which would require audits and has been waiting for a vote since October, stalled."
    assert [m.future for m in find_mentions(text)] == [False]
    assert dates(text, "2021-02-10") == []


@pytest.mark.parametrize(("text", "when", "expected"), [
    # A "would" is future from when it was said, days before the report: that February, not the next.
    ("The ministry said the rules would be announced on February 25.", "2021-03-02", "2021-02-25"),
    ("The ministry said the rules would be announced in February.", "2021-03-02", "2021-02"),
    ("The ministry said the bill would be tabled on November 15.", "2021-02-10", "2021-11-15"),  # far back: ahead
    ("The ministry said the bill would be tabled in November.", "2021-02-10", "2021-11"),
    ("The ministry will announce the rules on February 25.", "2021-03-02", "2022-02-25"),  # "will": still ahead
    ("Twitter said it would comply, and met officials on February 25.", "2021-03-02", "2021-02-25"),
])
def test_a_yearless_day_said_to_come_is_placed_from_when_it_was_said(text: str, when: str, expected: str) -> None:
    """"would be announced on February 25" in a report of 2 March was placed on 25 February 2022."""
    assert dates(text, when) == [expected]


@pytest.mark.parametrize(("text", "when", "planned"), [
    ("Officials will meet Twitter on Friday.", "2021-02-10", True),
    ("The talks are likely to happen this week.", "2021-02-10", True),
    ("The hearing is on March 5.", "2021-02-10", True),  # after the article's date: still to come
    ("The company must pay the fine by 31 March 2021.", "2021-02-10", True),
    ("Officials met Twitter on Monday.", "2021-02-10", False),
    ("This week, the Centre sent a notice to Twitter.", "2021-02-10", False),
    ("Twitter met officials on 8 February 2021.", None, False),
    ("Twitter will meet officials on 15 February 2021.", None, True),
    # Reported speech: a plan of before the report (not "still ahead when reported"), and one still ahead.
    ("The ministry said the rules would be announced on February 25, 2021.", "2021-03-02", False),
    ("The ministry said the rules would be announced on February 25, 2021.", "2021-02-20", True),
    ("Officials will meet Twitter on Wednesday.", "2021-02-10", True),  # the article's own day: still to come
])
def test_a_date_still_ahead_when_reported_is_planned(text: str, when: str | None, planned: bool) -> None:
    """"The talks are likely to happen this week" was listed like what had happened that week."""
    assert [e["planned"] for e in events(doc(text, when))] == [planned]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The strike ran from 3 to 5 March and closed the port.", "2021-03-03/2021-03-05"),
    ("The court will hear the case from 2 to 4 March.", "2021-03-02/2021-03-04"),
    ("The strike ran from March 3 to 5.", "2021-03-03/2021-03-05"),
])
def test_a_range_from_a_day_number_to_a_day_is_one_event(sentence: str, expected: str) -> None:
    """"from 3 to 5 March" was an event of 5 March alone, and "from March 3 to 5" one of 3 March."""
    assert [(e["date"], e["how"]) for e in events(doc(sentence, "2021-02-20"))] == [(expected, "range")]


def test_a_move_from_one_day_to_another_stays_two_days() -> None:
    assert dates("The hearing moved from 3 March to 5 March.", "2021-03-10") == ["2021-03-03", "2021-03-05"]
