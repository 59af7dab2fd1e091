"""A build killed with SIGKILL part-way must leave the last good index serving and the next build working."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from index import store
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from retrieval.loaded import load_index
from tests.index.conftest import wait_for_marker

ROOT = Path(__file__).resolve().parents[2]

# The child builds for real, except that writing the FAISS file announces itself and then hangs, so the
# parent can kill it while the half-written build folder exists. New text is embedded by a stand-in
# encoder: loading the real model in the child would only make the test slower.
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tests.index.stand_in import StandInEncoder as Encoder
    import index.assemble as assemble
    import index.builder as builder


    real_write = assemble.write_faiss
    def hanging_write(index, path):
        real_write(index, path)
        Path(sys.argv[3]).write_text("writing")
        time.sleep(600)

    assemble.write_faiss = hanging_write
    builder.build_index(Path(sys.argv[1]), Path(sys.argv[2]), model="all-MiniLM-L6-v2",
                        encoder_provider=lambda: Encoder())
    """
)


def test_kill_9_mid_build_keeps_the_old_index(
    built_copy: tuple[Path, Path], tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    corpus, index_dir = built_copy
    before = store.live_dir(index_dir)
    (corpus / "extra.md").write_text("---\ntitle: Extra\n---\nTwitter met the ministry again on Friday.\n")
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(corpus), str(index_dir), str(marker)], cwd=ROOT)
    try:
        wait_for_marker(child, marker, "the build exited before reaching the write")
        assert store.is_build_running(index_dir)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert list(store.builds_dir(index_dir).glob(".tmp-*")), "the kill should have left a half-written folder"
    assert store.live_dir(index_dir) == before
    assert "extra" not in load_index(index_dir).doc_index  # the old index still loads and serves
    assert not store.is_build_running(index_dir)  # the OS released the dead process's lock

    report = build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    assert report.added_docs == ["extra"] and report.reused_chunks > 0
    assert not list(store.builds_dir(index_dir).glob(".tmp-*"))
    assert "extra" in load_index(index_dir).doc_index
