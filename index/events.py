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

Where each mention lands on the calendar, and where a yearless date takes its year from: ``index.mention_dates``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import groupby, pairwise
from typing import Any

from index.box_lines import to_box_lines
from index.chunking import Span, split_sentences
from index.clause_dates import side_dates
from index.corrections import denied, label_end, retracted
from index.date_ranges import week_of
from index.date_resolution import CorpusWindow
from index.date_roles import held_since
from index.date_tense import ahead_of, asks, behind, told_as_future
from index.documents import Document
from index.entry_heads import EntryHead, entry_day, entry_heads
from index.events_version import EVENTS_VERSION as EVENTS_VERSION  # its history is there
from index.furniture import is_furniture
from index.kin_dates import kin_periods, kin_window
from index.lead_dateline import dateline_end
from index.mention_dates import (
    PARAGRAPH_BREAK,
    Anchor,
    Located,
    article_window,
    mention_context,
    paragraph_at,
    paragraph_of,
    parse_doc_date,
    resolve_mention,
    year_anchors,
)
from index.named_anchor import named_anchor, named_event
from index.note_marks import note_mark_before
from index.reference_entries import is_reference_entry
from index.relative_days import counted_here, moved_day, placed_days, relative_days, week_span
from index.rhetorical_days import rhetorical
from index.sentence_refs import opens_with_reference
from index.stamps import stamp_date
from index.update_days import UpdateDay, update_day, update_days

# How far a record's date can be trusted, best first; the timeline uses it to pick a summary.
YEAR_SOURCES = ("text", "article", "nearby", "corpus", "estimated")
# How a record's date was told, most outright first; the timeline uses it to pick a summary too. A day named from
# the article's ("yesterday") is placed more surely than its weekday, which might be of another week: "It met on
# Wednesday." summed up the day "The council put off its vote yesterday" told. "entry": the day a live blog's entry
# head names over the sentence (``index.entry_heads``).
# "ordinal": a day by its ordinal alone ("on the 5th"), placed from the article's date (``index.ordinal_days``).
HOWS = ("explicit", "range", "named-day", "entry", "near-day", "weekday", "ordinal", "week", "part", "month", "year",
        "relative")


def _record_rank(record: dict[str, Any]) -> tuple[int, int, int]:
    """Lower is better: a date the sentence is about, with a trusted year, stated outright."""
    return (
        record["role"] != "primary",
        YEAR_SOURCES.index(record["year_from"]),
        HOWS.index(record["how"]),
    )


def extract_events(docs: list[Document], sentences: dict[str, list[Span]]) -> list[dict[str, Any]]:
    """One record per (sentence, date): ``date``, ``doc_id``, ``start``/``end``/``quote`` of the sentence,
    ``how`` (``HOWS``), ``year_from``, ``estimated``, ``role``, the
    ``mention`` text, ``planned`` (still ahead when reported: after the article's date, or told in the future
    tense and not wholly before that date) and ``future_tense`` (told as still to come when said, "would be
    announced" included, which the timeline ranks below a report of what happened)."""
    located, corpus = mention_context(docs, sentences)
    kin = kin_periods(docs)  # an undated article's years come from the dated articles most like it
    doc_dates = {d.doc_id: parse_doc_date(d.date) for d in docs}

    records: list[dict[str, Any]] = []
    for doc in docs:
        best: dict[tuple[int, str], dict[str, Any]] = {}
        anchors = year_anchors(located[doc.doc_id])
        window = article_window(kin_window(kin, doc.doc_id, corpus), located[doc.doc_id])
        given = None if doc.date_estimated else doc_dates[doc.doc_id]
        heads = entry_heads(doc.text, doc_dates[doc.doc_id])
        spans = sentences.get(doc.doc_id) or split_sentences(doc.text)
        updates = update_days(doc.text, spans, doc_dates[doc.doc_id])
        kept = [item for item in located[doc.doc_id] if _own_date(doc.text, item)]
        side = side_dates(doc.text, kept)  # "fined on Thursday … before the election on September 14": the fine's
        for item in (item for item in kept if item.offset not in side):
            text = doc.text[item.sentence.start : item.sentence.end]
            written, reported = _entry_dates(heads, updates, item.sentence.start, doc_dates[doc.doc_id], given)
            resolved = resolve_mention(item, written, anchors, window, doc.date_estimated)
            if resolved is None:
                continue
            when, how, year_from = resolved
            if (week := week_of(text, item.mention.start, when)) is not None:  # "in the week of April 4"
                when, how = week, "week"
            span = item.sentence
            record = {
                "date": when, "doc_id": doc.doc_id, "start": span.start, "end": span.end,
                "quote": doc.text[span.start : span.end], "how": how, "year_from": year_from,
                "estimated": year_from == "estimated", "role": item.mention.role, "mention": item.mention.text,
                "planned": (item.mention.future and not behind(when, reported)) or ahead_of(when, reported),
                "future_tense": item.mention.future,
            }
            key = (span.start, when)
            if key not in best or _record_rank(record) < _record_rank(best[key]):
                best[key] = record
        def resolve(item: Located, doc: Document = doc, anchors: list[Anchor] = anchors,
                    window: CorpusWindow | None = window, heads: list[EntryHead] = heads,
                    updates: list[UpdateDay] = updates) -> tuple[str, str, str] | None:
            written = _entry_dates(heads, updates, item.sentence.start, doc_dates[doc.doc_id], None)[0]
            return resolve_mention(item, written, anchors, window, doc.date_estimated)

        _count_here(doc, located[doc.doc_id], resolve, given, best)
        _entry_leads(doc, heads, spans, updates, best)
        relative = _told_relative(doc, spans, located[doc.doc_id], list(best.values()), given, updates)
        # An update's or entry's first sentence telling its own day from the label's ("Update, June 8: The court
        # said it had ruled two days earlier") is of that day, not the label's, which stood in for a day it lacked
        own = {r["start"] for r in relative}
        told = [r for r in best.values() if r["how"] != "entry" or r["start"] not in own] + relative
        told = to_box_lines(doc.text, with_context(doc, spans, told))  # a fact box's line, not the box
        records.extend(sorted(told, key=lambda r: (r["start"], r["date"])))
    return records


def _own_date(text: str, item: Located) -> bool:
    """Whether ``item`` may date its sentence's event: not a date of an article's stamp or a page's furniture
    (``_dates_nothing``: "Updated: Feb 12, 2021 14:05 IST", "Also Read: …"), nor a noun's ("in the wake of the
    January 26 violence"), a label's or a dateline's, one denied, nor one a state holds since ("blocked since 3
    March": a state when written, no happening of that day)."""
    sentence = text[item.sentence.start : item.sentence.end]
    return not (_dates_nothing(text, item.sentence.start, item.sentence.end) or item.mention.role != "primary"
                or item.mention.start < max(label_end(sentence), dateline_end(sentence))
                or denied(sentence, item.mention.start) or held_since(sentence, item.mention.start, item.mention.text)
                or rhetorical(sentence, item.mention.start))  # '"Today it is paid advertising. Tomorrow … may …"'


def _entry_dates(heads: list[EntryHead], updates: list[UpdateDay], position: int, written: date | None,
                 given: date | None) -> tuple[date | None, date | None]:
    """The day a sentence was written and the day it reports from: its live-blog entry's (``index.entry_heads``)
    or its update paragraph's (``index.update_days``), else the article's. An entry of February 9 saying the order
    "had been due to expire tonight" means February 9, not the day the blog was last updated."""
    head = entry_day(heads, position)
    day = head.day if head is not None and head.day is not None else update_day(updates, position)
    if day is None:
        return written, given
    return day, day if given is not None else None


_LEAD_WORDS = 4


def _entry_leads(doc: Document, heads: list[EntryHead], spans: list[Span], updates: list[UpdateDay],
                 best: dict[tuple[int, str], dict[str, Any]]) -> None:
    """Into ``best``: each dated entry's first sentence, an event of the day its head names ("Feb 9, 21:15" over
    "Zipwire says its traffic … fell by 96% …"), which the head alone had stood for on the timeline; and an update
    paragraph's first sentence dating nothing of its own, an event of its label's day ("Update, June 8, 11:20: The
    hearing began …", a live blog's entry with its head inline, ``index.update_days``), which was no event at all."""
    dated = {start for start, _ in best}
    leads = [(s, u.day, False, doc.text[u.start : u.label_end]) for u in updates
             for s in spans if s.start <= u.words < s.end and s.start not in dated]
    for head, until in zip(heads, [*(head.start for head in heads[1:]), len(doc.text)][: len(heads)], strict=True):
        # A greeting ("Good morning.") names no event: the entry's first sentence of four words or more leads it.
        lead = next((s for s in spans if head.end <= s.start < until
                     and len(doc.text[s.start : s.end].split()) >= _LEAD_WORDS), None)
        if head.day is not None and lead is not None:
            leads.append((lead, head.day, head.year_given, doc.text[head.start : head.end]))
    for lead, day, year_given, mention in leads:
        if (lead.start, day.isoformat()) in best:
            continue
        year_from = "text" if year_given else "estimated" if doc.date_estimated else "article"
        future = told_as_future(doc.text[lead.start : lead.end])
        best[(lead.start, day.isoformat())] = {
            "date": day.isoformat(), "doc_id": doc.doc_id, "start": lead.start, "end": lead.end,
            "quote": doc.text[lead.start : lead.end], "how": "entry", "year_from": year_from,
            "estimated": year_from == "estimated", "role": "primary", "mention": mention,
            "planned": future, "future_tense": future,
        }


def _dates_nothing(text: str, start: int, end: int) -> bool:
    """Whether the sentence at ``start:end`` of ``text`` dates no event: a stamp dating the article, page
    furniture, a question, a withdrawn figure, a source list's entry (read with its line's note mark, "[1] Order
    of …", which the sentence leaves out). One test for both readers of events, so a kind added here reaches both."""
    sentence = text[start:end]
    return (stamp_date(sentence) is not None or is_furniture(sentence) or asks(sentence) or retracted(sentence)
            or is_reference_entry(note_mark_before(text, start) + sentence))


def _count_here(doc: Document, located: list[Located], resolve: Callable[[Located], tuple[str, str, str] | None],
                given: date | None, best: dict[tuple[int, str], dict[str, Any]]) -> None:
    """Into ``best``: the days a sentence counts from a date of its own ("two days after the January 26
    violence", "on February 10 and, two days later, …"; ``index.relative_days.counted_here``), when that date
    is one day; a date written right after "after" ("a day after January 31") is then no event of its own."""
    for _, group in groupby(located, key=lambda item: item.sentence.start):
        items = list(group)
        span = items[0].sentence
        text = doc.text[span.start : span.end]
        if _dates_nothing(doc.text, span.start, span.end):
            continue
        for counted in counted_here(text, [i.mention.start for i in items], [i.mention.end for i in items]):
            resolved = resolve(items[counted.mention])
            if resolved is None or len(resolved[0]) != 10:
                continue
            when = moved_day(date.fromisoformat(resolved[0]), counted.phrase).isoformat()
            future = told_as_future(text[counted.phrase.start:])
            record = {
                "date": when, "doc_id": doc.doc_id, "start": span.start, "end": span.end, "quote": text,
                "how": "relative", "year_from": resolved[2],
                "estimated": resolved[2] == "estimated" or counted.phrase.in_weeks,
                "role": "primary", "mention": counted.phrase.text, "future_tense": future,
                "planned": (future and not behind(when, given)) or ahead_of(when, given),
            }
            if counted.only_start:
                best.pop((span.start, resolved[0]), None)
            key = (span.start, when)
            if key not in best or _record_rank(record) < _record_rank(best[key]):
                best[key] = record


def _told_relative(
    doc: Document, spans: list[Span], located: list[Located], records: list[dict[str, Any]], given: date | None,
    updates: list[UpdateDay],
) -> list[dict[str, Any]]:
    """Records of the sentences whose day is told from the day the sentence before dates ("Two days earlier,
    …"; ``index.relative_days``), in reading order so one can lean on another ("The next day …" after one). In an
    update's paragraph (``updates``) with no dated sentence of its own before, from its label's day: "Update, June 8:
    The court said it had ruled two days earlier." is 6 June (its label's day is no date of the sentence's own)."""
    starts = paragraph_of(doc.text)
    mentioned = {item.sentence.start for item in located
                 if item.mention.start >= label_end(doc.text[item.sentence.start : item.sentence.end])}
    dated: dict[int, list[dict[str, Any]]] = {}
    for record in records:
        dated.setdefault(int(record["start"]), []).append(record)
    found: list[dict[str, Any]] = []
    before: tuple[int, Span] | None = None  # the last sentence that mentions a date: its paragraph, its span
    previous: Span | None = None
    for span in spans:
        paragraph = paragraph_at(starts, span.start)
        text = doc.text[span.start : span.end]
        phrases = [] if span.start in mentioned or is_furniture(text) or asks(text) else relative_days(text)
        leaned = before[1] if before and (before[0] == paragraph or before[1] == previous) else None
        anchor = dated.get(leaned.start, []) if leaned else []
        update = next((u for u in updates if u.start <= span.start < u.end), None)
        reported = given if update is None or given is None else update.day
        if phrases and update is not None and (leaned is None or leaned.start < update.start):
            leaned, anchor = None, [{"date": update.day.isoformat(), "doc_id": doc.doc_id, "role": "primary",
                                     "year_from": "estimated" if doc.date_estimated else "article",
                                     "estimated": doc.date_estimated, "how": "entry"}]
        stem = named_event(text, phrases[0]) if phrases else None
        if stem is not None:  # "The day before the filing, …": the filing's day, told anywhere in the article
            anchor = named_anchor(stem, span.start, dated) or anchor
        if phrases and not anchor and leaned is None and given is not None and all(p.week for p in phrases):
            # "The previous week, …" with no dated sentence before it: the week before the article's, as "last week"
            anchor = [{"date": given.isoformat(), "doc_id": doc.doc_id, "year_from": "article", "estimated": False,
                       "role": "primary", "how": "week"}]
        if phrases and len({r["date"] for r in anchor}) == 1 and len(anchor[0]["date"]) == 10:
            day, base = date.fromisoformat(anchor[0]["date"]), min(anchor, key=_record_rank)
            future = told_as_future(text)
            for k, (phrase, moved) in enumerate(placed_days(phrases, day)):
                # counted in weeks, here or in a phrase it chains from: about that day (``RelativeDay.in_weeks``)
                rough = bool(base["estimated"]) or any(p.in_weeks for p in phrases[: k + 1])
                when = week_span(moved) if phrase.week else moved.isoformat()  # "the previous week": a week
                record = {**base, "date": when, "start": span.start, "end": span.end, "quote": text,
                          "how": "week" if phrase.week else "relative", "mention": phrase.text,
                          "future_tense": future, "estimated": rough,
                          "planned": (future and not behind(when, reported)) or ahead_of(when, reported)}
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
              if not PARAGRAPH_BREAK.search(doc.text[previous.end : span.start])}
    for record in records:
        previous = before.get(int(record["start"]))
        if previous is not None and opens_with_reference(record["quote"]):
            record["context_start"], record["context_end"] = previous.start, previous.end
    return records
