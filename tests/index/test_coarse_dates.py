"""Dates of no day (``index.coarse_dates``): a year, a part of a month or a year, a month or a year told from the
article's, and a deadline at a month's end, on small made-up articles (no index, no model). Before, "late March" was
the whole of March and the others dated nothing."""

from __future__ import annotations

import pytest

from tests.index.test_events import dates, doc, events


def test_a_year_alone_dates_its_sentence() -> None:
    found = events(doc("The Kestrel Authority was set up in 2018. In 2020, it fined a courier app for lost parcels.",
                       "2022-05-04"))
    assert [(e["date"], e["how"], e["year_from"], e["planned"]) for e in found] == [
        ("2018", "year", "text", False), ("2020", "year", "text", False)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Protests began in late March.", "2022-03-21~/2022-03-31~"),
    ("Talks stalled in mid-April 2021.", "2021-04-11~/2021-04-20~"),
    ("In the second week of April, the firm wrote to the regulator.", "2022-04-08~/2022-04-14~"),
    ("The app was pulled from stores in early February.", "2022-02-01~/2022-02-10~"),
    ("Its servers were moved in the last week of February.", "2022-02-22~/2022-02-28~"),
    ("The inquiry opened at the start of January.", "2022-01-01~/2022-01-10~"),
    ("The board met in the first half of April.", "2022-04-01~/2022-04-15~"),
])
def test_a_part_of_a_month_is_its_days_marked_approximate(sentence: str, expected: str) -> None:
    """"late March" was the whole of March, and "the second week of April" dated nothing."""
    assert dates(doc(sentence, "2022-05-04")) == [expected]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The ferry operator joined the scheme in early 2019.", "2019-01~/2019-04~"),
    ("Its servers moved to the capital in mid-2020.", "2020-05~/2020-08~"),
    ("Complaints doubled in the second half of 2021.", "2021-07~/2021-12~"),
    ("The courier app was fined in late 2017.", "2017-09~/2017-12~"),
    ("The licence lapsed at the end of 2018.", "2018-12-31~"),
])
def test_a_part_of_a_year(sentence: str, expected: str) -> None:
    assert dates(doc(sentence, "2022-05-04")) == [expected]


@pytest.mark.parametrize(("sentence", "written", "expected", "planned"), [
    ("Last March, the regulator warned the app.", "2023-06-14", "2023-03", False),
    ("Last March, the regulator warned the app.", "2023-02-14", "2022-03", False),  # this year's is still ahead
    ("Last March, the regulator warned the app.", "2023-03-20", "2022-03", False),
    ("The rules take effect next March.", "2023-06-14", "2024-03", True),
    ("The regulator warned the app in March last year.", "2023-06-14", "2022-03", False),
    ("Last year, the board fined two newspapers.", "2023-06-14", "2022", False),
    ("The board plans to publish new rules early next year.", "2023-06-14", "2024-01~/2024-04~", True),
    ("Downloads fell earlier this year.", "2023-06-14", "2023", False),
])
def test_months_and_years_told_from_the_articles(sentence: str, written: str, expected: str, planned: bool) -> None:
    assert [(e["date"], e["planned"]) for e in events(doc(sentence, written))] == [(expected, planned)]


def test_a_deadline_at_a_months_or_years_end_is_its_last_day_still_ahead() -> None:
    """"by the end of the month" dated nothing: a deadline with no day. It is the month's last day, marked
    approximate, and was still ahead when reported."""
    found = events(doc("The app must pay the fine by the end of the month. The firm has until the end of October "
                       "to comply. It must change its search results by the end of the year.", "2024-02-20"))
    assert [(e["date"], e["planned"]) for e in found] == [
        ("2024-02-29~", True), ("2024-10-31~", True), ("2024-12-31~", True)]


@pytest.mark.parametrize("sentence", [
    "Fines rose to 1,090 in 2019, the regulator said.",  # the figure's year
    "Spending reached 2.1 million marks in 2023.",
    "The app has been available in the country since 2016.",  # since: a state, no event of that year
    "Downloads doubled over the last year.",  # twelve months, no calendar year
    "It was the last year of the licence.",
    "Revenue for 2019-20 was flat.",  # a financial year is no calendar year
    "The year began quietly for the courier app.",
])
def test_no_year_is_read_where_none_is_told(sentence: str) -> None:
    assert dates(doc(sentence, "2022-05-04")) == []


# --- an update's own date (item 2): the sentence's wins over its label's --------------------------------------


def test_an_updates_sentence_telling_its_own_day_from_the_label_is_of_that_day() -> None:
    """"Update, June 8: … two days earlier" was an event of June 8, the label's day, which only stands in for a
    sentence dating nothing; its own day is two days before the label's, and the label's day is no event."""
    found = events(doc("Update, June 8: The court said it had ordered the app restored two days earlier.",
                       "2022-06-14"))
    assert [(e["date"], e["how"]) for e in found] == [("2022-06-06", "relative")]
    # counted from the label, not from the story's day told in the paragraph before
    found = events(doc("The court heard the case on May 30.\n\n"
                       "Update, June 8: The regulator said it had complied the day before.", "2022-06-14"))
    assert [e["date"] for e in found] == ["2022-05-30", "2022-06-07"]


def test_an_update_label_ending_in_a_dash_is_no_event() -> None:
    """"Update June 8 - The court on June 6 …" was read as the story's words: June 8 was an event beside June 6."""
    found = events(doc("Update June 8 - The court on June 6 ordered the app restored.", "2022-06-14"))
    assert [e["date"] for e in found] == ["2022-06-06"]
    assert [e["date"] for e in events(doc("Update June 8 - The app is back for most users.", "2022-06-14"))] == [
        "2022-06-08"]  # an update dating nothing of its own is of its label's day, as with a colon


@pytest.mark.parametrize("sentence", [
    "The firm promised a creator fund of 5 million crowns for this year.",  # what the fund is for
    "Forwarded messages have carried a label since last year.",
    "The app received 96,400 complaints between January and June last year.",  # months, not June
])
def test_a_year_something_holds_for_and_a_range_of_months_date_nothing(sentence: str) -> None:
    """Found in articles the index was not fitted to: each was an event of a year or of June."""
    assert dates(doc(sentence, "2025-03-10")) == []


def test_a_live_blog_entrys_sentence_telling_its_own_day_is_not_also_of_the_heads() -> None:
    """As with an update's label: the head's day stands in for a first sentence dating nothing of its own."""
    text = ("Live: the app ban\n\nFeb 9, 21:15\nThe court said it had ruled on the case two days earlier.\n\n"
            "Feb 8, 10:00\nThe hearing opened with the state arguing the ban was lawful.")
    found = [(e["date"], e["how"]) for e in events(doc(text, "2021-02-10")) if e["quote"].startswith("The court")]
    assert found == [("2021-02-07", "relative")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Under the new rules, the firm must verify all of its users by 2025.", [("2025", True)]),
    ("By 2026, every app will have to store its data locally.", [("2026", True)]),
    ("By 2019 the app had ten million users.", []),  # what was so by a year gone: no event of it
    ("The firm had promised to comply by 2021.", []),
])
def test_by_a_year_is_a_deadline_of_that_year(sentence: str, expected: list[tuple[str, bool]]) -> None:
    """"by 2025" dated nothing: a deadline year was missing from the timeline."""
    assert [(e["date"], e["planned"]) for e in events(doc(sentence, "2023-06-14"))] == expected


@pytest.mark.parametrize("sentence", [
    "In 2022 the platform received 4,100 government requests.",
    "The platform received 4,100 requests in 2022, its transparency report shows.",
    "In the first half of 2022, the ministry sent 1,900 takedown demands to platforms.",
    "In 2022, takedown demands rose 40% to 4,100.",
    "Last year the app removed 2.1 million posts at the regulator's request.",
])
def test_a_years_count_is_its_statistic_not_an_event(sentence: str) -> None:
    """Each was a timeline event of its year (or half-year), though it sums up a year of happenings."""
    assert dates(doc(sentence, "2023-06-14")) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("In 2019 the law was amended after 12 complaints.", "2019"),  # a small count: may be one happening's
    ("In 2021 the regulator fined the app 2 million crowns.", "2021"),  # a sum of money: one fine
    ("In 2018 the firm opened its first office, after 40 years abroad.", "2018"),  # a span of time
])
def test_a_year_with_no_count_of_things_still_dates_its_sentence(sentence: str, expected: str) -> None:
    """A count that is no period's statistic leaves the year's event alone."""
    assert dates(doc(sentence, "2023-06-14")) == [expected]


def test_a_count_with_a_day_is_still_that_days_event() -> None:
    found = dates(doc("On March 3, 2022 the ministry ordered 1,178 accounts blocked.", "2023-06-14"))
    assert found == ["2022-03-03"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Two days ago the app was blocked in the capital.", "2023-11-07"),
    ("The regulator met the firm three weeks ago.", "2023-10-16/2023-10-22"),  # the week holding 19 October
    ("A month ago the app was blocked.", "2023-10"),
    ("The firm was founded ten years ago.", "2013"),
])
def test_a_time_ago_is_counted_back_from_the_articles_day(sentence: str, expected: str) -> None:
    """Each dated nothing: "Two weeks ago the app was briefly blocked" was missing from a probe's timeline."""
    assert dates(doc(sentence, "2023-11-09")) == [expected]


@pytest.mark.parametrize("sentence", [
    "Some 40 years ago the port opened.",  # no one year
    "A few days ago the app was blocked.",
    "The app had 5 million users two years ago.",  # the year's statistic
])
def test_a_hedged_or_counted_time_ago_dates_nothing(sentence: str) -> None:
    assert dates(doc(sentence, "2023-11-09")) == []
