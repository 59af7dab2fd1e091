"""``index add`` refusals that say what to do: a folder, a web address typed without ``https://``, two files of
one name from two folders (named by path), an empty saved page (said to be empty, without the HTML library's
error lines); and a change stopped by Ctrl-C or SIGTERM, which ``index status`` then called a failed build."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.cli import main


def refused(capsys: pytest.CaptureFixture[str], *given: str) -> dict[str, str]:
    assert main(["index", "add", *given, "--json"]) == 1
    return {r["file"]: r["reason"] for r in json.loads(capsys.readouterr().out)["rejected"]}


def test_a_folder_and_an_address_without_its_scheme_are_told_what_to_give(
        env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "saved pages"
    folder.mkdir()
    reasons = refused(capsys, str(folder), "www.example.com/news/story", str(tmp_path / "missing.md"))
    assert reasons[str(folder)] == f"a folder; add the files in it with: .venv/bin/dispute-bot index add '{folder}'/*"
    assert reasons["www.example.com/news/story"] == ("No such file or directory; for a web page give its address "
                                                     "with https://: https://www.example.com/news/story")
    assert reasons[str(tmp_path / "missing.md")] == "No such file or directory"  # a file's name, not an address


def test_two_files_of_one_name_are_named_by_their_paths(
        env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "d1" / "same.txt", tmp_path / "d2" / "same.txt"
    for path, text in ((first, "Twitter restored forty accounts on Friday after a review of the orders."),
                       (second, "The ministry said on Monday that it would meet Twitter officials this week.")):
        path.parent.mkdir()
        path.write_text(text + "\n")
    assert main(["index", "add", str(first), str(second), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["added_doc_ids"] == ["same"]
    [(file, reason)] = [(r["file"], r["reason"]) for r in report["rejected"]]
    assert file == str(second) and f"another file named same.txt is in this add ({first})" in reason


def test_an_empty_saved_page_is_said_to_be_empty(
        env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    with caplog.at_level(logging.WARNING):
        reasons = refused(capsys, str(tmp_path / "empty.html"))
    assert reasons == {"empty.html": "the page is empty (nothing in it to read)"}
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_a_stopped_build_is_called_interrupted_by_status(
        env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import index.builder

    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # what SIGTERM becomes in an index change (``bot.build_signals``)

    with monkeypatch.context() as patched:
        patched.setattr(index.builder, "_build_locked", stopped)
        assert main(["index", "build", "--full"]) == 130
    capsys.readouterr()
    assert main(["index", "status"]) == 0
    out = capsys.readouterr().out
    assert "\nThe last build was interrupted (" in out and "nothing of it was published" in out
    assert "The last build failed" not in out
    assert main(["index", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["last_failure"]["interrupted"] is True


def test_one_file_named_twice_is_added_once_and_nothing_refused(
        env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A glob and a name (``index add *.md koo.md``) give one file twice: it was refused as "another file named …
    rename one", exit code 1, though it was added."""
    story = tmp_path / "twice.txt"
    story.write_text("Twitter restored forty accounts on Friday after a review of the orders.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["index", "add", str(story), "twice.txt", str(story), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["added_doc_ids"] == ["twice"] and report["rejected"] == []
