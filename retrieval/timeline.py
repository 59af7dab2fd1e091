"""The timeline: dated sentences from the index, merged by date and happening, optionally filtered by a topic.

The index stores one record per (sentence, date) (``index.events``). Merging happens here rather than
at index time because the topic filter has to judge single sentences: an event is kept when at least one
of its sentences is about the topic, and only those sentences are cited. Reports of one date are one event only
when they tell one happening (``retrieval.timeline_happenings``): two stories of a day are two events of it, each
citing its own reports. What was still ahead when reported
("the talks are likely to happen this week") is never merged with what had happened ("this week, the Centre
had sent a notice"): a date's plans are an event of their own, so whether an event is ``planned`` does not
depend on which other reports a topic lets in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np

from index.date_values import VALUE, sort_key
from index.events import HOWS, YEAR_SOURCES
from index.lead_dateline import lead_end
from index.lexical import terms
from index.list_markers import after_list_marker
from index.sentence_refs import opens_with_pronoun
from retrieval.answer_like import ends_sentence
from retrieval.date_filters import DateFilter, Period
from retrieval.features import document_terms
from retrieval.figure_dates import ambiguous_figures
from retrieval.loaded import LoadedIndex
from retrieval.relative_periods import relative_note, relative_period
from retrieval.timeline_granularity import LineKey, merged_granularities, sentence_likeness
from retrieval.timeline_happenings import happenings
from retrieval.timeline_leads import lead_sentences
from retrieval.timeline_notes import timeline_note
from retrieval.timeline_relevance import (
    MIN_LEXICAL_ONLY,
    MIN_SCORE,
    lexical_overlap,
    record_context,
    sentence_relevance,
    sentence_row,
    weight_share,
)
from retrieval.timeline_stories import names_whole, other_stories
from retrieval.timeline_subjects import most_named, refers_to_subject
from retrieval.topic_dates import topic_dates_within
from retrieval.types import Citation, Timeline, TimelineEvent

# A date's key: the date, and whether its reports were of something still ahead when reported.
EventKey = tuple[str, bool]

# A day, a month or a span of days: the dates that tell which year the articles are about (``articles_year``); a
# year or a part of one ("in 2019", ``index.date_values``) is most often the story's background.
_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2}(?:/\d{4}-\d{2}-\d{2})?)?$")


@dataclass(frozen=True)
class _Cited:
    """One usable event record with its relevance to the topic (1.0 when there is no topic)."""

    record: dict[str, Any]
    doc_row: int
    relevance: float
    dates_another: bool = False  # the sentence also dates another event ("on Monday ordered … suspended in July")

    @property
    def rank(self) -> tuple[float, int, int, int, int, int, int, int, int, int]:
        """Sort key, best first: on topic, the sentence's own date, what happened rather than what was still
        ahead when reported ("met on Friday" over "will meet on Friday") or only told as to come ("were
        announced on February 25" over "would be announced on February 25" in a later article), a sentence
        that dates this event alone, a trusted year, an outright date. A sentence with two dates tells of two
        events: as the summary of one ("July: The court on Monday ordered Yammerly to restore the account it
        suspended in July") it reads as if the other had happened then; it stays cited. Then a whole sentence
        over a fragment that tells the same day: a box of key facts above the story came first and summed up
        the event as "• Account suspended: 3rd Jan"."""
        r = self.record
        return (
            -self.relevance,
            r.get("role") != "primary",
            bool(r.get("planned")),
            bool(r.get("future_tense")),
            self.dates_another,
            YEAR_SOURCES.index(r["year_from"]) if r.get("year_from") in YEAR_SOURCES else len(YEAR_SOURCES),
            HOWS.index(r["how"]) if r.get("how") in HOWS else len(HOWS),
            not ends_sentence(str(r.get("quote", ""))),
            self.doc_row,
            int(r["start"]),
        )


def _usable(index: LoadedIndex, record: dict[str, Any]) -> int | None:
    """The record's document row if the record is well formed and its quote still matches the text."""
    try:
        doc_row = index.doc_index[record["doc_id"]]
        start, end = int(record["start"]), int(record["end"])
        ok = bool(VALUE.match(str(record["date"]))) and index.docs[doc_row].text[start:end] == record["quote"]
    except (KeyError, TypeError, ValueError):
        return None
    return doc_row if ok else None


def articles_year(index: LoadedIndex) -> int:
    """The year most of the articles' dated events fall in: a yearless end of a period named in a topic
    ("since feb 9") is in it, as a yearless day in a topic matches the articles' February 9."""
    years = Counter(str(r.get("date", ""))[:4] for r in index.events if _DATE.match(str(r.get("date", ""))))
    docs = Counter(d.date[:4] for d in index.docs if d.date and _DATE.match(d.date))
    ranked = sorted((years or docs).items(), key=lambda item: (item[1], item[0]))
    return int(ranked[-1][0]) if ranked else date.today().year


def _collect(
    index: LoadedIndex, topic: str | None, topic_vector: np.ndarray | None, dates: list[DateFilter], rest: str,
    year: int,
) -> tuple[dict[LineKey, list[_Cited]], dict[EventKey, bool], bool]:
    """Relevant records by event (date, whether still ahead when reported, and which of the date's happenings:
    ``retrieval.timeline_happenings``, numbered in the order of their best reports); for every date (relevant
    or not) whether only estimates date it (a date some dated article reports is not shown as estimated
    because the topic left that article out); and
    whether any event falls on the topic's ``dates`` at all, about the topic or not. Past a date, only
    the ``rest`` of the topic filters: "between", "feb" and "12" are about no event."""
    if dates:
        topic = rest if terms(rest) else None
        if topic is None:  # the topic is only a date: every event on it, as the articles report it
            topic_vector = None
    topic_terms = set(terms(topic)) if topic else set()
    vector = None
    if topic and topic_vector is not None:
        vector = np.asarray(topic_vector, dtype=np.float32).reshape(-1)
        vector = vector / (float(np.linalg.norm(vector)) or 1.0)
    by_event: dict[EventKey, dict[tuple[int, int], _Cited]] = defaultdict(dict)
    estimated: dict[EventKey, bool] = {}
    dated = False
    dates_of = Counter((str(r.get("doc_id")), r.get("start")) for r in index.events)  # a sentence's dates
    titled: dict[int, bool] = {}  # whether an article is about the topic (``retrieval.timeline_subjects``)
    for record in index.events:
        doc_row = _usable(index, record)
        if doc_row is None:
            continue
        when = str(record["date"])
        event = (when, bool(record.get("planned")))
        estimated[event] = estimated.get(event, True) and bool(record.get("estimated"))
        if dates and not any(d.covers(when, year) for d in dates):
            continue
        dated = True
        relevance: float | None = 1.0
        if topic:
            relevance = sentence_relevance(index, doc_row, int(record["start"]), record["quote"], topic_terms,
                                           vector)
            context = record_context(index, doc_row, record)
            if context is not None and lexical_overlap(index, topic_terms, context[1]) >= MIN_LEXICAL_ONLY:
                pointed = sentence_relevance(index, doc_row, context[0], context[1], topic_terms, vector)
                relevance = max((r for r in (relevance, pointed) if r is not None), default=None)
        if relevance is None and topic and refers_to_subject(str(record["quote"])):
            if doc_row not in titled:
                doc = index.docs[doc_row]
                titled[doc_row] = (lexical_overlap(index, topic_terms, doc.title or "") >= MIN_LEXICAL_ONLY
                                   and bool(topic_terms & most_named(doc.text)))
            # "the company filed …" in an article whose title names the topic: its subject, least on topic
            relevance = MIN_SCORE if titled[doc_row] else None
        if relevance is None:
            continue
        cited = _Cited(record, doc_row, relevance, dates_of[(str(record["doc_id"]), record["start"])] > 1)
        key = (doc_row, int(record["start"]))
        group = by_event[event]
        if key not in group or cited.rank < group[key].rank:
            group[key] = cited
    if len(topic_terms) > 1:  # "chirrup court challenge": not Chirrup's tax dispute told in another article
        rows = {row for group in by_event.values() for row, _ in group}
        # An article's terms are kept per text (``document_terms``): read anew they cost ~3 ms per 1,000 characters
        other = other_stories(rows, lambda row: weight_share(index, topic_terms, document_terms(index.docs[row].text)),
                              MIN_LEXICAL_ONLY)
        by_event = defaultdict(dict, {event: kept for event, group in by_event.items() if (kept := {
            key: c for key, c in group.items()
            if key[0] not in other or names_whole(lexical_overlap(index, topic_terms, str(c.record["quote"])))})})
    likeness = sentence_likeness(index)
    groups = {(*event, n): by_agreement(index, line) for event, group in by_event.items()
              for n, line in enumerate(happenings(sorted(group.values(), key=lambda c: c.rank), likeness))}
    # "ordered in March to block 300 accounts" beside "on Tuesday ordered … 300 accounts": one happening, one line
    return merged_granularities(groups, likeness), estimated, dated


def by_agreement(index: LoadedIndex, cited: list[_Cited]) -> list[_Cited]:
    """``cited`` (in ``rank`` order) with, among reports equally on topic and of the date's own kind, the one
    the others most resemble first: several articles' reports of one happening are one event, which its first
    report sums up (Discord shows only the summary and the other articles' titles), best in the words most of
    them use. With two reports, each resembles the other as much: the order stays."""
    rows = [sentence_row(index, c.doc_row, int(c.record["start"])) for c in cited]
    if len(cited) < 3 or any(row is None for row in rows):
        return cited
    vectors = np.asarray(index.sentence_vectors[[row for row in rows if row is not None]], dtype=np.float32)
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    similar = vectors @ vectors.T
    agreement = (similar.sum(axis=1) - np.diag(similar)) / (len(cited) - 1)
    order = sorted(range(len(cited)), key=lambda i: (cited[i].rank[:5], -float(agreement[i]), cited[i].rank[5:]))
    return [cited[i] for i in order]


def _citation(index: LoadedIndex, cited: _Cited) -> Citation:
    """The record's sentence as quoted, from the story's own words: a dateline or an update's label opening it
    ("NEW DELHI:", "Update, June 8, 17:10:", ``index.lead_dateline.lead_end``) is page furniture, not the event,
    as a list item's marker is (``index.list_markers``)."""
    doc = index.docs[cited.doc_row]
    r = cited.record
    quote, start = str(r["quote"]), int(r["start"])
    item = after_list_marker(doc.text, start, int(r["end"])) - start  # the quote is doc.text[start:end] (``_valid``)
    cut = item + lead_end(quote[item:])
    return Citation(doc.doc_id, doc.title, doc.date, doc.url, r["quote"][cut:], int(r["start"]) + cut, int(r["end"]),
                    round(cited.relevance, 4), date_estimated=doc.date_estimated)


def _event(index: LoadedIndex, when: str, planned: bool, cited: list[_Cited], estimated: bool) -> TimelineEvent:
    """An event summed up by its best report (``cited[0]``), quoted with the sentence before it when it opens with
    a pronoun (``with_antecedent``)."""
    citations = [_citation(index, c) for c in cited]
    citations[0] = with_antecedent(index, cited[0], citations[0])
    return TimelineEvent(when, citations[0].quote, citations, date_estimated=estimated, planned=planned)


def with_antecedent(index: LoadedIndex, cited: _Cited, citation: Citation) -> Citation:
    """``citation`` quoting also the sentence before it in its paragraph, when its own opens with a pronoun that
    stands for who did what it tells (``index.sentence_refs.opens_with_pronoun``): "It met on Wednesday." summed
    up a day when nothing else reported it, and a timeline reader could not tell who met. The quote stays the
    article's own text, both sentences as written (``text[start:end] == quote``)."""
    context = record_context(index, cited.doc_row, cited.record)
    if context is None or not opens_with_pronoun(citation.quote):
        return citation
    text = index.docs[cited.doc_row].text
    start = context[0] + lead_end(text[context[0] : citation.end])  # from the story's words, as ``_citation``
    return replace(citation, quote=text[start : citation.end], start=start)


# At most this many events are listed, the best supported; the reply says how many more there are.
DEFAULT_LIMIT = 25


def build_timeline(
    index: LoadedIndex, topic: str | None = None, topic_vector: np.ndarray | None = None, limit: int = DEFAULT_LIMIT
) -> Timeline:
    """Events in date order, each citing every sentence that reports it: one per happening of a date
    (``retrieval.timeline_happenings``) of what had happened when reported, and one per happening of what was
    still ahead (``planned``), after them.

    The summary is the best citation (most on topic, then a sentence whose own date this is, with the most
    trusted year). Events sort by their first day (``index.date_values.sort_key``): a year (``2021``) before its
    months, a month-only date (``2021-01``) before the days of that month, a week (``2021-02-08/2021-02-14``) right
    after its Monday, and a part of a month or year ("late January", ``2021-01-21~/2021-01-31~``) after the events
    of the day it begins on. When there are more than ``limit`` events, the best
    supported ones are kept (most relevant, then most articles, then an article's lead event:
    ``retrieval.timeline_leads``), and the timeline says how many were left out.
    """
    topic = topic.strip() if topic and topic.strip() else None
    # "10/02/2021": the one reading within the articles' period is the day meant (``topic_dates_within``).
    dates, rest = topic_dates_within(topic, index.period) if topic else ([], "")
    year = articles_year(index) if any(isinstance(d, Period) for d in dates) else 0
    if period := relative_period(rest):  # "last week": of 2021, or of now? Asked back, not matched to "this week"
        return Timeline([], topic, note=relative_note(period, index.period), asked_back=True)
    # "10/02/2021": 10 February or 2 October? Asked back, not searched as the words "10", "02" and "2021".
    unreadable = ambiguous_figures(rest)
    groups, estimated, dated = ({}, {}, True) if unreadable else _collect(index, topic, topic_vector, dates, rest, year)
    leads = lead_sentences(index)  # an article's headline act before its background and quotes

    def lead(line: LineKey) -> bool:
        return any((str(c.record["doc_id"]), int(c.record["start"])) in leads for c in groups[line])

    chosen = sorted(groups, key=lambda d: (groups[d][0].rank[0], -len({c.doc_row for c in groups[d]}), not lead(d),
                                           groups[d][0].rank[1:], d))[: max(limit, 0)]
    place = {line: rank for rank, line in enumerate(chosen)}  # a date's happenings: the best supported first
    events = [_event(index, when, planned, groups[(when, planned, n)], estimated[(when, planned)])
              for when, planned, n in sorted(chosen, key=lambda line: (sort_key(line[0]), line[1], place[line]))]
    note = timeline_note(index, bool(events), dates, dated, year, rest, unreadable)
    return Timeline(events, topic, omitted=len(groups) - len(chosen), note=note, asked_back=bool(unreadable),
                    period=index.period)
