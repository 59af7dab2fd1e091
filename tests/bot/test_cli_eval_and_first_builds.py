"""``dispute-bot eval``, and the one-shot commands building an index that is missing (or one an older
release wrote) before they answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main


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
    assert main(["eval", str(questions), "--no-baseline"]) == 2  # a bad question file is a usage error
    assert "answers_any must be a list of strings" in capsys.readouterr().err
    for data, reason in ((b"\n\n", "no questions in it"), (b"\xff{}", "not UTF-8 text")):
        questions.write_bytes(data)
        assert main(["eval", str(questions), "--no-baseline"]) == 2
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
