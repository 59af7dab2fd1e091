"""Small bounded memories for the event handlers.

Threads the bot answered in are remembered so follow-ups there need no new mention; messages already
handled are remembered because one message can arrive twice (``app_mention`` and ``message.*`` for the
same post, or a retry from Slack). Both are bounded so a long-running bot's memory stays flat; forgetting
an old thread only means the next follow-up there needs a mention again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable


class BoundedSet:
    """Insertion-ordered set that forgets its oldest entries beyond ``max_entries``."""

    def __init__(self, max_entries: int) -> None:
        self._max = max_entries
        self._items: OrderedDict[Hashable, None] = OrderedDict()

    def add(self, item: Hashable) -> None:
        self._items[item] = None
        self._items.move_to_end(item)
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    def claim(self, item: Hashable) -> bool:
        """Add ``item``; False if it was already there (someone else is handling it)."""
        if item in self._items:
            return False
        self.add(item)
        return True

    def discard(self, item: Hashable) -> None:
        self._items.pop(item, None)

    def __contains__(self, item: object) -> bool:
        return item in self._items

    def __len__(self) -> int:
        return len(self._items)
