"""An error the database answers with (a constraint, a bug) fails its own call only: before, any SQLAlchemy
error started the 10 s back-off, so one failed write made the whole process decide alone (claims and rate limits
per replica, answers without vote buttons, votes refused as if the database were down)."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from bot.store_breaker import Breaker, StoreDown


def _integrity() -> None:
    raise sa.exc.IntegrityError("INSERT INTO answers ...", {}, Exception("UNIQUE constraint failed: answers.id"))


def _unreachable() -> None:
    raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection refused"))


def test_an_answered_error_fails_its_call_and_leaves_the_store_in_use(caplog: pytest.LogCaptureFixture) -> None:
    breaker = Breaker(clock=lambda: 100.0)
    with caplog.at_level(logging.ERROR, logger="bot.shared_state"), pytest.raises(StoreDown):
        breaker.call(_integrity, "save an answer")
    asked: list[str] = []
    assert breaker.call(lambda: asked.append("claim") or "claimed", "claim an event") == "claimed"
    assert asked == ["claim"] and breaker.down_for is None and breaker.reason is None
    assert "could not save an answer" in caplog.text and "can't be reached" not in caplog.text


def test_an_unreachable_database_still_starts_the_back_off() -> None:
    breaker = Breaker(clock=lambda: 100.0)
    with pytest.raises(StoreDown):
        breaker.call(_unreachable, "save an answer")
    asked: list[str] = []
    with pytest.raises(StoreDown):
        breaker.call(lambda: asked.append("claim"), "claim an event")
    assert asked == [] and breaker.down_for == 0.0 and breaker.reason == "connection refused"
