"""The common tutorial stack, scored beside ours by ``dispute-bot eval`` and timed by the benchmarks.

500-character recursive character splitter (50 overlap, separators paragraph / line / space / character,
as in LangChain's ``RecursiveCharacterTextSplitter``), all-MiniLM-L6-v2, a FAISS ``IndexFlatIP`` over
normalised vectors, and the top passage as the answer. It is the yardstick users would compare the bot
with, so it must stay exactly this plain.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from index.corpus_files import load_corpus
from index.embedding import Encoder

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
SEPARATORS = ("\n\n", "\n", " ", "")


def _merge(pieces: list[str], sep: str, size: int, overlap: int) -> list[str]:
    chunks: list[str] = []
    current: list[str] = []
    total = 0
    for piece in pieces:
        extra = len(sep) if current else 0
        if total + len(piece) + extra > size and current:
            text = sep.join(current).strip()
            if text:
                chunks.append(text)
            # Drop from the front until the overlap budget is respected.
            while current and (total > overlap or total + len(piece) + (len(sep) if current else 0) > size):
                total -= len(current[0]) + (len(sep) if len(current) > 1 else 0)
                current.pop(0)
        current.append(piece)
        total += len(piece) + (len(sep) if len(current) > 1 else 0)
    text = sep.join(current).strip()
    if text:
        chunks.append(text)
    return chunks


def split(text: str, size: int = CHUNK_SIZE, overlap: int = CHUNK_OVERLAP,
          separators: tuple[str, ...] = SEPARATORS) -> list[str]:
    """Recursive character splitting: try the coarsest separator, recurse into pieces still too long."""
    sep = next((s for s in separators if s == "" or s in text), "")
    rest = separators[separators.index(sep) + 1 :] if sep else ()
    pieces = text.split(sep) if sep else list(text)
    out: list[str] = []
    good: list[str] = []
    for piece in pieces:
        if len(piece) <= size:
            good.append(piece)
            continue
        if good:
            out.extend(_merge(good, sep, size, overlap))
            good = []
        out.extend(split(piece, size, overlap, rest) if rest else [piece])
    if good:
        out.extend(_merge(good, sep, size, overlap))
    return out


@dataclass
class Baseline:
    encoder: Encoder
    texts: list[str]
    index: faiss.Index  # IndexFlatIP
    build_seconds: float

    @classmethod
    def build(cls, encoder: Encoder, corpus_dir: Path) -> Baseline:
        """Every article the bot would index (``.txt`` and ``.md``), split the tutorial way."""
        start = time.perf_counter()
        docs, _ = load_corpus(corpus_dir)
        texts = [c for d in docs for c in split(d.text)]
        vectors = encoder.encode(texts, batch_size=32)
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(encoder, texts, index, time.perf_counter() - start)

    @classmethod
    def over(cls, encoder: Encoder, texts: list[str], vectors: np.ndarray) -> Baseline:
        """The baseline's search over an existing set of passages (the scaled indexes)."""
        start = time.perf_counter()
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(encoder, texts, index, time.perf_counter() - start)

    def top(self, question: str, k: int = 3) -> list[str]:
        vector = self.encoder.encode([question])
        _, rows = self.index.search(np.ascontiguousarray(vector, dtype=np.float32), min(k, len(self.texts)))
        return [self.texts[int(r)] for r in rows[0] if r >= 0]

    def ask(self, question: str) -> str:
        return self.top(question, 1)[0]
