"""The month a word of a timeline topic names: its name ("february"), its abbreviation ("feb", "sept") or a
slip in writing it ("febuary"), and the months' names as a topic is written once they are read."""

from __future__ import annotations

from rapidfuzz.distance import DamerauLevenshtein

from index.dates import MONTHS

MONTH_WORDS = tuple(m.lower() for m in MONTHS)
FULL_MONTH_NAMES = "|".join(m.capitalize() for m in MONTH_WORDS)  # a regular expression's alternation


def month_named(word: str) -> int | None:
    """The month a word of a topic names: its name ("february"), abbreviation ("feb", "sept") or a slip in
    writing it ("febuary": same first three letters, at most two edits; "decision" is no December)."""
    low = word.lower()
    for number, name in enumerate(MONTH_WORDS, start=1):
        if low == name or low == name[:3] or (low == "sept" and number == 9):
            return number
        slips = 1 if len(name) <= 5 else 2  # "julie" is no July
        if len(low) >= 5 and low[:3] == name[:3] and DamerauLevenshtein.distance(low, name) <= slips:
            return number
    return None
