"""A dateline opening the lead paragraph with a full day ("MAREN, Friday 14 November 2025 - …",
``index.lead_dateline``) dates a pasted story that has no other stamp, and is no event of the timeline."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences
from index.documents import parse_article
from index.events import extract_events
from index.lead_dateline import lead_end

_LEAD = "{} the regulator on Thursday fined the platform 8.5 million crowns over blocking orders."


@pytest.mark.parametrize(("dateline", "day"), [
    ("MAREN, Friday 14 November 2025 -", "2025-11-14"),
    ("MAREN, 14 November 2025:", "2025-11-14"),
    ("NEW DELHI, Feb 11, 2021 (Reuters) –", "2021-02-11"),
    # A release's dateline naming its country or state after the city.
    ("VESKA, Norvania, Tuesday 9 March 2021 –", "2021-03-09"),
    ("AUSTIN, Texas, March 9, 2021 -", "2021-03-09"),
    ("Alpha, Beta, Gamma and Delta -", None),  # a list of names, no day
    ("NEW DELHI, Feb 11 (Reuters) -", None),  # no year: no day
    ("Twitter, on 11 February 2021 -", None),  # no place opening a dateline
    ("On Thursday, 11 February 2021:", None),  # a sentence of the story telling that day's events
    ("Late on Thursday, 11 February 2021 -", None),
])
def test_a_lead_dateline_with_a_full_day_dates_the_article(dateline: str, day: str | None) -> None:
    doc = parse_article(f"Regulator fines a platform\n\n{_LEAD.format(dateline)}\n\nIt will appeal.\n", "a", "a.txt")
    assert doc.date == day
    assert not doc.date_estimated


def test_the_dateline_day_is_no_event_and_the_lead_is_dated_from_it() -> None:
    doc = parse_article(f"Regulator fines a platform\n\n{_LEAD.format('MAREN, Friday 14 November 2025 -')}\n",
                        "a", "a.txt")
    found = extract_events([doc], {doc.doc_id: split_sentences(doc.text)})
    assert [(e["date"], e["estimated"]) for e in found] == [("2025-11-13", False)]


def test_a_story_sentence_opening_with_its_day_keeps_its_event() -> None:
    """"On Thursday, 11 February 2021: the regulator …" is the story telling what happened that day, not a
    dateline: its day is an event of the timeline."""
    doc = parse_article("---\ntitle: Regulator fines a platform\ndate: 2021-02-12\n---\n\n"
                        "On Thursday, 11 February 2021: the regulator fined the platform 8.5 million crowns.\n",
                        "a", "a.md")
    found = extract_events([doc], {doc.doc_id: split_sentences(doc.text)})
    assert "2021-02-11" in [e["date"] for e in found]


@pytest.mark.parametrize("dateline", ["KARSK, Friday —", "PORT ALDEN, Friday -", "VESKA, Norvania, Friday:"])
def test_a_dateline_of_its_weekday_alone_is_no_event(dateline: str) -> None:
    """"KARSK, Friday — The court on Tuesday …" names the weekday the story was filed, the article's own date: it
    was an event of that day beside the lead's own "on Tuesday", the lead sentence listed twice."""
    doc = parse_article("---\ntitle: Court pauses an order\ndate: 2022-03-04\n---\n\n"
                        f"{dateline} The court on Tuesday suspended part of the order against the platform.\n",
                        "a", "a.md")
    found = extract_events([doc], {doc.doc_id: split_sentences(doc.text)})
    assert [e["date"] for e in found] == ["2022-03-01"]


@pytest.mark.parametrize(("sentence", "words"), [
    ("NEW DELHI: The ministry wrote to the company.", "The ministry wrote to the company."),
    ("MARESK — Chatterbloom on Friday asked the court to quash the order.", "Chatterbloom on Friday asked the"),
    ("LONDON (Reuters) - The regulator fined the app.", "The regulator fined the app."),
    ("MAREN, Friday 14 November 2025 - The regulator fined the app.", "The regulator fined the app."),
    ("Update, June 8, 17:10: The regulator said it would comply.", "The regulator said it would comply."),
    ("Update, June 5: The court heard the case.", "The court heard the case."),
    # no dateline nor label: the whole sentence
    ("The VTA — the regulator — said it would comply.", "The VTA — the regulator — said it would comply."),
    ("Twitter: a platform under pressure, the minister said.", "Twitter: a platform under pressure, the minister"),
    ("I: the first part of the plan was agreed.", "I: the first part of the plan was agreed."),
])
def test_lead_end_skips_a_dateline_or_an_update_label(sentence: str, words: str) -> None:
    """A timeline summed up a day as "NEW DELHI: The ministry …" or "Update, June 5: The court …": the page's
    dateline or label inside the quoted event. ``lead_end`` is where the story's own words start."""
    assert sentence[lead_end(sentence):].startswith(words)
