"""A build's last question before it publishes: does it still hold the lock it started under?

The replicas' build lock (PostgreSQL's advisory lock, ``bot.build_lock``) belongs to one database session. When
that session ends mid-build (the server restarted, an idle timeout, a terminated backend), the lock goes with it,
another replica may take it and build, and this build carries on unaware: publishing it would swap in an index
built under no lock, over or under the other replica's. The caller that took the lock says how to ask (``index``
knows no database); the index's own file lock, held by this process until it lets go, can't be lost so and
passes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

# Why the build no longer holds its lock, in words a moderator may read (no server, no address); None while it
# does. Asked once, just before the atomic swap.
LockCheck = Callable[[], str | None]


class LockLost(RuntimeError):
    """The build lost its lock before publishing: nothing of it was published (its folder is removed), the
    previous index keeps serving, and whoever holds the lock now builds what is current."""


def confirm(still_held: LockCheck | None) -> None:
    """Raise ``LockLost`` unless the build still holds its lock (or has none that can be lost)."""
    why = None if still_held is None else still_held()
    if why is not None:
        raise LockLost(f"the build lost its lock before publishing ({why}), so nothing of it was published and the "
                       "previous index is still being used")
