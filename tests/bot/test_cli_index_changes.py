"""``dispute-bot index add|remove|build|history`` run in-process against real indexes: what each change
prints, refuses, and leaves behind when it is stopped or busy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.news_site import NewsSite


def test_index_add_remove_build_json(
    env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "koo.md"
    article.write_text("---\ntitle: Koo\n---\nKoo passed three million downloads in February.\n")
    assert main(["index", "add", str(article), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {"docs", "chunks", "embedded_chunks", "reused_chunks", "removed_docs", "seconds"} <= set(report)
    assert report["docs"] == 5 and report["embedded_chunks"] >= 1 and report["reused_chunks"] >= 20
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    assert main(["index", "add", str(bad), str(tmp_path / "missing.md"), "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)["rejected"]
    assert {r["file"] for r in refused} == {"bad.txt", str(tmp_path / "missing.md")}
    assert main(["index", "remove", "ko.md"]) == 1
    assert "No article with id 'ko.md'" in capsys.readouterr().err  # and the closest ids:
    assert main(["index", "remove", "ko.md", "--json"]) == 1
    assert "did you mean 'koo' (“Koo”)?" in json.loads(capsys.readouterr().out)["message"]
    assert main(["index", "remove", str(article), "--json"]) == 1  # a path is no name
    capsys.readouterr()
    assert main(["index", "remove", "koo.md", "--json"]) == 0  # the name as added
    assert json.loads(capsys.readouterr().out)["removed_docs"] == 1
    assert main(["index", "build", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] is True


def test_removing_an_article_never_indexed_says_so(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """A file put in the corpus folder by hand, removed before any build: the reply was "Index already up to
    date", as if nothing had been removed."""
    corpus, _ = env
    (corpus / "by_hand.md").write_text("---\ntitle: By hand\n---\nKoo passed three million downloads.\n")
    assert main(["index", "remove", "by_hand"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Removed the file from the corpus folder. It had never been indexed") and "4 articles" in out
    assert not (corpus / "by_hand.md").exists()


def test_index_add_urls_and_files(env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  news_site: NewsSite, capsys: pytest.CaptureFixture[str]) -> None:
    page = news_site.page("ledger-second-round.html")
    assert main(["index", "add", page, "--json"]) == 1  # ALLOW_PRIVATE_URLS is off: 127.0.0.1 is refused
    [refused] = json.loads(capsys.readouterr().out)["rejected"]
    assert refused["file"] == page and "127.0.0.1 is a loopback address" in refused["reason"]
    assert news_site.hits == []

    monkeypatch.setenv("ALLOW_PRIVATE_URLS", "true")
    note = tmp_path / "note.md"
    note.write_text("---\ntitle: A note\ndate: 2021-02-13\n---\nTwitter said it had restored 40 accounts.\n")
    assert main(["index", "add", str(note), page, "ftp://ledger.example.org/x", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["docs"] == 6 and report["added_doc_ids"][0] == "note"
    assert report["added_doc_ids"][1].startswith("web-ministry-and-twitter-hold")
    assert [r["file"] for r in report["rejected"]] == ["ftp://ledger.example.org/x"]
    assert "only http and https" in report["rejected"][0]["reason"]

    assert main(["index", "add", page]) == 1
    printed = capsys.readouterr()
    out = printed.err  # a refusal, on stderr as the exit codes promise
    assert printed.out == "" and "Nothing was added." in out
    assert f"Refused {page}: already in the index as web-ministry" in out
    # What --force does with it, said as it is: the same address replaces (an upload's too), not "add it anyway"
    assert "With --force, one at an indexed article's address, or under its file name, replaces that article." in out
    assert main(["index", "add", page, "--force", "--json"]) == 0
    forced = json.loads(capsys.readouterr().out)
    # fetched again into the same file (same address): an update of that article, not a second copy
    assert forced["rejected"] == [] and forced["docs"] == 6 and forced["added_doc_ids"] == []
    # The file records the fetch time to the second: a re-fetch within the same second is byte-identical.
    assert forced["changed_doc_ids"] in ([], [report["added_doc_ids"][1]])


def test_index_refusals_name_the_problem_on_stderr(env: tuple[Path, Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The last article, and a damaged manifest: a traceback before (and the last article was deleted)."""
    corpus, index_dir = env
    *others, last = sorted(p.stem for p in corpus.iterdir())
    for doc_id in others:
        assert main(["index", "remove", doc_id]) == 0
    capsys.readouterr()
    assert main(["index", "remove", last]) == 1
    printed = capsys.readouterr()
    assert printed.out == "" and "only article" in printed.err and "Traceback" not in printed.err
    assert main(["index", "remove", last, "--json"]) == 1
    assert "only article" in json.loads(capsys.readouterr().out)["message"]
    assert [p.stem for p in corpus.iterdir()] == [last]
    (index_dir.resolve() / "manifest.json").write_text("{ not json")
    assert main(["index", "status"]) == 1
    assert "manifest.json cannot be read" in capsys.readouterr().err


def test_a_busy_build_answers_json_on_stdout(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """With --json every reply is a JSON object on stdout; "already running" was plain text on stderr."""
    from bot.index_commands import BUSY
    from index import store

    with store.build_lock(env[1]):
        assert main(["index", "build", "--json"]) == 3
        assert main(["index", "build"]) == 3
    out, err = capsys.readouterr()
    assert json.loads(out) == {"error": "busy", "message": BUSY.removeprefix("dispute-bot: ")}
    assert err.strip() == BUSY


def test_a_sigterm_during_index_add_puts_the_corpus_back(
    env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``timeout`` or a service manager stopping an add left the file in the corpus but not in the index; the
    next build published it unannounced and a retry was refused as a duplicate. It now ends like Ctrl-C."""
    import os
    import signal

    import index.manage

    corpus, _ = env
    before = sorted(p.name for p in corpus.iterdir())

    def terminated(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # delivered to this (main) thread, as `kill` would
        raise AssertionError("the build went on after SIGTERM")

    monkeypatch.setattr(index.manage, "build_locked", terminated)
    article = tmp_path / "koo.md"
    article.write_text("---\ntitle: Koo\ndate: 2021-02-11\n---\nKoo said it crossed three million users.\n")
    handler = signal.getsignal(signal.SIGTERM)
    assert main(["index", "add", str(article)]) == 143  # 128 + SIGTERM's 15; 130 is Ctrl-C's
    assert sorted(p.name for p in corpus.iterdir()) == before
    assert capsys.readouterr().err.startswith("dispute-bot: stopped before the change finished; nothing of it was "
                                              "published")  # it stopped without a word
    assert main(["index", "history", "--limit", "1"]) == 0
    assert "add (koo.md) by cli:" in (out := capsys.readouterr().out) and "failed; interrupted (Ctrl-C" in out, out
    assert signal.getsignal(signal.SIGTERM) == handler  # the command's handler is gone afterwards


def test_index_history_reads_back_every_change_from_the_command_line(
        env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Who added, removed or rebuilt what was said only in the audit log; ``index history`` reads it from the
    store, where chat's changes are recorded too (``tests/bot/test_moderator_changes.py``)."""
    import getpass

    assert main(["index", "history"]) == 0
    assert capsys.readouterr().out == "No moderator change is recorded yet.\n"
    assert not (tmp_path / "bot.db").exists()  # reading made no database
    article = tmp_path / "ferry.md"
    article.write_text("---\ntitle: Ferry fares rise\ndate: 2021-03-02\n---\nThe harbour board said on Tuesday "
                       "that ferry fares would rise by a fifth.\n", encoding="utf-8")
    assert main(["index", "add", str(article), "--json"]) == 0
    assert main(["index", "remove", "Ferry fares"]) == 1
    assert main(["index", "remove", "ferry"]) == 0
    capsys.readouterr()
    assert main(["index", "history", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    user = getpass.getuser()
    assert lines[0] == "The last 2 moderator changes, newest first:"
    assert f" remove (ferry) by cli:{user}: published; removed ferry “Ferry fares rise”" in lines[1], lines
    # no folder of the server's: moderators read these in chat too
    assert f" remove (Ferry fares) by cli:{user}: refused; No article with id 'Ferry fares' in CORPUS_DIR;" in lines[2]
    assert "did you mean 'ferry' (“Ferry fares rise”)?" in lines[2] and len(lines) == 4  # 4: how to restore
    assert main(["index", "history", "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert [(c["action"], c["outcome"]) for c in changes] == [("remove", "published"), ("remove", "refused"),
                                                             ("add", "published")]
    assert changes[2]["given"] == ["ferry.md"] and changes[2]["articles"] == [
        {"doc_id": "ferry", "title": "Ferry fares rise", "url": None, "change": "added"}]
    assert changes[2]["at"].endswith("Z") and changes[2]["platform"] == "cli"
    assert main(["index", "history", "--limit", "0"]) == 2
