"""What the command core is configured with: plain values, so tests and wiring build it without settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from index.fetch_types import FetchOptions
from index.kept_articles import Retention


@dataclass(frozen=True)
class CoreConfig:
    corpus_dir: Path
    index_dir: Path
    model: str
    max_article_bytes: int = 1_000_000
    kept: Retention = field(default_factory=Retention)  # removed and replaced articles, for a restore
    max_question_chars: int = 1000
    fetch: FetchOptions = field(default_factory=FetchOptions)  # articles added by URL
    rate_limit_per_minute: float = 5.0  # per user; 0 turns the limit off
    rate_limit_burst: int = 3
    max_in_flight: int = 64  # questions per process; more are told to try again in a moment
    # 👍/👎 clicks per user, a budget of their own (a vote must not cost a question): each click is a write to the
    # store, and nothing else bounded them. Counted in each process (see ``CommandCore.vote``); 0 turns it off.
    vote_limit_per_minute: float = 20.0
    vote_limit_burst: int = 6
    corpus_seed_dir: Path | None = None  # the shipped articles (``CORPUS_SEED_DIR``), for status (bot.lacking_articles)
