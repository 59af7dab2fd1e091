"""Whether an article writes a day in figures day first ("10/02/2021": 10 February) or month first (2 October),
from what the article itself shows.

"First published on: 10-02-2021 09:14 IST" can be read two ways, and was read month first (2 October) as a US
page writes it, though Indian and most other news sites write the day first. Which one the writer meant shows
elsewhere in the article: another day in figures that can be read one way only ("13/02/2021" is day first,
"02/13/2021" month first), the time zone a stamp gives (IST, GMT, CET are day-first countries'; EST, PST are the
United States'), a day written out day first ("10 February 2021"), or the place its dateline names ("NEW
DELHI:"). The strongest kind of evidence that is there decides, when all of it points one way; with none, or
with evidence both ways, nothing does, and the day is left unread ("can't tell day from month", as before).

A month written before the day ("February 10, 2021") is no evidence: day-first news sites write prose and stamps
so too ("Updated: Feb 12, 2021 14:05 IST"). This module imports nothing of the index (``index.stamps`` uses it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A day in figures with its year (two or four figures): "13/02/2021", "13.02.21", "02-13-2021".
_FIGURES = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2})(?![\d/-]|\.\d)")
# A time and its zone, as a stamp writes it: "09:14 IST", "2:05 PM GMT", "10.30 am CET".
_ZONE = re.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?\s*)?\(?([A-Z]{2,5})\b")
# Zones of countries that write the day first (India, Pakistan, Britain and Ireland, Europe, Africa, Australia,
# New Zealand, South and South-East Asia) and of the United States, which writes the month first. "CST" (US
# Central or China) tells nothing.
_DAY_FIRST_ZONES = {"IST", "PKT", "NPT", "BST", "GMT", "WET", "WEST", "CET", "CEST", "EET", "EEST", "MSK",
                    "SAST", "WAT", "EAT", "CAT", "AEST", "AEDT", "ACST", "ACDT", "AWST", "NZST", "NZDT", "SGT",
                    "MYT", "ICT", "WIB", "PHT", "HKT", "GST"}
_MONTH_FIRST_ZONES = {"EST", "EDT", "ET", "CDT", "MST", "MDT", "PST", "PDT", "PT", "AKST", "AKDT", "HST"}
# A day written out before its month's name: "10 February 2021", "5 Feb".
_DAY_THEN_MONTH = re.compile(
    r"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May"
    r"|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b")
# A dateline at a line's start: "NEW DELHI:", "New Delhi, 11 February 2021", "MUMBAI (Reuters) -".
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,2})\s*(?:\([^)]{1,30}\)\s*)?[:,–—-]",
                       re.MULTILINE)
# Places a news dateline names, by how their country writes a day in figures: the capitals and largest news
# cities of day-first countries, and of the United States.
_DAY_FIRST_PLACES = {
    "india", "new delhi", "delhi", "mumbai", "bombay", "bengaluru", "bangalore", "chennai", "kolkata", "hyderabad",
    "pune", "ahmedabad", "chandigarh", "lucknow", "jaipur", "srinagar", "patna", "bhopal", "guwahati", "kochi",
    "thiruvananthapuram", "london", "dublin", "paris", "berlin", "brussels", "geneva", "madrid", "rome", "moscow",
    "sydney", "melbourne", "canberra", "wellington", "singapore", "kuala lumpur", "jakarta", "dhaka", "karachi",
    "islamabad", "lahore", "colombo", "kathmandu", "dubai", "nairobi", "lagos", "johannesburg", "cape town"}
_MONTH_FIRST_PLACES = {"washington", "new york", "san francisco", "los angeles", "chicago", "boston", "seattle",
                       "houston", "atlanta", "miami"}


def _figures(text: str) -> Iterator[bool]:
    """For each day in figures that can be read one way only, whether it is written day first."""
    for match in _FIGURES.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        if 1 <= second <= 12 < first <= 31:
            yield True
        elif 1 <= first <= 12 < second <= 31:
            yield False


def _zones(text: str) -> Iterator[bool]:
    for match in _ZONE.finditer(text):
        zone = match.group(1)
        if zone in _DAY_FIRST_ZONES or zone in _MONTH_FIRST_ZONES:
            yield zone in _DAY_FIRST_ZONES


def _written(text: str) -> Iterator[bool]:
    """A day written out before its month is day first; one after it tells nothing (see the module's doc)."""
    for _ in _DAY_THEN_MONTH.finditer(text):
        yield True
    for match in _DATELINE.finditer(text):
        place = " ".join(match.group(1).lower().split())
        if place in _DAY_FIRST_PLACES or place in _MONTH_FIRST_PLACES:
            yield place in _DAY_FIRST_PLACES


def day_first(text: str) -> bool | None:
    """True when ``text`` shows that its days in figures are written day first, False when month first, None
    when it does not show (no evidence, or evidence both ways). Read strongest first: the article's other days
    in figures, then its time zones, then its days written out and its dateline."""
    for evidence in (_figures, _zones, _written):
        found = set(evidence(text))
        if len(found) == 1:
            return found.pop()
        if found:  # both ways: this writer's evidence contradicts itself, and a weaker kind can't settle it
            return None
    return None
