"""Saved pages are often all called "page.html": removing by that name removed every article added under it. A name
that means several articles is refused, naming them, and nothing is removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import Encoder
from index.manage import Upload
from index.store import CorpusError
from retrieval.loaded import load_index
from tests.index.manage_support import _add, _remove
from tests.index.test_saved_page_removal import page


def test_a_name_two_saved_pages_were_added_under_removes_neither(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    [first] = _add([Upload("page.html", page("Council delays bridge vote"))], corpus, index_dir, encoder).stored
    other = page("Harbour board names new chair").replace(b"council met again on the bridge question",
                                                           b"harbour board chose its chair after a long vote")
    [second] = _add([Upload("page.html", other)], corpus, index_dir, encoder).stored
    with pytest.raises(CorpusError) as refused:
        _remove("page.html", corpus, index_dir, encoder)
    assert Path(first).stem in str(refused.value) and Path(second).stem in str(refused.value)
    assert (corpus / first).exists() and (corpus / second).exists()
    assert len(load_index(index_dir).docs) == 6
    assert _remove(Path(first).stem, corpus, index_dir, encoder).removed_docs == [Path(first).stem]
