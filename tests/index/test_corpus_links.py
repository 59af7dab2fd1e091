"""Articles in the corpus folder as symbolic links that lead to no file: the target moved away or on a disk not
mounted, or links that point at each other. They were left out of the folder's listing without a word, so an
indexed one was dropped from the index as if a moderator had removed it, and one never indexed was not
mentioned anywhere. Now each is a file that can't be read: an indexed article keeps the version the index holds,
with a note, and any other is skipped with the reason."""

from __future__ import annotations

from pathlib import Path

from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from retrieval.loaded import load_index


def test_an_indexed_article_whose_link_leads_nowhere_stays_indexed_with_a_note(
    built_copy: tuple[Path, Path], encoder_provider: EncoderProvider, tmp_path: Path
) -> None:
    corpus, index_dir = built_copy
    victim = sorted(corpus.iterdir())[0]
    moved = tmp_path / "elsewhere" / victim.name  # kept on another disk, linked into the corpus
    moved.parent.mkdir()
    victim.rename(moved)
    victim.symlink_to(moved)
    assert build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider).unchanged
    moved.unlink()  # that disk is not mounted at the next build
    report = build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    assert not report.removed_docs and victim.stem in load_index(index_dir).doc_index
    note = next(n.reason for n in report.notes if n.filename == victim.name)
    assert f"a symbolic link to {moved}" in note and "keeps the version it last held" in note


def test_links_in_a_loop_are_skipped_with_the_reason(
    built_copy: tuple[Path, Path], encoder_provider: EncoderProvider
) -> None:
    corpus, index_dir = built_copy
    (corpus / "first.md").symlink_to(corpus / "second.md")
    (corpus / "second.md").symlink_to(corpus / "first.md")
    report = build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    assert sorted(s.filename for s in report.skipped) == ["first.md", "second.md"]
    assert all("symbolic link" in s.reason and "leads to no file" in s.reason for s in report.skipped)
