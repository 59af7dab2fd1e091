"""Moderator changes to the corpus at its edges: the last article, no corpus, names that collide, upper-case
extensions, file modes, impossible dates, a damaged manifest, and builds a killed process left behind."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from index import store
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, Encoder
from index.manage import Upload, add_articles, index_status, remove_article
from retrieval.loaded import load_index
from tests.index.manage_support import STORY, _add, _remove


def test_the_last_article_is_not_removed(tmp_path: Path, encoder: Encoder) -> None:
    """It was deleted, then the build failed on an empty corpus: the file gone, the index still serving it,
    and every later build failing the same way."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "only.md").write_text(STORY)
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    with pytest.raises(store.CorpusError, match="only article"):
        _remove("only", corpus, index_dir, encoder)
    assert (corpus / "only.md").exists() and load_index(index_dir).doc_index.keys() == {"only"}


@pytest.mark.parametrize("corpus_state", ["empty", "missing"])
def test_a_build_with_nothing_to_index_is_refused_and_keeps_the_index(
        built_copy: tuple[Path, Path], encoder: Encoder, corpus_state: str) -> None:
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    shutil.rmtree(corpus)
    if corpus_state == "empty":
        corpus.mkdir()
    with pytest.raises(store.CorpusError, match="no article to index.* left as it was" if corpus_state == "empty"
                       else "no corpus folder"):
        build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    assert store.live_dir(index_dir) == live


def test_a_first_build_with_nothing_to_index_names_no_index_it_kept(tmp_path: Path, encoder: Encoder) -> None:
    """With no index yet (a new install's first `sources` or build), the refusal said "The index was left as it
    was", of an index there is not."""
    (tmp_path / "corpus").mkdir()
    with pytest.raises(store.CorpusError) as refused:
        build_index(tmp_path / "corpus", tmp_path / "index", model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    assert "left as it was" not in str(refused.value) and "There is no index yet" in str(refused.value)
    assert "left as it was" not in refused.value.in_chat


def test_adding_to_a_corpus_folder_that_does_not_exist_creates_nothing(tmp_path: Path, encoder: Encoder) -> None:
    """Run from another folder, a relative CORPUS_DIR made a second corpus and index there, and the bot's own
    never got the article."""
    with pytest.raises(store.CorpusError, match="no corpus folder"):
        _add([Upload("story.md", STORY.encode())], tmp_path / "corpus", tmp_path / "index", encoder)
    assert list(tmp_path.iterdir()) == []


def test_two_files_of_one_add_that_clean_to_one_name_keep_the_first(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    first, second = "The first story, about a court. " * 3, "The second story, about a protest. " * 3
    outcome = _add([Upload("my article.md", first.encode()), Upload("my-article.md", second.encode())],
                   corpus, index_dir, encoder)
    assert outcome.stored == ["my-article.md"] and (corpus / "my-article.md").read_text() == first
    [refused] = outcome.rejected
    assert refused["file"] == "my-article.md" and "my article.md" in refused["reason"]


def test_an_upper_case_extension_is_an_article_like_any_other(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """The build read ``Gab.TXT``, but remove said there was no such article, and an upload of ``Gab.md`` was
    skipped as a duplicate while the old text kept being served."""
    corpus, index_dir = built_copy
    (corpus / "Gab.TXT").write_text("The old text of an article about an app. " * 3)
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    new_text = "The new text of an article about an app, rewritten. " * 3
    outcome = _add([Upload("Gab.md", new_text.encode())], corpus, index_dir, encoder)
    assert outcome.report is not None and outcome.report.to_dict()["skipped"] == []
    assert not (corpus / "Gab.TXT").exists()
    index = load_index(index_dir)
    assert "rewritten" in index.docs[index.doc_index["Gab"]].text
    _remove("Gab", corpus, index_dir, encoder)
    assert "Gab" not in load_index(index_dir).doc_index and not list(corpus.glob("Gab.*"))


def test_an_added_article_is_readable_like_the_files_beside_it(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """Saved owner-only, it could not be read by a bot running as another user (the image's uid 10001)."""
    corpus, index_dir = built_copy
    old = os.umask(0o022)
    try:
        _add([Upload("story.md", STORY.encode())], corpus, index_dir, encoder)
    finally:
        os.umask(old)
    assert stat.S_IMODE((corpus / "story.md").stat().st_mode) == 0o644


@pytest.mark.parametrize("text", ['---\ndate: "2021-02-31"\n---\n' + STORY, "date 2021-02-30\n" + STORY])
def test_a_date_that_is_no_day_is_refused(built_copy: tuple[Path, Path], encoder: Encoder, text: str) -> None:
    corpus, index_dir = built_copy
    outcome = _add([Upload("bad-date.md", text.encode())], corpus, index_dir, encoder)
    assert outcome.report is None and "does not exist (February 2021 has 28 days)" in outcome.rejected[0]["reason"]


@pytest.mark.parametrize("damage", ["missing", "garbled"])
def test_status_of_a_damaged_manifest_names_it(built_copy: tuple[Path, Path], damage: str) -> None:
    _, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    manifest = live / store.MANIFEST
    if damage == "missing":
        manifest.unlink()
    else:
        manifest.write_text("{ not json")
    with pytest.raises(store.ManifestUnreadable, match=f"{manifest}.*index build --full"):
        index_status(index_dir)


def test_a_build_a_killed_process_never_made_live_is_swept_and_never_evicts_the_previous(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """Killed between moving its folder into place and swapping the link, a build left a complete folder
    behind. Pruning by age kept it, as the newest, in place of the build the next swap replaced."""
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    orphan = store.builds_dir(index_dir) / "29991231T235959-deadbeef"
    shutil.copytree(live, orphan)
    newer = live.stat().st_mtime + 60  # made after the live build, as the build being published was
    os.utime(orphan, (newer, newer))
    (corpus / "story.md").write_text(STORY)
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    new = store.live_dir(index_dir)
    assert new is not None
    assert {p.name for p in store.builds_dir(index_dir).iterdir()} == {new.name, live.name}


def test_a_change_whose_rebuild_fails_leaves_the_corpus_as_it_was(built_copy: tuple[Path, Path],
                                                                  encoder: Encoder,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus changed first and the rebuild failed after: a removed article stayed deleted while the old
    index kept serving it (and a second remove said there was no such article); an added one stayed in the
    corpus unindexed, and adding it again was refused as a duplicate."""
    from tests.index.conftest import FailingEncoder

    corpus, index_dir = built_copy
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    live = store.live_dir(index_dir)
    victim = sorted(before)[0]

    def disk_full(*args: object) -> Path:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(store, "publish", disk_full)
        with pytest.raises(OSError, match="No space left"):
            remove_article(Path(victim).stem, corpus, index_dir, model=DEFAULT_MODEL,
                           encoder_provider=lambda: encoder)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
    new = Upload("fresh.md", b"---\ntitle: Fresh\n---\nKoo passed three million downloads in February.\n")
    replaced = Upload(victim, b"A corrected version of this article says something else entirely.\n")
    with pytest.raises(RuntimeError):
        add_articles([new, replaced], corpus, index_dir, model=DEFAULT_MODEL,
                     encoder_provider=lambda: FailingEncoder(encoder, after=0), force=True, max_bytes=10_000)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
    assert store.live_dir(index_dir) == live


def test_removing_all_but_unloadable_files_is_refused_and_undone(tmp_path: Path, encoder: Encoder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("Twitter blocked 250 accounts on Monday.\n", encoding="utf-8")
    build_index(corpus, tmp_path / "index", model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    (corpus / "empty.md").write_text("   \n", encoding="utf-8")
    with pytest.raises(store.CorpusError, match="left as it was"):
        remove_article("a", corpus, tmp_path / "index", model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    assert (corpus / "a.md").read_text(encoding="utf-8") == "Twitter blocked 250 accounts on Monday.\n"


def test_putting_back_a_change_that_wrote_nothing_logs_no_error(tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    """A read-only corpus refused the upload before a byte was written, and putting it "back" (an unlink,
    which a read-only disk refuses even for a file that isn't there) logged an ERROR and a traceback under
    the one line that mattered. Here the unlink fails the same way: the path's folder is a file."""
    from index.corpus_writes import CorpusUndo

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    kept = tmp_path / "kept.md"
    kept.write_text("as it was", encoding="utf-8")
    undo = CorpusUndo()
    undo.keep(blocker / "koo.md", b"new")
    undo.keep(kept, b"changed")
    kept.write_text("changed", encoding="utf-8")
    undo.restore()
    assert not caplog.records and kept.read_text(encoding="utf-8") == "as it was"
