"""Bylines, stamps and correction notes are never quoted nor events; story sentences that open like them are
kept."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences
from index.documents import parse_article
from index.events import extract_events
from tests.index.test_furniture import _sentences

_HEAD_STAMPS = [
    "By Jane Doe, Staff Reporter", "By Jane Doe, special correspondent", "Written by Jane Doe", "By JANE DOE",
    "By Jane Doe in New Delhi", "By Jane Doe, 10 Feb 2021, 09:14 IST", "Posted by Jane Doe on Feb 10, 2021",
    "Updated: 10 Feb 2021, 09:14 IST", "Last modified: 11 Feb 2021 10:00", "Published 10 February 2021",
    "Published on Wednesday, February 10, 2021 at 9:14 AM", "Updated: 09:14 IST", "Updated 4 years ago",
    "5 min read", "5-minute read", "Reading time: 4 minutes", "Dated 10.02.2021",
    # A report's or a release's credit, an organisation's ("Prepared by the Digital Rights Forum"), and a page's
    # number as a PDF pasted as text keeps it ("Page 2 of 3").
    "Prepared by the Digital Rights Forum", "Issued by the Press Office", "Page 2 of 3", "Page 4", "2 of 3",
    # A writer named by role only, as an opinion page prints one.
    "By a former member of the Arvandi Law Commission", "By our special correspondent", "By a staff reporter in Delhi",
]


@pytest.mark.parametrize("line", _HEAD_STAMPS)
def test_bylines_and_stamps_are_never_quoted_nor_events(line: str) -> None:
    """"By Jane Doe, Staff Reporter" and "Updated: 10 Feb 2021, 09:14 IST" were quoted as answers, and a stamp
    at an article's foot ("Last modified: 11 Feb 2021 10:00") was an event of the timeline on its day."""
    story = ["Twitter said it had blocked some of the accounts named in the order.",
             "The company said it would not act on the accounts of journalists and politicians."]
    raw = f"Twitter restores some accounts after notice\n{line}\n\n{story[0]}\n{story[1]}\n\n{line}\n"
    doc = parse_article(raw, "a", "a.txt")
    assert doc.title == "Twitter restores some accounts after notice"
    assert _sentences(doc.text) == ["Twitter restores some accounts after notice", *story]
    # Every sentence, as ``index.events`` is also asked of articles whose sentences were split by older rules.
    assert [e["date"] for e in extract_events([doc], {"a": split_sentences(doc.text)})] == []


@pytest.mark.parametrize("line", [
    "By Monday, Twitter had blocked most of the accounts.", "By February, the company had complied.",
    "Published figures show 1,178 accounts were blocked.", "Updated rules took effect on 25 February 2021.",
    "By Law, platforms must comply within a day.", "Posted on Twitter at 9:14 pm, the note drew replies.",
    "By then the ministry had written again.", "Issued by the ministry, the order named 1,178 accounts.",
    "Page 3 of the order named 1,178 accounts.", "Prepared by the Ministry, the note was sent on Friday.",
    "By a margin of two votes, the panel upheld the order.", "By an order of the court, the accounts stayed blocked.",
])
def test_story_sentences_that_open_like_a_byline_or_stamp_are_kept(line: str) -> None:
    raw = f"Twitter restores some accounts after notice\n\n{line}\n"
    assert _sentences(raw) == ["Twitter restores some accounts after notice", line]


def test_a_date_alone_is_a_stamp_and_a_chronologys_dates_head_its_entries() -> None:
    """One date alone on its line (under the headline) is the article's stamp; several head a chronology's
    entries, which they date (``index.entry_heads``): neither is quoted."""
    stamped = "Twitter restores accounts\nFeb 12, 2021\n\nTwitter restored the accounts on Thursday.\n"
    assert _sentences(stamped) == ["Twitter restores accounts", "Twitter restored the accounts on Thursday."]
    chronology = ("How the row unfolded\nJan 26, 2021\nViolence during the tractor rally in Delhi.\nFeb 1, 2021\n"
                  "The ministry ordered Twitter to block 257 accounts.\n")
    assert _sentences(chronology) == ["How the row unfolded", "Violence during the tractor rally in Delhi.",
                                      "The ministry ordered Twitter to block 257 accounts."]


@pytest.mark.parametrize("note", [
    "Correction, February 12, 2021: An earlier version of this article said the government had asked Twitter to block "
    "1,187 accounts. The order named 1,178 accounts.",
    "CORRECTION (Feb 12, 2021): The order named 1,178 accounts, not 1,187.",
    "An earlier version of this article misstated the number of accounts as 1,187.",
    "This article has been corrected to fix the number of accounts named in the order.",
])
def test_a_correction_note_is_never_quoted_nor_an_event(note: str) -> None:
    """It tells what the article once said, wrongly: "how many accounts" was answered with the withdrawn 1,187, and
    the note's day was an event of the timeline still ahead of the story. Only a sentence after the note's first
    giving the right fact ("The order named 1,178 accounts.") is quoted (``index.corrections.puts_right``)."""
    story = "The ministry had asked Twitter to block 1,178 accounts, officials said on Wednesday."
    raw = f"Ministers join Koo as the standoff continues\n\n{note}\n\n{story}\n\n*{note}*\n"
    doc = parse_article(raw, "c", "c.md")
    assert doc.title == "Ministers join Koo as the standoff continues"
    right = ["The order named 1,178 accounts."] if note.endswith("The order named 1,178 accounts.") else []
    assert _sentences(doc.text) == [doc.title, *right, story, *right]
    assert {e["date"] for e in extract_events([doc], {"c": split_sentences(doc.text)})} <= {"2021-02-10"}


@pytest.mark.parametrize("line", [
    "Clarification sought: the ministry asked Twitter to explain its blog post.",
    "Corrections to the order were issued on Monday.",
    "The ministry said an earlier version of the order named 257 accounts.",
])
def test_story_lines_that_open_like_a_correction_are_kept(line: str) -> None:
    assert _sentences(f"Twitter restores accounts\n\n{line}\n") == ["Twitter restores accounts", line]
