"""Which dated articles an undated article takes a yearless day's year from: those it is most like.

A yearless "on February 8" in an article with no date and no year gets its year from the period the dated
articles cover (``index.date_resolution.CorpusWindow``). When those fall in groups years apart (the story's
articles of 2021 and a few added later about another story of 2022), the group with the most dated days,
or whose days lie nearest the article's own, won: three 2022 articles about another story with days
in early February turned an undated 2021 report's "February 8" into 2022, its estimated date and its
timeline events with it. An undated article is written about what the articles it shares words with are
about, so it takes its years from the group of dated articles sharing the most distinctive words with it;
with one group, or no group clearly more alike, the whole period as before.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date

from index.date_resolution import CorpusWindow, corpus_window
from index.documents import Document
from index.lexical import terms
from index.mention_dates import parse_doc_date


def _given(doc: Document) -> date | None:
    """The date the article states (an estimated one is not stated)."""
    return None if doc.date_estimated else parse_doc_date(doc.date)


def _likeness(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """Cosine of two articles' sets of terms, each weighed by how rare it is among the articles: a word
    every article has ("said", "february") tells nothing of which story an article is about."""
    shared = sum(idf[w] ** 2 for w in a & b)
    norm = math.sqrt(sum(idf[w] ** 2 for w in a) * sum(idf[w] ** 2 for w in b))
    return shared / norm if norm else 0.0


# The last corpus's answer: a build asks twice for the same articles (their estimated dates, then their events'
# context), and each time every article's text is read into terms, the slow part. Kept by the texts' hashes, not
# the texts: a long-running bot would otherwise hold its last corpus's text after the build.
_last: list[tuple[tuple[tuple[str, date | None, str, int], ...], dict[str, list[str]]]] = []


def kin_periods(docs: list[Document]) -> dict[str, list[str]]:
    """For each undated article (by ``doc_id``) whose dated articles fall in groups years apart, the days
    (ISO, in order) of the group holding the dated article most like it; articles left out (all of them
    with one group or none) take the whole period (``index.extractors.dated_period``). A tie leaves the
    article out: no group is more its own."""
    key = tuple((doc.doc_id, _given(doc), doc.sha256, hash(doc.text)) for doc in docs)
    last = _last[0] if _last else None
    if last is None or last[0] != key:
        last = (key, _kin_periods(docs))
        _last[:] = [last]
    return {doc_id: list(days) for doc_id, days in last[1].items()}


def _kin_periods(docs: list[Document]) -> dict[str, list[str]]:
    dated = [(doc, d) for doc in docs if (d := _given(doc)) is not None]
    window = corpus_window([d for _, d in dated])
    undated = [doc for doc in docs if _given(doc) is None]
    if window is None or len(window.groups) < 2 or not undated:
        return {}
    words = {doc.doc_id: set(terms(doc.text)) for doc in docs}
    counts = Counter(w for found in words.values() for w in found)
    idf = {w: math.log(len(docs) / n) for w, n in counts.items()}
    group_of = {doc.doc_id: n for doc, d in dated for n, (first, last, _) in enumerate(window.groups)
                if first <= d <= last}
    out: dict[str, list[str]] = {}
    for doc in undated:
        best: dict[int, float] = {}
        for other, _ in dated:
            n = group_of[other.doc_id]
            best[n] = max(best.get(n, 0.0), _likeness(words[doc.doc_id], words[other.doc_id], idf))
        ranked = sorted(best.values(), reverse=True)
        if ranked[0] <= 0 or ranked[0] == ranked[1]:
            continue
        chosen = max(best, key=lambda n: best[n])
        out[doc.doc_id] = sorted({d.isoformat() for other, d in dated if group_of[other.doc_id] == chosen})
    return out


def kin_window(kin: dict[str, list[str]], doc_id: str, window: CorpusWindow | None) -> CorpusWindow | None:
    """The corpus window an undated article's yearless days are placed in: that of its own group of dated
    articles (``kin_periods``) when it has one, else the whole corpus's ``window``."""
    own = kin.get(doc_id)
    return corpus_window([date.fromisoformat(d) for d in own]) if own else window
