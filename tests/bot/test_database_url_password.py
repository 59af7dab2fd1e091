"""A DATABASE_URL whose password holds "@" or ":" unencoded is refused without quoting the password."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from bot.settings import Settings
from bot.store.url_check import url_problem

URL = "postgresql+psycopg://bot:p@ss:w0rd@db:5432/bot"


def test_settings_refuse_it_saying_how_to_write_it() -> None:
    """SQLAlchemy read "ss@w0rd@db:5432" as the port and its message, quoted in the refusal, held the password."""
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None, database_url=SecretStr(URL))  # type: ignore[call-arg]
    said = str(refused.value)
    assert "percent-encode" in said and "w0rd" not in said


def test_the_url_check_says_the_same() -> None:
    problem = url_problem(URL)
    assert problem is not None and "percent-encode" in problem and "w0rd" not in problem
