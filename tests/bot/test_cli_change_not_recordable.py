"""An index change at the command line whose record ``DATABASE_URL`` could never take is refused before any
work: it was made (a full rebuild, an add's embedding) and only an ERROR line said the history lost it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

ARTICLE = """---
title: A regulator's note on platform orders
date: 2021-02-20
url: https://example.org/regulator-note
source: Example News
---
# A regulator's note on platform orders

The regulator said on Saturday that platforms must answer blocking orders within 36 hours, and that it had
sent 14 notices in the month. Officials said the notices covered accounts accused of spreading false claims
about the farm laws, and that two platforms had asked for more time to reply to them.
"""


def _published(index_dir: Path) -> set[str]:
    return {path.name for path in index_dir.iterdir()}


@pytest.mark.parametrize("url", ["postgres://bot:secret@127.0.0.1:5432/bot", "sqlite:///{tmp}/missing/bot.db",
                                 "sqlite:///{tmp}/a-file/bot.db"])
def test_build_and_add_are_refused_before_any_work(url: str, env: tuple[Path, Path], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    corpus, index_dir = env
    (tmp_path / "a-file").write_text("in the way")
    monkeypatch.setenv("DATABASE_URL", url.format(tmp=tmp_path))
    before, articles = _published(index_dir), sorted(corpus.iterdir())
    article = tmp_path / "note.md"
    article.write_text(ARTICLE)

    assert main(["index", "build", "--full"]) == 1
    err = capsys.readouterr().err
    assert "nothing was changed" in err and "DATABASE_URL" in err and "secret" not in err
    assert main(["index", "add", "--json", str(article)]) == 1
    refused = json.loads(capsys.readouterr().out)
    assert refused["error"] == "invalid" and "nothing was changed" in refused["message"]
    assert _published(index_dir) == before and sorted(corpus.iterdir()) == articles
    assert not (tmp_path / "missing").exists()


def test_a_usable_url_still_changes_and_records(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "build"]) == 0
    assert main(["index", "history", "--json"]) == 0
    assert "rebuild" in capsys.readouterr().out
