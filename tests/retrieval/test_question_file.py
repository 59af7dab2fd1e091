"""``dispute-bot eval`` reads its question files whole: every bad line of every file named at once, with its file,
line number and what is wrong; reading stopped at the first, so five slips took five runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.evaluate import load_questions
from retrieval.question_file import SHOWN_PER_FILE, QuestionFileError

GOOD = json.dumps({"id": "a", "question": "Which app?", "answers_any": ["Koo"]})


def test_every_bad_line_of_every_file_is_named_in_one_refusal(tmp_path: Path) -> None:
    first, second, empty, blank, latin = (tmp_path / f"{n}.jsonl" for n in ("q1", "q2", "empty", "blank", "latin"))
    first.write_text("\n".join([GOOD, "{broken", json.dumps({"id": "x"}), "[1, 2]", json.dumps({"question": 5}),
                                json.dumps({"question": "How many?", "answers_any": "257"})]) + "\n")
    second.write_text(GOOD + "\n\n" + json.dumps({"question": "Who?", "answerable": "false"}) + "\n")
    empty.write_bytes(b"")
    blank.write_text("\n  \n\n")
    latin.write_bytes(b"\xff\xfe{}\n")
    with pytest.raises(QuestionFileError) as refused:
        load_questions([first, second, empty, blank, latin])
    assert refused.value.problems == [
        f"{first}:2: not JSON (Expecting property name enclosed in double quotes, at column 2)",
        f'{first}:3: no "question"',
        f'{first}:4: expected a JSON object like {{"question": "..."}}, got a list',
        f'{first}:5: "question" must be a non-empty string',
        f"{first}:6: answers_any must be a list of strings",
        f"{second}:3: answerable must be true or false",
        f"{empty}: no questions in it (the file is empty)",
        f"{blank}: no questions in it (only blank lines)",
        f"{latin}: not UTF-8 text (invalid start byte at byte 0); save it as UTF-8",
    ]
    assert str(refused.value).startswith("nothing was scored: 9 problems in the question files:\n  ")


def test_a_file_that_is_no_question_file_is_not_listed_line_by_line(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text("\n".join(f"Line {n} of an article given as questions." for n in range(60)) + "\n")
    with pytest.raises(QuestionFileError) as refused:
        load_questions([article])
    assert len(refused.value.problems) == SHOWN_PER_FILE + 1
    assert refused.value.problems[-1] == f"{article}: {60 - SHOWN_PER_FILE} more bad lines (is it a question file?)"
