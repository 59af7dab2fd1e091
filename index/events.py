"""Dated events for the timeline, extracted at index time.

Every sentence that mentions a date we can place on the calendar becomes one record per date it
mentions; a sentence like "orders issued on January 31 were obeyed on February 8" reports two events, so
it is filed under both. A date that only modifies a noun ("in the wake of the January 26 violence", "in
connection with the violence on Republic Day", ``index.dates``' ``reference``) names when that was, not when
the sentence's own event happened ("Twitter on Monday reached out … in connection with the violence on
Republic Day" reached out on a later Monday), so it files the sentence under no date: with its own time
word unplaced, the sentence stays out of the timeline rather than land on the earlier day. Records are
merged across articles at query time (``retrieval.timeline``), where the topic filter has to look at single
sentences anyway.

A date is never invented: a yearless date needs a year from the text, the article date or the corpus
period (see ``_year_anchor``), a weekday or a week ("this week") needs the article date, and anything
else is left out. An estimated article date (``index.date_estimate``) places weekdays and weeks only,
and the records it places say so (``year_from`` "estimated", ``estimated`` true); years of yearless dates
never come from it, since it was itself derived from those dates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import groupby, pairwise
from typing import Any

from index.chunking import Span, split_sentences
from index.date_ranges import join_ranges
from index.date_resolution import (
    CorpusWindow,
    corpus_window,
    nearest_month,
    nearest_year,
    resolve_week,
    resolve_weekday,
)
from index.dates import Mention, find_mentions, told_as_future
from index.documents import Document
from index.furniture import is_furniture
from index.relative_days import counted_here, placed_days, relative_days
from index.sentence_refs import opens_with_reference
from index.stamps import stamp_date

EVENTS_VERSION = 22  # 14: a yearless date in an undated article takes the year of its group of dated articles;
# 15: a day or weekday right after "for" ("called a sit-in for Monday") is one set for, ahead;
# 16: "last month", "this month", "next month": the month before, of or after the article's;
# 17: "the past week", "in the last week": the seven days before the article's date, not the calendar week before;
# 18: a day of a month set for ("called a sit-in for February 8") may be up to a month before the article;
# 19: "Two days earlier, …", "The next morning …": a day from the one day the sentence before dates
# (``index.relative_days``); ``context_start``/``context_end``: the sentence a "The talks …"/"It …" one points at;
# 20: "are expected later this week", "is due on Friday": still ahead, as "are expected to" was;
# 21: groups of dated articles as large leave a yearless day's year to the article's own days (``article_window``);
# 22: a day counted from a date of the sentence's own ("two days after the January 26 violence"; ``_count_here``)

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# How far a record's date can be trusted, best first; the timeline uses it to pick a summary.
YEAR_SOURCES = ("text", "article", "nearby", "corpus", "estimated")


@dataclass(frozen=True)
class Located:
    """A mention with its sentence and its absolute offset in the article."""

    mention: Mention
    sentence: Span
    offset: int
    paragraph: int


def _paragraph_of(text: str) -> list[int]:
    return [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


def _paragraph_at(starts: list[int], position: int) -> int:
    """The paragraph (of ``_paragraph_of``'s ``starts``, which ascend) holding ``position``."""
    return bisect_right(starts, position) - 1


def locate_mentions(doc: Document, spans: list[Span]) -> list[Located]:
    starts = _paragraph_of(doc.text)
    found: list[Located] = []
    for span in spans:
        paragraph = _paragraph_at(starts, span.start)
        sentence = doc.text[span.start : span.end]
        for mention in join_ranges(sentence, find_mentions(sentence)):
            found.append(Located(mention, span, span.start + mention.start, paragraph))
    return found


def _anchor_of(m: Mention) -> date | None:
    """A mention that carries its own year, as a point in time other mentions can take a year from."""
    if m.year is None or m.month is None:
        return None
    return date(m.year, m.month, m.day or 15)


Anchor = tuple[int, date, int, bool]  # offset, point in time, paragraph, whether it names a day


def year_anchors(located: list[Located]) -> list[Anchor]:
    """(offset, point in time, paragraph, names a day) of every mention that carries its own year."""
    return [(o.offset + m.start - o.mention.start, a, o.paragraph, m.day is not None)
            for o in located for m in (o.mention, o.mention.through) if m and (a := _anchor_of(m))]


def _year_anchor(item: Located, doc_date: date | None, anchors: list[Anchor]) -> tuple[date, str] | None:
    """Where a yearless date takes its year from, in order of trust.

    A dated year in the same paragraph comes first (an article from 2021 recounting "5 March 2019 ...
    on March 7" means 2019), then the article's own date, then the nearest dated year anywhere in the
    article. In the paragraph, a month and year alone count only for that month ("in March 2019 ... on
    March 7"): "an office in India since July 2014 ... on February 9" is background, not the story's year.
    ``None`` leaves the corpus window as the last resort.
    """
    dated = [(abs(offset - item.offset), a, p, day) for offset, a, p, day in anchors]
    same_paragraph = [(dist, a) for dist, a, p, day in dated
                      if p == item.paragraph and (day or a.month == item.mention.month)]
    if same_paragraph:
        return min(same_paragraph)[1], "nearby"
    if doc_date is not None:
        return doc_date, "article"
    if dated:
        return min((dist, a) for dist, a, _, _ in dated)[1], "nearby"
    return None


def resolve_mention(
    item: Located, doc_date: date | None, anchors: list[Anchor], window: CorpusWindow | None,
    estimated: bool = False,
) -> tuple[str, str, str] | None:
    """(ISO date, month, or week or range ``start/end``; how; where the year came from), or ``None`` when
    it cannot be placed. With ``estimated``, ``doc_date`` is an estimate and places only weekdays and weeks.
    A range whose end can't be placed after its start is its first day, as before ranges were read."""
    m = item.mention
    if m.through is not None:
        first = resolve_mention(replace(item, mention=replace(m, through=None)), doc_date, anchors, window,
                                estimated)
        last = resolve_mention(replace(item, mention=m.through, offset=item.offset + m.through.start - m.start),
                               doc_date, anchors, window, estimated)
        if first and last and len(first[0]) == len(last[0]) == 10 and first[0] < last[0]:
            return f"{first[0]}/{last[0]}", "range", first[2]
        return first
    if m.kind in ("weekday", "week", "near-month"):
        if doc_date is None:
            return None
        source = "estimated" if estimated else "article"
        if m.kind == "near-month":  # "last month" in a report of 14 February 2025 is January 2025
            n = doc_date.year * 12 + doc_date.month - 1 + {"last": -1, "next": 1}.get(m.qualifier, 0)
            return f"{n // 12:04d}-{n % 12 + 1:02d}", "month", source
        if m.kind == "week":
            monday, sunday = resolve_week(doc_date, m.qualifier or "this")
            return f"{monday.isoformat()}/{sunday.isoformat()}", "week", source
        if m.weekday is None:
            return None
        return resolve_weekday(m.weekday, doc_date, m.qualifier, m.future).isoformat(), "weekday", source
    if estimated:
        doc_date = None
    assert m.month is not None
    how = {"day": "explicit", "month": "month", "named-day": "named-day"}[m.kind]
    if m.year is not None:
        if m.day is None:
            return f"{m.year:04d}-{m.month:02d}", how, "text"
        return date(m.year, m.month, m.day).isoformat(), how, "text"
    anchor = _year_anchor(item, doc_date, anchors)
    if anchor is not None:
        point, source = anchor
        if m.day is None:
            return nearest_month(m.month, point, m.future, m.reported), how, source
        resolved = nearest_year(m.month, m.day, point, m.future, m.reported)
        return (resolved.isoformat(), how, source) if resolved else None
    year = window.year_for(m.month, m.day) if window else None
    if year is None:
        return None
    if m.day is None:
        return f"{year:04d}-{m.month:02d}", how, "corpus"
    return date(year, m.month, m.day).isoformat(), how, "corpus"


def _record_rank(record: dict[str, Any]) -> tuple[int, int, int]:
    """Lower is better: a date the sentence is about, with a trusted year, stated outright."""
    hows = ("explicit", "range", "named-day", "weekday", "week", "month", "relative")
    return (
        record["role"] != "primary",
        YEAR_SOURCES.index(record["year_from"]),
        hows.index(record["how"]),
    )


def mention_context(
    docs: list[Document], sentences: dict[str, list[Span]], only: set[str] | None = None
) -> tuple[dict[str, list[Located]], CorpusWindow | None]:
    """The located date mentions of every article (or of those in ``only``), and the period the corpus
    covers: from the given, not the estimated, article dates; with none, from the full dates that all the
    articles mention."""
    known = [d for doc in docs if not doc.date_estimated and (d := parse_doc_date(doc.date)) is not None]
    wanted = docs if only is None or not known else [d for d in docs if d.doc_id in only]
    located = {d.doc_id: locate_mentions(d, sentences.get(d.doc_id) or split_sentences(d.text)) for d in wanted}
    if not known:  # no dated article: the period the explicit full dates span
        known = [
            date(m.year, m.month, m.day)
            for items in located.values() for it in items
            if (m := it.mention).kind == "day" and m.year is not None and m.month and m.day
        ]
    return located, corpus_window(known)


def article_window(window: CorpusWindow | None, items: list[Located]) -> CorpusWindow | None:
    """``window`` for the article whose mentions are ``items``: leaning to the year its own yearless days (of
    what it tells, not the days of nouns) lie nearest the dated days in (``CorpusWindow.leaning``)."""
    if window is None:
        return None
    days = sorted({(m.month, m.day) for it in items if (m := it.mention).kind == "day" and m.year is None
                   and m.role == "primary" and m.month and m.day})
    return window.leaning(days)


def ahead_of(when: str, reported: date | None) -> bool:
    """Whether a date (a day, month or span) starts after the day the article was written: then it was a
    plan or a deadline when reported ("the hearing on March 5"), whatever the tense, and the timeline must
    not show it as what happened. An estimated article date is the latest day it reports as past, so it
    can't tell: only the tense does."""
    first = when.split("/")[0]
    return reported is not None and (first if len(first) == 10 else f"{first}-01") > reported.isoformat()


def behind(when: str, reported: date | None) -> bool:
    """Whether every day of a date (a day, month or span) is before the day the article was written: then it
    had come when reported, whatever the tense. "said the rules would be announced on February 25, 2021" in
    an article of 2 March reports a plan of before that day, and "(still ahead when reported)" would be
    false of it; whether the plan was carried out, its quote says as much as it says."""
    last = when.split("/")[-1]
    return reported is not None and last < (reported.isoformat()[:7] if len(last) == 7 else reported.isoformat())


def parse_doc_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def extract_events(docs: list[Document], sentences: dict[str, list[Span]]) -> list[dict[str, Any]]:
    """One record per (sentence, date): ``date``, ``doc_id``, ``start``/``end``/``quote`` of the sentence,
    ``how`` (explicit, range, weekday, week, named-day, month), ``year_from``, ``estimated``, ``role``, the
    ``mention`` text, ``planned`` (still ahead when reported: after the article's date, or told in the future
    tense and not wholly before that date) and ``future_tense`` (told as still to come when said, "would be
    announced" included, which the timeline ranks below a report of what happened)."""
    located, corpus = mention_context(docs, sentences)
    doc_dates = {d.doc_id: parse_doc_date(d.date) for d in docs}

    records: list[dict[str, Any]] = []
    for doc in docs:
        best: dict[tuple[int, str], dict[str, Any]] = {}
        anchors = year_anchors(located[doc.doc_id])
        window = article_window(corpus, located[doc.doc_id])
        given = None if doc.date_estimated else doc_dates[doc.doc_id]
        for item in located[doc.doc_id]:
            text = doc.text[item.sentence.start : item.sentence.end]
            if stamp_date(text) is not None or is_furniture(text):
                continue  # "Updated: Feb 12, 2021 14:05 IST" dates the article; "Also Read: …" is another story
            if item.mention.role != "primary":
                continue  # "in the wake of the January 26 violence": the violence's date, not the sentence's
            resolved = resolve_mention(item, doc_dates[doc.doc_id], anchors, window, doc.date_estimated)
            if resolved is None:
                continue
            when, how, year_from = resolved
            span = item.sentence
            record = {
                "date": when, "doc_id": doc.doc_id, "start": span.start, "end": span.end,
                "quote": doc.text[span.start : span.end], "how": how, "year_from": year_from,
                "estimated": year_from == "estimated", "role": item.mention.role, "mention": item.mention.text,
                "planned": (item.mention.future and not behind(when, given)) or ahead_of(when, given),
                "future_tense": item.mention.future,
            }
            key = (span.start, when)
            if key not in best or _record_rank(record) < _record_rank(best[key]):
                best[key] = record
        def resolve(item: Located, doc: Document = doc, anchors: list[Anchor] = anchors,
                    window: CorpusWindow | None = window) -> tuple[str, str, str] | None:
            return resolve_mention(item, doc_dates[doc.doc_id], anchors, window, doc.date_estimated)

        _count_here(doc, located[doc.doc_id], resolve, given, best)
        spans = sentences.get(doc.doc_id) or split_sentences(doc.text)
        told = list(best.values()) + _told_relative(doc, spans, located[doc.doc_id], list(best.values()), given)
        records.extend(with_context(doc, spans, sorted(told, key=lambda r: (r["start"], r["date"]))))
    return records


def _count_here(doc: Document, located: list[Located], resolve: Callable[[Located], tuple[str, str, str] | None],
                given: date | None, best: dict[tuple[int, str], dict[str, Any]]) -> None:
    """Into ``best``: the days a sentence counts from a date of its own ("two days after the January 26
    violence", "on February 10 and, two days later, …"; ``index.relative_days.counted_here``), when that date
    is one day; a date written right after "after" ("a day after January 31") is then no event of its own."""
    for _, group in groupby(located, key=lambda item: item.sentence.start):
        items = list(group)
        span = items[0].sentence
        text = doc.text[span.start : span.end]
        if stamp_date(text) is not None or is_furniture(text):
            continue
        for counted in counted_here(text, [i.mention.start for i in items], [i.mention.end for i in items]):
            resolved = resolve(items[counted.mention])
            if resolved is None or len(resolved[0]) != 10:
                continue
            when = (date.fromisoformat(resolved[0]) + timedelta(days=counted.phrase.days)).isoformat()
            future = told_as_future(text[counted.phrase.start:])
            record = {
                "date": when, "doc_id": doc.doc_id, "start": span.start, "end": span.end, "quote": text,
                "how": "relative", "year_from": resolved[2], "estimated": resolved[2] == "estimated",
                "role": "primary", "mention": counted.phrase.text, "future_tense": future,
                "planned": (future and not behind(when, given)) or ahead_of(when, given),
            }
            if counted.only_start:
                best.pop((span.start, resolved[0]), None)
            key = (span.start, when)
            if key not in best or _record_rank(record) < _record_rank(best[key]):
                best[key] = record


def _told_relative(
    doc: Document, spans: list[Span], located: list[Located], records: list[dict[str, Any]], given: date | None
) -> list[dict[str, Any]]:
    """Records of the sentences whose day is told from the day the sentence before dates ("Two days earlier,
    …"; ``index.relative_days``), in reading order so one can lean on another ("The next day …" after one)."""
    starts = _paragraph_of(doc.text)
    mentioned = {item.sentence.start for item in located}
    dated: dict[int, list[dict[str, Any]]] = {}
    for record in records:
        dated.setdefault(int(record["start"]), []).append(record)
    found: list[dict[str, Any]] = []
    before: tuple[int, Span] | None = None  # the last sentence that mentions a date: its paragraph, its span
    previous: Span | None = None
    for span in spans:
        paragraph = _paragraph_at(starts, span.start)
        text = doc.text[span.start : span.end]
        phrases = [] if span.start in mentioned or is_furniture(text) else relative_days(text)
        leaned = before[1] if before and (before[0] == paragraph or before[1] == previous) else None
        anchor = dated.get(leaned.start, []) if leaned else []
        if phrases and len({r["date"] for r in anchor}) == 1 and len(anchor[0]["date"]) == 10:
            day, base = date.fromisoformat(anchor[0]["date"]), min(anchor, key=_record_rank)
            future = told_as_future(text)
            for phrase, when in placed_days(phrases, day):
                record = {**base, "date": when.isoformat(), "start": span.start, "end": span.end, "quote": text,
                          "how": "relative", "mention": phrase.text, "future_tense": future,
                          "planned": (future and not behind(when.isoformat(), given)) or ahead_of(when.isoformat(),
                                                                                                  given)}
                found.append(record)
                dated.setdefault(span.start, []).append(record)
        if span.start in mentioned or span.start in dated:
            before = (paragraph, span)
        previous = span
    return found


def with_context(doc: Document, spans: list[Span], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``records`` with ``context_start``/``context_end``, the sentence before, on those whose sentence opens by
    pointing back at it ("The talks are likely to happen this week." after "Sawhney will meet …"):
    the timeline judges their topic by that sentence too (``index.sentence_refs``). Only within a paragraph: one
    that opens "The ministry met Twitter executives on February 12." names its own subject anew, and inherited
    the topic of "Koo saw a surge of new users on February 10." ending the paragraph before."""
    before = {span.start: previous for previous, span in pairwise(spans)
              if not _PARAGRAPH_BREAK.search(doc.text[previous.end : span.start])}
    for record in records:
        previous = before.get(int(record["start"]))
        if previous is not None and opens_with_reference(record["quote"]):
            record["context_start"], record["context_end"] = previous.start, previous.end
    return records
