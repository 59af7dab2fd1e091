"""One happening two articles date at two granularities: one gives its day, the other only its month.

"The ministry on Tuesday ordered Quillo to block 300 accounts" (a report of 14 March, Tuesday the 12th) and "Quillo
was ordered in March to block 300 accounts" (a later article) are one order, and the timeline showed it twice: on
12 March and, on its own line, under "March 2024", as if March had held two orders. Whether two sentences tell one
happening is not something their dates or their likeness settle alone (within one article, sentences 0.35 to 0.61
alike told one happening and 0.03 to 0.38 two; docs/timeline.md), so a month's or a part's report joins a day's line
only when all of these hold: the two are from different articles (an article telling a month and then a day in it
is telling two things, or leading up to one), both count the same thing by the same figure ("300 accounts",
``index.period_figures.counts``), they are at least ``MIN_LIKENESS`` alike, and exactly one day's line in the
month has such a report. It is then cited on that day's line, after the day's own reports, which sum it up.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from index.date_values import exact_days, span_of
from index.period_figures import counts
from retrieval.loaded import LoadedIndex
from retrieval.timeline_happenings import R, Report
from retrieval.timeline_relevance import sentence_row

# Sentence vectors' likeness two reports of one happening are at least: the pair this was written for was 0.68 alike,
# the closest report of another happening in that month 0.53 (a probe of five invented articles, 2026-12-06).
MIN_LIKENESS = 0.6

# A line's key: its date, whether still ahead when reported, and which of the date's happenings it is.
LineKey = tuple[str, bool, int]



def _one_happening(report: R, other: R, likeness: Callable[[R, R], float]) -> bool:
    if report.doc_row == other.doc_row:
        return False
    if not counts(str(report.record["quote"])) & counts(str(other.record["quote"])):
        return False
    return likeness(report, other) >= MIN_LIKENESS


def merged_granularities(groups: dict[LineKey, list[R]], likeness: Callable[[R, R], float]) -> dict[LineKey, list[R]]:
    """``groups`` (reports by event, best first) with each report of a month, a part of one or a year that tells
    the happening one day's line in it reports (module docstring) moved to that line; an event left with no
    report is dropped. What was still ahead when reported is joined only to what was still ahead, and what had
    happened to what had happened."""
    out = {key: list(reports) for key, reports in groups.items()}
    days = [key for key in groups if exact_days(key[0]) and "/" not in key[0]]
    for key, reports in groups.items():
        if exact_days(key[0]):
            continue
        first, last = span_of(key[0])
        inside = [day for day in days if day[1] == key[1] and first <= span_of(day[0])[0] <= last]
        for report in reports:
            found = [day for day in inside if any(_one_happening(report, other, likeness) for other in groups[day])]
            if len(found) == 1:
                out[found[0]].append(report)
                out[key].remove(report)
    return {key: reports for key, reports in out.items() if reports}


def sentence_likeness(index: LoadedIndex) -> Callable[[Report, Report], float]:
    """How alike two reports' sentences are (cosine of their sentence vectors; 0 for a sentence with none)."""
    def likeness(one: Report, other: Report) -> float:
        rows = [sentence_row(index, r.doc_row, int(r.record["start"])) for r in (one, other)]
        if rows[0] is None or rows[1] is None:
            return 0.0
        a, b = (np.asarray(index.sentence_vectors[row], dtype=np.float32) for row in rows)
        return float(a @ b / max(float(np.linalg.norm(a) * np.linalg.norm(b)), 1e-12))
    return likeness
