"""A full disk under INDEX_DIR says, beside the space left, about what a build needs there: the space the live
build holds of its own (its files hard-linked from the encoder cache cost nothing more). It said only the
space left, which told the operator nothing of how much to free."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from bot.settings import Settings
from bot.unwritable import cannot_write


def test_a_full_disk_says_what_the_last_build_took(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    (index_dir / "manifest.json").write_text("{}")
    (index_dir / "chunks.jsonl").write_bytes(b"x" * 5000)
    (tmp_path / "model.onnx").write_bytes(b"m" * 90_000)
    os.link(tmp_path / "model.onnx", index_dir / "model.onnx")  # shared with the encoder cache: not counted
    settings = Settings(_env_file=None, index_dir=index_dir)  # type: ignore[call-arg]
    line = cannot_write(settings, OSError(errno.ENOSPC, "No space left on device", str(index_dir / "x.npy")))
    assert " KB free on that disk, and the last build took 5 KB of its own (" in line
    fresh = Settings(_env_file=None, index_dir=tmp_path / "none")  # type: ignore[call-arg]
    assert "last build" not in cannot_write(fresh, OSError(errno.ENOSPC, "No space left on device"))
