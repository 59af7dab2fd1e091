"""Scoring question files against the bot's answers, and against the tutorial baseline in the same run.

A question file is JSON lines: ``{"id", "question", "answers_any" | "answers_all", "docs", "answerable"}``.
A gold string "holds" when it occurs in the text on word boundaries after both are lower-cased, stripped of
commas and quote characters and whitespace-collapsed: the rule the question writers checked their gold
strings with, so "1,178" matches "1178" and a quote mark never decides a score.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from retrieval.question_file import read_questions
from retrieval.types import Answer

MAX_ANSWER_CHARS = 400
TOP = 3
_DROP = re.compile(r"[,\"'“”‘’`]")


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    answerable: bool
    answers_any: tuple[str, ...] = ()
    answers_all: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "") -> EvalQuestion:
        question = data.get("question")
        if not isinstance(question, str) or not question.strip():
            raise ValueError('no "question"' if question is None else '"question" must be a non-empty string')
        answers_any, answers_all, docs = (_strings(data, key) for key in ("answers_any", "answers_all", "docs"))
        for key, golds in (("answers_any", answers_any), ("answers_all", answers_all)):
            _looks_for_something(key, golds)
        answerable = data.get("answerable", bool(answers_any or answers_all))
        if not isinstance(answerable, bool):  # "false" is a non-empty string: it would read as true
            raise ValueError("answerable must be true or false")
        if answerable and not (answers_any or answers_all):
            raise ValueError("an answerable question needs answers_any or answers_all")
        return cls(str(data.get("id", "")), data["question"], answerable, answers_any, answers_all, docs, source)


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    """A list of strings: a bare string would be scored letter by letter ("a" is in every answer)."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a list of strings")
    return tuple(value)


def _looks_for_something(key: str, golds: tuple[str, ...]) -> None:
    """A gold string of nothing but spaces, commas or quote marks ("", " ") is refused like any other bad line:
    it holds in no answer, so it passed as a question that could never be scored right (or, beside other strings
    in ``answers_any``, did nothing)."""
    blank = next((gold for gold in golds if not normalise(gold)), None)
    if blank is not None:
        raise ValueError(f"{key} holds {json.dumps(blank)}, which has nothing to look for: a gold string needs "
                         "a word or number of the answer")


def load_questions(paths: Iterable[Path]) -> list[EvalQuestion]:
    """Every question of every file; ``QuestionFileError`` (a ``ValueError``) naming every bad line with its file
    and line number, and each file that is not UTF-8 or holds no question (``retrieval.question_file``)."""
    return read_questions(paths, EvalQuestion.from_dict)


def normalise(text: str) -> str:
    return " ".join(_DROP.sub("", text.lower()).split())


def contains(text: str, gold: str) -> bool:
    needle = normalise(gold)
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", normalise(text)) is not None


def holds(text: str, question: EvalQuestion) -> bool:
    """``answers_all`` needs every string; ``answers_any`` needs one."""
    if question.answers_all and not all(contains(text, g) for g in question.answers_all):
        return False
    return not question.answers_any or any(contains(text, g) for g in question.answers_any)


@dataclass
class QuestionResult:
    id: str
    question: str
    source: str
    answerable: bool
    answered: bool
    answer: str
    answer_holds: bool  # answered, and the answer text holds the fact
    top_holds: bool  # the first three quotes shown (answer or closest passages) hold it
    over_long: bool
    baseline_top1: bool | None = None
    baseline_top3: bool | None = None

    @property
    def correct(self) -> bool:
        """What a user would call right: the fact for an answerable question, a decline otherwise."""
        return self.answer_holds if self.answerable else not self.answered


def score_one(question: EvalQuestion, answer: Answer, baseline: list[str] | None = None) -> QuestionResult:
    # What the reply shows: the answer's quotes, then the related sentences below it (or a decline's closest).
    quotes = " \n ".join(c.quote for c in [*answer.citations, *answer.related][:TOP])
    result = QuestionResult(
        id=question.id, question=question.question, source=question.source, answerable=question.answerable,
        answered=answer.answered, answer=answer.text,
        answer_holds=question.answerable and answer.answered and holds(answer.text, question),
        top_holds=question.answerable and holds(quotes, question),
        over_long=answer.answered and len(answer.text) > MAX_ANSWER_CHARS,
    )
    if baseline is not None and question.answerable:
        result.baseline_top1 = bool(baseline) and holds(baseline[0], question)
        result.baseline_top3 = holds(" \n ".join(baseline[:TOP]), question)
    return result


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


@dataclass
class EvalReport:
    results: list[QuestionResult] = field(default_factory=list)

    def totals(self, results: list[QuestionResult] | None = None) -> dict[str, Any]:
        rs = self.results if results is None else results
        answerable = [r for r in rs if r.answerable]
        unanswerable = [r for r in rs if not r.answerable]
        scored = [r for r in answerable if r.baseline_top1 is not None]
        return {
            "questions": len(rs),
            "answerable": len(answerable),
            "answer_holds": sum(r.answer_holds for r in answerable),
            "answer_rate": _share(sum(r.answer_holds for r in answerable), len(answerable)),
            "top3_holds": sum(r.top_holds for r in answerable),
            "top3_rate": _share(sum(r.top_holds for r in answerable), len(answerable)),
            "unanswerable": len(unanswerable),
            "declined": sum(not r.answered for r in unanswerable),
            "wrongly_declined": sum(not r.answered for r in answerable),
            "over_long": sum(r.over_long for r in rs),
            "baseline_top1": sum(bool(r.baseline_top1) for r in scored) if scored else None,
            "baseline_top3": sum(bool(r.baseline_top3) for r in scored) if scored else None,
        }

    def by_source(self) -> dict[str, dict[str, Any]]:
        sources = sorted({r.source for r in self.results})
        return {s: self.totals([r for r in self.results if r.source == s]) for s in sources}

    def to_dict(self) -> dict[str, Any]:
        return {"totals": self.totals(), "files": self.by_source(), "questions": [asdict(r) for r in self.results]}


def evaluate(
    questions: list[EvalQuestion],
    ask: Callable[[str], Answer],
    baseline: Callable[[str], list[str]] | None = None,
) -> EvalReport:
    report = EvalReport()
    for q in questions:
        report.results.append(score_one(q, ask(q.question), baseline(q.question) if baseline else None))
    return report


def summary(report: EvalReport) -> str:
    """A table a moderator can read at a glance, then every miss with what the bot said."""
    lines = []
    for name, t in [*report.by_source().items(), ("all", report.totals())]:
        base = ""
        if t["baseline_top1"] is not None:
            n = t["answerable"]
            base = f"; baseline top-1 {t['baseline_top1']}/{n}, top-3 {t['baseline_top3']}/{n}"
        lines.append(
            f"{name}: answer holds the fact {t['answer_holds']}/{t['answerable']}, top-3 quotes "
            f"{t['top3_holds']}/{t['answerable']}, declined {t['declined']}/{t['unanswerable']} unanswerable, "
            f"{t['over_long']} over-long{base}"
        )
    for r in report.results:
        if not r.correct:
            what = "answered" if r.answered else "declined"
            lines.append(f"  MISS {r.id} ({what}): {r.question}\n       -> {r.answer[:160]}")
    return "\n".join(lines)
