"""What the store keeps and answers with: the history modes, a vote's outcome, and an answer's record.

Plain values, shared by the store (``bot.store.db``) and the history that fills it (``bot.history``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class HistoryMode(Enum):
    FULL = "full"  # questions, answers and votes
    ANONYMIZED = "anonymized"  # the same without the question text (nor what a follow-up searched for)
    OFF = "off"  # nothing is stored


class VoteOutcome(Enum):
    RECORDED = "recorded"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    UNKNOWN_ANSWER = "unknown"  # pruned, or never recorded


@dataclass(frozen=True)
class PartRecord:
    """One question of a message asking several, and whether it was answered: the report counts it as a
    question of its own (a declined one is a knowledge gap though the reply answered the others)."""

    question: str
    answered: bool
    expanded: bool = False
    searched_for: str | None = None


@dataclass(frozen=True)
class AnswerRecord:
    id: str
    platform: str
    conversation: str | None
    question: str
    answered: bool
    cited: list[dict[str, Any]]
    index_build: str
    searched_for: str | None = None
    quote: str | None = None
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    place: str | None = None  # the server or workspace asked in (``Actor.home``); None in DMs and locally
    # A follow-up searched with words from earlier turns (the report counts them). None: whenever
    # ``searched_for`` is set, as before mended spelling set it too.
    expanded: bool | None = None
    # The questions of a message asking several, each answered on its own; empty when it asked one.
    parts: list[PartRecord] = field(default_factory=list)
