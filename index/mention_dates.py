"""Where a date mention lands on the calendar, the year resolution of ``index.events``' records.

Each mention is located in its sentence and paragraph (``locate_mentions``), a yearless one takes its year
from the nearest trusted source (``_year_anchor``), and ``resolve_mention`` turns it into an ISO date, month,
week or range with where its year came from.

A date is never invented: a yearless date needs a year from the text, the article date or the corpus
period (see ``_year_anchor``), a weekday, a week ("this week") or a day named from the article's ("yesterday")
needs the article date, and anything else is left out. An estimated article date (``index.date_estimate``)
places those only, and the records it places say so (``year_from`` "estimated", ``estimated`` true); years of
yearless dates never come from it, since it was itself derived from those dates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta

from index.chunking import Span, split_sentences
from index.coarse_dates import coarse_mentions, placed_by_coarse, resolve_coarse
from index.date_ranges import join_ranges
from index.date_resolution import (
    CorpusWindow,
    corpus_window,
    nearest_month,
    nearest_year,
    resolve_week,
    resolve_weekday,
)
from index.dates import Mention, find_mentions
from index.day_order import day_first
from index.documents import Document
from index.figure_days import figure_mentions
from index.ordinal_days import ordinal_day, ordinal_mentions
from index.year_anchors import Anchor, Anchors

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Located:
    """A mention with its sentence and its absolute offset in the article."""

    mention: Mention
    sentence: Span
    offset: int
    paragraph: int


def paragraph_of(text: str, breaks: re.Pattern[str] = PARAGRAPH_BREAK) -> list[int]:
    """Where each paragraph of ``text`` starts, ascending: 0, then the end of each of its ``breaks``."""
    return [0] + [m.end() for m in breaks.finditer(text)]


def paragraph_at(starts: list[int], position: int) -> int:
    """The paragraph (of ``paragraph_of``'s ``starts``, which ascend) holding ``position``."""
    return bisect_right(starts, position) - 1


def locate_mentions(doc: Document, spans: list[Span]) -> list[Located]:
    starts = paragraph_of(doc.text)
    found: list[Located] = []
    order, written = day_first(doc.text), None if doc.date_estimated else parse_doc_date(doc.date)
    for span in spans:
        paragraph = paragraph_at(starts, span.start)
        sentence = doc.text[span.start : span.end]
        # Days in figures ("On 10/02/2022 the regulator …") too, read as the article writes them (``index.figure_days``)
        # and dates of no day: "in 2019", "late January", "by the end of the month" (``index.coarse_dates``)
        mentions = coarse_mentions(sentence, find_mentions(sentence)) + figure_mentions(sentence, order, written)
        mentions += ordinal_mentions(sentence, doc.text[starts[paragraph] : span.start], written)  # "on the 5th"
        mentions.sort(key=lambda m: m.start)
        for mention in join_ranges(sentence, mentions):
            found.append(Located(mention, span, span.start + mention.start, paragraph))
    return found


def _anchor_of(m: Mention) -> date | None:
    """A mention that carries its own year, as a point in time other mentions can take a year from."""
    if m.year is None or m.month is None:
        return None
    return date(m.year, m.month, m.day or 15)


def year_anchors(located: list[Located]) -> Anchors:
    """(offset, point in time, paragraph, names a day) of every mention that carries its own year."""
    return Anchors((o.offset + m.start - o.mention.start, a, o.paragraph, m.day is not None)
                   for o in located for m in (o.mention, o.mention.through) if m and (a := _anchor_of(m)))


def _year_anchor(item: Located, doc_date: date | None, anchors: list[Anchor]) -> tuple[date, str] | None:
    """Where a yearless date takes its year from, in order of trust.

    A dated year in the same paragraph comes first (an article from 2021 recounting "5 March 2019 ...
    on March 7" means 2019), then the article's own date, then the nearest dated year anywhere in the
    article. In the paragraph, a month and year alone count only for that month ("in March 2019 ... on
    March 7"): "an office in India since July 2014 ... on February 9" is background, not the story's year.
    ``None`` leaves the corpus window as the last resort.
    """
    indexed = anchors if isinstance(anchors, Anchors) else Anchors(anchors)
    same_paragraph = [(abs(offset - item.offset), a) for offset, a, _, day in indexed.in_paragraph(item.paragraph)
                      if day or a.month == item.mention.month]
    if same_paragraph:
        return min(same_paragraph)[1], "nearby"
    if doc_date is not None:
        return doc_date, "article"
    nearest = indexed.nearest(item.offset)
    return (nearest, "nearby") if nearest is not None else None


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
    if placed_by_coarse(m):  # a year, a part of a month or a year, "last March"
        return resolve_coarse(m, doc_date, estimated, lambda whole: resolve_mention(
            replace(item, mention=whole), doc_date, anchors, window, estimated))
    if m.kind in ("weekday", "week", "near-month", "near-day", "ordinal"):
        if doc_date is None:
            return None
        source = "estimated" if estimated else "article"
        if m.kind == "ordinal":  # "appeared on the 5th" in a report of 12 June is 5 June
            day = ordinal_day(doc_date, m.day or 0, m.future)
            return (day.isoformat(), "ordinal", source) if day else None
        if m.kind == "near-day":  # "yesterday" in a report of 10 February is the 9th
            return (doc_date + timedelta(days=m.offset)).isoformat(), "near-day", source
        if m.kind == "near-month":  # "last month" in a report of 14 February 2025 is January 2025
            n = doc_date.year * 12 + doc_date.month - 1 + {"last": -1, "next": 1}.get(m.qualifier, 0)
            return f"{n // 12:04d}-{n % 12 + 1:02d}", "month", source
        if m.kind == "week":
            monday, sunday = resolve_week(doc_date, m.qualifier or "this", m.future)
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


def parse_doc_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
