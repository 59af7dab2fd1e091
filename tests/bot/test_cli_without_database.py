"""The one-shot commands when DATABASE_URL can't be reached: an answer needs no database, so it still comes,
after one warning line on stderr; only what reads the store (``report``) stops, in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.loopback import free_port  # a port with nothing listening (bound, then let go)

QUESTION = "What app is the government promoting as an alternative to Twitter?"


@pytest.fixture(params=["postgresql", "sqlite"])
def no_database(request: pytest.FixtureRequest, env: tuple[Path, Path], tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> str:
    """A PostgreSQL server that is down, or a SQLite file whose folder can't be made (a file is in the way)."""
    if request.param == "postgresql":
        monkeypatch.setenv("DATABASE_URL", f"postgresql+psycopg://bot:secret@127.0.0.1:{free_port()}/bot")
        monkeypatch.setenv("FEEDBACK_HMAC_KEY", "a-key-for-the-votes-of-this-test")
    else:
        (tmp_path / "in-the-way").write_text("not a folder")
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'in-the-way' / 'bot.db'}")
    return str(request.param)


def test_ask_answers_with_one_warning_when_the_database_is_down(no_database: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """It printed "cannot open DATABASE_URL" and exited 1 without an answer."""
    assert main(["ask", QUESTION]) == 0
    out, err = capsys.readouterr()
    assert "Koo" in out and "Sources:" in out
    assert err.count("\n") == 1 and "DATABASE_URL can't be reached" in err and "Traceback" not in err
    assert "secret" not in err
    with pytest.raises(SystemExit) as stopped:  # the report reads the store: it stops, in one line
        main(["report"])
    assert "cannot open DATABASE_URL" in str(stopped.value.code) and not capsys.readouterr().out


def test_ask_json_stays_json_and_sources_answers_too(no_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", QUESTION]) == 0
    out, err = capsys.readouterr()
    assert "Koo" in json.loads(out)["answer"] and "can't be reached" in err
    assert main(["sources"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() and err.count("\n") == 1

