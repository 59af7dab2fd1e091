"""A conversation moved to its thread while the store was down keeps its earlier turns: the store moves them when it
is back, before the turns it missed are written. They stayed under the old key, and the thread's follow-ups,
once the outage was over, were answered as if asked alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.store.shared import SharedStore
from bot.store_turns import StoreTurns
from retrieval.turns import Turn
from tests.bot.fake_clock import FakeClock


class Down(SharedStore):
    """A store that fails every call as an unreachable database does while ``down``."""

    down = False

    def _check(self) -> None:
        if self.down:
            raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection refused"))

    def add_turn(self, *args: Any, **kwargs: Any) -> None:
        self._check()
        super().add_turn(*args, **kwargs)

    def rename_turns(self, old: str, new: str, keep: int | None = None) -> None:
        self._check()
        super().rename_turns(old, new, keep)

    def turns(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return super().turns(*args, **kwargs)


def _questions(memory: StoreTurns, key: str) -> list[str]:
    context = memory.context(key)
    return [t.question for t in context.turns] if context else []


def test_a_rename_the_store_missed_is_made_when_it_is_back(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Down(f"sqlite:///{tmp_path / 'bot.db'}")
    memory = StoreTurns(store, clock=clock.time)
    memory.remember("slack:channel:C1:1", Turn("how many accounts were blocked?"))  # stored
    store.down = True
    memory.rename("slack:channel:C1:1", "slack:thread:C1:1")  # the answer opened a thread: missed
    memory.remember("slack:thread:C1:1", Turn("and who ordered it?"))  # kept in memory
    clock.advance(11)
    store.down = False
    # Another replica, or this one after a restart, reads the store alone: both turns are under the thread.
    fresh = StoreTurns(store, clock=clock.time)
    assert _questions(memory, "slack:thread:C1:1") == ["how many accounts were blocked?", "and who ordered it?"]
    assert _questions(fresh, "slack:thread:C1:1") == ["how many accounts were blocked?", "and who ordered it?"]
    assert _questions(fresh, "slack:channel:C1:1") == []
    store.close()


def test_moved_twice_during_an_outage_the_store_moves_it_once_from_where_it_has_it(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Down(f"sqlite:///{tmp_path / 'bot.db'}")
    memory = StoreTurns(store, clock=clock.time)
    memory.remember("a", Turn("who is the IT minister?"))
    store.down = True
    memory.rename("a", "b")
    memory.rename("b", "c")
    clock.advance(11)
    store.down = False
    memory.remember("c", Turn("when did he say that?"))
    fresh = StoreTurns(store, clock=clock.time)
    assert _questions(fresh, "c") == ["who is the IT minister?", "when did he say that?"]
    assert _questions(fresh, "a") == [] and _questions(fresh, "b") == []
    store.close()


def test_a_late_rename_keeps_what_another_replica_wrote_under_the_new_key(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Down(f"sqlite:///{tmp_path / 'bot.db'}")
    a, b = StoreTurns(store, clock=clock.time), StoreTurns(store, clock=clock.time)
    a.remember("channel", Turn("how many accounts were blocked?"))
    store.down = True
    a.rename("channel", "thread")  # missed by the store
    clock.advance(11)
    store.down = False
    b.remember("thread", Turn("and who ordered it?"))  # another replica, with the store back
    a.remember("thread", Turn("when?"))  # the late rename, then this turn
    assert _questions(StoreTurns(store, clock=clock.time), "thread") == [
        "how many accounts were blocked?", "and who ordered it?", "when?"]
    store.close()


class Refusing(Down):
    """A database that answers, and refuses the rename (a constraint, a bug): not an outage."""

    refuse = False

    def rename_turns(self, old: str, new: str, keep: int | None = None) -> None:
        if self.refuse:
            raise sa.exc.IntegrityError("UPDATE conversation_turns", {}, Exception("constraint failed"))
        super().rename_turns(old, new, keep)


def test_a_late_rename_the_database_refuses_is_dropped_and_the_turns_still_written(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Refusing(f"sqlite:///{tmp_path / 'bot.db'}")
    memory = StoreTurns(store, clock=clock.time)
    memory.remember("channel", Turn("how many accounts were blocked?"))
    store.down = True
    memory.rename("channel", "thread")
    clock.advance(11)
    store.down, store.refuse = False, True
    memory.remember("thread", Turn("and who ordered it?"))
    memory.remember("thread", Turn("when?"))
    assert _questions(StoreTurns(store, clock=clock.time), "thread") == ["and who ordered it?", "when?"]
    store.close()
