"""The command line, run in-process against real indexes (and once as a real process)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, built_copy: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    corpus, index_dir = built_copy
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("INDEX_DIR", str(index_dir))
    return corpus, index_dir


def test_ask_prints_answer_and_sources(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "What app is the government promoting as an alternative to Twitter?"]) == 0
    out = capsys.readouterr().out
    assert "Koo" in out and "Sources:" in out and "[1] “" in out


def test_ask_json_lines(env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    lines = [{"question": "How many accounts did Twitter permanently suspend?"},
             {"question": "What is the capital of France?"}]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\nnot json\n\n" + json.dumps({"question": " "}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(["ask", "--json"]) == 1  # one line was bad
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 4
    first, second, bad, empty = rows
    assert set(first) == {"question", "answer", "answered", "citations"}
    assert first["answered"] and "500" in first["answer"]
    assert set(first["citations"][0]) == {"doc_id", "title", "date", "url", "quote", "start", "end", "score"}
    assert second["answered"] is False and second["answer"].startswith("The articles don't say")
    assert bad["error"] == "invalid" and bad["line"] == 3
    assert empty["error"] == "invalid" and empty["line"] == 5 and empty["question"] == " "


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
    assert main(["index", "remove", "koo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["removed_docs"] == 1
    assert main(["index", "build", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] is True


def test_damaged_index_gives_the_fix_not_a_traceback(
    env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, index_dir = env
    (index_dir / "faiss.index").write_bytes(b"garbage")
    assert main(["ask", "Which app?"]) == 1
    out = capsys.readouterr().out
    assert "faiss.index" in out and "dispute-bot index build" in out and "Traceback" not in out


def test_timeline_json(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert set(events[0]) == {"date", "summary", "citations"}
    assert main(["timeline", "--topic", "capital of France", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["events"] == []


def test_help_and_sources_do_not_load_torch(env: tuple[Path, Path], tmp_path: Path) -> None:
    code = ("import sys\nfrom bot.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('torch' in sys.modules)")
    for args in (["--help"], ["sources"]):
        out = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True,
                             check=True, env={**__import__("os").environ}).stdout
        assert out.strip().endswith("False"), (args, out[-300:])
