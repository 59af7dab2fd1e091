"""The day a story's update paragraph was written: "Update, February 14: Kivo said on Sunday …".

A story updated after it was published may carry its later news in a paragraph of its own under an update's label
with the day ("Update, February 14:", "UPDATE (Feb 14):"). The label's day is no event
(``index.corrections.label_end``), but it is when the paragraph was written: its "on Sunday" or "yesterday" counts
from it, as a live blog entry's does from its head (``index.entry_heads``), and what it reports is past on that day.
Read from the article's date (Friday 11 February), "Kivo said on Sunday that it had passed four million users" was
placed on Sunday 6 February, days before the story's own events, not on the 13th.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from index.chunking import Span
from index.corrections import UPDATE_DASH
from index.date_resolution import nearest_year
from index.dates import find_mentions
from index.mention_dates import paragraph_at, paragraph_of
from index.stamps import stamp_date

# An update's label opening its paragraph, with its day: "Update, February 14:", "UPDATED (Feb 14, 2022):", "Update
# June 8 - ".
# A time's colon is no label's end: "Update, June 8, 11:20:" (``index.corrections``' labels read it so too).
_UPDATE_LABEL = re.compile(rf"\W*(?:update[ds]?\b(?:[^:.!?]|(?<=\d)[:.](?=\d\d)){{0,40}}:|{UPDATE_DASH})",
                           re.IGNORECASE)


@dataclass(frozen=True)
class UpdateDay:
    start: int  # the update's paragraph, from its label's sentence to the paragraph's end
    end: int
    day: date
    label_end: int = 0  # where its label ends in the text: the update's own words follow
    words: int = 0  # where the update's own words begin: after its label, or the next paragraph's under a label alone


def _label_day(label: str, article: date) -> date | None:
    """The one day a label names ("Update, February 14"; read without its colon, which after a day number reads
    as a time's), its year the label's or the nearest to the article's date."""
    days = [m for m in find_mentions(label) if m.kind == "day" and m.month and m.day]
    if len(days) != 1:
        return None
    m = days[0]
    if m.year is not None:
        return date(m.year, m.month or 1, m.day or 1)
    return nearest_year(m.month or 1, m.day or 1, article)


def update_days(text: str, spans: list[Span], article: date | None) -> list[UpdateDay]:
    """The update paragraphs of ``text`` (split into ``spans``) whose label names one day, with that day, in reading
    order; none without the article's date (``article``), which gives a yearless label its year."""
    if article is None:
        return []
    starts = paragraph_of(text)
    found: list[UpdateDay] = []
    for span in spans:
        label = _UPDATE_LABEL.match(text, span.start, span.end)
        if label and stamp_date(text[span.start : span.end]) is not None:
            continue  # "Updated Feb 14, 2022, 09:30 IST" over the story: when the page changed, not a paragraph's day
        day = _label_day(text[span.start : label.end() - 1], article) if label else None
        if day is not None and label is not None:
            k = paragraph_at(starts, span.start)
            end = starts[k + 1] if k + 1 < len(starts) else len(text)
            words = label.end()
            if not text[label.end() : span.end].strip(" \t:–—-") and (after := _next_start(spans, span)) is not None:
                # "Update, April 5, 14:20:" alone on its line: the paragraph under it is the update's
                words = after.start
                k = paragraph_at(starts, after.start)
                end = starts[k + 1] if k + 1 < len(starts) else len(text)
            found.append(UpdateDay(span.start, end, day, label.end(), words))
    return found


def _next_start(spans: list[Span], span: Span) -> Span | None:
    """The sentence after ``span``."""
    return next((s for s in spans if s.start >= span.end), None)


def update_day(days: list[UpdateDay], position: int) -> date | None:
    """The day of the update paragraph holding ``position``, or None outside one."""
    return next((d.day for d in days if d.start <= position < d.end), None)
