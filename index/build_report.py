"""What a build reports: the counts, the articles added, changed and removed, the files skipped or noted, and
where its time went (``index.builder`` fills it; the CLI, the bot and ``index.manage`` show it)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from index.corpus_files import SkippedFile


@dataclass
class BuildReport:
    docs: int
    chunks: int
    sentences: int
    embedded_chunks: int
    reused_chunks: int
    embedded_sentences: int
    removed_docs: list[str]
    added_docs: list[str]
    changed_docs: list[str]
    events: int
    seconds: float
    unchanged: bool
    skipped: list[SkippedFile] = field(default_factory=list)
    # Files indexed, but with something a moderator should fix: a date that can't be read ("2021-02-30").
    notes: list[SkippedFile] = field(default_factory=list)
    faiss_factory: str = ""
    # Seconds per stage: where a build's time went (bench/RESULTS.md has the breakdown of an add).
    stages: dict[str, float] = field(default_factory=dict)
    # Why every file was rebuilt though the articles did not change (the live index could not be read).
    full_because: str = ""
    # Files of the corpus folder a build does not read for their kind (a saved page copied in by hand), apart from
    # ``skipped`` articles: a leftover "koo.pdf" beside a removed "koo.md" made that removal read as unreadable.
    not_read: list[SkippedFile] = field(default_factory=list)
    # The words around each figure, embedded beside the chunks and sentences: a third of a long article's texts.
    embedded_figures: int = 0
    # Title, date and estimated date of each article added, changed or removed, by id (``index.change_titles``).
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "chunks": self.chunks,
            "embedded_chunks": self.embedded_chunks,
            "reused_chunks": self.reused_chunks,
            "removed_docs": len(self.removed_docs),
            "seconds": round(self.seconds, 3),
            "sentences": self.sentences,
            "embedded_sentences": self.embedded_sentences,
            "embedded_figures": self.embedded_figures,
            "events": self.events,
            "added_doc_ids": self.added_docs,
            "changed_doc_ids": self.changed_docs,
            "removed_doc_ids": self.removed_docs,
            "unchanged": self.unchanged,
            "faiss_factory": self.faiss_factory,
            "skipped": [{"file": s.filename, "reason": s.reason} for s in self.skipped],
            "notes": [{"file": n.filename, "note": n.reason} for n in self.notes],
            "stages": {k: round(v, 3) for k, v in self.stages.items()},
            "full_because": self.full_because,
            "not_read": [{"file": s.filename, "reason": s.reason} for s in self.not_read],
            "articles": self.articles,
        }


class Stages:
    """Wall seconds per build stage, for the report."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now
