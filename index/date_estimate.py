"""An estimated date for an article that gives none.

News reports what just happened, so the latest day an article mentions as past is a fair estimate of
when it was written (and never later than the truth: the article cannot mention a day after it was
written as past). The rule:

- candidates are days the article states as something that happened: a full date ("10 February 2021")
  or a day and month ("on February 10") whose year comes from a year written near it in the article or,
  failing that, from the period the dated articles cover (the same rules as the timeline's);
- not candidates: dates in a future-tense clause ("will meet on February 15"), dates that only modify a
  noun ("the January 26 violence"), named days such as Republic Day (mostly the occasion of something
  earlier), months alone, weekdays, and days after today;
- the estimate is the latest candidate; with none the article stays undated.

An estimated date is stored with ``date_estimated`` and shown as estimated wherever it appears. In the
timeline it places the article's weekdays ("on Monday") and weeks ("this week"), and those events are
marked estimated too (``index.events``, ``index.mention_dates``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from index.chunking import Span
from index.date_resolution import CorpusWindow, corpus_window
from index.documents import Document
from index.kin_dates import kin_periods, kin_window
from index.lead_dateline import dateline_end
from index.mention_dates import (
    Anchor,
    Located,
    article_window,
    locate_mentions,
    mention_context,
    resolve_mention,
    year_anchors,
)

# Bump when the rule below changes: cached candidates (``index.articles``) are then computed again.
DATE_ESTIMATE_VERSION = 11  # 2: a date ending a noun phrase led by "after", "in the wake of" … is no candidate;
# 3: a yearless date takes the year of the group of dated articles it falls in (``CorpusWindow``);
# 4: a day right after "for" ("a hearing for March 21") is one set for, no candidate;
# 5: "is due on March 21", "are expected later this week" speak of what is ahead, no candidate;
# 6: groups of dated articles as large leave a yearless day's year to the article's own days (``article_window``)
# 7: a yearless day's year: the article's own days first, then the larger group; a day in the present progressive
# ("is hearing the case on February 12"), or opening a clause told in the
# future ("On February 12, officials will meet …"), speaks of what is ahead, no candidate
# 8: the day of a plan called off or moved ("was scheduled for February 9 but was postponed") is no candidate
# 9: a wire dateline's yearless day ("PORT ALDEN, Feb 23 (Tidewire) - …") is the estimate, whatever later day the
# story names (``filed_day``)
# 10: with dated articles in groups years apart, a yearless day's year comes from the group of the dated article
# most like the undated one (``index.kin_dates``), not the larger group
# 11: a day in figures in the text ("sent on 27/01/2022") is a candidate when it reads one way (``index.figure_days``)


def date_candidates(items: list[Located], window: CorpusWindow | None, text: str = "") -> list[str]:
    """The days (ISO) an undated article states as past events, latest last. Which of them may be the
    estimate depends on today (``pick``), so the list can be kept with the article and reused tomorrow. An
    article ``text`` whose lead opens with a dateline without its year has that day alone (``filed_day``)."""
    anchors = year_anchors(items)
    window = article_window(window, items)
    if text and (filed := filed_day(items, anchors, window, text)) is not None:
        return [filed]
    found: set[str] = set()
    for item in items:
        m = item.mention
        if m.kind != "day" or m.future or m.role != "primary":
            continue
        resolved = resolve_mention(item, None, anchors, window)
        last = resolved[0].split("/")[-1] if resolved else ""  # a range's last day
        if len(last) == 10:
            found.add(last)
    return sorted(found)


def filed_day(items: list[Located], anchors: list[Anchor], window: CorpusWindow | None, text: str) -> str | None:
    """The day a wire story's dateline gives without its year ("PORT ALDEN, Feb 23 (Tidewire) - …"), its year
    found as any yearless day's is: the day the story was filed. The latest day it names as past was the estimate,
    and a deadline ("asked to report by March 31") put it five weeks late, its "on Tuesday" with it. None when
    the article opens with no such dateline, or its year can't be told."""
    for item in items:
        sentence = text[item.sentence.start : item.sentence.end]
        if item.mention.kind != "day" or item.mention.start >= dateline_end(sentence):
            continue
        resolved = resolve_mention(item, None, anchors, window)
        return resolved[0] if resolved and len(resolved[0]) == 10 else None
    return None


def pick(doc: Document, candidates: list[str], today: date | None = None) -> Document:
    """``doc`` with the latest candidate not after today as its estimated date (unchanged with none)."""
    latest_allowed = (today or date.today()).isoformat()
    allowed = [c for c in candidates if c <= latest_allowed]
    return replace(doc, date=allowed[-1], date_estimated=True) if allowed else doc


def article_candidates(doc: Document, spans: list[Span], period: list[str]) -> list[str]:
    """``date_candidates`` of one undated article, when the dated articles are from the days ``period`` (ISO,
    ``index.extractors.dated_period``): all it depends on besides its own text."""
    window = corpus_window([date.fromisoformat(d) for d in period])
    return date_candidates(locate_mentions(doc, spans), window, doc.text)


def estimate_dates(docs: list[Document], sentences: dict[str, list[Span]], today: date | None = None) -> list[Document]:
    """``docs`` with an estimated date on each undated article that allows one; the others unchanged."""
    undated = {d.doc_id for d in docs if not d.date}
    if not undated:
        return docs
    located, window = mention_context(docs, sentences, only=undated)
    kin = kin_periods(docs)
    return [doc if doc.date else pick(doc, date_candidates(located.get(doc.doc_id, []),
                                                           kin_window(kin, doc.doc_id, window), doc.text), today)
            for doc in docs]
