"""Files copied into the corpus folder in a kind a build does not read (``page.html``, ``notes.text``): each is
named, with why and how to add it, by ``index build`` and ``index status``. A saved page copied in by hand was
left out without a word ("Index already up to date")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main


def test_files_a_build_does_not_read_are_named_on_build_and_status(
        env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    corpus, _ = env
    (corpus / "page.html").write_text("<html><body><p>Twitter restored 40 accounts.</p></body></html>")
    (corpus / "notes.text").write_text("Twitter restored 40 accounts.\n")
    (corpus / ".DS_Store").write_bytes(b"\x00\x01")  # the system's, nobody's article: not named
    assert main(["index", "build"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Index already up to date: 4 articles")
    assert "Skipped page.html: a saved web page, which a build does not read (only .txt and .md files): add " \
           "it with index add" in out
    assert "Skipped notes.text: not an article file" in out and "rename it to .txt" in out
    assert ".DS_Store" not in out
    assert main(["index", "status"]) == 0
    status = capsys.readouterr().out
    assert "Not read from the corpus folder: page.html, a saved web page" in status
    assert "Not read from the corpus folder: notes.text" in status and ".DS_Store" not in status
    assert main(["index", "status", "--json"]) == 0
    assert [f["file"] for f in json.loads(capsys.readouterr().out)["not_read"]] == ["notes.text", "page.html"]
