"""A private copy of a corpus and its live index, for trying articles out without touching what is served.

The live build folder is copied whole, so an incremental build in the copy reuses every vector and embeds
only what was added.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from index import store


def scratch_copy(corpus_dir: Path, index_dir: Path, target: Path) -> tuple[Path, Path]:
    """(corpus, index_dir) under ``target``; the index part is empty when there is no live index."""
    corpus = target / "corpus"
    shutil.copytree(corpus_dir, corpus) if corpus_dir.is_dir() else corpus.mkdir(parents=True)
    copy_index = target / "index"
    live = store.live_dir(index_dir)
    if live is not None:
        folder = store.builds_dir(copy_index) / live.name
        shutil.copytree(live, folder)
        copy_index.symlink_to(folder.resolve(), target_is_directory=True)
    return corpus, copy_index
