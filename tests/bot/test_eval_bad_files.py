"""``dispute-bot eval`` with bad question files: refused as a usage error (exit 2) naming every bad line, before
any index is built or any question scored; it stopped at the first bad line, exit 1, after building a missing
index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main


def test_every_bad_line_is_named_and_nothing_is_built_or_scored(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import bot.eval_command

    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join([json.dumps({"question": "Which app?", "answers_any": ["Koo"]}), "{broken",
                                    json.dumps({"answers_any": ["257"]})]) + "\n")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("built or scored with a bad question file")

    monkeypatch.setattr(bot.eval_command, "build_if_missing", never)
    monkeypatch.setattr(bot.eval_command, "run_eval", never)
    assert main(["eval", str(questions), str(empty), "--no-baseline"]) == 2
    said = capsys.readouterr()
    assert not said.out
    assert said.err == ("dispute-bot eval: nothing was scored: 3 problems in the question files:\n"
                        f"  {questions}:2: not JSON (Expecting property name enclosed in double quotes, at column 2)\n"
                        f'  {questions}:3: no "question"\n'
                        f"  {empty}: no questions in it (the file is empty)\n")
    assert main(["eval", str(questions), "--json", "--no-baseline"]) == 2
    refusal = json.loads(capsys.readouterr().out)
    assert refusal["error"] == "invalid" and f"{questions}:3: no \"question\"" in refusal["message"]
