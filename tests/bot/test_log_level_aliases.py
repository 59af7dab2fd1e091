"""``LOG_LEVEL=WARN`` and ``LOG_LEVEL=FATAL``, which older releases passed to logging as it takes them, are read as
the levels they stand for: an upgrade refused a ``.env`` that had worked ("bad setting LOG_LEVEL='WARN'")."""

from __future__ import annotations

import pytest

from bot.settings import Settings


@pytest.mark.parametrize(("written", "level"), [("WARN", "WARNING"), (" warn ", "WARNING"), ("FATAL", "CRITICAL"),
                                                ("fatal", "CRITICAL")])
def test_warn_and_fatal_are_read_as_their_levels(monkeypatch: pytest.MonkeyPatch, written: str, level: str) -> None:
    monkeypatch.setenv("LOG_LEVEL", written)
    assert Settings(_env_file=None).log_level == level  # type: ignore[call-arg]
