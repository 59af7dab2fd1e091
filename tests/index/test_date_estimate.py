"""Estimated dates for undated articles, and the weeks and weekdays they place (no index, no model)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from index.chunking import split_sentences
from index.date_estimate import estimate_dates
from index.date_resolution import resolve_week
from index.dates import find_mentions
from index.documents import Document
from index.events import extract_events

TODAY = date(2026, 1, 1)


def doc(text: str, when: str | None = None, doc_id: str = "a") -> Document:
    return Document(doc_id=doc_id, title=doc_id, date=when, url=None, source=None, text=text, body_offset=0,
                    sha256="0" * 64, filename=f"{doc_id}.txt")


def estimated(*docs: Document) -> list[Document]:
    return estimate_dates(list(docs), {d.doc_id: split_sentences(d.text) for d in docs}, today=TODAY)


def events_of(*docs: Document) -> list[dict[str, Any]]:
    ready = estimated(*docs)
    return extract_events(ready, {d.doc_id: split_sentences(d.text) for d in ready})


# --- the estimate ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the latest explicit date wins, in whatever order they come
        ("Orders came on 2 February 2021. Twitter answered on February 10, 2021. It began on 31 January 2021.",
         "2021-02-10"),
        # a yearless day takes its year from a year written in the article
        ("The standoff began in January 2021.\n\nOn February 10 Twitter published a blog post.", "2021-02-10"),
        # a future plan is not when the article was written
        ("Twitter said on 9 February 2021 that it would meet the minister. They will meet on 15 February 2021.",
         "2021-02-09"),
        # a date that only modifies a noun is background
        ("Twitter acted on 9 February 2021 over the 26 February 2021 deadline notice.", "2021-02-09"),
        # a plan in the present progressive, or told by the clause its date opens (estimated the 15th before)
        ("Twitter wrote on 9 February 2021. The panel is hearing the plea on 15 February 2021.", "2021-02-09"),
        ("Twitter wrote on 9 February 2021. On 15 February 2021, officials will meet its executives.", "2021-02-09"),
    ],
)
def test_latest_past_day_is_the_estimate(text: str, expected: str) -> None:
    [article] = estimated(doc(text))
    assert (article.date, article.date_estimated) == (expected, True)


def test_year_of_a_yearless_day_comes_from_the_dated_articles() -> None:
    dated = doc("A dated report about the orders.", "2021-02-12", doc_id="dated")
    undated = doc("On February 10, Twitter put out a note on the orders.", doc_id="undated")
    by_id = {d.doc_id: d for d in estimated(dated, undated)}
    assert (by_id["undated"].date, by_id["undated"].date_estimated) == ("2021-02-10", True)
    assert (by_id["dated"].date, by_id["dated"].date_estimated) == ("2021-02-12", False)


@pytest.mark.parametrize(
    "text",
    [
        "Twitter reached out on Monday after the violence on Republic Day.",  # named days and weekdays
        "The farmers have protested since January 2021.",  # a month alone
        "Nothing in this article names a day at all.",
        "On February 10 Twitter posted a note.",  # a yearless day with no year anywhere in the corpus
        "The ministry will meet Twitter on 15 February 2021.",  # only a future date
        "Twitter spoke on 10 February 2031.",  # after today
    ],
)
def test_no_estimate_without_a_past_day(text: str) -> None:
    [article] = estimated(doc(text))
    assert (article.date, article.date_estimated) == (None, False)


def test_given_dates_are_kept() -> None:
    [article] = estimated(doc("Twitter answered on 12 February 2021.", "2021-02-10"))
    assert (article.date, article.date_estimated) == ("2021-02-10", False)


# --- what the estimate places ------------------------------------------------------------------------


def test_estimate_places_weekdays_and_marks_them() -> None:
    found = events_of(doc("Twitter said on 10 February 2021 that it was cooperating.\n\n"
                          "Twitter reached out to the ministry on Monday."))
    by_date = {e["date"]: e for e in found}
    assert set(by_date) == {"2021-02-10", "2021-02-08"}
    assert by_date["2021-02-08"]["estimated"] and by_date["2021-02-08"]["year_from"] == "estimated"
    assert not by_date["2021-02-10"]["estimated"]  # stated outright in the text


def test_estimate_never_gives_years_to_yearless_dates() -> None:
    # The estimate (2021-02-10) came from the corpus window; "January 5" gets its year the same way, not
    # through the estimate, so it is not marked estimated.
    found = events_of(doc("A dated story.", "2021-02-01", doc_id="dated"),
                      doc("On February 10 Twitter spoke. It first wrote on January 5.", doc_id="undated"))
    assert {(e["date"], e["estimated"]) for e in found if e["doc_id"] == "undated"} == {
        ("2021-02-10", False), ("2021-01-05", False)}


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [("this", ("2021-02-08", "2021-02-14")), ("this-past", ("2021-02-08", "2021-02-10")),
     ("last", ("2021-02-01", "2021-02-07")),
     ("next", ("2021-02-15", "2021-02-21")), ("past", ("2021-02-03", "2021-02-09"))],  # the seven days before
)
def test_resolve_week(qualifier: str, expected: tuple[str, str]) -> None:
    monday, sunday = resolve_week(date(2021, 2, 10), qualifier)
    assert (monday.isoformat(), sunday.isoformat()) == expected


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [("The talks are likely to happen this week.", "this"), ("Earlier this week, Twitter wrote.", "this-past"),
     ("Last week the ministry sent a notice.", "last"), ("They will meet in the coming week.", "next"),
     ("Over the past week accounts were blocked.", "past"), ("In the last week, Twitter wrote.", "past"),
     ("The minister is meeting Twitter officials this week.", "this"),
     ("This week, the Centre sent a notice.", "this-past")],
)
def test_week_mentions(sentence: str, qualifier: str) -> None:
    [mention] = find_mentions(sentence)
    assert (mention.kind, mention.qualifier) == ("week", qualifier)


@pytest.mark.parametrize("sentence", ["The weekend was quiet.", "Twitter reviews reports every week.",
                                      "A week later nothing had changed.", "Weekly reports were sent."])
def test_not_week_mentions(sentence: str) -> None:
    assert find_mentions(sentence) == []


def test_this_week_with_a_given_and_an_estimated_date() -> None:
    """What happened "this week" ends on the article's date (it was dated up to the Sunday after it); what is
    ahead stays the whole week."""
    given = events_of(doc("This week, the Centre sent a notice to Twitter.", "2021-02-10"))
    assert [(e["date"], e["how"], e["estimated"]) for e in given] == [("2021-02-08/2021-02-10", "week", False)]
    guessed = events_of(doc("On 10 February 2021 Twitter wrote a note.\n\nThe talks are likely this week."))
    assert ("2021-02-08/2021-02-14", "week", True) in [(e["date"], e["how"], e["estimated"]) for e in guessed]


def test_undated_article_without_estimate_places_no_weekday() -> None:
    assert events_of(doc("Twitter reached out on Monday. The talks happen this week.")) == []


def test_a_wire_datelines_yearless_day_is_the_estimate_and_no_event() -> None:
    """"PORT ALDEN, Feb 23 (Tidewire) - …", as a wire story is filed, gives no year: the story was estimated by the
    latest day it named as past, a deadline five weeks on ("report by March 31"), and its "on Tuesday" with it;
    and the dateline's day was an event beside the lead's own."""
    text = ("Regulator orders app to trace senders\n\nPORT ALDEN, Feb 23 (Tidewire) - The regulator on Tuesday "
            "ordered the app to trace the first senders of forwarded messages.\n\nA photo taken on January 14, 2021 "
            "shows its logo. Four other services were asked to report by March 31 how many users they have.\n")
    [story] = estimated(doc(text))
    assert (story.date, story.date_estimated) == ("2021-02-23", True)
    found = events_of(doc(text))
    lead = [e for e in found if e["quote"].startswith("PORT ALDEN")]
    assert [e["date"] for e in lead] == ["2021-02-23"]  # its Tuesday, not the dateline's day again
    assert lead[0]["mention"] == "Tuesday"


@pytest.mark.parametrize("lead", ["Twitter, on Feb 23 - the company said it would comply.",
                                  "On Feb 23 - the day of the order - the company said it would comply."])
def test_a_lead_opening_with_a_yearless_day_is_no_dateline(lead: str) -> None:
    text = f"Twitter complies\n\n{lead} It had met officials on February 25, 2021.\n"
    assert estimated(doc(text))[0].date == "2021-02-25"
