"""A damaged index, as an operator meets it: ``index status`` names the file and the fix and exits 1, the
one-shot commands say it in one line, and start-up rebuilds it (or says in one line why it can't)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot import startup_index
from bot.cli import main
from bot.settings import Settings
from index import file_check, store
from retrieval.loaded import load_index

FIX = "Rebuild the index with: dispute-bot index build --full"


def _live(index_dir: Path) -> Path:
    live = store.live_dir(index_dir)
    assert live is not None
    return live


def _truncate_faiss(index_dir: Path) -> tuple[Path, int]:
    path = _live(index_dir) / store.FAISS
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(100)
    return path, size


def test_status_names_a_damaged_file_and_the_fix_and_exits_1(env: tuple[Path, Path],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """It read the manifest alone: a truncated faiss.index was a healthy index, exit 0."""
    _, index_dir = env
    assert main(["index", "status"]) == 0
    assert "files: sizes as built" in capsys.readouterr().out
    path, size = _truncate_faiss(index_dir)
    assert main(["index", "status"]) == 1
    out, err = capsys.readouterr()
    assert "4 articles" in out
    assert "sizes as built" not in out and "files: 1 not as built" in out  # stdout agreed with nothing on stderr
    assert err == f"dispute-bot: The index file {path} is 100 bytes; the build wrote {size:,}. {FIX}\n"
    assert main(["index", "status", "--json"]) == 1
    info = json.loads(capsys.readouterr().out)
    assert info["files_verified"] == "sizes" and [d["file"] for d in info["damaged"]] == [store.FAISS]


def test_status_verify_reads_the_checksums(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, index_dir = env
    path = _live(index_dir) / store.SENTENCE_VECTORS
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    assert main(["index", "status"]) == 0  # the size is right: only the bytes tell
    capsys.readouterr()
    assert main(["index", "status", "--verify"]) == 1
    err = capsys.readouterr().err
    assert "sentence_vectors.npy is not what the build wrote" in err and FIX in err


def test_status_of_an_index_built_before_sizes_were_recorded(env: tuple[Path, Path],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """It is served as before and said "not verified"; a missing file is still found."""
    _, index_dir = env
    manifest_path = _live(index_dir) / store.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    del manifest[file_check.FILES]
    manifest_path.write_text(json.dumps(manifest))
    assert main(["index", "status", "--verify"]) == 0
    assert "files: not verified beyond being there" in capsys.readouterr().out
    (_live(index_dir) / store.TERMS).unlink()
    assert main(["index", "status"]) == 1
    assert f"{store.TERMS} is missing. {FIX}" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["ask", "who leads the talks?"], ["sources"], ["timeline", "--topic", "koo"]])
def test_one_shot_commands_say_a_damaged_index_in_one_line(env: tuple[Path, Path], command: list[str],
                                                           capsys: pytest.CaptureFixture[str],
                                                           caplog: pytest.LogCaptureFixture) -> None:
    """Four lines said it: two ERROR logs, the chat's notice and the detail."""
    _, index_dir = env
    path, size = _truncate_faiss(index_dir)
    with caplog.at_level(logging.WARNING):
        assert main(command) == 1
    out, err = capsys.readouterr()
    assert not out and err == f"dispute-bot: The index file {path} is 100 bytes; the build wrote {size:,}. {FIX}\n"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert main([*command, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"] == "unavailable"


def test_the_report_with_a_damaged_index_comes_without_a_traceback(env: tuple[Path, Path],
                                                                    capsys: pytest.CaptureFixture[str],
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    """It comes, naming articles by id; the reason was logged with a 12-line traceback under it."""
    _, index_dir = env
    _truncate_faiss(index_dir)
    with caplog.at_level(logging.WARNING):
        assert main(["report"]) == 0
    assert "Knowledge gaps" in capsys.readouterr().out
    assert not [r for r in caplog.records if r.exc_info]
    assert any("faiss.index is 100 bytes" in r.getMessage() for r in caplog.records)


def _settings(corpus: Path, index_dir: Path) -> Settings:
    return Settings(_env_file=None, corpus_dir=corpus, index_dir=index_dir)  # type: ignore[call-arg]


def test_start_up_rebuilds_a_damaged_index_saying_so_once(built_copy: tuple[Path, Path],
                                                          capsys: pytest.CaptureFixture[str],
                                                          caplog: pytest.LogCaptureFixture) -> None:
    """It said the damage three times: the loader's error (advising the command start-up then ran itself),
    "Rebuilding ...", and the build's warning naming the file again."""
    corpus, index_dir = built_copy
    path, size = _truncate_faiss(index_dir)
    with caplog.at_level(logging.WARNING):
        assert startup_index.ensure_index(_settings(corpus, index_dir))
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"dispute-bot: The index file {path} is 100 bytes; the build wrote {size:,}: rebuilding the "
                      f"index in full from {corpus} ...")
    assert str(size) not in "\n".join(err[1:]) and not caplog.records
    load_index(index_dir)  # loads now


def test_start_up_without_a_corpus_to_repair_from_says_both_in_one_line(
        built_copy: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, index_dir = built_copy
    live = _live(index_dir)
    path, size = _truncate_faiss(index_dir)
    assert not startup_index.ensure_index(_settings(tmp_path / "no-corpus", index_dir))
    assert capsys.readouterr().err == (
        f"dispute-bot: The index file {path} is 100 bytes; the build wrote {size:,}, and there is no corpus "
        f"folder at {tmp_path / 'no-corpus'} (CORPUS_DIR) to rebuild it from.\n")
    assert store.live_dir(index_dir) == live


def test_start_up_without_a_corpus_serves_a_good_index_and_says_so(
        built_copy: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It said "Updating the index (the articles changed)", then the build's refusal, then served anyway."""
    _, index_dir = built_copy
    assert startup_index.ensure_index(_settings(tmp_path / "no-corpus", index_dir))
    err = capsys.readouterr().err
    assert "Updating" not in err and err.count("\n") == 1 and "served as it was built" in err
