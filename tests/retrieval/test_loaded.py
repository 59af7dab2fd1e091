"""Damaged or missing index files give one clear message naming the file and the fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from index import store
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, Encoder, EncoderProvider
from retrieval.loaded import IndexLoadError, IndexMissingError, load_index
from tests.retrieval.conftest import index_of


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:50])


def _garbage(path: Path) -> None:
    path.write_text("{not json")


def _delete(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize(
    ("name", "damage"),
    [(store.FAISS, _truncate), (store.MANIFEST, _garbage), (store.CHUNKS, _delete), (store.CHUNKS, _garbage),
     (store.SENTENCE_VECTORS, _truncate), (store.DOCS, _delete)],
)
def test_damaged_file_is_named_with_the_fix(
    built_copy: tuple[Path, Path], name: str, damage: Callable[[Path], None], encoder: Encoder
) -> None:
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    damage(live / name)
    with pytest.raises(IndexLoadError) as info:
        load_index(index_dir)
    message = str(info.value)
    assert name in message and "dispute-bot index build --full" in message
    # The fix it names works: a full build replaces every file.
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder, full=True)
    assert load_index(index_dir).chunks


def test_a_file_of_another_size_than_its_build_wrote_is_said_plainly(built_copy: tuple[Path, Path]) -> None:
    """The sizes in the manifest are looked at before any file is read: a truncated faiss.index was faiss's
    C++ read error ("Error in void faiss::read_xb_vector(...) ... 955 != 39936")."""
    _, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    size = (live / store.FAISS).stat().st_size
    _truncate(live / store.FAISS)
    with pytest.raises(IndexLoadError) as info:
        load_index(index_dir)
    assert str(info.value) == (f"The index file {live / store.FAISS} is 50 bytes; the build wrote {size:,}. "
                               "Rebuild the index with: dispute-bot index build --full")


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="dispute-bot index build"):
        load_index(tmp_path / "nothing-here")


def test_figures_and_period_belong_to_each_loaded_index(tmp_path: Path, encoder_provider: EncoderProvider) -> None:
    """What ``retrieval.reach`` asks of every question naming a figure or a day is read once per loaded
    index and from that index alone: two indexes side by side (a live one and a build being checked)
    each answer with their own articles' figures and days."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = index_of({"a.md": "date 2021-02-10\n\n# Notice\n\nThe ministry ordered 1,178 accounts blocked."},
                     tmp_path / "a", encoder_provider)
    second = index_of({"b.md": "date 2022-03-05\n\n# Fine\n\nThe regulator fined the platform 4,500 dollars."},
                      tmp_path / "b", encoder_provider)
    assert 1178 in first.figure_values and 1178 not in second.figure_values
    assert 4500 in second.figure_values and 4500 not in first.figure_values
    assert first.period == ("2021-02-10", "2021-02-10")
    assert second.period == ("2022-03-05", "2022-03-05")
    assert first.figure_values is first.figure_values  # kept, not read again
