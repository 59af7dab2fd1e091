"""The command line, run in-process against real indexes (and once as a real process)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main


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
                                          "score", "cut_before", "cut_after", "meant"}
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


def test_help_and_sources_do_not_load_torch(env: tuple[Path, Path], tmp_path: Path) -> None:
    code = ("import sys\nfrom bot.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('torch' in sys.modules)")
    for args in (["--help"], ["sources"]):
        out = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True,
                             check=True, env={**__import__("os").environ}).stdout
        assert out.strip().endswith("False"), (args, out[-300:])


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


def test_a_figure_of_things_counted_outside_the_articles_years_is_no_year(
    env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """"feb 10 2000 accounts" read 2000 as the year of February 10 (within the years dates are read in) and was
    told the period the articles cover, where "feb 10 1500 accounts" is February 10 and the words "1500
    accounts": a figure followed by what it counts is a count, unless it is one of the articles' years."""
    said = []
    for figure in ("1500", "2000"):
        assert main(["timeline", "--topic", f"feb 10 {figure} accounts"]) == 0
        said.append(capsys.readouterr().out.replace(figure, "N"))
    assert said[1] == said[0] and "cover" not in said[1]
