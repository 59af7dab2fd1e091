"""Replicas serve the newest published build: a build another process publishes on the shared index folder
is what this process answers from at its next question, with no restart and no message between them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from index import store
from index.embedding import EncoderProvider
from retrieval.engine import Engine


def test_a_build_published_by_another_process_is_served_at_the_next_question(
    built_copy: tuple[Path, Path], encoder_provider: EncoderProvider, tmp_path: Path
) -> None:
    corpus, index_dir = built_copy
    engine = Engine(index_dir, encoder_provider)  # this replica, serving the current build
    first = engine.index.folder
    served = {s.doc_id for s in engine.sources()}
    gone = sorted(served)[0]
    env = {**os.environ, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index_dir), "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1"}
    # Another replica (here: a moderator's CLI on another process) removes an article and publishes.
    done = subprocess.run([sys.executable, "-m", "bot", "index", "remove", gone], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert store.live_dir(index_dir) != first
    assert engine.index.folder == store.live_dir(index_dir), "the next question loads the newer build"
    assert {s.doc_id for s in engine.sources()} == served - {gone}
