"""Turns the store missed during an outage are written once: when the store failed half-way through writing them,
the ones already written stayed pending and were written again, so a follow-up saw a turn twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.store.shared import SharedStore
from bot.store_turns import StoreTurns
from retrieval.turns import Turn
from tests.bot.fake_clock import FakeClock


class Flaky(SharedStore):
    """A store whose next ``failing`` turn writes fail as an unreachable database does."""

    failing: list[bool]

    def add_turn(self, *args: Any, **kwargs: Any) -> None:
        if self.failing and self.failing.pop(0):
            raise sa.exc.OperationalError("INSERT INTO conversation_turns", {}, Exception("connection refused"))
        super().add_turn(*args, **kwargs)


def test_turns_written_before_a_failure_are_not_written_again(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Flaky(f"sqlite:///{tmp_path / 'bot.db'}")
    store.failing = [True]  # down: the first turn is kept in memory only
    memory = StoreTurns(store, clock=clock.time)
    first, second = Turn("who ordered it?"), Turn("and when?")
    memory.remember("c1", first)
    clock.advance(11)  # past the back-off: the store is asked again
    store.failing = [False, True]  # the missed turn lands, then the store fails on the new one
    memory.remember("c1", second)
    clock.advance(11)
    context = memory.context("c1")  # the store is back: what it missed is written
    assert context is not None and [t.question for t in context.turns] == ["who ordered it?", "and when?"]
    store.close()
