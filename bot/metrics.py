"""Prometheus metrics: what an operator needs to see the bot is answering, how fast, and what it refuses.

Metrics are process-wide (prometheus-client's default registry), like the process they describe. Label
values come from small fixed sets (platforms, commands, outcomes, logger names), never from user text,
so the number of series stays bounded however long the bot runs. The names are listed in the README.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

from bot.results import Notice
from retrieval.types import Answer

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
BUILD_BUCKETS = (0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0)

QUESTIONS = Counter(
    "dispute_bot_questions", "Questions and other read commands handled, by outcome",
    ["command", "platform", "outcome"],
)
LATENCY = Histogram(
    "dispute_bot_question_seconds", "Time from a question reaching the core to its result",
    ["command"], buckets=LATENCY_BUCKETS,
)
IN_FLIGHT = Gauge("dispute_bot_questions_in_flight", "Questions being answered right now")
RATE_LIMITED = Counter(
    "dispute_bot_rate_limited", "Questions refused by the per-user rate limit (notified or dropped)",
    ["platform", "notified"],
)
VOTES_LIMITED = Counter(
    "dispute_bot_votes_rate_limited", "Feedback clicks refused by the per-user vote limit (each told to slow down)",
    ["platform"],
)
BUILDS = Counter("dispute_bot_builds", "Index builds started from chat, by action and outcome", ["action", "outcome"])
BUILD_SECONDS = Histogram("dispute_bot_build_seconds", "Duration of index builds started from chat", ["action"],
                          buckets=BUILD_BUCKETS)
INDEX_ARTICLES = Gauge("dispute_bot_index_articles", "Articles in the live index")
INDEX_CHUNKS = Gauge("dispute_bot_index_chunks", "Chunks in the live index")
READY = Gauge("dispute_bot_ready",
              "1 once the index is loaded and the encoder warm; 0 while starting, while it can't load, or stopping")
ERRORS = Counter("dispute_bot_errors", "Log records at ERROR or above, by logger", ["logger"])
DUPLICATES = Counter("dispute_bot_duplicate_events", "Platform events dropped as already handled (retries)",
                     ["platform"])
STORE_UP = Gauge("dispute_bot_store_up",
                 "1 while this replica's database answers; 0 during an outage (it decides alone) or with no database")
STORE_SKIPPED = Counter("dispute_bot_store_writes_skipped",
                        "Store calls not made during a database outage (kept in memory or decided alone), by what",
                        ["what"])


def outcome(result: object) -> str:
    """A bounded label for a core result: answered, declined, or the kind of notice."""
    if isinstance(result, Notice):
        return result.kind.value
    if isinstance(result, Answer) and not result.answered:
        return "declined"
    return "answered"


def platform_of(actor: object) -> str:
    return str(getattr(actor, "platform", None) or "cli")


class ErrorCounter(logging.Handler):
    """Counts ERROR records as they are logged, so every logged failure shows up in ``/metrics``."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        ERRORS.labels(record.name.split(".")[0] if record.name else "root").inc()


_error_counter = ErrorCounter()


def count_logged_errors() -> None:
    """Idempotent: attach the counter to the root logger once."""
    root = logging.getLogger()
    if _error_counter not in root.handlers:
        root.addHandler(_error_counter)


class IndexGauges:
    """Articles and chunks of the live index, read when scraped from the manifest of the build the ``index``
    symlink points at. The manifest is read again only when another build goes live (a CLI ``index add``
    while the bot runs included), so a scrape costs one ``readlink``."""

    def __init__(self, live_folder: Callable[[], Path | None], counts: Callable[[], tuple[int, int]]) -> None:
        self._live_folder = live_folder
        self._counts = counts
        self._seen: tuple[Path | None, tuple[float, float]] = (None, (float("nan"), float("nan")))
        self._lock = threading.Lock()

    def current(self) -> tuple[float, float]:
        try:
            folder = self._live_folder()
            with self._lock:
                if folder is None:
                    return float("nan"), float("nan")
                if folder != self._seen[0]:
                    docs, chunks = self._counts()
                    self._seen = (folder, (float(docs), float(chunks)))
                return self._seen[1]
        except Exception:  # a scrape never fails because an index is half-written or missing
            return float("nan"), float("nan")


def watch_index(gauges: IndexGauges) -> None:
    """Point the index gauges at ``gauges`` (the last command core built wins; a process has one)."""
    INDEX_ARTICLES.set_function(lambda: gauges.current()[0])
    INDEX_CHUNKS.set_function(lambda: gauges.current()[1])


def watch_store(answers: Callable[[], bool]) -> None:
    """Point ``dispute_bot_store_up`` at ``answers`` (the last command core built wins, as for the index). An
    outage ends at the next store call that succeeds (a question, a vote, the periodic prune): a scrape asks
    nothing of the database, so that it never waits on one that drops packets."""
    STORE_UP.set_function(lambda: 1.0 if answers() else 0.0)


def exposition() -> tuple[bytes, str]:
    """The body and content type of ``/metrics``."""
    return generate_latest(), CONTENT_TYPE_LATEST
