"""An article's year anchors (the mentions that carry their own year), indexed for ``_year_anchor``'s lookups.

Each yearless date looked through every anchor of its article, twice: a 1 MB report's 2,500 yearless dates
against as many anchors took 3 s, four times that for twice the text. Indexed by paragraph and by offset,
a lookup reads its own paragraph's anchors and the nearest ones only, and picks exactly what the full scan did.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date

Anchor = tuple[int, date, int, bool]  # offset, point in time, paragraph, whether it names a day


class Anchors(list[Anchor]):
    """The anchors as a list (in the article's order), with their index; not to be changed once made."""

    def __init__(self, anchors: Iterable[Anchor] = ()) -> None:
        super().__init__(anchors)
        self._paragraphs: dict[int, list[Anchor]] = {}
        for anchor in self:
            self._paragraphs.setdefault(anchor[2], []).append(anchor)
        self._by_offset = sorted((offset, point) for offset, point, _, _ in self)
        self._offsets = [offset for offset, _ in self._by_offset]

    def in_paragraph(self, paragraph: int) -> list[Anchor]:
        return self._paragraphs.get(paragraph, [])

    def nearest(self, offset: int) -> date | None:
        """The point of the anchor nearest ``offset``, the earliest point of those as near: ``min`` of
        (distance, point) over all anchors. None without anchors."""
        offsets = self._offsets
        k = bisect_left(offsets, offset)
        distances = [abs(offsets[j] - offset) for j in (k - 1, k) if 0 <= j < len(offsets)]
        if not distances:
            return None
        distance = min(distances)
        # Sorted by (offset, point): the first anchor at an offset has its earliest point.
        return min(self._by_offset[i][1] for at in {offset - distance, offset + distance}
                   if (i := bisect_left(offsets, at)) < bisect_right(offsets, at))
