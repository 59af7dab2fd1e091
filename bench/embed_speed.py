"""Embedding a long article's texts: how builds batch them now against batching by characters (before 2026-12-07).

    python -m bench.embed_speed                 # the texts of a 200 KB article, 2 rounds
    python -m bench.embed_speed --kb 1000 --int8 --rounds 1

The texts are those an add embeds (chunks, sentences, figure windows, each once), encoded by the float32
ONNX export articles are embedded with, in the same process and interleaved: the baseline batches them in
order of characters (as ``encode_missing`` did), ours as ``encode_missing`` does now. CPU seconds are the
process's (all its threads): on a shared machine they move far less with the load than wall seconds. The
vectors must agree (max |difference| per component); ``--int8`` times the int8 export too, for reference
only: its vectors are not the model's, so articles are not embedded with it.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.common import fmt, ratio, table
from bench.large_add import long_article
from bench.scale import BENCH_DIR
from index.article_cache import ArticleCache
from index.articles import analyse
from index.chunking import ChunkSpec
from index.documents import parse_article
from index.embedding import DEFAULT_MODEL, OnnxEncoder
from index.encoder_cache import ensure_exports
from index.vector_cache import ENCODE_BATCH, encode_missing

Encode = Callable[[list[str]], np.ndarray]


def article_texts(kb: int) -> list[str]:
    """What adding a ``kb`` KB synthetic article embeds, each distinct text once."""
    doc = parse_article(long_article(kb * 1000), f"long_{kb}kb", f"long_{kb}kb.txt")
    with tempfile.TemporaryDirectory() as tmp:
        state = analyse([doc], ArticleCache(Path(tmp), read=False), ChunkSpec())[0]
    return list(dict.fromkeys(state.texts()))


def by_characters(encoder: OnnxEncoder) -> Encode:
    """The batching before 2026-12-07: longest first by characters, batches of ``ENCODE_BATCH``."""
    def encode(texts: list[str]) -> np.ndarray:
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        out = np.zeros((len(texts), encoder.dimension), dtype=np.float32)
        for start in range(0, len(order), ENCODE_BATCH):
            rows = order[start : start + ENCODE_BATCH]
            out[rows] = encoder._session.run(None, encoder.tokenize([texts[i] for i in rows]))[0]
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
    return encode


def as_builds_do(encoder: OnnxEncoder) -> Encode:
    def encode(texts: list[str]) -> np.ndarray:
        fresh = encode_missing({str(i): t for i, t in enumerate(texts)}, lambda: encoder, None)
        return np.vstack([fresh[str(i)] for i in range(len(texts))])
    return encode


def padded_tokens(encoder: OnnxEncoder, texts: list[str], key: Callable[[int], int]) -> int:
    counts = encoder.token_counts(texts)
    order = sorted(range(len(texts)), key=key, reverse=True)
    return sum(max(counts[i] for i in order[s : s + ENCODE_BATCH]) * len(order[s : s + ENCODE_BATCH])
               for s in range(0, len(order), ENCODE_BATCH))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(encode: Encode, texts: list[str]) -> tuple[float, float, np.ndarray]:
    wall, cpu = time.perf_counter(), _cpu()
    vectors = encode(texts)
    return time.perf_counter() - wall, _cpu() - cpu, vectors


def speed_table(kb: int, rounds: int, threads: int, int8: bool, root: Path) -> str:
    texts = article_texts(kb)
    folders = ensure_exports(DEFAULT_MODEL, root, ("onnx", "onnx-int8") if int8 else ("onnx",))
    encoder = OnnxEncoder(folders["onnx"], threads)
    ways: dict[str, Encode] = {"baseline: batched by characters": by_characters(encoder),
                               "ours: batched by tokens": as_builds_do(encoder)}
    if int8:
        ways["int8 export, by tokens (not shipped: other vectors)"] = as_builds_do(
            OnnxEncoder(folders["onnx-int8"], threads))
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in ways}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(rounds):
        for name, encode in ways.items():
            wall, cpu, vectors[name] = timed(encode, texts)
            times[name].append((wall, cpu))
    base_name = next(iter(ways))
    base_wall = statistics.median(w for w, _ in times[base_name])
    base_cpu = statistics.median(c for _, c in times[base_name])
    counts = encoder.token_counts(texts)
    padding = {base_name: padded_tokens(encoder, texts, lambda i: len(texts[i])),
               "ours: batched by tokens": padded_tokens(encoder, texts, counts.__getitem__)}
    rows = []
    for name in ways:
        wall = statistics.median(w for w, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        diff = float(np.abs(vectors[name] - vectors[base_name]).max())
        rows.append([name, f"{padding.get(name, padding['ours: batched by tokens']):,}", fmt(wall, 1), fmt(cpu, 1),
                     fmt(len(texts) / wall, 0), fmt(len(texts) / cpu, 0),
                     *(("1.00", "1.00") if name == base_name else (ratio(wall, base_wall), ratio(cpu, base_cpu))),
                     f"{diff:.1e}"])
    head = f"{len(texts):,} texts of a {kb} KB article, {sum(counts):,} tokens; {threads} threads, {rounds} rounds\n\n"
    return head + table(["encoding", "tokens with padding", "wall s", "CPU s", "texts / wall s", "texts / CPU s",
                         "wall / baseline", "CPU / baseline", "max |diff| vs baseline"], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.embed_speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=int, default=200, help="size of the synthetic article")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads, as builds use on 2 cores")
    parser.add_argument("--int8", action="store_true", help="time the int8 export too (other vectors)")
    parser.add_argument("--encoders", type=Path, default=BENCH_DIR / "encoders", help="where the exports are kept")
    args = parser.parse_args(argv)
    print(speed_table(args.kb, args.rounds, args.threads, args.int8, args.encoders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
