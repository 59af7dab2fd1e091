"""Days told relative to the sentence before: "Two days earlier, …", "The next morning …", "That was the day …".

Such a sentence names no date of its own; its day is the day of the event the sentence it follows dates, moved
by the offset it states. News writes this way to avoid repeating a date ("The report, published on October
19, … Three days later the portal rated it false, and the next morning it notified the platforms"), so
without it the timeline lost the later steps of a story.

A day is never guessed: the phrase must state an exact offset in days ("more than two days later", "within
a day" and "in the two days before" state none), and the sentence it leans on must date exactly one day. That
sentence is the nearest one before it in the same paragraph that mentions a date, or else the sentence just
before it; if it dates nothing, several dates, a month or a week, the sentence stays out of the timeline.
Several phrases in one sentence chain ("three days later …, and the next morning …": a day after that).
"A day after the ruling, …" leans on the ruling, which only the sentence before can have told of when the
phrase opens the sentence; further in ("it came two days after the company complained") the day counted
from is the complaint's, which no sentence before dates, so such a phrase is read only where it opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_COUNT = r"(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_PART = r"(?:day|morning|afternoon|evening|night)"
_RELATIVE = re.compile(
    rf"(?<![\w-])(?:{_COUNT}\s+days?\s+(?P<dir>earlier|later|before|after)"
    rf"|the\s+(?P<next>next|following|previous|preceding)\s+{_PART}"
    rf"|the\s+day\s+(?P<dir2>before|after)"
    rf"|(?P<same>that|the\s+same)\s+{_PART}"
    r"|^(?:and\s+)?that\s+(?:was|is)\s+(?:also\s+)?the\s+(?P<was>day))(?![\w-])",
    re.IGNORECASE)
# Words before a count that make it no exact offset: "more than two days later", "the two days before the vote".
_INEXACT = re.compile(r"(?:\b(?:than|within|about|around|some|nearly|almost|over|least|roughly|the|for|in|past|"
                      r"first|last|next|few|couple\s+of)|\d)\s*$", re.IGNORECASE)
_OPENING = re.compile(r"^[\s\"'“‘(]*$")


@dataclass(frozen=True)
class RelativeDay:
    """A phrase placing its sentence's event ``days`` from the day counted from, and where it is."""

    text: str
    start: int
    days: int


def relative_days(sentence: str) -> list[RelativeDay]:
    """The exact day offsets a sentence states relative to a day told before, in order."""
    found: list[RelativeDay] = []
    for m in _RELATIVE.finditer(sentence):
        before = sentence[: m.start()]
        if m.group("n") is not None:
            if _INEXACT.search(before):
                continue
            step = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS[m.group("n").lower()]
            direction = m.group("dir").lower()
        elif m.group("dir2") is not None:
            step, direction = 1, m.group("dir2").lower()
        elif m.group("next") is not None:
            step, direction = 1, "later" if m.group("next").lower() in ("next", "following") else "earlier"
        else:
            step, direction = 0, "later"
        if direction in ("before", "after") and re.match(r"\s*\w", sentence[m.end():]) and not _OPENING.match(before):
            continue  # "it came two days after the company complained": counted from what the sentence names
        found.append(RelativeDay(m.group(0), m.start(), step if direction in ("later", "after") else -step))
    return found


def placed_days(phrases: list[RelativeDay], anchor: date) -> list[tuple[RelativeDay, date]]:
    """Each phrase's day: the first counted from ``anchor``, each next one from the day before it."""
    placed: list[tuple[RelativeDay, date]] = []
    day = anchor
    for phrase in phrases:
        day = day + timedelta(days=phrase.days)
        placed.append((phrase, day))
    return placed
