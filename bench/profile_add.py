"""Where ``dispute-bot index add`` of a short article spends its time: one profiled CLI run per corpus.

    python -m bench.profile_add                        # seed, 155 articles (and 10k chunks if built)
    python -m bench.profile_add --code ../old-checkout # the same, running another checkout's code

The add runs in a new process under cProfile; its profile is summed into the parts an add is made of
(cumulative seconds of the functions named below; profiling itself slows pure-Python code somewhat).
"""

from __future__ import annotations

import argparse
import pstats
import subprocess
import sys
import time
from pathlib import Path

from bench.adds import ADD_SEED, SHORT, _env
from bench.common import fmt, table
from bench.scale import BENCH_DIR, distractor_corpus
from bench.synthetic import article

# part -> (file suffix, function) pairs whose cumulative time it is; the first match of each counts.
PARTS: list[tuple[str, list[tuple[str, str]]]] = [
    ("load torch + sentence-transformers and the model", [("index/embedding.py", "__init__")]),
    ("encode the new texts (torch)", [("index/embedding.py", "encode")]),
    ("load the ONNX article encoder", [("index/onnx_encoder.py", "__init__")]),
    ("encode the new texts (ONNX)", [("index/onnx_encoder.py", "encode")]),
    ("export / quantize the query encoder", [("index/onnx_export.py", "export_query_encoder"),
                                             ("index/onnx_export.py", "export_model")]),
    ("read and parse every article", [("index/corpus_files.py", "load_corpus")]),
    ("read the live index's vectors", [("index/vector_cache.py", "load_cache")]),
    ("split sentences (all articles / new only)", [("index/chunking.py", "split_sentences")]),
    ("analyse articles (after: new only)", [("index/articles.py", "analyse")]),
    ("dated events", [("index/events.py", "extract_events")]),
    ("BM25 and term statistics", [("index/lexical.py", "build_bm25"), ("index/lexical.py", "document_frequencies"),
                                  ("index/lexical.py", "bm25_from_terms")]),
    ("write the build folder, fsync, swap", [("index/store.py", "write_jsonl"), ("index/store.py", "publish"),
                                             ("index/lexical.py", "save_bm25"), ("index/vectors.py", "write_faiss")]),
]
CORPORA = {"seed": 0, "155": 151}


def profile_once(corpus: Path, index_dir: Path, code: str | None, tag: str) -> tuple[float, dict[str, float]]:
    """Wall seconds of one profiled add of a new article, and seconds per part (then the article is removed)."""
    env = _env(corpus, index_dir, code)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "bot", "index", "build", "--json"], cwd=BENCH_DIR, env=env, check=True,
                   capture_output=True)
    path = BENCH_DIR / "add-files" / f"zz_profiled_{tag}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article(ADD_SEED + 900, SHORT), encoding="utf-8")
    out = BENCH_DIR / f"add-{tag}.prof"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "bot", "index", "add", str(path),
                    "--json"], cwd=BENCH_DIR, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    subprocess.run([sys.executable, "-m", "bot", "index", "remove", path.stem, "--json"], cwd=BENCH_DIR, env=env,
                   check=True, capture_output=True)
    stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    parts: dict[str, float] = {}
    for name, functions in PARTS:
        total = 0.0
        for (filename, _, func), (_, _, _, cumulative, _) in stats.items():
            if any(filename.endswith(suffix) and func == wanted for suffix, wanted in functions):
                total += cumulative
        parts[name] = total
    return wall, parts


def corpus_for(label: str) -> tuple[Path, Path]:
    if label == "10k":
        base = BENCH_DIR / "encoded-10000"
        return base / "corpus", base / "index"
    from bench.adds import seed_copy

    if label == "seed":
        return seed_copy()
    base = BENCH_DIR / f"adds-{label}"
    distractor_corpus(base / "corpus", CORPORA[label])
    return base / "corpus", base / "index"


def profile_table(labels: list[str], code: str | None = None) -> str:
    results = [(label, *profile_once(*corpus_for(label), code, f"{label}-{'other' if code else 'this'}"))
               for label in labels]
    rows = [[name, *(fmt(parts[name], 2) if parts[name] else "–" for _, _, parts in results)] for name, _ in PARTS]
    rows.append(["**wall, whole process (profiled)**", *(fmt(wall, 2) for _, wall, _ in results)])
    return table(["part of one `index add`", *labels], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_add", description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", help="PYTHONPATH of another checkout to profile instead of this one")
    parser.add_argument("--corpora", default="seed,155", help="any of seed,155,10k")
    args = parser.parse_args(argv)
    print(profile_table(args.corpora.split(","), args.code))
    return 0


if __name__ == "__main__":
    sys.exit(main())
