"""The command line over an index or corpus that can't be used as it is: damaged, unwritable, a full disk,
a newer release's format, out of date, or left by an add that failed or was interrupted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main


def test_damaged_index_gives_the_fix_not_a_traceback(
    env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, index_dir = env
    (index_dir / "faiss.index").write_bytes(b"garbage")
    assert main(["ask", "Which app?"]) == 1
    out, err = capsys.readouterr()
    assert "faiss.index" in err and "dispute-bot index build" in err and "Traceback" not in err and not out


def test_an_index_or_corpus_that_cannot_be_written_is_one_line_not_a_traceback(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``index build|add|remove`` on a read-only, full or misplaced INDEX_DIR ended in a Python traceback
    (only ``run`` said which setting); a corpus that can't be written also logged a second traceback
    while putting back the file it never wrote."""
    corpus, _ = env
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("INDEX_DIR", str(blocker / "index"))
    for argv in (["index", "build"], ["index", "remove", "nothing-here"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert f"dispute-bot: cannot write the index (INDEX_DIR={blocker / 'index'}): " in err, err
        assert "Traceback" not in err and err.count("\n") == 1
    assert main(["index", "build", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"] == "failed"

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(30, "Read-only file system", str(path.parent / ".upload-x"))

    monkeypatch.setenv("INDEX_DIR", str(env[1]))
    monkeypatch.setattr("index.corpus_writes.write_atomically", read_only)
    article = tmp_path / "koo.md"
    article.write_text("---\ntitle: Koo\ndate: 2021-02-11\n---\nMinisters moved to Koo as the standoff with "
                       "Twitter over the blocking orders deepened.\n", encoding="utf-8")
    before = sorted(p.name for p in corpus.iterdir())
    assert main(["index", "add", str(article)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write the corpus (CORPUS_DIR={corpus}): Read-only file system" in err
    assert "Traceback" not in err and err.count("\n") == 1 and sorted(p.name for p in corpus.iterdir()) == before


def test_a_full_disk_says_how_much_is_left(tmp_path: Path) -> None:
    """numpy's short write on a full disk has no errno: "9984 requested and 9184 written" alone, now said as the
    full disk it is. A copy's error names its source first: the disk that is full is its destination's."""
    import errno

    from bot.settings import Settings
    from bot.unwritable import cannot_write

    settings = Settings(_env_file=None, index_dir=tmp_path / "index")  # type: ignore[call-arg]
    line = cannot_write(settings, OSError("9984 requested and 9184 written"))
    assert line.startswith(f"cannot write the index (INDEX_DIR={tmp_path / 'index'}): No space left on device (a "
                           "write of 9,984 bytes got 9,184 in); ") and " KB free on that disk" in line
    copy = OSError(errno.ENOSPC, "No space left on device", "/model/tokenizer.json", None, str(tmp_path / "x.json"))
    assert cannot_write(settings, copy).endswith(f"({tmp_path / 'x.json'})")


def test_index_build_rebuilds_an_index_the_bot_cannot_load(env: tuple[Path, Path],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A truncated faiss.index was "Index already up to date" while ``ask`` said the index was damaged."""
    _, index_dir = env
    live = index_dir.resolve()
    with (index_dir / "faiss.index").open("r+b") as fh:
        fh.truncate(100)
    assert main(["index", "build"]) == 0
    out = capsys.readouterr().out
    assert "Index rebuilt" in out and "Rebuilt in full: the live index could not be read" in out
    assert index_dir.resolve() != live and main(["ask", "Which app is the government promoting?"]) == 0


def test_an_index_from_a_newer_release_says_upgrade_and_is_replaced_only_by_build_full(
        env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from index import store

    _, index_dir = env
    manifest = json.loads((index_dir / store.MANIFEST).read_text())
    newer = store.FORMAT_VERSION + 1
    (index_dir / store.MANIFEST).write_text(json.dumps({**manifest, "format": newer}))
    live = index_dir.resolve()
    assert main(["index", "status"]) == 1
    out = capsys.readouterr().out
    assert f"format {newer} (this release reads {store.FORMAT_VERSION}): written by a newer release" in out
    assert "Upgrade this replica" in out
    assert main(["index", "status", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["format"] == newer
    assert main(["index", "build"]) == 1
    err = capsys.readouterr().err
    assert "Upgrade this replica" in err and err.count("\n") == 1 and index_dir.resolve() == live
    assert main(["index", "build", "--full"]) == 0
    assert main(["index", "status"]) == 0
    assert f"format {store.FORMAT_VERSION} (this release reads {store.FORMAT_VERSION})\n" in capsys.readouterr().out


def test_status_says_when_the_index_served_is_out_of_date(
        env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A moderator who had put a file in the corpus folder by hand, upgraded to a release with new rules, or
    changed EMBEDDING_MODEL was shown the old index's counts with no word that questions were answered from an
    index a build would now make differently."""
    from index import store
    from index.staleness import derived_key

    corpus, index_dir = env
    assert main(["index", "status"]) == 0
    assert "Out of date" not in capsys.readouterr().out
    (corpus / "dropped-in.md").write_text("Koo said on Thursday it had crossed three million users in India.\n")
    manifest = json.loads((index_dir / store.MANIFEST).read_text())
    older = {k: (v - 1 if isinstance(v, int) else v) for k, v in derived_key().items()}
    (index_dir / store.MANIFEST).write_text(json.dumps({**manifest, **older}))
    monkeypatch.setenv("EMBEDDING_MODEL", str(Path(__file__).parent))  # another model: only compared, never loaded
    assert main(["index", "status"]) == 0, "an out-of-date index still serves"
    out = capsys.readouterr().out
    assert ("Out of date (EMBEDDING_MODEL is now " in out and "it was built by an older version" in out
            and "the articles changed" in out and "dispute-bot index build brings it up to date" in out), out
    assert main(["index", "status", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["out_of_date"]) == 3


def test_status_and_a_refused_add_say_what_an_interrupted_add_left(
        env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An add killed before its index was published (``tests/index/test_change_journal.py`` kills a real one)
    left its file and journal: status says so, and the next add, even one refused, says it was undone."""
    from index.change_journal import Journal

    corpus, index_dir = env
    left = corpus / "half-added.md"
    half = b"Koo said on Thursday it had crossed three million users in India.\n"
    Journal(index_dir, "add").record(left, None, half)  # as the killed add wrote it, before the file
    left.write_bytes(half)
    assert main(["index", "status"]) == 0
    out = capsys.readouterr().out
    assert "\nInterrupted: an add of half-added.md was interrupted; the next index build" in out
    # Its file makes the index out of date, but a build undoes it: never told it will be brought in.
    assert out.endswith("until dispute-bot index build first settles the interrupted change, then brings it up to "
                        "date\n"), out
    duplicate = tmp_path / "again.md"
    duplicate.write_bytes((corpus / sorted(p.name for p in corpus.glob("0*"))[0]).read_bytes())
    assert main(["index", "add", str(duplicate)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Nothing was added.\nRefused again.md") and "Note on half-added.md: an earlier add" in err
    assert not left.exists()
    assert main(["index", "status"]) == 0
    assert "Interrupted" not in capsys.readouterr().out


def test_a_full_disk_under_the_corpus_names_the_corpus_folder(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A write that fills the disk fails with no file name (``No space left on device`` from write or fsync): a
    full corpus disk was told as "cannot write the index (INDEX_DIR=…) …; 66,437,236 KB free on that disk", the
    index's disk, so the operator looked at the wrong folder. (Reproduced with the corpus on a 64 KB tmpfs.)"""
    import errno
    import os

    corpus, _ = env
    real = os.fsync

    def fsync(fd: int) -> None:  # as a full disk fails, for files being written in the corpus folder only
        if Path(os.readlink(f"/proc/self/fd/{fd}")).parent == corpus.resolve():
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    article = tmp_path / "koo.md"
    article.write_text("Koo said on Thursday it had crossed three million users in India.\n", encoding="utf-8")
    assert main(["index", "add", str(article)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write the corpus (CORPUS_DIR={corpus}): No space left on device" in err, err
    assert not (corpus / "koo.md").exists() and not [p for p in corpus.iterdir() if p.name.startswith(".")]


def test_status_after_a_failed_add_says_the_last_good_index_serves_and_why(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``index status`` after a build that failed (here an add's, the disk filling as its index was published)
    said nothing of it: another moderator looking later saw the old counts as if nothing had been tried. It says
    the build failed, why, and that the index shown is still served, until a build succeeds."""
    from index import store

    index_dir = env[1]
    article = tmp_path / "koo.md"
    article.write_text("---\ntitle: Koo\ndate: 2021-02-11\n---\nMinisters moved to Koo as the standoff with "
                       "Twitter over the blocking orders deepened.\n", encoding="utf-8")

    def disk_full(*args: object) -> Path:
        raise OSError(28, "No space left on device", str(index_dir.parent / "index.builds"))

    with monkeypatch.context() as patched:
        patched.setattr(store, "publish", disk_full)
        assert main(["index", "add", str(article)]) == 1
    capsys.readouterr()
    assert main(["index", "status"]) == 0
    out = capsys.readouterr().out
    assert ("\nThe last build failed (" in out and "): No space left on device ("
            f"{index_dir.parent / 'index.builds'}). The index above is still the one served." in out), out
    assert main(["index", "status", "--json"]) == 0
    assert "No space left" in json.loads(capsys.readouterr().out)["last_failure"]["reason"]
    assert main(["index", "build"]) == 0
    capsys.readouterr()
    assert main(["index", "status"]) == 0
    assert "The last build failed" not in capsys.readouterr().out
