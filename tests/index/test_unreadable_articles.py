"""An indexed article whose file is there but can't be read (its permissions, a failing disk) stays indexed as it
was, with a note saying why, instead of leaving the index at the next build nobody meant to remove it with."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from index.manage import Upload, add_articles
from index.staleness import pending_changes
from retrieval.loaded import load_index


def _unreadable(monkeypatch: pytest.MonkeyPatch, victim: Path, code: int = errno.EIO) -> None:
    """``victim`` fails to read as on a disk error (the tests run as root, for whom no permission bit denies)."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == victim:
            raise OSError(code, "Input/output error" if code == errno.EIO else "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


@pytest.mark.parametrize("code", [errno.EIO, errno.EACCES])
def test_an_indexed_article_that_cannot_be_read_keeps_its_indexed_version(
    built_copy: tuple[Path, Path], encoder_provider: EncoderProvider, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    corpus, index_dir = built_copy
    victim = sorted(corpus.iterdir())[0]
    before = load_index(index_dir)
    held = before.docs[before.doc_index[victim.stem]]
    _unreadable(monkeypatch, victim, code)
    assert pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == []  # status: not "out of date"

    report = build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    assert report.unchanged and not report.skipped
    note = next(n.reason for n in report.notes if n.filename == victim.name)
    assert "cannot read" in note and "keeps the version it last held" in note

    outcome = add_articles([Upload("later.md", b"Twitter restored most of the accounts by the evening.\n")], corpus,
                           index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider, max_bytes=100_000)
    assert outcome.report is not None and outcome.report.added_docs == ["later"]
    assert not outcome.report.removed_docs
    loaded = load_index(index_dir)
    assert loaded.docs[loaded.doc_index[victim.stem]] == held  # the version it last held, text and all


def test_an_unreadable_file_never_indexed_is_skipped_and_a_deleted_one_removed(
    built_copy: tuple[Path, Path], encoder_provider: EncoderProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built_copy
    stranger = corpus / "stranger.md"
    stranger.write_text("Koo passed three million downloads in February.\n", encoding="utf-8")
    gone = sorted(corpus.iterdir())[0]
    gone.unlink()
    _unreadable(monkeypatch, stranger)
    report = build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    assert report.removed_docs == [gone.stem] and not report.added_docs
    assert [(s.filename, s.reason) for s in report.skipped] == [("stranger.md", "cannot read: Input/output error")]
