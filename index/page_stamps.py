"""The day a saved or fetched page prints over its story when its metadata gives none.

htmldate reads a page's metadata and its date lines, but not every way a news site prints a day: an AP-style
abbreviation with its point ("Updated: Feb. 13, 2021 10:40 a.m.", "Sept. 3, 2021") or a zone between the day and
the time ("Updated: Feb 13, 2021 (IST) 10:40") gave no date, and trafilatura leaves that line out of the story as
page furniture. The article was then dated by an estimate from its text, months off when the story recalls an
older day ("protesting since 26 November"). Such a line is read here as a copied page's stamp line is
(``index.stamps``), among the page's blocks above the story's first paragraph only: a sidebar's or a comment's
day further down the page is not the story's.
"""

from __future__ import annotations

from collections.abc import Iterable

from index.stamps import STAMP_CHARS, stamp

# The elements a page prints its line of facts in; a container's text ("<div class="meta">By … | <time>…</time>")
# is read as one line too, as a copied page's line of facts is.
_BLOCKS = frozenset({"p", "div", "span", "time", "small", "li", "dd", "address", "header", "h2", "h3", "h4", "h5",
                     "h6", "td", "section"})
# A longer block is the story's or a menu's text, no stamp: ``stamp`` refuses it too, this spares the reading.
_MAX_CHARS = 5 * (STAMP_CHARS + 3)
# How much of the story's first paragraph marks where it begins: trafilatura squeezes its spaces, as this does.
_START_CHARS = 60


def _text(element: object) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


def head_stamp(elements: Iterable[object], story_start: str) -> str | None:
    """The day (YYYY-MM-DD) a stamp line among ``elements`` (a page's tree in document order) gives above the
    block that ``story_start`` (the story's first paragraph, as extracted) opens, or in it; None when there is
    none, or when the story's start is never met (the head can't be told from the rest of the page). A day in
    figures that reads two ways ("10/02/2021") is not read: nothing on the page tells which."""
    start = " ".join(story_start.split())[:_START_CHARS]
    if not start:
        return None
    found: str | None = None
    for element in elements:
        if str(getattr(element, "tag", "")).lower() not in _BLOCKS:
            continue
        text = _text(element)
        if found is None and text and len(text) <= _MAX_CHARS and (read := stamp(text)) is not None:
            found = read[0]  # the story's own first line may be its stamp, when the extractor kept it
        if text.startswith(start):
            return found
    return None
