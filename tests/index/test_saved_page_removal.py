"""A saved ``.html`` page is removed by the name it was added under, as README promises of every article:
"index remove 'cp1252 page.html'" was told there is no such article (the add had stored it as
``web-<headline>-<hash>.md``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import Encoder
from index.manage import Upload
from retrieval.loaded import load_index
from tests.index.manage_support import _add, _remove

BODY = " ".join(f"The council met again on the bridge question and sentence {n} adds a detail." for n in range(12))


def page(title: str, head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1><p>{BODY}</p>"
            "</article></body></html>").encode("cp1252")


@pytest.mark.parametrize("head", ["", '<link rel="canonical" href="https://news.example.org/india/bridge-vote">'],
                         ids=["naming-no-address", "naming-its-address"])
def test_a_saved_page_is_removed_by_the_name_it_was_added_under(
        built_copy: tuple[Path, Path], encoder: Encoder, head: str) -> None:
    corpus, index_dir = built_copy
    added = _add([Upload("cp1252 page.html", page("Council delays bridge vote", head))], corpus, index_dir, encoder)
    [stored] = added.stored
    assert stored.startswith("web-council-delays-bridge-vote")
    report = _remove("cp1252 page.html", corpus, index_dir, encoder)
    assert report.removed_docs == [Path(stored).stem] and not (corpus / stored).exists()
    assert len(load_index(index_dir).docs) == 4


def test_a_page_saved_before_its_name_was_kept_is_found_by_its_hash(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """One added by an earlier release, whose front matter has no ``saved_as``: a page naming no address is
    filed under the hash of the name it was added under."""
    corpus, index_dir = built_copy
    [stored] = _add([Upload("bridge.html", page("Council delays bridge vote"))], corpus, index_dir, encoder).stored
    path = corpus / stored
    path.write_text("".join(line for line in path.read_text().splitlines(keepends=True)
                            if not line.startswith("saved_as:")))
    assert _remove("bridge.html", corpus, index_dir, encoder).removed_docs == [path.stem]
