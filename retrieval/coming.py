"""A question about when something will happen, and a best sentence that only dates what was already done.

"when will the high court hear whirlo's petition" matched "Whirlo filed a petition in the state High Court on
Monday …" on nearly every word, and the day of the filing was quoted as the day of a hearing no article dates;
so was the day an appeal was lodged for "when will the OCC's appeal be heard". The filing is another event than
the one asked about: a sentence can answer a "when will" only with a day still ahead when it was reported. The
timeline already reads each dated sentence's tense and its day against the article's date (``index.events``,
``planned``), so whether a sentence's days are all behind its report is read from there, not from its words
again. A sentence with no dated event is left alone: it says nothing of when, and other checks judge it.
"""

from __future__ import annotations

import re

from retrieval.loaded import LoadedIndex
from retrieval.question import Kind, Question

# The question asks for a time still to come: "when will …", "when is X gonna …", "when is X due to …".
_ASKS_COMING = re.compile(
    r"\b(?:will|shall|gonna|going\s+to|(?:is|are)\s+(?:due|scheduled|set|slated|expected)\s+to)\b", re.IGNORECASE)
# … unless it asks about a saying or a plan made before ("when did X say it will …", "when was it announced").
_ASKS_DONE = re.compile(r"\b(?:did|was|were|had|has|have)\b", re.IGNORECASE)


def asks_coming(question: Question) -> bool:
    """Whether ``question`` asks when something is still to happen."""
    text = question.text
    return question.kind is Kind.WHEN and bool(_ASKS_COMING.search(text)) and not _ASKS_DONE.search(text)


def dates_only_done(index: LoadedIndex, row: int) -> bool:
    """Whether sentence ``row`` dates something and every day it gives was behind its article's report, told
    in the past (none planned, none told as still to come)."""
    doc_row, start, end = (int(v) for v in index.sentence_spans[row])
    doc_id = index.docs[doc_row].doc_id
    events = [e for e in index.events_by_doc.get(doc_id, []) if int(e["start"]) < end and int(e["end"]) > start]
    return bool(events) and not any(e.get("planned") or e.get("future_tense") for e in events)


def asks_coming_of_done(index: LoadedIndex, question: Question, row: int) -> bool:
    """Whether ``question`` asks when something will happen and sentence ``row``, its best answer, only dates
    what had already happened."""
    return asks_coming(question) and dates_only_done(index, row)
