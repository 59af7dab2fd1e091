"""The articles offered while a moderator types an article's id (Discord's autocomplete on /remove-article).

Ids such as ``000_23ab69559cfb75aa`` are what removal takes, and nobody remembers them: a moderator had to run
/sources, find the article and copy its id. Offering the articles whose id, title or source holds every word
typed so far, labelled by title and date, lets them pick it instead. Pure: the command core checks who asks and
reads the index; Discord's limits (25 choices, 100 characters a label and a value) are the defaults here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from index.article_match import matching
from index.kept_articles import restorable
from retrieval.types import SourceInfo

MAX_CHOICES = 25
MAX_CHARS = 100  # a choice's label and its value alike


@dataclass(frozen=True)
class ArticleChoice:
    label: str  # what the moderator reads: title, date, id
    doc_id: str  # what the command receives


def label_of(source: SourceInfo, limit: int = MAX_CHARS) -> str:
    """"Title · 2021-02-10 · id", the title cut at a word to fit: two articles of one title differ by date and
    id, so those are never cut."""
    day = f"~{source.date}" if source.date and source.date_estimated else (source.date or "undated")
    tail = f" · {day} · {source.doc_id}"
    title = " ".join(source.title.split()) or "(untitled)"
    room = limit - len(tail)
    if len(title) > room:
        cut = title[:max(room - 1, 0)]
        title = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:·-") + "…"
    return (title + tail)[:limit]


def article_choices(sources: Sequence[SourceInfo], typed: str, limit: int = MAX_CHOICES) -> list[ArticleChoice]:
    """The articles ``typed`` names (``index.article_match.matching``: every word in the id, title or source,
    ids starting with it first, then the newest). An id longer than a choice's value may be is left out: picked,
    it would arrive cut and match nothing."""
    found = matching([s for s in sources if len(s.doc_id) <= MAX_CHARS], typed)
    return [ArticleChoice(label_of(s), s.doc_id) for s in found[:limit]]


def kept_choices(index_dir: Path, live: set[str], typed: str, limit: int = MAX_CHOICES) -> list[ArticleChoice]:
    """The removed articles a restore can bring back (the newest kept copy of each id not in ``live``), as
    ``article_choices`` offers them. Blocking: reads the kept folder."""
    copies = restorable(index_dir, live)
    return article_choices([SourceInfo(c.doc_id, c.title, c.date, None, None, 0, c.date_estimated) for c in copies],
                           typed, limit)
