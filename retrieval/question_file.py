"""Reading ``dispute-bot eval``'s question files (JSON lines) whole before anything is scored.

Reading stopped at the first bad line: a file with five slips took five runs to fix, and each run may have built
an index first. Every bad line of every file is now named, with its file, line number and what is wrong, in one
refusal (``QuestionFileError``), and nothing is scored while any is bad: a half-scored run would read as a
result. A file given by mistake (an article instead of its questions) would name every one of its lines, so each
file's list stops after ``SHOWN_PER_FILE`` lines with how many more there are.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
SHOWN_PER_FILE = 20


class QuestionFileError(ValueError):
    """Every problem found in the question files, one line each (``str`` is the whole refusal)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        count = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
        head = f"nothing was scored: {count} in the question files" if len(problems) > 1 else "nothing was scored"
        super().__init__(f"{problems[0]}; {head}" if len(problems) == 1
                         else head + ":\n" + "\n".join(f"  {p}" for p in problems))


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")


def _line_problem(line: str, path: Path, parse: Callable[[dict[str, Any], str], T]) -> tuple[T | None, str | None]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg}, at column {exc.colno})"
    except RecursionError:  # "[[[[…" a thousand deep
        return None, "not JSON this program can read (nested too deeply)"
    if not isinstance(data, dict):
        return None, f'expected a JSON object like {{"question": "..."}}, got {_kind(data)}'
    try:
        return parse(data, path.name), None
    except (ValueError, TypeError, AttributeError) as exc:
        return None, str(exc)


def _file_questions(path: Path, parse: Callable[[dict[str, Any], str], T], problems: list[str]) -> list[T]:
    try:
        # "utf-8-sig": Windows editors (Notepad) start a UTF-8 file with a byte-order mark, and the first line
        # was refused as "Unexpected UTF-8 BOM"; ``ask --json`` reads such a file already.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8")
        return []
    found: list[T] = []
    bad: list[str] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        question, problem = _line_problem(line, path, parse)
        if problem is not None:
            bad.append(f"{path}:{n}: {problem}")
        elif question is not None:
            found.append(question)
    problems += bad[:SHOWN_PER_FILE]
    if len(bad) > SHOWN_PER_FILE:
        problems.append(f"{path}: {len(bad) - SHOWN_PER_FILE} more bad lines (is it a question file?)")
    if not found and not bad:
        problems.append(f"{path}: no questions in it ({'the file is empty' if not text else 'only blank lines'})")
    return found


def read_questions(paths: Iterable[Path], parse: Callable[[dict[str, Any], str], T]) -> list[T]:
    """Every question of every file, each line read by ``parse(data, file_name)``; ``QuestionFileError`` naming
    every bad line of every file, a file that is not UTF-8, and a file without questions (a score of 0/0 would
    read as a pass)."""
    out: list[T] = []
    problems: list[str] = []
    for path in paths:
        out += _file_questions(path, parse, problems)
    if problems:
        raise QuestionFileError(problems)
    return out
