"""What the bot remembers of each conversation: the last few turns, for follow-up questions.

A conversation is a Discord thread or DM, a Slack thread or DM, one terminal session, or the
``dispute-bot ask --json`` lines that carry the same ``"conversation"`` id; adapters name it with a key
such as ``"discord:thread:123"``. ``ConversationMemory`` is the interface the core uses; the in-process
``RecentTurns`` keeps it bounded (least recently used conversations are forgotten first, and turns older
than the time-to-live are dropped), so a long-running bot's memory stays flat. ``StoreTurns``
(``bot.shared_state``) keeps the same interface over the store that replicas share.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Protocol

from retrieval.turns import MAX_TURNS, FollowupContext, Turn

TTL_SECONDS = 3600.0
MAX_CONVERSATIONS = 10_000
# A message pointing at one of the bot's own answers (shared or forwarded back to it) with no words of its own.
# Its text was asked as a question, the answer's quotes and sources searched as if someone had written them.
OWN_ANSWER = ("That is one of my answers: each quote in it is an article's own sentence, with the article's title, "
              "date and link right under it. Ask me about it here (\"when was this?\", \"who ordered it?\") and I "
              "go on from it.")


def with_pointed(context: FollowupContext | None, pointed: str) -> FollowupContext:
    """``context`` with ``pointed``, the words of the message the question points at (a Discord reply to
    someone's post, a forward, a Slack thread's first message), as its latest turn: "@bot when was this?" under
    a claim asks about the claim, and the follow-up rules (``retrieval.followup``) read it so, while a
    question that names something of its own is still answered on its own. That message is no answer of the
    bot's: nothing was cited, and nothing it says is quoted as if from an article."""
    turns = context.turns if context is not None else ()
    return FollowupContext((*turns, Turn(pointed, answered=False)))


class ConversationMemory(Protocol):
    def context(self, key: str) -> FollowupContext | None: ...

    def remember(self, key: str, turn: Turn) -> None: ...

    def rename(self, old: str, new: str) -> None: ...


class RecentTurns:
    """Thread-safe, bounded in-process memory of the last ``turns`` turns per conversation."""

    def __init__(self, turns: int = MAX_TURNS, ttl: float = TTL_SECONDS, max_conversations: int = MAX_CONVERSATIONS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._turns = turns
        self._ttl = ttl
        self._max = max_conversations
        self._clock = clock
        self._lock = threading.Lock()
        self._items: OrderedDict[str, deque[tuple[float, Turn]]] = OrderedDict()

    def _fresh(self, key: str) -> deque[tuple[float, Turn]] | None:
        found = self._items.get(key)
        if found is None:
            return None
        cutoff = self._clock() - self._ttl
        while found and found[0][0] < cutoff:
            found.popleft()
        if not found:
            del self._items[key]
            return None
        return found

    def context(self, key: str) -> FollowupContext | None:
        with self._lock:
            found = self._fresh(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return FollowupContext(tuple(turn for _, turn in found))

    def remember(self, key: str, turn: Turn) -> None:
        with self._lock:
            found = self._fresh(key)
            if found is None:
                found = self._items[key] = deque(maxlen=self._turns)
            found.append((self._clock(), turn))
            self._items.move_to_end(key)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    def rename(self, old: str, new: str) -> None:
        with self._lock:
            found = self._items.pop(old, None)
            if found is not None:
                self._items[new] = found

    def __len__(self) -> int:
        return len(self._items)
