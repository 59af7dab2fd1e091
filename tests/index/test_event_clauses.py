"""A sentence's own happening and the dates its clauses only mention (``index.clause_dates``); a "Today …
Tomorrow …" figure of speech (``index.rhetorical_days``); a day by its ordinal alone (``index.ordinal_days``)."""

from __future__ import annotations

from datetime import date

import pytest

from index.ordinal_days import ordinal_day
from tests.index.test_events import dates, doc, events


@pytest.mark.parametrize(("text", "when", "expected"), [
    # the fine on Thursday, not the election the phrase "before the election on …" names
    ("The Norvane commission on Thursday fined Glimmer 2 million crowns for ads run during the silence period "
     "before the election on September 14.", "2025-09-18", ["2025-09-18"]),
    # the order on Monday, not the panel's start in "since the panel was set up in June"
    ("A review board on Monday ordered Pellix to restore the account, in its first ruling since the board was set "
     "up in June.", "2026-10-13", ["2026-10-12"]),
    # the fine on Friday, not the crush a relative clause tells
    ("A court on Friday fined Quorra 500,000 marks for posts about a sinking, a claim that caused a crush at the "
     "pier last Friday.", "2026-06-12", ["2026-06-12"]),
    # the order on Monday, not the blocking an "after" clause tells
    ("The markets office on Monday ordered Tindle to restore the links, after the company blocked them on "
     "Thursday.", "2027-01-04", ["2027-01-04"]),
])
def test_a_date_in_a_clause_is_not_the_sentence_s_happening(text: str, when: str, expected: list[str]) -> None:
    """Each sentence was filed under both its dates, and a timeline showed it at the clause's date as if the fine
    or the order had happened then."""
    assert dates(doc(text, when)) == expected


def test_only_a_side_clause_s_date_is_dropped() -> None:
    """The election's day goes; the dates of a main clause, of what was said, or of a time of day stay."""
    assert dates(doc("Glimmer was fined on Thursday, before the election on September 14.", "2025-09-18")) == [
        "2025-09-18"]
    # what was said is the news: a "that" after a verb of saying opens no side clause
    assert sorted(dates(doc("Twitter said on Monday that it had removed the posts on February 5.", "2021-02-10"))) == [
        "2021-02-05", "2021-02-08"]
    # every date in a clause: left as it was
    assert dates(doc("Glimmer switched off the links before midnight on Thursday.", "2021-02-10")) == ["2021-02-04"]
    # a time of day after "before" is the main verb's
    assert dates(doc("Glimmer switched off the links shortly before midnight on Thursday, after the board met on "
                     "Tuesday.", "2021-02-10")) == ["2021-02-04"]
    # two dates of the main clause: both
    assert sorted(dates(doc("Orders issued on January 31 were obeyed on February 8.", "2021-02-10"))) == [
        "2021-01-31", "2021-02-08"]


@pytest.mark.parametrize("text", [
    '"Today it is paid advertising. Tomorrow someone may ask whether an unpaid post is illegal," said Mira Tallow.',
    '"Today the board helped a union. Tomorrow it may order the restoration of a troll," its director said.',
    "Today it is a fine for Glimmer; tomorrow it may be a ban for everyone.",
])
def test_today_set_against_a_tomorrow_that_may_come_is_no_day(text: str) -> None:
    """The quotes were events of the article's day, kept in a whole timeline's 25 lines over articles' leads."""
    assert events(doc(text, "2025-09-18")) == []


def test_today_set_against_tomorrow_only_in_a_quote_or_a_clause_of_nothing_done() -> None:
    assert events(doc('"Today it is a fine. Tomorrow it may be a ban," she said.', "2025-09-18")) == []
    assert "2025-09-18" in dates(doc("The court said today it may rule tomorrow.", "2025-09-18"))
    assert dates(doc('"We filed the appeal today," said Mira Tallow.', "2025-09-18")) == ["2025-09-18"]


@pytest.mark.parametrize(("text", "when", "expected"), [
    ("The posts first appeared on the 5th, a few hours before the ferry left.", "2026-06-12", [("2026-06-05", False)]),
    ("The posts first appeared on the 15th.", "2026-06-12", [("2026-05-15", False)]),
    ('A spokesperson said the company would answer on the 8th.', "2027-01-04", [("2027-01-08", True)]),
    ('The chair said a vote would follow "on the 2nd, whatever Glimmer says".', "2026-12-20", [("2027-01-02", True)]),
    # the month named before it in its paragraph is the reading's own
    ("Hearings are set for November 17. A vote will follow on the 24th.", "2026-11-02",
     [("2026-11-17", True), ("2026-11-24", True)]),
])
def test_a_day_by_its_ordinal_is_counted_from_the_article_s_date(
    text: str, when: str, expected: list[tuple[str, bool]]
) -> None:
    found = events(doc(text, when))
    assert [(e["date"], e["planned"]) for e in found] == expected


def test_no_false_day_from_an_ordinal() -> None:
    """Read only after "on the", with no noun after it, a told tense and no other month named before it."""
    assert dates(doc("The posts appeared on the 5th.", "2026-06-12")) == ["2026-06-05"]
    for text in ["Glimmer is now the 5th largest platform in Norvane.", "He posted the video on his 24th birthday.",
                 "The office is on the 5th floor of the tower.", "The fee is paid on the 5th of each month.",
                 "The hearing is on the 5th.",  # ahead or gone by: the tense doesn't say
                 "Protests began in March. Police arrested 40 people on the 5th."]:  # 5 March's, which can't be told
        assert [d for d in dates(doc(text, "2026-06-12")) if d.endswith(("-05", "-24"))] == [], text


def test_an_ordinal_dates_nothing_in_an_article_without_a_date() -> None:
    assert events(doc("The posts first appeared on the 5th.")) == []
    assert ordinal_day(date(2026, 3, 10), 31, False) is None  # February has no 31st
    assert ordinal_day(date(2026, 12, 20), 2, True) == date(2027, 1, 2)
