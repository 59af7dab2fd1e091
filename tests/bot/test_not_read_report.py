"""Files a build does not read for their kind are reported apart from unreadable articles: a leftover ``koo.pdf``
beside a removed ``koo.txt`` made the removal read "no longer indexed, as its file can't be read", and a chat
reply listed every such file, however many."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.results import IndexChange

TEXT = ("Harbour board names new chair\n\nThe harbour board of Velmora chose Ines Darrow as its chair on Tuesday, "
        "after a vote of seven to two. She said the port would publish its accounts every quarter.\n")


def test_removing_an_article_beside_a_file_of_its_name_that_is_not_read(
        env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    corpus, _ = env
    (corpus / "harbour.txt").write_text(TEXT)
    assert main(["index", "build"]) == 0
    (corpus / "harbour.pdf").write_bytes(b"%PDF-1.4 not really")
    capsys.readouterr()
    assert main(["index", "remove", "harbour"]) == 0
    out = capsys.readouterr().out
    assert "removed: harbour" in out and "can't be read" not in out
    assert "Skipped harbour.pdf: a PDF" in out


def test_a_chat_reply_names_a_few_files_not_read_and_counts_the_rest() -> None:
    report = {"unchanged": True, "docs": 4, "chunks": 26,
              "not_read": [{"file": f"page{n}.html", "reason": "a saved web page"} for n in range(7)]}
    text = IndexChange("reindex", report).summary(max_ids=3)
    assert "page2.html" in text and "page3.html" not in text
    assert "4 more files not read (index status names them)" in text
    assert "page6.html" in IndexChange("reindex", report).summary()
