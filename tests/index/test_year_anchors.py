"""A yearless date's year anchor, looked up in the indexed anchors, is the one the scan of every anchor chose."""

from __future__ import annotations

import random
from datetime import date

from index.chunking import Span
from index.dates import Mention
from index.mention_dates import Located, _year_anchor
from index.year_anchors import Anchor, Anchors


def _scanned(item: Located, doc_date: date | None, anchors: list[Anchor]) -> tuple[date, str] | None:
    """The lookup as it was: every anchor of the article read for every yearless date."""
    dated = [(abs(offset - item.offset), a, p, day) for offset, a, p, day in anchors]
    same = [(dist, a) for dist, a, p, day in dated if p == item.paragraph and (day or a.month == item.mention.month)]
    if same:
        return min(same)[1], "nearby"
    if doc_date is not None:
        return doc_date, "article"
    return (min((dist, a) for dist, a, _, _ in dated)[1], "nearby") if dated else None


def test_the_indexed_lookup_picks_what_the_scan_picked() -> None:
    rng = random.Random(5)
    for _ in range(300):
        # Few offsets and paragraphs, so ties in distance (either side, and at one offset) are common.
        anchors = [(rng.randrange(0, 60), date(rng.choice([2019, 2020, 2021]), rng.randrange(1, 13), 1),
                    rng.randrange(0, 4), rng.random() < 0.5) for _ in range(rng.randrange(0, 12))]
        anchors.sort(key=lambda a: a[0])
        indexed = Anchors(anchors)
        for _ in range(10):
            month = rng.randrange(1, 13)
            item = Located(Mention(0, 5, "March 3", "day", month=month, day=3), Span(0, 10),
                           rng.randrange(0, 60), rng.randrange(0, 5))
            doc_date = rng.choice([None, date(2021, 2, 10)])
            assert _year_anchor(item, doc_date, indexed) == _scanned(item, doc_date, anchors)
            assert _year_anchor(item, doc_date, anchors) == _scanned(item, doc_date, anchors)  # a plain list too


def test_no_anchor_and_no_date_is_no_year() -> None:
    item = Located(Mention(0, 5, "March 3", "day", month=3, day=3), Span(0, 10), 4, 0)
    assert Anchors().nearest(4) is None
    assert _year_anchor(item, None, Anchors()) is None
