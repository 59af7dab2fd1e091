"""``dispute-bot index add`` as a real process: once the model has been exported, an add needs no torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import json, sys
from bot.cli import main
status = main(sys.argv[1:])
heavy = sorted(m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules)
print(json.dumps({"status": status, "heavy": heavy}))
"""


def test_index_add_after_a_first_build_imports_no_torch(built_copy: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, index_dir = built_copy  # a built index, and the model's exports that build made
    article = tmp_path / "koo.md"
    article.write_text("---\ntitle: Koo\ndate: 2021-02-11\n---\nKoo passed three million downloads in February. "
                       "Ministers opened accounts on the app.\n", encoding="utf-8")
    env = {**os.environ, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index_dir), "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", CODE, "index", "add", str(article), "--json"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    report_line, check_line = result.stdout.strip().splitlines()[-2:]
    report, check = json.loads(report_line), json.loads(check_line)
    assert check == {"status": 0, "heavy": []}
    assert report["added_doc_ids"] == ["koo"] and report["embedded_chunks"] == 1 and report["embedded_sentences"] == 2
    assert (corpus / "koo.md").exists() and report["docs"] == 5

