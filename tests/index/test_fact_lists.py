"""A fact box's lines of labels and values are one passage with their heading; other lines are left alone."""

from __future__ import annotations

from index.chunking import split_sentences
from index.documents import parse_article
from index.fact_lists import fact_lists
from index.furniture import story_sentences
from index.tables import is_table, one_line

# An invented story with a sidebar, as a Markdown quote block (each line a paragraph of its own).
BOXED = """---
title: Flitter's rival passes two million users
date: 2031-05-16
---
Brenna, the Zarnovian app, said on Friday it had passed two million users.

> **Brenna at a glance**
>
> Founded: 2027, in Oskarn
>
> Users: 2 million (May 2031), up from 1.4 million in April
>
> Backers: Zarnovian Post Office (21% stake)

Critics said the app had no privacy policy in Zarnovian.
"""


def _passages(raw: str, filename: str) -> list[str]:
    doc = parse_article(raw, "a", filename)
    return [doc.text[s.start:s.end] for s in fact_lists(doc.text, story_sentences(doc.text, split_sentences(doc.text)))]


def test_a_fact_box_is_one_passage_with_its_heading() -> None:
    passages = _passages(BOXED, "a.md")
    box = next(p for p in passages if "Founded" in p)
    assert box.startswith("Brenna at a glance") and box.endswith("(21% stake)")  # each line had been a sentence
    assert is_table(box)  # quotable, as a small table is, though no line ends with a full stop
    assert one_line(box) == ("Brenna at a glance; Founded: 2027, in Oskarn; Users: 2 million (May 2031), up from "
                             "1.4 million in April; Backers: Zarnovian Post Office (21% stake)")
    assert passages[0] == "Brenna, the Zarnovian app, said on Friday it had passed two million users."
    assert passages[-1] == "Critics said the app had no privacy policy in Zarnovian."


def test_transcript_turns_and_two_facts_stay_apart() -> None:
    transcript = ("MINISTER: We will meet the company on Monday.\nREPORTER: And if it refuses?\n"
                  "MINISTER: Then the law applies.\nHOST: Thank you, minister.\n")
    assert len(_passages(transcript, "t.txt")) == 4  # turns end as sentences: no box
    two = "The app grew fast.\n\nFounded: 2027\n\nUsers: 2 million\n\nIt has no privacy policy.\n"
    assert _passages(two, "t.txt") == ["The app grew fast.", "Founded: 2027", "Users: 2 million",
                                       "It has no privacy policy."]


def test_a_box_too_long_to_quote_keeps_a_line_a_passage() -> None:
    lines = [f"Figure {n}: {'a long value of the sidebar ' * 4}{n}" for n in range(5)]
    passages = _passages("A story of facts.\n\n" + "\n\n".join(lines) + "\n", "t.txt")
    assert passages[1:] == lines


def test_a_chronology_labelled_by_days_keeps_a_line_a_sentence() -> None:
    # Each line is an event of its own day on the timeline; one passage would put the whole list on each day.
    lines = ["Jan 9: Zarnovia sends its first order", "March 25: Flitter is fined", "Monday: the appeal is heard"]
    assert _passages("Key dates\n\n" + "\n\n".join(lines) + "\n", "t.txt") == ["Key dates", *lines]
