"""Days told from the sentence before ("Two days earlier, …", "The next morning …"), on made-up sentences and
on articles of training/heldout and training/articles (no index, no model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from index.chunking import split_sentences
from index.corpus_files import load_article
from index.documents import Document
from index.events import extract_events
from index.relative_days import relative_days

TRAINING = Path(__file__).resolve().parents[2] / "training"


def doc(text: str, when: str | None = "2021-02-12") -> Document:
    return Document(doc_id="a", title="a", date=when, url=None, source=None, text=text, body_offset=0,
                    sha256="0" * 64, filename="a.txt")


def relative(*docs: Document) -> list[tuple[str, str]]:
    records = extract_events(list(docs), {d.doc_id: split_sentences(d.text) for d in docs})
    return [(r["date"], r["mention"]) for r in records if r["how"] == "relative"]


def placed(text: str, when: str | None = "2021-02-12") -> list[str]:
    return [day for day, _ in relative(doc(text, when))]


@pytest.mark.parametrize(
    ("sentence", "offsets"),
    [
        ("Two days earlier, the ministry sent a notice.", [-2]),
        ("A day after the ruling, the company restored the account.", [1]),
        ("The next morning the accounts were back.", [1]),
        ("That was the day the ministry wrote to the company.", [0]),
        ("The company replied the same day.", [0]),
        ("Three days later the portal rated it false, and the next morning it notified the platforms.", [3, 1]),
        ("The accounts were restored 3 days later.", [3]),
        ("The day before, the ministry had met the company.", [-1]),
        # weeks count seven days, a fortnight fourteen
        ("A week after the order, the company filed a challenge.", [7]),
        ("Officials met again two weeks later.", [14]),
        ("A fortnight earlier, the board had warned it.", [-14]),
    ],
)
def test_exact_offsets_are_read(sentence: str, offsets: list[int]) -> None:
    assert [p.days for p in relative_days(sentence)] == offsets


@pytest.mark.parametrize(
    "sentence",
    [
        "It did not reply until more than two days later.",  # no exact offset
        "About 1,200 posts were removed in the two days before the vote.",
        "It came two days after the company complained about the posts.",  # counted from the complaint
        "The account was back within a day.",
        "Officials met again weeks later.",  # weeks with no count state no offset
        "Officials met again a few weeks later.",
        "It was restored within a week.",
    ],
)
def test_no_exact_offset_from_the_sentence_before(sentence: str) -> None:
    assert relative_days(sentence) == []


def test_a_day_is_counted_from_the_one_day_the_sentence_before_dates() -> None:
    text = "The ministry sent a notice to Twitter on February 8. Two days later, the company published a blog post."
    assert placed(text) == ["2021-02-10"]


def test_chained_sentences_lean_on_each_other() -> None:
    text = ("The ministry sent a notice on February 8. The next day Twitter replied. "
            "Two days later the ministry rejected the reply.")
    assert placed(text) == ["2021-02-09", "2021-02-11"]


def test_a_sentence_before_with_several_dates_places_nothing() -> None:
    text = ("The minister said on Wednesday that orders sent between February 1 and February 5 were obeyed. "
            "Two days earlier, the company published its report.")
    assert placed(text) == []


def test_a_sentence_before_dating_a_month_or_nothing_places_nothing() -> None:
    assert placed("The rules came in February. Two days later, Twitter objected.") == []
    assert placed("Twitter objected to the rules. Two days later, it filed a petition.") == []


def test_an_earlier_sentence_of_the_paragraph_is_leaned_on_but_not_one_across_paragraphs() -> None:
    same = "The notice was sent on February 8. It cited Section 69A. Two days later, Twitter replied."
    assert placed(same) == ["2021-02-10"]
    across = "The notice was sent on February 8. It cited Section 69A.\n\nTwo days later, Twitter replied."
    assert placed(across) == []


def test_a_sentence_with_its_own_date_is_not_moved() -> None:
    text = "The ministry met Twitter on February 8. Twitter replied on February 11, three days later."
    assert placed(text) == []


def test_a_day_counted_from_a_weekday_takes_the_article_date() -> None:
    assert placed("Twitter was sent a notice on Monday. The next day, it replied.", "2021-02-12") == ["2021-02-09"]
    assert placed("Twitter was sent a notice on Monday. The next day, it replied.", None) == []


def test_a_day_after_the_article_is_still_ahead() -> None:
    records = extract_events([doc("The hearing was set for February 12. The day after, the court will rule.")],
                             {})
    ahead = [r for r in records if r["how"] == "relative"]
    assert [(r["date"], r["planned"], r["future_tense"]) for r in ahead] == [("2021-02-13", True, True)]


def training(path: str) -> list[tuple[str, str]]:
    return relative(load_article(TRAINING / path))


def test_training_articles() -> None:
    """Real reports: "The report, published on October 19, … Three days later the Public Facts Portal … rated it
    false, and the next morning it notified the platforms"; "was suspended on July 12, … \n\n Yammerly acted at
    the request of the OCC, which asked the platform that day …"; "The post, published on May 18, … Threadly
    added the label three days later"; and "told parliament on Wednesday that … between April 1 and polling day
    on May 16 … Two days earlier, …", which names several dates before it: left out, not guessed."""
    delmora: list[Any] = training("heldout/delmora_factcheck_label.md")
    assert delmora == [("2022-10-22", "Three days later"), ("2022-10-23", "the next morning")]
    assert training("heldout/ambrelia_journalist_account_restored.md") == [("2021-07-12", "that day")]
    assert training("articles/sarneth_office_visit.md") == [("2021-05-21", "three days later")]
    assert training("heldout/ilvaria_takedown_count_dispute.md") == []


def events_of(text: str, when: str | None = "2021-02-15") -> list[tuple[str, str]]:
    records = extract_events([doc(text, when)], {"a": split_sentences(text)})
    return sorted((r["date"], r["how"]) for r in records)


@pytest.mark.parametrize(("text", "found"), [
    # Counted from the date closing the noun after "after"/"before": a noun's date dates no event itself.
    ("Two days after the January 26 violence, the ministry ordered Twitter to block 257 accounts.",
     [("2021-01-28", "relative")]),
    ("A day after the hearing on February 9, the court ruled.", [("2021-02-10", "relative")]),
    ("The ministry wrote to the company the day before the February 12 deadline.", [("2021-02-11", "relative")]),
    # Written right after "after", the date is where the count starts, no event of the sentence.
    ("Twitter restored the accounts a day after January 31.", [("2021-02-01", "relative")]),
    # From the date before "later"/"the next day": both days are the sentence's.
    ("The ministry met Twitter on February 10 and, two days later, issued a fresh notice.",
     [("2021-02-10", "explicit"), ("2021-02-12", "relative")]),
    ("On February 10 the ministry wrote to Twitter, and the next morning the accounts were gone.",
     [("2021-02-10", "explicit"), ("2021-02-11", "relative")]),
    # As stated already: one event.
    ("Twitter acted on February 10, a day after the February 9 meeting.", [("2021-02-10", "explicit")]),
])
def test_a_sentence_counts_days_from_a_date_of_its_own(text: str, found: list[tuple[str, str]]) -> None:
    """"Two days after the January 26 violence, …" was left out of the timeline: its one date is the
    violence's, and the sentence before dates nothing it counts from."""
    assert events_of(text) == found


@pytest.mark.parametrize("text", [
    "More than two days after the January 26 violence, Twitter acted.",  # no exact day
    "Two days after the protests in late January, the ministry wrote.",  # a month part, no day
    "It came two days after the company was told on February 3 that it would be fined.",  # a clause, not a noun
    "A day after the talks, the ministry wrote to Twitter on February 12.",  # the count's date is not named
    "Between February 8 and February 10 the accounts were down, and a day later they were back.",  # a range
    "In February, two days later, the ministry wrote.",  # a month
])
def test_a_count_from_no_one_day_of_the_sentence_adds_nothing(text: str) -> None:
    assert ("relative" not in {how for _, how in events_of(text)})


@pytest.mark.parametrize(("text", "found"), [
    # The event named is dated sentences or paragraphs before; the sentence just before dates another day.
    ("The company filed its challenge on February 18.\n\nIts chair met the regional head on February 14. "
     "The day before the filing, the company wrote to the authority.", ["2022-02-17"]),
    ("The court ruled on Tuesday, 1 March 2022.\n\nThe judge heard arguments on February 25. "
     "Two days after the ruling, the authority lodged an appeal.", ["2022-03-03"]),
    # The named event's word and the dating sentence's are forms a suffix cut can't join: "hearing" and "heard",
    # "announcement" and "announced", "meeting" and "met" (index.lexical's dictionary form and stem join them).
    ("The court heard the case on Tuesday, 1 March 2022.\n\nThe office wrote on March 3. "
     "The day after the hearing, the office warned the company.", ["2022-03-02"]),
    ("The office announced its ruling on February 23.\n\nDownloads fell on February 25. "
     "The day after the announcement, the chief executive apologised.", ["2022-02-24"]),
    ("Its chair met the minister on February 14. The company filed its challenge on February 18. "
     "Two days after the meeting, the company wrote to the authority.", ["2022-02-16"]),
    # No sentence dates the event named: the sentence before is counted from, as before.
    ("The notice was sent on February 8. The day after the meeting, Twitter replied.", ["2022-02-09"]),
    # "Two days later" names no event: the sentence before.
    ("The company filed on February 18. It met officials on February 14. Two days later, it wrote.", ["2022-02-16"]),
])
def test_a_day_counted_from_a_named_event_counts_from_that_events_day(text: str, found: list[str]) -> None:
    """"The day before the filing, …" counts from the filing's day wherever the article dates it: counted from the
    sentence before, it fell the day before a meeting that sentence told of."""
    assert placed(text, "2022-03-04") == found


def test_a_day_counted_in_weeks_is_placed_and_shown_as_an_estimate() -> None:
    """"A week after the order, the company filed …" was left out of the timeline, the story's challenge with it; it
    is 7 days after the order's day (found by its word, ``index.named_anchor``), an estimate, as news counts weeks
    loosely. A day counted in days stays exact."""
    text = ("The office ordered the platform on May 2 to block 412 accounts.\n\nThe court met on May 5. "
            "A week after the order, the company filed a challenge. Two days later, the office replied.")
    records = extract_events([doc(text, "2023-05-19")], {})
    told = [(r["date"], r["estimated"]) for r in records if r["how"] == "relative"]
    assert told == [("2023-05-09", True), ("2023-05-11", True)]  # the second leans on the first: an estimate too
    exact = extract_events([doc("The office ordered the platform on May 2. Seven days later, it filed.",
                                "2023-05-19")], {})
    assert [(r["date"], r["estimated"]) for r in exact if r["how"] == "relative"] == [("2023-05-09", False)]


@pytest.mark.parametrize(("text", "found"), [
    # Monday 5 June 2023: the court ruled on Friday 2 June; the Friday before that one is 26 May, not 2 June
    ("The court rejected the plea on Friday evening.\n\nThe previous Friday, the company's head had met the "
     "director.", ["2023-05-26"]),
    ("The court rejected the plea on Friday. The following Monday, the company blocked the accounts.",
     ["2023-06-05"]),
    ("The office wrote on Wednesday, May 31. The preceding Tuesday it had met the company.", ["2023-05-30"]),
    # counted from the sentence's own day, a new clause between
    ("The board met on May 24 and the following Monday issued its fine.", ["2023-05-29"]),
])
def test_the_previous_or_following_weekday_counts_from_the_day_told_before(text: str, found: list[str]) -> None:
    """"The previous Friday, …" was read as the Friday before the article (the same Friday the sentence before
    told of, 2 June) and merged into that day's event; it is the Friday before the day the story is at."""
    assert placed(text, "2023-06-05") == found


def weeks(text: str, when: str = "2022-06-03") -> list[tuple[str, str]]:
    """(date, how) of each record of a sentence telling "the previous week" or "the following week"."""
    d = doc(text, when)
    records = extract_events([d], {d.doc_id: split_sentences(d.text)})
    return [(r["date"], r["how"]) for r in records if "week" in r["quote"].lower()]


@pytest.mark.parametrize(("text", "found"), [
    # Friday 3 June 2022; the meeting of Wednesday 18 May: the week before it is 9-15 May, not 23-29 May
    ("The head met the manager on May 18. The previous week, the regulator had asked platforms for reports.",
     [("2022-05-09/2022-05-15", "week")]),
    ("The head met the manager on May 18. The following week, the regulator wrote to every platform.",
     [("2022-05-23/2022-05-29", "week")]),
    ("The head met the manager on May 18. The week before, the regulator had asked platforms for reports.",
     [("2022-05-09/2022-05-15", "week")]),
    # no dated sentence before it: the week before the article's, as before
    ("The previous week, the regulator had asked platforms for reports.", [("2022-05-23/2022-05-29", "week")]),
    # "the week after the order" further in counts from the order, which no sentence before dates
    ("The head met the manager on May 18. It acted the week after the order was published.", []),
])
def test_the_previous_or_following_week_counts_from_the_day_told_before(text: str,
                                                                        found: list[tuple[str, str]]) -> None:
    """"The previous week, …" after a sentence dating 18 May was placed in the week before the article's date
    (23-29 May, after the meeting it preceded); it is the week before the day the story is at, as "the previous
    Friday" is."""
    assert weeks(text) == found
