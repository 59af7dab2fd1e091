"""A dateline opening the lead paragraph with the day the story was filed, then a dash or colon and the story:
"MAREN, Friday 14 November 2025 - The regulator …", "NEW DELHI, Feb 11, 2021 (Reuters) – …". A pasted wire story or
PDF has no other stamp: it was dated only by an estimate from its text ("~2025-11-14 (estimated)"), its "on
Thursday" an estimated day too, and the dateline's day was an event of the timeline beside the lead's own day,
the same sentence twice. The article's head (``index.article_head``) dates it by this; the events
(``index.events``) take no event from it. A day without its year ("NEW DELHI, Feb 11 (Reuters) -", as every wire
story is filed) dates nothing here: it is the estimate of an undated article's date (``index.date_estimate``),
its year found as any yearless day's is, and no event either (``dateline_end``)."""

from __future__ import annotations

import re

from index.corrections import label_end
from index.dates import find_mentions
from index.place_dateline import place_dateline_end
from index.stamps import WEEKDAY_WORDS, date_line

# The place (one to three capitalised words, no weekday; a release's may name its country or state after a comma:
# "VESKA, Norvania, Tuesday 9 March 2021 – …", "AUSTIN, Texas, March 9, 2021 –"), a comma, the day (opening with a
# capital or a figure, so "Twitter, on 11 February 2021 - …" is none), an agency in brackets, then " - ", " – " or
# ":" before the story.
_PLACE = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
_LEAD_DATELINE = re.compile(rf"\s*({_PLACE}(?:\s*,\s*{_PLACE})?)\s*,\s*([A-Z0-9].{{5,39}}?)\s*"
                            r"(?:\([A-Z][\w .&-]{0,30}\)\s*)?(?:\s[-–—]|:)(?=\s+\S)")

# Words that open a sentence of the story, never a dateline's place: "On Monday, 8 February 2021: the ministry
# ordered …" tells what happened that day (an event), and does not date the report.
_NO_PLACE = frozenset(["on", "in", "by", "at", "since", "until", "till", "from", "before", "after", "during",
                       "as", "for", "of", "then", "and", "but", "so", "late", "early", "last", "next", "this"])


def lead_dateline(line: str, day_first: bool | None = None) -> tuple[str, int] | None:
    """The day a dateline opening ``line`` gives, and where the dateline ends; None when it opens with none. A day
    in figures that reads two ways is read as ``day_first`` says."""
    found = _LEAD_DATELINE.match(line)
    if found is None or found.group(1).lower() in WEEKDAY_WORDS or found.group(1).split()[0].lower() in _NO_PLACE:
        return None
    day = date_line(found.group(2), day_first)
    return (day, found.end()) if day is not None else None


def dateline_end(line: str) -> int:
    """Where a dateline opening ``line`` ends, its day given with or without its year ("PORT ALDEN, Feb 23
    (Tidewire) -", "MAREN, Tuesday 23 February -") or by its weekday alone ("KARSK, Friday —"); 0 when it opens
    with none. A wire story's dateline gives no
    year: its day was an event of the timeline, the lead's sentence beside its own "on Tuesday", and the estimate
    of the story's date was whatever later day it named (a deadline, "report by March 31")."""
    found = _LEAD_DATELINE.match(line)
    if found is None or found.group(1).lower() in WEEKDAY_WORDS or found.group(1).split()[0].lower() in _NO_PLACE:
        return 0
    if date_line(found.group(2)) is not None:
        return found.end()
    said = found.group(2)
    if said.strip(" ,.").lower() in WEEKDAY_WORDS:
        return found.end()  # "KARSK, Friday — …": the weekday the story was filed, the article's own day
    days = find_mentions(said)
    # One day, ending the dateline's date, with at most its weekday before it.
    if (len(days) == 1 and days[0].kind == "day" and days[0].end == len(said)
            and said[: days[0].start].strip(" ,").lower() in WEEKDAY_WORDS | {""}):
        return found.end()
    return 0


def lead_end(sentence: str) -> int:
    """Where the story's own words start in ``sentence``: after a dateline ("NEW DELHI:", "MAREN, Feb 23 -",
    "VALMERE, Tavrenia -", ``index.place_dateline``) or an update's or correction's label ("Update, June 8,
    17:10:") opening it, and the spaces after; 0 when none opens it. A timeline summed up a day as "NEW DELHI: The
    ministry …" or "Update, June 5: The court …", the page's labels inside the quoted event."""
    cut = max(dateline_end(sentence), label_end(sentence), place_dateline_end(sentence))
    while cut < len(sentence) and sentence[cut].isspace():
        cut += 1
    return cut if cut < len(sentence) else 0
