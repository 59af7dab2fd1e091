"""``dispute-bot index status | head -1``: the reader going away is no failure to write the index."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_closed_pipe_is_a_quiet_stop_not_an_unwritable_index(built_copy: tuple[Path, Path], tmp_path: Path) -> None:
    """It ended with "cannot write the index (INDEX_DIR=…): Broken pipe": every OSError of the command was taken
    for the index's."""
    corpus, index_dir = built_copy
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1",
           "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index_dir), "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}"}
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written
    try:
        done = subprocess.run([sys.executable, "-m", "bot", "index", "status"], stdout=write, stderr=subprocess.PIPE,
                              env=env, cwd=tmp_path, timeout=120, check=False)
    finally:
        os.close(write)
    assert done.returncode == 141, done.stderr.decode()
    assert b"cannot write" not in done.stderr and b"Traceback" not in done.stderr
