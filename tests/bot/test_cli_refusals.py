"""Command-line mistakes answered with one clear line (or a JSON object), never a traceback or a stray file."""

from __future__ import annotations

import codecs
import io
import json
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli_args import build_parser as _parser
from bot.render.status import status_text
from bot.results import IndexStatus


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, built_copy: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """As ``tests/bot/test_cli.py``'s: the settings point at a private, already built index."""
    corpus, index_dir = built_copy
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("INDEX_DIR", str(index_dir))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    return corpus, index_dir


@pytest.mark.parametrize("port", ["99999", "65536", "-1"])
def test_a_port_out_of_range_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    """99999 reached the socket and ended in an OverflowError traceback."""
    with pytest.raises(SystemExit) as stopped:
        _parser().parse_args(["run", "--platform", "slack", "--http", "--port", port])
    assert stopped.value.code == 2
    assert "argument --port" in capsys.readouterr().err
    assert _parser().parse_args(["run", "--port", "65535"]).port == 65535


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"dispute-bot {version('dispute-bot')}\n"


@pytest.mark.parametrize("model, problem", [("/nonexistent", "no model there"),
                                            ("no-such-model", "local Hugging Face cache")])
@pytest.mark.parametrize("command", [["ask", "how many accounts"], ["index", "build"]])
def test_a_wrong_embedding_model_is_one_line_naming_the_setting(
    env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    model: str, problem: str, command: list[str],
) -> None:
    """A question got "Sorry, something went wrong", a build a traceback of 75 lines."""
    monkeypatch.setenv("EMBEDDING_MODEL", model)
    assert main(command) == 2
    out, err = capsys.readouterr()
    assert not out and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"dispute-bot: EMBEDDING_MODEL={model}: ") and problem in err
    assert "all-MiniLM-L6-v2" in err  # what would work


def test_sources_work_whatever_the_model_setting(env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("EMBEDDING_MODEL", "/nonexistent")
    assert main(["sources"]) == 0 and "4 articles" in capsys.readouterr().out


def test_a_picture_that_cannot_be_placed_leaves_no_temporary_file(
    env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--png`` naming a folder: the picture was written beside it, then could not replace the folder; now
    the folder is refused before anything is drawn."""
    folder = tmp_path / "out" / "pictures"
    folder.mkdir(parents=True)
    assert main(["timeline", "--png", str(folder)]) == 1
    assert "needs a file name, not the folder" in capsys.readouterr().err
    assert list(folder.parent.iterdir()) == [folder] and list(folder.iterdir()) == []


@pytest.mark.parametrize("where", ["a folder", "a missing folder"])
def test_an_output_path_is_refused_before_any_work(env: tuple[Path, Path], tmp_path: Path, where: str,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """``timeline --png .`` printed the whole timeline (and built a missing index first) before refusing."""
    import bot.wiring

    def build_core(settings: object) -> object:
        raise AssertionError("the timeline was made before the path was checked")

    monkeypatch.setattr(bot.wiring, "build_core", build_core)
    target = tmp_path if where == "a folder" else tmp_path / "no-such-folder" / "t.png"
    assert main(["timeline", "--png", str(target)]) == 1
    out, err = capsys.readouterr()
    assert not out and err.count("\n") == 1
    assert ("needs a file name" if where == "a folder" else f"there is no folder {target.parent}") in err


@pytest.mark.parametrize("tool", ["bench", "training.pairs"])
def test_the_developer_tools_check_their_out_path_first(tmp_path: Path, tool: str,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m bench --out DIR`` measured for an hour, then failed to write its report."""
    import importlib

    module = importlib.import_module("bench.__main__" if tool == "bench" else tool)

    def encoder(*args: object) -> object:
        raise AssertionError("work started before --out was checked")

    monkeypatch.setattr(module, "SentenceTransformerEncoder", encoder)
    with pytest.raises(SystemExit) as exited:
        module.main(["--out", str(tmp_path)])
    assert exited.value.code == 2 and "--out needs a file name, not the folder" in capsys.readouterr().err


def test_ask_json_skips_a_byte_order_mark(env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A file saved by a Windows editor starts with one; its first line was reported invalid."""
    line = json.dumps({"question": "How many accounts did Twitter permanently suspend?"}).encode()
    stdin = io.TextIOWrapper(io.BytesIO(codecs.BOM_UTF8 + line + b"\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["ask", "--json"]) == 0
    [row] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert "error" not in row and row["answered"]


def test_index_status_counts_one_of_a_kind_in_the_singular() -> None:
    info = {"exists": True, "docs": 1, "chunks": 1, "events": 1, "model": "m", "dimension": 384,
            "faiss_factory": "Flat", "built_at": "2021-02-10", "build_seconds": 1, "build_running": False,
            "folder": "/index", "format": 1, "reads_format": 1}
    assert status_text(IndexStatus(info), chat=False).startswith(
        "1 article, 1 chunk, 1 dated report (joined where they tell one happening)\n")
    assert status_text(IndexStatus({**info, "docs": 2, "chunks": 0}), chat=False).startswith("2 articles, 0 chunks,")


@pytest.mark.parametrize("since", ["-3d", "-7"])
def test_a_negative_report_period_is_one_line_about_the_period(
    env: tuple[Path, Path], capsys: pytest.CaptureFixture[str], since: str
) -> None:
    """argparse took "--since -3d" for an option: "usage: …" and "expected one argument", which says nothing
    of what a period is. Given to the report, it is refused as every other bad period is."""
    assert main(["report", "--since", since]) == 1
    captured = capsys.readouterr()
    [line] = captured.err.strip().splitlines()
    assert "like 7d, 24h, 2w" in line and since in line and not captured.out


def test_a_first_build_that_cannot_write_its_index_stops_the_command_at_its_one_line(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """No index yet and an INDEX_DIR that can't be written (a misplaced path, a read-only disk): ``ask``,
    ``sources``, ``timeline`` and ``eval`` said so in one line naming INDEX_DIR, then went on to load the index
    never written, logged two ERROR lines and told the user to run ``index build --full``, which fails the same
    way. Now the build's line is the last word, exit code 1; ``--json`` gets an error object."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("INDEX_DIR", str(blocker / "index"))
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"question": "Which app?", "answers_any": ["Koo"]}) + "\n", encoding="utf-8")
    for argv in (["ask", "who is ajay sawhney?"], ["sources"], ["timeline"],
                 ["eval", str(questions), "--no-baseline"]):
        assert main(argv) == 1, argv
        said = capsys.readouterr()
        assert said.out == "", argv
        lines = said.err.splitlines()
        assert lines[0].startswith(f"No index at {blocker / 'index'} yet: building it"), said.err
        assert len(lines) == 2, said.err  # no ERROR log lines, no advice to run a build that fails the same way
        assert lines[1].startswith(f"dispute-bot: cannot write the index (INDEX_DIR={blocker / 'index'}): "), said.err
    for argv in (["sources", "--json"], ["eval", str(questions), "--no-baseline", "--json"]):
        assert main(argv) == 1
        refused = json.loads(capsys.readouterr().out)
        assert refused["error"] == "unavailable" and "(INDEX_DIR)" in refused["message"], refused


def test_every_add_of_eval_is_kept_however_it_is_written() -> None:
    """`--add a --add b` once kept only b: an eval scored the other articles' questions against nothing."""
    repeated = _parser().parse_args(["eval", "q.jsonl", "--add", "a.md", "--add", "b.md", "c.md"])
    listed = _parser().parse_args(["eval", "q.jsonl", "--add", "a.md", "b.md", "c.md"])
    assert repeated.add == listed.add == [Path("a.md"), Path("b.md"), Path("c.md")]
