"""Follow-up turns over the store that replicas share, kept in this replica too while the store can't be reached.

A follow-up reads the conversation's earlier turns from the store, so it is answered whichever replica it
reaches. While the database was down, every question cost a connect timeout and a log line to remember its
turn, and the next follow-up found nothing: "and who ordered it?" was answered as if asked alone. Now each turn
is also kept in this replica's memory: during an outage (``Breaker``) follow-ups read that, and the turns the
store missed are written to it the next time their conversation is asked about with the store back. A
conversation moved to its thread during the outage (``rename``) is moved in the store then too, before those turns:
its earlier turns stayed under the old key, and the thread's follow-ups never saw them.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from bot.conversations import MAX_CONVERSATIONS, TTL_SECONDS, RecentTurns
from bot.store.shared import SharedStore
from bot.store_breaker import Breaker, StoreDown
from bot.store_pruner import Pruner
from retrieval.turns import MAX_TURNS, FollowupContext, Turn


def _turn(row: dict[str, Any]) -> Turn:
    return Turn(str(row["question"]), tuple(row.get("doc_ids") or ()), tuple(row.get("sentences") or ()),
                bool(row.get("answered", True)),
                str(row["day"]) if row.get("day") else None, str(row["topic"]) if row.get("topic") else None,
                str(row["first_day"]) if row.get("first_day") else None)


class StoreTurns:
    """``ConversationMemory`` over the shared store: the last ``turns`` turns per conversation, for ``ttl``
    seconds; at most ``max_conversations`` × ``turns`` rows in all (and as many turns in this replica)."""

    blocking = True

    def __init__(self, store: SharedStore, turns: int = MAX_TURNS, ttl: float = TTL_SECONDS,
                 max_conversations: int = MAX_CONVERSATIONS, clock: Callable[[], float] = time.time,
                 breaker: Breaker | None = None) -> None:
        self._store = store
        self._turns = turns
        self._ttl = ttl
        self._max = max_conversations
        self._clock = clock
        self._breaker = breaker or Breaker(clock)
        self._pruner = Pruner(lambda now: store.prune_turns(now - ttl, max_conversations * turns),
                              "conversation turns", clock, self._breaker)
        self._here = RecentTurns(turns, ttl, max_conversations, clock)  # what follow-ups read during an outage
        self._unsaved: OrderedDict[str, deque[tuple[float, Turn]]] = OrderedDict()  # not yet in the store
        self._moved: OrderedDict[str, str] = OrderedDict()  # new key -> old key: renames the store missed
        self._lock = threading.Lock()

    def _save(self, key: str) -> None:
        """Write the conversation's turns the store missed, oldest first, after the rename it missed, if any;
        raises ``StoreDown`` if it still can't."""
        with self._lock:
            old = self._moved.get(key)
        if old is not None:
            try:  # joined to what the store has under ``key`` by now: another replica may have written there
                self._breaker.call(lambda: self._store.rename_turns(old, key, self._turns),
                                   "move a conversation's turns")
            except StoreDown:
                if self._breaker.backing_off:
                    raise  # unreachable: tried again with the next turn
                # The database refused it (logged by the breaker): trying again each turn would not help.
            with self._lock:
                if self._moved.get(key) == old:
                    del self._moved[key]
        with self._lock:
            pending = list(self._unsaved.get(key, ()))
        if not pending:
            return
        cutoff = self._clock() - self._ttl
        written: list[tuple[float, Turn]] = []  # each turn as its own write lands: a failure half-way through
        # left the ones already written pending, and the next save wrote them again (a follow-up saw them twice)

        def write() -> None:
            for when, turn in pending:
                if when >= cutoff:
                    self._store.add_turn(key, asdict(turn), when, self._turns)
                written.append((when, turn))

        try:
            self._breaker.call(write, "remember a conversation turn")
        finally:
            with self._lock:
                left = self._unsaved.get(key)
                while left and written and left[0] == written[0]:
                    left.popleft()
                    written.pop(0)
                if left is not None and not left:
                    del self._unsaved[key]

    def context(self, key: str) -> FollowupContext | None:
        try:
            self._save(key)
            rows = self._breaker.call(lambda: self._store.turns(key, self._clock() - self._ttl, self._turns),
                                      "read a conversation's turns")
        except StoreDown:
            return self._here.context(key)
        turns = [_turn(r) for r in rows]
        return FollowupContext(tuple(turns)) if turns else None

    def remember(self, key: str, turn: Turn) -> None:
        self._pruner.maybe()
        self._here.remember(key, turn)
        with self._lock:
            pending = self._unsaved.get(key)
            if pending is None:
                pending = self._unsaved[key] = deque(maxlen=self._turns)
            pending.append((self._clock(), turn))
            self._unsaved.move_to_end(key)
            while len(self._unsaved) > self._max:
                self._unsaved.popitem(last=False)
        with contextlib.suppress(StoreDown):  # else kept here, and written with the conversation's next turn
            self._save(key)

    def rename(self, old: str, new: str) -> None:
        self._here.rename(old, new)
        with self._lock:
            pending = self._unsaved.pop(old, None)
            if pending is not None:
                self._unsaved[new] = pending
            earlier = self._moved.pop(old, None)  # moved twice during one outage: from where the store has it
        try:
            self._breaker.call(lambda: self._store.rename_turns(earlier or old, new), "move a conversation's turns")
        except StoreDown:
            with self._lock:
                self._moved[new] = earlier or old
                while len(self._moved) > self._max:
                    self._moved.popitem(last=False)
