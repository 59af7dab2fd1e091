"""The command line, run in-process against real indexes (and once as a real process)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.news_site import NewsSite


def stdin_of(data: bytes) -> io.TextIOWrapper:
    """Standard input as a process has it: text over bytes (``ask --json`` reads the bytes)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


def test_ask_prints_answer_and_sources(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "What app is the government promoting as an alternative to Twitter?"]) == 0
    out = capsys.readouterr().out
    assert "Koo" in out and "Sources:" in out and "[1] “" in out


def test_ask_json_lines(env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    lines = [{"question": "How many accounts did Twitter permanently suspend?"},
             {"question": "What is the capital of France?"}]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\nnot json\n\n" + json.dumps({"question": " "}) + "\n"
    monkeypatch.setattr(sys, "stdin", stdin_of(stdin.encode()))
    assert main(["ask", "--json"]) == 1  # one line was bad
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 4
    first, second, bad, empty = rows
    assert {"question", "answer", "answered", "citations"} <= set(first) <= {"question", "answer", "answered",
                                                                              "citations", "related"}
    assert len(first["citations"]) + len(first.get("related", [])) <= 3
    assert first["answered"] and "500" in first["answer"]
    assert set(first["citations"][0]) == {"doc_id", "title", "date", "date_estimated", "url", "quote", "start", "end",
                                          "score", "cut_before", "cut_after"}
    assert second["answered"] is False
    assert second["answer"].startswith("The articles never use the words “capital” or “France”")
    assert bad["error"] == "invalid" and bad["line"] == 3
    assert empty["error"] == "invalid" and empty["line"] == 5 and empty["question"] == " "


def test_ask_json_lines_survive_bytes_that_are_not_utf8_and_odd_lines(
    env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps({"question": "How many accounts did Twitter permanently suspend?"}).encode()
    huge = json.dumps({"question": "x" * 50_000}).encode()
    lines = [good, b"\xff\xfe not text", b'{"question": "broken', json.dumps({"question": "Which app?",
             "conversation": True}).encode(), huge, b'{"question": "hi \\ud83d"}',
             b'{"question": ' + b"[" * 5000 + b"]" * 5000 + b"}", good]
    monkeypatch.setattr(sys, "stdin", stdin_of(b"\n".join(lines) + b"\n"))
    assert main(["ask", "--json"]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r.get("line") for r in rows] == [None, 2, 3, 4, 5, 6, 7, None]
    assert "surrogate" in rows[5]["message"] and "nested too deeply" in rows[6]["message"]
    assert rows[0]["answered"] and rows[-1]["answered"], "the good lines are answered, before and after"
    assert "utf-8" in rows[1]["message"] and "Unterminated string" in rows[2]["message"]
    assert "conversation" in rows[3]["message"]
    assert rows[4]["error"] and len(rows[4]["question"]) <= 201


def test_sources_and_status_json(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "--json"]) == 0
    sources = json.loads(capsys.readouterr().out)["sources"]
    assert len(sources) == 4 and {"doc_id", "title", "date", "url", "chunks"} <= set(sources[0])
    assert main(["index", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["docs"] == 4 and status["model"] == "all-MiniLM-L6-v2" and status["built_at"]


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


def test_damaged_index_gives_the_fix_not_a_traceback(
    env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, index_dir = env
    (index_dir / "faiss.index").write_bytes(b"garbage")
    assert main(["ask", "Which app?"]) == 1
    out, err = capsys.readouterr()
    assert "faiss.index" in err and "dispute-bot index build" in err and "Traceback" not in err and not out


def test_timeline_json(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert set(events[0]) == {"date", "precision", "date_estimated", "planned", "summary", "citations"}
    assert main(["timeline", "--topic", "capital of France", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["events"] == []


def test_timeline_png(env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    picture = tmp_path / "timeline.png"
    assert main(["timeline", "--json", "--png", str(picture)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["events"]  # stdout is still exactly the JSON
    assert picture.read_bytes().startswith(b"\x89PNG") and "Wrote the timeline picture" in captured.err
    empty = tmp_path / "empty.png"
    assert main(["timeline", "--topic", "capital of France", "--png", str(empty)]) == 1
    assert not empty.exists() and "no dated events" in capsys.readouterr().err
    assert main(["timeline", "--png", str(tmp_path / "no-such-dir" / "t.png")]) == 1
    assert "could not write" in capsys.readouterr().err
    for folder in (".", str(tmp_path)):
        assert main(["timeline", "--png", folder]) == 1
        assert "needs a file name" in capsys.readouterr().err


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


def test_help_and_sources_do_not_load_torch(env: tuple[Path, Path], tmp_path: Path) -> None:
    code = ("import sys\nfrom bot.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('torch' in sys.modules)")
    for args in (["--help"], ["sources"]):
        out = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True,
                             check=True, env={**__import__("os").environ}).stdout
        assert out.strip().endswith("False"), (args, out[-300:])


def test_eval_scores_a_question_file_against_a_scratch_copy_with_an_article_added(
    env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, index_dir = env
    live_before = index_dir.resolve()
    article = tmp_path / "zephyr_app.md"
    article.write_text(
        "---\ntitle: Zephyr app passes 2.5 million users\ndate: 2021-02-14\n---\n"
        "The messaging app Zephyr said on Sunday that it had passed 2.5 million registered users, a month "
        "after it was launched by a small team in Pune. The company said most of the new users joined after "
        "several celebrities promoted the app. Zephyr plans to hire 40 engineers this year.\n",
        encoding="utf-8")
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in [
        {"id": "z1", "question": "How many registered users does Zephyr have?", "answers_any": ["2.5 million"],
         "answerable": True},
        {"id": "z2", "question": "Who won the cricket world cup in 2011?", "answerable": False},
    ]) + "\n", encoding="utf-8")
    assert main(["eval", str(questions), "--add", str(article), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    by_id = {q["id"]: q for q in report["questions"]}
    assert by_id["z1"]["top_holds"] and by_id["z1"]["baseline_top3"] is not None
    assert by_id["z2"]["answered"] is False
    assert report["totals"]["answerable"] == 1 and report["totals"]["unanswerable"] == 1
    # The scratch copy took the article; the live corpus and index did not.
    assert not (corpus / article.name).exists() and index_dir.resolve() == live_before


def test_eval_reads_each_question_as_chat_does(
    env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A question file written as people write in chat (a mention, a greeting, thanks) is scored on what the bot
    answers them: scored as typed, the mention's id was "the figure 123456 that the question names" and
    "@dispute-bot" a word no article uses, and both were declined where every chat client answers."""
    questions = tmp_path / "chat.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in [
        {"id": "c1", "question": "<@123456> how many accounts did the latest notice ask twitter to block?",
         "answers_any": ["1,178"], "answerable": True},
        {"id": "c2", "question": "@dispute-bot hi! who is ajay sawhney? thanks", "answers_any": ["Secretary"],
         "answerable": True},
    ]) + "\n", encoding="utf-8")
    assert main(["eval", str(questions), "--json", "--no-baseline"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(q["id"], q["answered"], q["answer_holds"]) for q in report["questions"]] == [
        ("c1", True, True), ("c2", True, True)]


def test_one_shot_commands_build_a_missing_index_first(
    env: tuple[Path, Path], corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    """After ``make test`` or a fresh clone there is no index yet: ``ask`` answered only that none was found."""
    index_dir = tmp_path / "fresh" / "index"
    monkeypatch.setenv("CORPUS_DIR", str(corpus_copy))
    monkeypatch.setenv("INDEX_DIR", str(index_dir))
    assert main(["eval", "no-such.jsonl", "--no-baseline"]) == 2  # a usage error costs no build
    assert not index_dir.exists()
    capsys.readouterr()
    assert main(["sources", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "No index at" in err and "building it" in err and "Index built in" in err  # not "rebuilt": the first
    # stdout is the answer alone: it began with the build's plain-text report, which no JSON reader could parse.
    assert len(json.loads(out)["sources"]) == len(list(corpus_copy.glob("*.txt")))
    assert main(["ask", "What app is the government promoting as an alternative to Twitter?"]) == 0
    out, err = capsys.readouterr()  # built once: the next command finds it
    assert "building" not in err and "Koo" in out and "Sources:" in out


def test_one_shot_commands_build_again_an_index_an_older_release_wrote(
        env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """This release can't read an older format: ``ask`` logged it twice, said the index was "missing or damaged"
    and advised a full build, where ``run`` (and now these commands) simply build it again."""
    from index import store

    _, index_dir = env
    manifest = json.loads((index_dir / store.MANIFEST).read_text())
    (index_dir / store.MANIFEST).write_text(json.dumps({**manifest, "format": store.FORMAT_VERSION - 1}))
    assert main(["sources", "--json"]) == 0
    out, err = capsys.readouterr()
    assert f"its format is {store.FORMAT_VERSION - 1}" in err and "Index rebuilt" in err
    assert len(json.loads(out)["sources"]) == 4
    assert json.loads((index_dir / store.MANIFEST).read_text())["format"] == store.FORMAT_VERSION


def test_eval_reports_missing_files_as_a_usage_error(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    assert main(["eval", "no-such.jsonl", "--no-baseline"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_eval_refuses_a_bad_question_file_and_a_missing_index(
    env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"question": "Which app?", "answers_any": "Koo"}) + "\n")
    assert main(["eval", str(questions), "--no-baseline"]) == 1
    assert "answers_any must be a list of strings" in capsys.readouterr().err
    for data, reason in ((b"\n\n", "no questions in it"), (b"\xff{}", "not UTF-8 text")):
        questions.write_bytes(data)
        assert main(["eval", str(questions), "--no-baseline"]) == 1
        assert reason in capsys.readouterr().err
    questions.write_text(json.dumps({"question": "Which app?", "answers_any": ["Koo"]}) + "\n")
    monkeypatch.setenv("INDEX_DIR", str(tmp_path / "nowhere" / "index"))
    monkeypatch.setenv("CORPUS_DIR", str(tmp_path / "nowhere" / "corpus"))  # nothing to build one from either
    assert main(["eval", str(questions), "--no-baseline"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("dispute-bot eval: ") and "Traceback" not in err and "(CORPUS_DIR)" in err


def test_no_index_and_a_wrong_corpus_dir_is_said_in_one_line(
    env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no index and CORPUS_DIR naming no folder, ``ask`` said the index was missing or damaged and to run
    ``index build`` (which fails the same way), never that the corpus folder was not there."""
    monkeypatch.setenv("INDEX_DIR", str(tmp_path / "nowhere" / "index"))
    monkeypatch.setenv("CORPUS_DIR", str(tmp_path / "nowhere" / "corpus"))
    for command in (["ask", "how many accounts were ordered blocked?"], ["sources"], ["timeline"]):
        assert main(command) == 1
        said = capsys.readouterr()
        assert said.out == "" and said.err.count("\n") == 1, said.err
        assert f"no corpus folder at {tmp_path / 'nowhere' / 'corpus'} (CORPUS_DIR)" in said.err
    assert main(["sources", "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)
    assert refused["error"] == "unavailable" and "(CORPUS_DIR)" in refused["message"]


def test_ask_json_conversations_and_the_report(env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [{"question": "Who is Ajay Prakash Sawhney?", "conversation": "a"},
             {"question": "and when is he expected to meet Twitter?", "conversation": "a"},
             {"question": "and when is he expected to meet Twitter?", "conversation": "b"},
             {"question": "What is the capital of France?"},
             {"question": "anything", "conversation": ["not", "a", "string"]}]
    monkeypatch.setattr(sys, "stdin", stdin_of(("\n".join(json.dumps(x) for x in lines) + "\n").encode()))
    assert main(["ask", "--json"]) == 1  # the last line is refused
    first, follow_up, elsewhere, france, bad = (json.loads(x) for x in capsys.readouterr().out.splitlines())
    assert "searched_for" not in first and "searched_for" not in elsewhere
    assert follow_up["searched_for"].startswith("and when is he expected to meet Twitter?")
    assert "Sawhney" in follow_up["searched_for"]
    assert not france["answered"] and bad["error"] == "invalid" and bad["line"] == 5
    assert (tmp_path / "bot.db").exists() and (tmp_path / "feedback_hmac.key").stat().st_mode & 0o077 == 0

    assert main(["report", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    declined = sum(not x["answered"] for x in (first, follow_up, elsewhere, france))
    assert declined >= 1  # France, at least
    assert (report["questions"], report["declined"], report["expanded_follow_ups"]) == (4, declined, 1)
    groups = report["declined_groups"]
    assert sum(g["count"] for g in groups) == declined
    assert any("What is the capital of France?" in g["examples"] for g in groups)
    assert main(["report", "--since", "30d"]) == 0
    assert f"answer rate {round(100 * (4 - declined) / 4)}%" in capsys.readouterr().out
    assert main(["report", "--since", "soon"]) == 1
    assert "like 7d" in capsys.readouterr().err  # a refusal is an error message: stderr


def test_history_off_stores_nothing(env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HISTORY_MODE", "off")
    assert main(["ask", "What app is the government promoting as an alternative to Twitter?"]) == 0
    assert not (tmp_path / "bot.db").exists()
    assert main(["report"]) == 1
    assert "HISTORY_MODE=off" in capsys.readouterr().err


@pytest.mark.parametrize("stdin", ["empty", "closed"])
def test_the_terminal_chat_starts_quietly_and_ends_with_its_input(env: tuple[Path, Path], tmp_path: Path,
                                                                  stdin: str) -> None:
    """The chat's screen is for the chat: loading the index printed eight INFO lines of faiss's first. With
    stdin closed (`<&-`) there is nothing to read: the chat ends, where it crashed on ``sys.stdin`` None."""
    import os

    closed = {"preexec_fn": lambda: os.close(0)} if stdin == "closed" else {"stdin": subprocess.DEVNULL}
    done = subprocess.run([sys.executable, "-m", "bot", "run", "--platform", "terminal"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, env={**os.environ}, **closed)  # type: ignore[call-overload]
    assert done.returncode == 0, done.stderr[-2000:]
    assert "INFO" not in done.stderr and "Traceback" not in done.stderr, done.stderr[-2000:]


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
    assert main(["index", "add", str(article)]) == 130
    assert sorted(p.name for p in corpus.iterdir()) == before
    assert capsys.readouterr().err.startswith("dispute-bot: stopped before the change finished; nothing of it was "
                                              "published")  # it stopped without a word
    assert main(["index", "history", "--limit", "1"]) == 0
    assert "add (koo.md) by cli:" in (out := capsys.readouterr().out) and "failed; interrupted (Ctrl-C" in out, out
    assert signal.getsignal(signal.SIGTERM) == handler  # the command's handler is gone afterwards


def test_an_index_or_corpus_that_cannot_be_written_is_one_line_not_a_traceback(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``index build|add|remove`` on a read-only, full or misplaced INDEX_DIR ended in a Python traceback
    (only ``run`` said which setting); a corpus that can't be written also logged a second traceback
    while putting back the file it never wrote."""
    corpus, _ = env
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("INDEX_DIR", str(blocker / "index"))
    for argv in (["index", "build"], ["index", "remove", "nothing-here"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert f"dispute-bot: cannot write the index (INDEX_DIR={blocker / 'index'}): " in err, err
        assert "Traceback" not in err and err.count("\n") == 1
    assert main(["index", "build", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"] == "failed"

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(30, "Read-only file system", str(path.parent / ".upload-x"))

    monkeypatch.setenv("INDEX_DIR", str(env[1]))
    monkeypatch.setattr("index.corpus_writes.write_atomically", read_only)
    article = tmp_path / "koo.md"
    article.write_text("---\ntitle: Koo\ndate: 2021-02-11\n---\nMinisters moved to Koo as the standoff with "
                       "Twitter over the blocking orders deepened.\n", encoding="utf-8")
    before = sorted(p.name for p in corpus.iterdir())
    assert main(["index", "add", str(article)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write the corpus (CORPUS_DIR={corpus}): Read-only file system" in err
    assert "Traceback" not in err and err.count("\n") == 1 and sorted(p.name for p in corpus.iterdir()) == before


def test_a_full_disk_says_how_much_is_left(tmp_path: Path) -> None:
    """numpy's short write on a full disk has no errno: "9984 requested and 9184 written" alone, now said as the
    full disk it is. A copy's error names its source first: the disk that is full is its destination's."""
    import errno

    from bot.settings import Settings
    from bot.unwritable import cannot_write

    settings = Settings(_env_file=None, index_dir=tmp_path / "index")  # type: ignore[call-arg]
    line = cannot_write(settings, OSError("9984 requested and 9184 written"))
    assert line.startswith(f"cannot write the index (INDEX_DIR={tmp_path / 'index'}): No space left on device (a "
                           "write of 9,984 bytes got 9,184 in); ") and " KB free on that disk" in line
    copy = OSError(errno.ENOSPC, "No space left on device", "/model/tokenizer.json", None, str(tmp_path / "x.json"))
    assert cannot_write(settings, copy).endswith(f"({tmp_path / 'x.json'})")


def test_index_build_rebuilds_an_index_the_bot_cannot_load(env: tuple[Path, Path],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A truncated faiss.index was "Index already up to date" while ``ask`` said the index was damaged."""
    _, index_dir = env
    live = index_dir.resolve()
    with (index_dir / "faiss.index").open("r+b") as fh:
        fh.truncate(100)
    assert main(["index", "build"]) == 0
    out = capsys.readouterr().out
    assert "Index rebuilt" in out and "Rebuilt in full: the live index could not be read" in out
    assert index_dir.resolve() != live and main(["ask", "Which app is the government promoting?"]) == 0


def test_an_index_from_a_newer_release_says_upgrade_and_is_replaced_only_by_build_full(
        env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from index import store

    _, index_dir = env
    manifest = json.loads((index_dir / store.MANIFEST).read_text())
    newer = store.FORMAT_VERSION + 1
    (index_dir / store.MANIFEST).write_text(json.dumps({**manifest, "format": newer}))
    live = index_dir.resolve()
    assert main(["index", "status"]) == 1
    out = capsys.readouterr().out
    assert f"format {newer} (this release reads {store.FORMAT_VERSION}): written by a newer release" in out
    assert "Upgrade this replica" in out
    assert main(["index", "status", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["format"] == newer
    assert main(["index", "build"]) == 1
    err = capsys.readouterr().err
    assert "Upgrade this replica" in err and err.count("\n") == 1 and index_dir.resolve() == live
    assert main(["index", "build", "--full"]) == 0
    assert main(["index", "status"]) == 0
    assert f"format {store.FORMAT_VERSION} (this release reads {store.FORMAT_VERSION})\n" in capsys.readouterr().out


def test_status_says_when_the_index_served_is_out_of_date(
        env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A moderator who had put a file in the corpus folder by hand, upgraded to a release with new rules, or
    changed EMBEDDING_MODEL was shown the old index's counts with no word that questions were answered from an
    index a build would now make differently."""
    from index import store
    from index.staleness import derived_key

    corpus, index_dir = env
    assert main(["index", "status"]) == 0
    assert "Out of date" not in capsys.readouterr().out
    (corpus / "dropped-in.md").write_text("Koo said on Thursday it had crossed three million users in India.\n")
    manifest = json.loads((index_dir / store.MANIFEST).read_text())
    older = {k: (v - 1 if isinstance(v, int) else v) for k, v in derived_key().items()}
    (index_dir / store.MANIFEST).write_text(json.dumps({**manifest, **older}))
    monkeypatch.setenv("EMBEDDING_MODEL", str(Path(__file__).parent))  # another model: only compared, never loaded
    assert main(["index", "status"]) == 0, "an out-of-date index still serves"
    out = capsys.readouterr().out
    assert ("Out of date (EMBEDDING_MODEL is now " in out and "it was built by an older version" in out
            and "the articles changed" in out and "dispute-bot index build brings it up to date" in out), out
    assert main(["index", "status", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["out_of_date"]) == 3


def test_status_and_a_refused_add_say_what_an_interrupted_add_left(
        env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An add killed before its index was published (``tests/index/test_change_journal.py`` kills a real one)
    left its file and journal: status says so, and the next add, even one refused, says it was undone."""
    from index.change_journal import Journal

    corpus, index_dir = env
    left = corpus / "half-added.md"
    half = b"Koo said on Thursday it had crossed three million users in India.\n"
    Journal(index_dir, "add").record(left, None, half)  # as the killed add wrote it, before the file
    left.write_bytes(half)
    assert main(["index", "status"]) == 0
    out = capsys.readouterr().out
    assert "\nInterrupted: an add of half-added.md was interrupted; the next index build" in out
    # Its file makes the index out of date, but a build undoes it: never told it will be brought in.
    assert out.endswith("until dispute-bot index build first settles the interrupted change, then brings it up to "
                        "date\n"), out
    duplicate = tmp_path / "again.md"
    duplicate.write_bytes((corpus / sorted(p.name for p in corpus.glob("0*"))[0]).read_bytes())
    assert main(["index", "add", str(duplicate)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Nothing was added.\nRefused again.md") and "Note on half-added.md: an earlier add" in err
    assert not left.exists()
    assert main(["index", "status"]) == 0
    assert "Interrupted" not in capsys.readouterr().out


def test_a_full_disk_under_the_corpus_names_the_corpus_folder(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A write that fills the disk fails with no file name (``No space left on device`` from write or fsync): a
    full corpus disk was told as "cannot write the index (INDEX_DIR=…) …; 66,437,236 KB free on that disk", the
    index's disk, so the operator looked at the wrong folder. (Reproduced with the corpus on a 64 KB tmpfs.)"""
    import errno
    import os

    corpus, _ = env
    real = os.fsync

    def fsync(fd: int) -> None:  # as a full disk fails, for files being written in the corpus folder only
        if Path(os.readlink(f"/proc/self/fd/{fd}")).parent == corpus.resolve():
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    article = tmp_path / "koo.md"
    article.write_text("Koo said on Thursday it had crossed three million users in India.\n", encoding="utf-8")
    assert main(["index", "add", str(article)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write the corpus (CORPUS_DIR={corpus}): No space left on device" in err, err
    assert not (corpus / "koo.md").exists() and not [p for p in corpus.iterdir() if p.name.startswith(".")]


def test_status_after_a_failed_add_says_the_last_good_index_serves_and_why(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``index status`` after a build that failed (here an add's, the disk filling as its index was published)
    said nothing of it: another moderator looking later saw the old counts as if nothing had been tried. It says
    the build failed, why, and that the index shown is still served, until a build succeeds."""
    from index import store

    index_dir = env[1]
    article = tmp_path / "koo.md"
    article.write_text("---\ntitle: Koo\ndate: 2021-02-11\n---\nMinisters moved to Koo as the standoff with "
                       "Twitter over the blocking orders deepened.\n", encoding="utf-8")

    def disk_full(*args: object) -> Path:
        raise OSError(28, "No space left on device", str(index_dir.parent / "index.builds"))

    with monkeypatch.context() as patched:
        patched.setattr(store, "publish", disk_full)
        assert main(["index", "add", str(article)]) == 1
    capsys.readouterr()
    assert main(["index", "status"]) == 0
    out = capsys.readouterr().out
    assert ("\nThe last build failed (" in out and "): No space left on device ("
            f"{index_dir.parent / 'index.builds'}). The index above is still the one served." in out), out
    assert main(["index", "status", "--json"]) == 0
    assert "No space left" in json.loads(capsys.readouterr().out)["last_failure"]["reason"]
    assert main(["index", "build"]) == 0
    capsys.readouterr()
    assert main(["index", "status"]) == 0
    assert "The last build failed" not in capsys.readouterr().out


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
    assert "did you mean 'ferry' (“Ferry fares rise”)?" in lines[2] and len(lines) == 3
    assert main(["index", "history", "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert [(c["action"], c["outcome"]) for c in changes] == [("remove", "published"), ("remove", "refused"),
                                                             ("add", "published")]
    assert changes[2]["given"] == ["ferry.md"] and changes[2]["articles"] == [
        {"doc_id": "ferry", "title": "Ferry fares rise", "url": None, "change": "added"}]
    assert changes[2]["at"].endswith("Z") and changes[2]["platform"] == "cli"
    assert main(["index", "history", "--limit", "0"]) == 2
