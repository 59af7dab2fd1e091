"""A page's headline when the title the extractor gives is the site's name.

trafilatura titles a page by its metadata (``og:title``), else its ``<title>``, else its ``<h1>``. A government
portal's or an institution's page often has neither metadata nor an ``<h1>``, and its ``<title>`` is the site's
name ("Press Information Bureau"): the article was titled and cited by the site's name, and its headline (an
``<h2>``) was kept as the story's first paragraph, quoted as a sentence. Being taken for the story's start, it
also hid the stamp line printed under it ("Posted On: 10 FEB 2021 7:08PM by …", ``index.page_stamps``), and the
release was dated by an estimate from its text. Here the headline is the heading that opens the story as extracted
(under at most a few short lines, an office's name), when the title is printed in the page's own furniture (its
masthead, navigation or footer, the copyright line) and is no heading of the story."""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADINGS = ("h1", "h2", "h3")
_SITE_TAGS = frozenset({"header", "footer", "nav"})
# A page laid out with <div>s names its masthead and footer by class or id.
_SITE_CLASS = re.compile(r"(?:^|[\s_-])(?:site|masthead|logo|brand(?:ing)?|header|footer|top-?bar)(?:$|[\s_-])",
                         re.IGNORECASE)


def _text(element: object) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


def _is_site_part(element: object) -> bool:
    tag = str(getattr(element, "tag", "")).lower()
    get = getattr(element, "get", None)
    named = f"{get('class') or ''} {get('id') or ''}" if get is not None else ""
    return tag in _SITE_TAGS or _SITE_CLASS.search(named) is not None


# The headline may come under a few short lines the extractor kept over it: the issuing office's name, a label.
HEAD_LINES = 3


def page_headline(tree: object, title: str | None, paragraphs: Sequence[str]) -> int | None:
    """Which of the story's first paragraphs is its headline (a heading of the page, ``tree``), when ``title`` is
    the site's name, printed in the page's masthead, navigation or footer outside that heading; else None."""
    if not title or title in paragraphs[:HEAD_LINES]:
        return None
    headings = {_text(h): h for h in tree.iter(*_HEADINGS)}  # type: ignore[attr-defined]
    number = next((i for i, text in enumerate(paragraphs[:HEAD_LINES]) if text in headings), None)
    if number is None:
        return None
    around = set(headings[paragraphs[number]].iterancestors())  # an article's own <header> holds its headline
    named = title.casefold()
    return number if any(
        element not in around and _is_site_part(element) and named in _text(element).casefold()
        for element in tree.iter()  # type: ignore[attr-defined]
    ) else None
