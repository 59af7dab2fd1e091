"""``dispute-bot eval --json`` refusals: a JSON object on stdout, as ``report --json`` gives one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main


def test_a_missing_file_is_a_json_error_with_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.jsonl"
    assert main(["eval", str(missing), "--json", "--no-baseline"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out) == {"error": "invalid", "message": f"no such file: {missing}"} and not err


def test_a_bad_question_file_is_a_json_error_with_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"question": "Which app?", "answers_any": "Koo"}) + "\n")
    assert main(["eval", str(bad), "--json", "--no-baseline"]) == 1
    out, err = capsys.readouterr()
    refusal = json.loads(out)
    assert refusal["error"] == "invalid" and "answers_any must be a list of strings" in refusal["message"]
    assert not err
    assert main(["eval", str(bad), "--no-baseline"]) == 1  # without --json: the line on stderr, as before
    out, err = capsys.readouterr()
    assert not out and err.startswith("dispute-bot eval: ") and "answers_any" in err
