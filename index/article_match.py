"""Which indexed articles a moderator's words name: what Discord's autocomplete on /remove-article offers while
they type, and what ``index remove`` and /remove-article suggest for a name that matches no article.

Removal takes an article's id or file name, and a moderator remembers its headline: ``index remove "Koo
crosses"`` was told only the ids spelled most like "Koo crosses", none of them the Koo article. The same
matching as the autocomplete's, written once here: every word typed in the id, title or source, in any case.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from index import store

# Around a word as typed, not part of it: "crosses," and "“Koo" name "crosses" and "Koo".
_AROUND = "\"'“”‘’«»,.;:!?()[]"


class Listed(Protocol):
    """An article as a moderator picks it: ``retrieval.types.SourceInfo`` and ``IndexedArticle`` alike."""

    @property
    def doc_id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def source(self) -> str | None: ...

    @property
    def date(self) -> str | None: ...


L = TypeVar("L", bound=Listed)


@dataclass(frozen=True)
class IndexedArticle:
    doc_id: str
    title: str
    source: str | None
    date: str | None
    url: str | None = None


def _words(typed: str) -> list[str]:
    return [w for w in (word.strip(_AROUND) for word in typed.casefold().split()) if w]


def matching(articles: Sequence[L], typed: str) -> list[L]:
    """The articles holding every word of ``typed`` (anywhere in the id, title or source, in any case), those
    whose id starts with it first, then the newest; all of them, newest first, before anything is typed.

    When none holds every word, those holding the most of them, at least half: "Koo crossed" names the article
    titled "Koo crosses 3 million users" by "koo", where a word misremembered had left nothing to offer."""
    words = _words(typed)
    start = typed.strip().casefold()

    def held(article: L) -> int:
        text = f"{article.doc_id} {article.title} {article.source or ''}".casefold()
        return sum(word in text for word in words)

    counts = {article.doc_id: held(article) for article in articles}
    most = max(counts.values(), default=0)
    wanted = len(words) if most == len(words) else max(most, math.ceil(len(words) / 2), 1)
    found = [a for a in articles if counts[a.doc_id] >= wanted]
    found.sort(key=lambda a: a.doc_id)
    found.sort(key=lambda a: a.date or "", reverse=True)
    found.sort(key=lambda a: not (start and a.doc_id.casefold().startswith(start)))
    return found


def indexed_articles(index_dir: Path) -> list[IndexedArticle]:
    """The live index's articles (its ``docs.jsonl``, without loading vectors); none when there is no index or
    it can't be read: a suggestion is a courtesy, never a reason for a removal to fail."""
    live = store.live_dir(index_dir)
    if live is None:
        return []
    try:
        rows = store.read_jsonl(live / store.DOCS)
    except (OSError, ValueError):
        return []
    return [IndexedArticle(str(r["doc_id"]), str(r.get("title") or ""), r.get("source"), r.get("date"), r.get("url"))
            for r in rows if isinstance(r, dict) and r.get("doc_id")]
