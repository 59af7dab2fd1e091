"""A source list's entry is no event: "Harbour Board of Port Halden, press statement, 12 March 2024."

An article's list of sources or references names each by who issued it, what it is and its day, the day last. That
day is when the source was published, not something the story reports happening: each entry was a timeline event of
its day, summed up by the entry. Told by its shape: two parts or more before the day, each a few words with no
preposition bringing the day in ("on", "by"), the day ending the line; or a day the source was "accessed" or
"retrieved". A story's sentence ("The strike ended on Tuesday, 12 March 2024.") has one part before the day.
"""

from __future__ import annotations

import re

from index.stamps import MONTH_WORD

_MONTH = rf"{MONTH_WORD}\.?"
_DAY = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
        rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})")
_MARKER = re.compile(r"\s*(?:[-*+•]|\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,3}[.)]|\^?\d{1,3}\s)?\s*")
_ENDS_WITH_DAY = re.compile(rf"(?P<parts>.+?),\s*\(?(?P<day>{_DAY})\)?\s*[.;]?\s*\Z", re.IGNORECASE | re.DOTALL)
_ACCESSED = re.compile(rf"\b(?:accessed|retrieved|viewed)\s+(?:on\s+)?{_DAY}", re.IGNORECASE)
_BRINGS_DAY = re.compile(r"\b(?:on|by|since|until|till|from|before|after|of|in)\s*\Z", re.IGNORECASE)
_NOTE_MARK = re.compile(r"\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_PART_WORDS = 10
_MIN_PARTS = 2


def is_reference_entry(sentence: str) -> bool:
    """Whether ``sentence`` is an entry of a list of sources (see the module), with its note's mark if it has one."""
    opening = _MARKER.match(sentence).group()  # type: ignore[union-attr]
    text = sentence[len(opening):].strip()
    if "\n" in text:
        return False
    if _ACCESSED.search(text):
        return True
    found = _ENDS_WITH_DAY.match(text)
    if found is None:
        return False
    parts = [part.strip() for part in found.group("parts").split(",")]
    # An endnote's mark opening it ("[1] Order of the High Court of Lorvath, 7 September 2023.") says what the line is:
    # one part before the day is enough.
    least = 1 if _NOTE_MARK.fullmatch(opening.strip()) else _MIN_PARTS
    return (len(parts) >= least and all(0 < len(part.split()) <= _PART_WORDS for part in parts)
            and _BRINGS_DAY.search(parts[-1]) is None)
