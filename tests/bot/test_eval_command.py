"""``dispute-bot eval --json`` refusals: a JSON object on stdout, as ``report --json`` gives one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.eval_command import chat_route


def test_a_missing_file_is_a_json_error_with_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.jsonl"
    assert main(["eval", str(missing), "--json", "--no-baseline"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out) == {"error": "invalid", "message": f"no such file: {missing}"} and not err


def test_a_bad_question_file_is_a_json_error_with_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"question": "Which app?", "answers_any": "Koo"}) + "\n")
    assert main(["eval", str(bad), "--json", "--no-baseline"]) == 2
    out, err = capsys.readouterr()
    refusal = json.loads(out)
    assert refusal["error"] == "invalid" and "answers_any must be a list of strings" in refusal["message"]
    assert not err
    assert main(["eval", str(bad), "--no-baseline"]) == 2  # without --json: the line on stderr, as before
    out, err = capsys.readouterr()
    assert not out and err.startswith("dispute-bot eval: ") and "answers_any" in err


@pytest.mark.parametrize(("question", "route"), [
    ("what happened on 10 february?", "timeline"),  # a day's events, as chat replies
    ("tl;dr", "timeline"),
    ("timeline for koo", "timeline"),
    ("thanks!", "small talk"),
    ("what's going on between twitter and india?", "timeline if it has events"),
    ("hi, when did twitter publish its blog post?", None),  # searched, as eval does
])
def test_eval_names_the_questions_chat_routes_elsewhere(question: str, route: str | None) -> None:
    """``bot eval`` scored "what happened on 10 february" by a searched answer (a decline) while chat replies
    with that day's events; the report names each question chat does not search, and where it goes."""
    assert chat_route(question, 1000) == route


def test_the_routes_are_in_the_json_report_and_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          seed_index_dir: Path, monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in [
        {"id": "day", "question": "what happened on 10 february?", "docs": [], "answerable": False},
        {"id": "asked", "question": "who will meet twitter officials?", "docs": [], "answerable": False},
    ]) + "\n")
    monkeypatch.setenv("INDEX_DIR", str(seed_index_dir))
    assert main(["eval", str(questions), "--json", "--no-baseline"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["chat_routes"] == [{"id": "day", "question": "what happened on 10 february?", "route": "timeline"}]
    assert main(["eval", str(questions), "--no-baseline"]) == 0
    assert "chat does not search 1 of these questions" in capsys.readouterr().out
