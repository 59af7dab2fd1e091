"""``index add`` of a text too short to quote from: refused with the reason, and ``--force`` (which adds a second
copy of an indexed article's address or text) does not take it; the corpus folder is how a moderator adds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def test_a_two_word_article_is_refused_even_with_force(
        env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, _ = env
    row = tmp_path / "row.txt"
    row.write_text("Twitter row.\n")
    for given in ([str(row)], [str(row), "--force"]):
        assert main(["index", "add", *given]) == 1
        said = capsys.readouterr()
        assert "Refused row.txt: too little text to quote (2 words, and no sentence of 6 words" in said.err
        assert "--force" not in said.err  # no hint to force it: --force is for copies
    assert not (corpus / "row.txt").exists()
