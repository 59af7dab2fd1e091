"""Is a page being added already in the corpus? By address, or by text that is nearly the same.

Addresses are compared after normalising what does not change the page: scheme, a leading ``www.``, the
default port, a trailing slash, the fragment, tracking parameters (``utm_*``, ``fbclid`` …) and the order
of the query. Texts are compared by the Jaccard similarity of their sets of 4-word shingles (Broder's
resemblance), on case-folded words without punctuation: a syndicated copy or a re-extraction with a
different header scores near 1, two reports of the same event in their own words score far below. Page
furniture (menus, a cookie banner, links to other stories: ``index.furniture``) is no part of either, and a
text that holds nearly all of the other's phrases (containment) is the other with some lines more: the page
saved as text, with its headline, byline and captions, of a story added from its saved ``.html``, which shared
52% of its phrases with it and was added as a second article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit

from index.furniture import story_text

if TYPE_CHECKING:  # ``index.documents`` asks this module for an address without its tracking parameters
    from index.documents import Document

SHINGLE_WORDS = 4
NEAR_DUPLICATE = 0.8
# One text holding this share of the other's phrases is that text with lines added, when it is at most
# ``CONTAINED_SIZE`` times as long: a longer report that quotes a short statement whole is another article.
CONTAINED = 0.9
CONTAINED_SIZE = 2.0
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|smid|igshid)$", re.I)
_WORD = re.compile(r"\w+")


def normalise_url(url: str) -> str:
    """The parts of an address that decide which page it is (see the module docstring)."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = parts.port
    except ValueError:
        return url.strip()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    netloc = host if port in (None, default) else f"{host}:{port}"
    query = sorted(_untracked(parts.query))
    path = parts.path.rstrip("/") or "/"
    return f"{netloc}{path}" + (f"?{urlencode(query)}" if query else "")


def _untracked(query: str) -> list[tuple[str, str]]:
    """A query's parameters, in order, without those that only say where a reader came from."""
    return [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not tracking(k)]


def tracking(key: str) -> bool:
    """Whether a query parameter only says where a reader came from (``utm_source``, ``fbclid`` …)."""
    return _TRACKING.match(key) is not None


def without_tracking(url: str) -> str:
    """``url`` without its tracking parameters, the rest exactly as written: an article's link as stored and
    cited. A story shared from Twitter ("…?utm_source=twitter&utm_medium=social") was cited with them, a link
    longer than the story's own that reports every reader's click to the campaign."""
    head, mark, rest = url.partition("?")
    if not mark:
        return url
    query, hash_mark, fragment = rest.partition("#")
    parts = query.split("&")
    kept = [part for part in parts if part and not tracking(unquote_plus(part.partition("=")[0]))]
    if len(kept) == len([part for part in parts if part]):
        return url
    return head + (f"?{'&'.join(kept)}" if kept else "") + hash_mark + fragment


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def resemblance(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets (0 for two empty texts: nothing to compare)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set's shingles in the other (0 for an empty one, or for two texts of sizes too
    far apart to be one story with lines added: see ``CONTAINED_SIZE``)."""
    small, large = sorted((a, b), key=len)
    if not small or len(large) > CONTAINED_SIZE * len(small):
        return 0.0
    return len(small & large) / len(small)


@dataclass(frozen=True)
class Duplicate:
    doc_id: str
    why: str  # for the moderator: "the same address" or "nearly the same text (93% …)"
    by_address: bool = False  # the same address: the same article, whatever its text (``--force`` replaces it)


class DuplicateFinder:
    """The corpus's addresses and shingle sets; articles accepted in the same batch are added as they go."""

    def __init__(self, docs: Iterable[Document] = ()) -> None:
        self._urls: dict[str, str] = {}
        self._texts: list[tuple[str, frozenset[str]]] = []
        for doc in docs:
            self.add(doc.doc_id, [doc.url] if doc.url else [], doc.text)

    def add(self, doc_id: str, urls: Iterable[str], text: str) -> None:
        for url in urls:
            self._urls.setdefault(normalise_url(url), doc_id)
        self._texts.append((doc_id, shingles(story_text(text))))

    def find(self, urls: Iterable[str], text: str) -> Duplicate | None:
        for url in urls:
            if (doc_id := self._urls.get(normalise_url(url))) is not None:
                return Duplicate(doc_id, "the same address", by_address=True)
        mine = shingles(story_text(text))
        best = max(((resemblance(mine, theirs), doc_id) for doc_id, theirs in self._texts), default=(0.0, ""))
        if best[0] >= NEAR_DUPLICATE:
            return Duplicate(best[1], f"nearly the same text: {best[0]:.0%} of their 4-word phrases are shared")
        held = max(((containment(mine, theirs), doc_id) for doc_id, theirs in self._texts), default=(0.0, ""))
        if held[0] >= CONTAINED:
            return Duplicate(held[1], f"nearly the same text: {held[0]:.0%} of the shorter one's 4-word phrases are "
                                      "in the other")
        return None
