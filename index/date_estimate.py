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
marked estimated too (``index.events``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from index.chunking import Span
from index.documents import Document
from index.events import mention_context, resolve_mention, year_anchors


def estimate_dates(docs: list[Document], sentences: dict[str, list[Span]], today: date | None = None) -> list[Document]:
    """``docs`` with an estimated date on each undated article that allows one; the others unchanged."""
    undated = {d.doc_id for d in docs if not d.date}
    if not undated:
        return docs
    located, window = mention_context(docs, sentences, only=undated)
    latest_allowed = (today or date.today()).isoformat()
    out: list[Document] = []
    for doc in docs:
        if doc.date:
            out.append(doc)
            continue
        items = located.get(doc.doc_id, [])
        anchors = year_anchors(items)
        candidates = []
        for item in items:
            m = item.mention
            if m.kind != "day" or m.future or m.role != "primary":
                continue
            resolved = resolve_mention(item, None, anchors, window)
            if resolved and len(resolved[0]) == 10 and resolved[0] <= latest_allowed:
                candidates.append(resolved[0])
        out.append(replace(doc, date=max(candidates), date_estimated=True) if candidates else doc)
    return out
