"""An add or remove killed with SIGKILL part-way is undone, or finished, by the next build: never an article
published that the moderator was not told was added, nor one removed that came back unannounced."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index import store
from index.builder import build_index
from index.change_journal import Journal, journal_path, pending, recover
from index.embedding import DEFAULT_MODEL, EncoderProvider
from index.manage import Upload, add_articles, index_status
from retrieval.loaded import load_index
from tests.index.conftest import wait_for_marker

ROOT = Path(__file__).resolve().parents[2]

# The child adds or removes for real, except that it announces the chosen point and hangs there, so the parent
# can kill it: "unpublished" while the new build's FAISS file is written (the corpus already changed, the live
# index not yet), "published" once the new index is live (before the change's journal is cleared).
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tests.index.stand_in import StandInEncoder as Encoder
    import index.article_cache as article_cache
    import index.assemble as assemble
    from index.manage import Upload, add_articles, remove_article

    corpus, index_dir, marker, action, point = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), *sys.argv[4:6]


    def hang(*args, **kwargs):
        marker.write_text(point)
        time.sleep(600)

    if point == "unpublished":
        real_write = assemble.write_faiss
        def hanging_write(index, path):
            real_write(index, path)
            hang()
        assemble.write_faiss = hanging_write
    else:
        article_cache.ArticleCache.prune = hang
    if action == "add":
        victim = sys.argv[6]
        uploads = [Upload("extra.md", b"---\\ntitle: Extra\\n---\\nKoo passed three million downloads in February.\\n"),
                   Upload(victim, b"A corrected version of this article says that Twitter met the ministry.\\n")]
        add_articles(uploads, corpus, index_dir, model="all-MiniLM-L6-v2", encoder_provider=lambda: Encoder(),
                     max_bytes=100_000, force=True)
    else:
        remove_article(sys.argv[6], corpus, index_dir, model="all-MiniLM-L6-v2", encoder_provider=lambda: Encoder())
    """
)


def _killed_at(point: str, corpus: Path, index_dir: Path, marker: Path, *args: str) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(corpus), str(index_dir), str(marker), *args[:1],
                              point, *args[1:]], cwd=ROOT)
    try:
        wait_for_marker(child, marker, "the change exited before reaching the point it was to be killed at")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()


def _files(corpus: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in corpus.iterdir()}


def test_an_add_killed_before_its_index_was_published_is_undone_by_the_next_build(
    built_copy: tuple[Path, Path], tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    corpus, index_dir = built_copy
    before, live = _files(corpus), store.live_dir(index_dir)
    victim = sorted(before)[0]
    _killed_at("unpublished", corpus, index_dir, tmp_path / "marker", "add", victim)
    assert (corpus / "extra.md").exists() and _files(corpus)[victim] != before[victim]  # the dangerous state
    assert store.live_dir(index_dir) == live
    assert "extra.md" in (index_status(index_dir)["interrupted"] or "")

    report = build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    assert _files(corpus) == before
    assert report.unchanged and not report.added_docs and not report.changed_docs
    said = {n.filename: n.reason for n in report.notes}
    assert "undone" in said["extra.md"] and "add it again" in said["extra.md"]
    assert "put back as it was" in said[victim]
    assert "extra" not in load_index(index_dir).doc_index
    assert not journal_path(index_dir).exists() and index_status(index_dir)["interrupted"] is None


def test_an_add_killed_after_its_index_was_published_stands(
    built_copy: tuple[Path, Path], tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    corpus, index_dir = built_copy
    victim = sorted(_files(corpus))[0]
    live = store.live_dir(index_dir)
    _killed_at("published", corpus, index_dir, tmp_path / "marker", "add", victim)
    assert store.live_dir(index_dir) != live and journal_path(index_dir).exists()
    after = _files(corpus)

    notes = recover(index_dir, corpus)  # what the next build, add or remove does first, under the lock
    assert _files(corpus) == after and "extra" in load_index(index_dir).doc_index
    assert {n.filename for n in notes} == {"extra.md", victim} and all("stands" in n.reason for n in notes)
    assert not journal_path(index_dir).exists()


def test_a_remove_killed_before_its_index_was_published_is_undone_by_the_next_add(
    built_copy: tuple[Path, Path], tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    corpus, index_dir = built_copy
    before = _files(corpus)
    victim = Path(sorted(before)[0])
    _killed_at("unpublished", corpus, index_dir, tmp_path / "marker", "remove", victim.stem)
    assert not (corpus / victim.name).exists()

    outcome = add_articles([Upload("later.md", b"Twitter restored most of the accounts by the evening.\n")], corpus,
                           index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider, max_bytes=100_000)
    assert outcome.report is not None and outcome.report.added_docs == ["later"]
    assert not outcome.report.removed_docs and _files(corpus)[victim.name] == before[victim.name]
    note = next(n["note"] for n in outcome.change()["notes"] if n["file"] == victim.name)
    assert "earlier removal" in note and "still indexed" in note
    assert victim.stem in load_index(index_dir).doc_index


def test_a_journal_that_cannot_be_read_is_set_aside_not_acted_on(built_copy: tuple[Path, Path]) -> None:
    corpus, index_dir = built_copy
    before = _files(corpus)
    journal_path(index_dir).write_text('{"action": "add", "fil', encoding="utf-8")
    assert "can't be read" in (pending(index_dir) or "")
    notes = recover(index_dir, corpus)
    assert len(notes) == 1 and "could not be read" in notes[0].reason
    assert _files(corpus) == before and not journal_path(index_dir).exists()
    assert list(index_dir.parent.glob(f"{journal_path(index_dir).name}.unreadable-*"))


def test_a_change_that_fails_in_process_leaves_no_journal(
    built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, encoder_provider: EncoderProvider
) -> None:
    """Put back by the process itself (an exception, Ctrl-C, SIGTERM): nothing is left for the next build."""
    corpus, index_dir = built_copy

    def disk_full(*args: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "publish", disk_full)
    with pytest.raises(OSError):
        add_articles([Upload("later.md", b"Twitter restored most of the accounts by the evening.\n")], corpus,
                     index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider, max_bytes=100_000)
    assert not (corpus / "later.md").exists() and not journal_path(index_dir).exists()


def test_what_a_write_killed_midway_left_beside_the_journal_and_the_corpus_is_cleared(
    built_copy: tuple[Path, Path],
) -> None:
    corpus, index_dir = built_copy
    journal = journal_path(index_dir)
    Journal(index_dir, "add").record(corpus / "half.md", None, b"half")
    halves = [journal.with_name(f".{journal.name}.k2j3"), corpus / ".upload-x81b"]
    for half in halves:
        half.write_bytes(b"half writ")
    notes = recover(index_dir, corpus)
    assert [n.filename for n in notes] == ["half.md"] and not any(h.exists() for h in halves)


def _half_added(corpus: Path, index_dir: Path) -> str:
    """What an add killed before its index was published leaves, written as ``add_articles`` writes it: a new
    article and a corrected version of an indexed one, under the change's journal. Returns the corrected file."""
    from index.corpus_writes import CorpusUndo, write_article

    victim = sorted(_files(corpus))[0]
    undo = CorpusUndo(Journal(index_dir, "add"))
    write_article(corpus, "extra.md", b"---\ntitle: Extra\n---\nKoo passed three million downloads in February.\n",
                  undo)
    write_article(corpus, victim, b"A corrected version of this article says that Twitter met the ministry.\n", undo)
    return victim  # no undo.done(): the process died here


def test_an_add_killed_before_the_corpus_folder_was_moved_is_undone_where_the_corpus_is_now(
    built_copy: tuple[Path, Path], tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    """The journal names the files by path: putting a file back into the folder the corpus had been moved from
    failed every build ("cannot write the index … No such file or directory") until the journal was deleted by
    hand. The change is settled in the folder being built, and the files the add wrote are undone there."""
    corpus, index_dir = built_copy
    before = _files(corpus)
    victim = _half_added(corpus, index_dir)
    moved = corpus.rename(tmp_path / "articles")

    report = build_index(moved, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    assert _files(moved) == before and report.unchanged
    said = {n.filename: n.reason for n in report.notes}
    assert "undone" in said["extra.md"] and "put back as it was" in said[victim]
    assert not journal_path(index_dir).exists() and not corpus.exists()


def test_a_moved_corpus_file_changed_since_the_killed_add_is_left_as_it_is(
    built_copy: tuple[Path, Path], tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    """In a moved (or copied) corpus, a file is undone only while it is exactly what the killed add wrote: one
    edited since is someone's article now, never deleted or overwritten, and the report says it was left."""
    corpus, index_dir = built_copy
    before = _files(corpus)
    victim = _half_added(corpus, index_dir)
    copied = tmp_path / "articles"
    shutil.copytree(corpus, copied)
    edited = b"---\ntitle: Extra\n---\nKoo passed three million downloads in February, its founder said.\n"
    (copied / "extra.md").write_bytes(edited)

    report = build_index(copied, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    assert (copied / "extra.md").read_bytes() == edited and report.added_docs == ["extra"]
    assert (copied / victim).read_bytes() == before[victim]
    said = {n.filename: n.reason for n in report.notes}
    assert "left as it is" in said["extra.md"] and "undone" in said[victim]
    assert (corpus / "extra.md").exists(), "the folder the corpus was copied from is not the corpus: untouched"


def test_an_unpublished_add_is_undone_after_the_index_and_corpus_were_moved_together(
    built_copy: tuple[Path, Path], tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    """Moving the data folder (the corpus, INDEX_DIR's link, its builds and the journal) changed the live build
    folder's path, which read as "another index went live": the half-added article was declared published
    ("it stands") and indexed by the build."""
    corpus, index_dir = built_copy
    before = _files(corpus)
    _half_added(corpus, index_dir)
    live = store.live_dir(index_dir)
    assert live is not None
    index_dir.unlink()
    index_dir.symlink_to(os.path.relpath(live, index_dir.parent))  # as ``store.publish`` links it
    data = tmp_path / "data"
    data.mkdir()
    for name in (corpus.name, index_dir.name, f"{index_dir.name}.builds", journal_path(index_dir).name):
        (tmp_path / name).rename(data / name)

    report = build_index(data / corpus.name, data / index_dir.name, model=DEFAULT_MODEL,
                         encoder_provider=encoder_provider)
    assert _files(data / corpus.name) == before and report.unchanged
    assert all("undone" in n.reason for n in report.notes) and len(report.notes) == 2
