"""The timeline: dated sentences from the index, merged by date, optionally filtered by a topic.

The index stores one record per (sentence, date) (``index.events``). Merging happens here rather than
at index time because the topic filter has to judge single sentences: an event is kept when at least one
of its sentences is about the topic, and only those sentences are cited.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from rapidfuzz.distance import DamerauLevenshtein

from index.dates import MONTHS, NAMED_DAYS, find_mentions
from index.events import YEAR_SOURCES
from index.lexical import terms
from retrieval.loaded import LoadedIndex
from retrieval.types import Citation, Timeline, TimelineEvent

# Calibrated with all-MiniLM-L6-v2 on the seed corpus: unrelated topics ("capital of France", "football
# world cup", "weather in Delhi") score at most ~0.31 against any sentence, the sentences an on-topic
# query should find score 0.36 and up. A sentence sharing no word with the topic must be clearly closer,
# which keeps merely similar subjects ("Facebook privacy" vs Twitter's free-speech statement, 0.40) out.
LEXICAL_WEIGHT = 0.2
MIN_SCORE = 0.35
MIN_DENSE_WITHOUT_OVERLAP = 0.45
# Without a topic vector, at least half of the topic's (IDF-weighted) terms must be in the sentence.
MIN_LEXICAL_ONLY = 0.5

_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2}(?:/\d{4}-\d{2}-\d{2})?)?$")
_HOWS = ("explicit", "range", "named-day", "weekday", "week", "month")
_MONTHS = tuple(m.lower() for m in MONTHS)
_WORD = re.compile(r"[A-Za-z]+")
# A month and a day number left over once the real dates are read: a day the month doesn't have.
_MONTH_NAMES = "|".join(m.capitalize() for m in _MONTHS) + "|" + "|".join(m[:3].capitalize() for m in _MONTHS)
_NO_SUCH_DAY = re.compile(rf"\b(?:(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:of\s+)?(?:{_MONTH_NAMES}))\b"
                          rf"(?:,?\s+\d{{4}})?")


@dataclass(frozen=True)
class _Day:
    """A date a topic names: ``day`` None for a whole month, ``year`` None when not given."""

    year: int | None
    month: int
    day: int | None

    def covers(self, when: str) -> bool:
        """Whether an event dated ``when`` (a day, a week ``start/end`` or a month) falls on this date. A
        month-only event reports no particular day, so it answers a month, never a day."""
        if self.day is not None and len(when) == 7:
            return False
        first, last = date_span(when)
        days = (first + timedelta(days=k) for k in range((last - first).days + 1))
        return any(d.month == self.month and self.day in (None, d.day) and self.year in (None, d.year)
                   for d in days)


_NEVER = _Day(None, 0, 0)  # what a topic naming no real day ("feb 30") matches: nothing


def date_span(value: str) -> tuple[date, date]:
    """An event's date (``YYYY-MM-DD``, a week ``start/end`` or a month ``YYYY-MM``) as first and last day."""
    if "/" in value:
        first, last = value.split("/", 1)
        return date.fromisoformat(first), date.fromisoformat(last)
    if len(value) == 7:
        month = date.fromisoformat(f"{value}-01")
        return month, (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    day = date.fromisoformat(value)
    return day, day


def _month_named(word: str) -> int | None:
    """The month a word of a topic names: its name ("february"), abbreviation ("feb", "sept") or a slip in
    writing it ("febuary": same first three letters, at most two edits; "decision" is no December)."""
    low = word.lower()
    for number, name in enumerate(_MONTHS, start=1):
        if low == name or low == name[:3] or (low == "sept" and number == 9):
            return number
        slips = 1 if len(name) <= 5 else 2  # "julie" is no July
        if len(low) >= 5 and low[:3] == name[:3] and DamerauLevenshtein.distance(low, name) <= slips:
            return number
    return None


def topic_dates(topic: str) -> tuple[list[_Day], str]:
    """The dates a topic names ("feb 8", "8 February 2021", "2021-02-08", "January 2021", a month alone:
    "February", "feb"; a named day however written: "republic day"), and the rest of the topic. A date is
    found by its date, not by how close its words are in meaning: "feb 8" is nearer to no sentence than the
    unrelated sentences a topic filter exists to keep out, and "February" alone listed the one sentence
    that has the word. "may" and "march" are a month
    alone only as the whole topic ("twitter may block", "farmers march" name no month)."""
    def month(m: re.Match[str]) -> str:
        number = _month_named(m.group(0))
        return _MONTHS[number - 1].capitalize() if number else m.group(0)

    written = _WORD.sub(month, topic)
    for name in NAMED_DAYS:  # "republic day" as the articles write it, "Republic Day"
        written = re.sub(rf"\b{re.escape(name)}\b", name.title().replace("'S", "'s"), written, flags=re.IGNORECASE)
    found: list[_Day] = []
    rest = written
    for m in find_mentions(written):
        if m.month is not None and ((m.kind in ("day", "named-day") and m.day is not None) or m.kind == "month"):
            found.append(_Day(m.year, m.month, m.day if m.kind != "month" else None))
            rest = rest.replace(m.text, " ")
    for bad in _NO_SUCH_DAY.finditer(rest):  # "feb 30": a date, of no event, not the words "February 30"
        found.append(_NEVER)
        rest = rest.replace(bad.group(0), " ")
    for word in _WORD.findall(rest):
        number = _month_named(word)
        if number and (number not in (3, 5) or re.fullmatch(r"\s*(?:in\s+)?\w+\s*", rest, re.IGNORECASE)):
            found.append(_Day(None, number, None))
            rest = re.sub(rf"\b(?:in\s+)?{re.escape(word)}\b", " ", rest, count=1, flags=re.IGNORECASE)
    return found, " ".join(rest.split())


@dataclass(frozen=True)
class _Cited:
    """One usable event record with its relevance to the topic (1.0 when there is no topic)."""

    record: dict[str, Any]
    doc_row: int
    relevance: float

    @property
    def rank(self) -> tuple[float, int, int, int, int, int, int]:
        """Sort key, best first: on topic, the sentence's own date, what happened rather than what was still
        ahead when reported ("met on Friday" over "will meet on Friday"), a trusted year, an outright date."""
        r = self.record
        return (
            -self.relevance,
            r.get("role") != "primary",
            bool(r.get("planned")),
            YEAR_SOURCES.index(r["year_from"]) if r.get("year_from") in YEAR_SOURCES else len(YEAR_SOURCES),
            _HOWS.index(r["how"]) if r.get("how") in _HOWS else len(_HOWS),
            self.doc_row,
            int(r["start"]),
        )


def _sentence_row(index: LoadedIndex, doc_row: int, start: int) -> int | None:
    """The row of ``sentence_vectors`` for the sentence of a document starting at ``start``."""
    first = int(index.doc_first_sentence[doc_row]) if len(index.doc_first_sentence) else 0
    last = (
        int(index.doc_first_sentence[doc_row + 1])
        if doc_row + 1 < len(index.doc_first_sentence)
        else len(index.sentence_spans)
    )
    starts = index.sentence_spans[first:last, 1]
    pos = int(np.searchsorted(starts, start))
    if pos < len(starts) and int(starts[pos]) == start:
        return first + pos
    return None


def lexical_overlap(index: LoadedIndex, topic_terms: set[str], text: str) -> float:
    """Share of the topic's IDF weight found in ``text``; rare words count for more than "Twitter"."""
    if not topic_terms:
        return 0.0
    weights = {t: index.idf.get(t, index.unknown_idf) for t in topic_terms}
    present = set(terms(text))
    return sum(w for t, w in weights.items() if t in present) / sum(weights.values())


def topic_relevance(dense: float | None, lexical: float) -> float | None:
    """A sentence's relevance to the topic, or ``None`` when it is not relevant."""
    if dense is None:
        return lexical if lexical >= MIN_LEXICAL_ONLY else None
    score = dense + LEXICAL_WEIGHT * lexical
    if lexical > 0 and score >= MIN_SCORE:
        return score
    return score if dense >= MIN_DENSE_WITHOUT_OVERLAP else None


def _usable(index: LoadedIndex, record: dict[str, Any]) -> int | None:
    """The record's document row if the record is well formed and its quote still matches the text."""
    try:
        doc_row = index.doc_index[record["doc_id"]]
        start, end = int(record["start"]), int(record["end"])
        ok = bool(_DATE.match(str(record["date"]))) and index.docs[doc_row].text[start:end] == record["quote"]
    except (KeyError, TypeError, ValueError):
        return None
    return doc_row if ok else None


def _collect(
    index: LoadedIndex, topic: str | None, topic_vector: np.ndarray | None
) -> tuple[dict[str, list[_Cited]], dict[str, bool]]:
    """Relevant records by date, and for every date (relevant or not) whether only estimates give it: a
    date some dated article reports is not shown as estimated because the topic left that article out."""
    days, rest = topic_dates(topic) if topic else ([], "")
    if days and not terms(rest):  # the topic is only a date: every event on it, as the articles report it
        topic, topic_vector = None, None
    topic_terms = set(terms(topic)) if topic else set()
    vector = None
    if topic and topic_vector is not None:
        vector = np.asarray(topic_vector, dtype=np.float32).reshape(-1)
        vector = vector / (float(np.linalg.norm(vector)) or 1.0)
    by_date: dict[str, dict[tuple[int, int], _Cited]] = defaultdict(dict)
    estimated: dict[str, bool] = {}
    for record in index.events:
        doc_row = _usable(index, record)
        if doc_row is None:
            continue
        when = str(record["date"])
        estimated[when] = estimated.get(when, True) and bool(record.get("estimated"))
        if days and not any(d.covers(when) for d in days):
            continue
        relevance: float | None = 1.0
        if topic:
            dense = None
            row = _sentence_row(index, doc_row, int(record["start"])) if vector is not None else None
            if row is not None and vector is not None:
                dense = float(index.sentence_vectors[row] @ vector)
            relevance = topic_relevance(dense, lexical_overlap(index, topic_terms, record["quote"]))
        if relevance is None:
            continue
        cited = _Cited(record, doc_row, relevance)
        key = (doc_row, int(record["start"]))
        group = by_date[when]
        if key not in group or cited.rank < group[key].rank:
            group[key] = cited
    return {when: sorted(group.values(), key=lambda c: c.rank) for when, group in by_date.items()}, estimated


def _citation(index: LoadedIndex, cited: _Cited) -> Citation:
    doc = index.docs[cited.doc_row]
    r = cited.record
    return Citation(doc.doc_id, doc.title, doc.date, doc.url, r["quote"], int(r["start"]), int(r["end"]),
                    round(cited.relevance, 4), date_estimated=doc.date_estimated)


def build_timeline(
    index: LoadedIndex, topic: str | None = None, topic_vector: np.ndarray | None = None, limit: int = 25
) -> Timeline:
    """Events in date order, one per date, each citing every sentence that reports it.

    The summary is the best citation (most on topic, then a sentence whose own date this is, then one
    reporting it done, with the most trusted year); an event every report of which was still ahead when
    reported is ``planned``. A month-only date (``2021-01``) sorts before the days of that month, and a week
    (``2021-02-08/2021-02-14``) right after its Monday. When there
    are more than ``limit`` dates, the best supported ones are kept (most relevant, then most articles),
    and the timeline says how many were left out.
    """
    topic = topic.strip() if topic and topic.strip() else None
    groups, estimated = _collect(index, topic, topic_vector)
    chosen = sorted(
        groups,
        key=lambda d: (groups[d][0].rank[0], -len({c.doc_row for c in groups[d]}), groups[d][0].rank[1:], d),
    )[: max(limit, 0)]
    events = [
        TimelineEvent(when, groups[when][0].record["quote"], [_citation(index, c) for c in groups[when]],
                      date_estimated=estimated[when], planned=all(c.record.get("planned") for c in groups[when]))
        for when in sorted(chosen)
    ]
    return Timeline(events, topic, omitted=len(groups) - len(chosen))
