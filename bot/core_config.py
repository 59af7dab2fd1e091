"""What the command core is configured with: plain values, so tests and wiring build it without settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from index.fetch_types import FetchOptions


@dataclass(frozen=True)
class CoreConfig:
    corpus_dir: Path
    index_dir: Path
    model: str
    max_article_bytes: int = 1_000_000
    max_question_chars: int = 1000
    fetch: FetchOptions = field(default_factory=FetchOptions)  # articles added by URL
    rate_limit_per_minute: float = 5.0  # per user; 0 turns the limit off
    rate_limit_burst: int = 3
    max_in_flight: int = 64  # questions per process; more are told to try again in a moment
