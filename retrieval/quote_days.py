"""The day a "when" answer's quote names only relative to its article: "Yesterday the board published the list."

The timeline places such a sentence on its day (``index.events``: "yesterday", "on Tuesday", "3 hours ago", a
day without its year, each counted from the article's date), but an answer quoted the words alone, and the asker
had to find the article's date and count back. The quote stays verbatim; its citation carries the day meant
(``DayMeant``), which each platform shows beside the article's date. A day the sentence states in full, year and
all, needs no such note; an article with no date, stated or estimated, has no event to take it from, so its words
stay undated rather than guessed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from retrieval.loaded import LoadedIndex
from retrieval.types import Citation, DayMeant


def day_meant(events: list[dict[str, Any]], citation: Citation) -> DayMeant | None:
    """The day of the first event of ``citation``'s article (``events``: that article's, or every article's),
    within its quote, whose year the text did not state: its words counted from the article's date. None when
    there is none."""
    for event in events:
        if event["doc_id"] != citation.doc_id or event.get("year_from") == "text":
            continue
        if int(event["end"]) <= citation.start or int(event["start"]) >= citation.end:
            continue
        words = str(event.get("mention") or "")
        if words and words in citation.quote:
            return DayMeant(words, str(event["date"]), bool(event.get("estimated")))
    return None


def with_days_meant(index: LoadedIndex, citations: list[Citation]) -> list[Citation]:
    """``citations``, each carrying the day its relative words stand for, where it has such words."""
    return [replace(c, meant=day_meant(index.events_by_doc.get(c.doc_id, []), c)) for c in citations]
