"""Scoring rules of ``dispute-bot eval``: the gold-string match and the totals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.evaluate import EvalQuestion, contains, evaluate, holds, load_questions
from retrieval.types import Answer, Citation


def test_gold_strings_match_on_word_boundaries_ignoring_commas_quotes_and_case() -> None:
    assert contains("asked Twitter to block 1178 “accounts”", "1,178")
    assert contains("The IT Act, Section 69A", "section 69a")
    assert not contains("block 12570 accounts", "257")
    assert not contains("anything", "")


def test_answers_all_needs_every_string_and_answers_any_one() -> None:
    both = EvalQuestion("x", "q", True, answers_all=("257", "1,178"))
    assert holds("257 and 1,178", both) and not holds("only 257", both)
    anyone = EvalQuestion("y", "q", True, answers_any=("Koo", "Tooter"))
    assert holds("ministers moved to Koo", anyone) and not holds("nothing", anyone)


def test_a_bad_line_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "a", "question": "ok?", "answers_any": ["x"]}) + "\n{broken\n")
    with pytest.raises(ValueError, match=r"q\.jsonl:2"):
        load_questions([path])
    path.write_text(json.dumps({"id": "a", "question": "no gold", "answerable": True}) + "\n")
    with pytest.raises(ValueError, match="answers_any"):
        load_questions([path])


def test_a_file_saved_by_a_windows_editor_is_read(tmp_path: Path) -> None:
    """A byte-order mark and CRLF line ends: the first line was refused as "Unexpected UTF-8 BOM"."""
    path = tmp_path / "q.jsonl"
    lines = [json.dumps({"id": f"w-{n}", "question": "How many accounts?", "answers_any": ["257"]}) for n in (1, 2)]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n")
    assert [q.id for q in load_questions([path])] == ["w-1", "w-2"]


@pytest.mark.parametrize("value", ["false", 0, None])
def test_answerable_must_be_a_boolean(tmp_path: Path, value: object) -> None:
    """``"false"`` is a non-empty string: read as true, an unanswerable question was scored as answerable."""
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"question": "Who won in 2011?", "answers_any": ["x"], "answerable": value}) + "\n")
    with pytest.raises(ValueError, match=r"q\.jsonl:1: answerable must be true or false"):
        load_questions([path])


def test_totals_count_answers_quotes_declines_and_the_baseline() -> None:
    questions = [EvalQuestion("a", "how many?", True, answers_any=("257",), source="f"),
                 EvalQuestion("b", "off topic?", False, source="f"),
                 EvalQuestion("c", "who?", True, answers_any=("Sawhney",), source="f")]
    quote = Citation("d", "t", None, None, "Sawhney will meet", 0, 17, 0.1)
    replies = {"how many?": Answer("how many?", "block 257 accounts [1]", True, []),
               "off topic?": Answer("off topic?", "The articles don't say.", False, []),
               "who?": Answer("who?", "I couldn't find a clear answer.", False, [quote])}
    report = evaluate(questions, replies.__getitem__, lambda q: ["257 accounts", "x"] if "many" in q else ["y"])
    t = report.totals()
    assert (t["answer_holds"], t["top3_holds"], t["declined"], t["wrongly_declined"]) == (1, 1, 1, 1)
    assert (t["baseline_top1"], t["baseline_top3"]) == (1, 1)
    assert [r.correct for r in report.results] == [True, True, False]


@pytest.mark.parametrize(("key", "golds"), [("answers_any", [""]), ("answers_any", ["Koo", "  "]),
                                            ("answers_all", ["257", ","])])
def test_a_gold_string_with_nothing_to_look_for_is_refused_naming_file_and_line(
    tmp_path: Path, key: str, golds: list[str]
) -> None:
    """``"answers_any": [""]`` was taken: an empty gold string holds in no answer, so the question was scored
    on nothing the writer meant."""
    path = tmp_path / "q.jsonl"
    good = json.dumps({"id": "a", "question": "Which app?", "answers_any": ["Koo"]})
    path.write_text(good + "\n" + json.dumps({"id": "b", "question": "How many?", key: golds}) + "\n")
    with pytest.raises(ValueError, match=rf"q\.jsonl:2: {key} holds .*, which has nothing to look for"):
        load_questions([path])
