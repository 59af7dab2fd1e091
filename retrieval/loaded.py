"""A complete index read into memory from one build folder."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import bm25s
import faiss
import numpy as np

from index import file_check, store
from index.documents import Document
from index.figures import figures
from index.lexical import load_bm25
from index.onnx_encoder import QUERY_ENCODER_DIR
from index.vectors import read_faiss
from retrieval.figure_forms import articles_forms
from retrieval.name_kinds import with_corpus_kinds
from retrieval.name_spans import Mention, told_names
from retrieval.sentence_memo import SentenceMemo
from retrieval.story_subjects import subject_words

FIX = "dispute-bot index build"
# A damaged file in an index whose articles did not change: only a full build rewrites every file.
FIX_DAMAGED = "dispute-bot index build --full"


class IndexLoadError(RuntimeError):
    """The index is missing or damaged; the message names the file and the command that fixes it."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"The index file {path} {problem}. Rebuild the index with: {FIX_DAMAGED}")


class IndexMissingError(IndexLoadError):
    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir
        self.problem = "does not exist"
        RuntimeError.__init__(self, f"No index found at {index_dir}. Build it with: {FIX}")


class NewerIndexError(IndexLoadError):
    """The index was written by a newer release: this replica is the one to change (upgraded), not the index,
    which the replicas already upgraded serve. "Rebuild" was the advice, and rebuilding replaced it."""

    def __init__(self, path: Path, found: object) -> None:
        self.path = path
        self.problem = f"has format {found}, written by a newer release; this release reads {store.FORMAT_VERSION}"
        RuntimeError.__init__(self, f"The index file {path} {self.problem}. Upgrade this replica of dispute-bot.")


@dataclass
class LoadedIndex:
    folder: Path
    manifest: dict[str, Any]
    docs: list[Document]
    doc_index: dict[str, int]
    chunks: list[dict[str, Any]]
    chunk_doc: np.ndarray  # chunk row -> doc row
    sentence_spans: np.ndarray  # (n, 3): doc row, start, end
    doc_first_sentence: np.ndarray  # doc row -> global row of its first sentence
    sentence_vectors: np.ndarray
    faiss: faiss.Index
    bm25: bm25s.BM25
    idf: dict[str, float]
    unknown_idf: float
    events: list[dict[str, Any]]
    # (sentence row, figure start) -> row of ``figure_vectors``; empty for builds made before figures were
    # stored, whose count questions then encode the figure contexts themselves.
    figure_rows: dict[tuple[int, int], int] = field(default_factory=dict)
    figure_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    # Short form -> the long form's terms ("meiti" -> ministri electron inform technolog), mined at build time.
    aliases: dict[str, list[str]] = field(default_factory=dict)

    @property
    def model(self) -> str:
        return str(self.manifest["model"])

    @cached_property
    def sorted_terms(self) -> list[str]:
        """The vocabulary in order, made on first use: a word's longer forms ("founder" for "found") are then
        a bisect away, where a scan of every term took 35 ms per word in a vocabulary of 190,000."""
        return sorted(self.idf)

    @cached_property
    def memo(self) -> SentenceMemo:
        """What each sentence yields whatever the question, kept with this index (``retrieval.sentence_memo``)."""
        return SentenceMemo(self)

    @cached_property
    def figure_values(self) -> frozenset[float]:
        """Every figure the articles give (``retrieval.reach.unknown_figures``), read once for this index: a
        rebuild or add publishes a new folder, loaded as a new object, so it can't go stale."""
        return frozenset(self.figure_texts)

    @cached_property
    def figure_texts(self) -> dict[float, Counter[str]]:
        """Every figure the articles give, with how often each written form of it occurs ("1,178": a question's
        "1178" is searched so, ``retrieval.figure_forms``)."""
        out: dict[float, Counter[str]] = {}
        for doc in self.docs:
            for f in figures(doc.text):
                out.setdefault(f.value, Counter())[f.text] += 1
        return out

    @cached_property
    def figure_forms(self) -> dict[float, str]:
        """Each figure the articles give in digits, in the form they most often write it, read once for this
        index (``retrieval.figure_forms``)."""
        return articles_forms(self.figure_texts)

    @cached_property
    def named_sentences(self) -> list[tuple[int, str, list[Mention]]]:
        """Every sentence told as a sentence, with its row and its names (``retrieval.name_spans.told_names``),
        read once for this index, on its first list question (``retrieval.mentions``): 0.2 ms a sentence, seconds
        a list question on a large index when read for each."""
        told = told_names(self.sentence_text(row) for row in range(len(self.sentence_spans)))
        return with_corpus_kinds(told, self.aliases)  # "Harbour Ledger said": no person where it is an org

    @cached_property
    def story_subjects(self) -> frozenset[str]:
        """The words of the names most articles share (``retrieval.story_subjects``), read once for this index:
        what a message asking for the whole story ("what happened with twitter and india?") names it by."""
        rows = self.sentence_spans[:, 0].tolist() if len(self.sentence_spans) else []
        named = ((int(rows[row]), mentions) for row, _, mentions in self.named_sentences)
        return subject_words(named, len(self.docs))

    @cached_property
    def events_by_doc(self) -> dict[str, list[dict[str, Any]]]:
        """Each article's dated events in the order stored, grouped once for this index: an answer's quotes and a
        "when will" question's best sentence look up their own article's events, where a walk over every event
        of a large index cost milliseconds per quote."""
        out: dict[str, list[dict[str, Any]]] = {}
        for event in self.events:
            out.setdefault(str(event["doc_id"]), []).append(event)
        return out

    @cached_property
    def period(self) -> tuple[str, str] | None:
        """The first and last day the articles report or are dated (ISO), from the dated events and the
        articles' own dates; None when nothing is dated. Asked by every question naming a day or a year and
        by every timeline with a topic: a walk over every event, done once for this index."""
        days = [day for e in self.events for day in str(e.get("date", "")).split("/") if len(day) == 10]
        days += [d.date for d in self.docs if d.date]
        return (min(days), max(days)) if days else None

    @property
    def built_at(self) -> str:
        return str(self.manifest.get("built_at", ""))

    def sentence_text(self, row: int) -> str:
        doc_row, start, end = self.sentence_spans[row].tolist()  # Python ints in one call: 0.8 us, not 3.6
        return self.docs[doc_row].text[start:end]

    def chunk_sentence_rows(self, chunk_row: int) -> range:
        chunk = self.chunks[chunk_row]
        base = int(self.doc_first_sentence[int(self.chunk_doc[chunk_row])])
        return range(base + int(chunk["first_sentence"]), base + int(chunk["last_sentence"]))


def _file(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.exists():
        raise IndexLoadError(path, "is missing")
    return path


def _read_here(name: str) -> bool:
    return not name.startswith(f"{QUERY_ENCODER_DIR}/")


def load_index(index_dir: Path) -> LoadedIndex:
    """Read every file of the live build; any problem becomes an ``IndexLoadError``."""
    folder = store.live_dir(index_dir)
    if folder is None:
        raise IndexMissingError(index_dir)
    current = ""
    try:
        current = store.MANIFEST
        manifest = json.loads(_file(folder, current).read_text(encoding="utf-8"))
        if store.newer_format(manifest.get("format")):
            raise NewerIndexError(folder / current, manifest.get("format"))
        if manifest.get("format") != store.FORMAT_VERSION:
            raise IndexLoadError(folder / current, f"has format {manifest.get('format')!r}, "
                                 f"this version reads {store.FORMAT_VERSION}")
        # Each file the build recorded, by size and CRC-32, before any is read: a truncated faiss.index is then
        # "1,000 bytes; the build wrote 39,981", not faiss's C++ read error, and a file of the right size with
        # other bytes (a flipped bit in docs.jsonl misquotes an article; in the vectors it ranks other passages)
        # is not served. Sizes alone let it through unless `index status --verify` was run. The checksums read
        # the bytes this loader reads next anyway: 0.4 ms for the seed index's 264 KB (its load takes 2 ms warm),
        # about 1.5 s per GB. The query encoder is not this loader's (a damaged one falls back to the model).
        damage = file_check.damaged(folder, manifest, checksums=True, wanted=_read_here)
        if damage:
            raise IndexLoadError(folder / damage[0].file, damage[0].problem)
        current = store.DOCS
        docs = [Document.from_dict(d) for d in store.read_jsonl(_file(folder, current))]
        current = store.CHUNKS
        chunks = store.read_jsonl(_file(folder, current))
        current = store.SENTENCES
        spans = np.load(_file(folder, current), allow_pickle=False)
        current = store.SENTENCE_VECTORS
        sentence_vectors = np.load(_file(folder, current), allow_pickle=False)
        current = store.FAISS
        index = read_faiss(_file(folder, current))
        current = store.BM25
        bm25 = load_bm25(_file(folder, current))
        current = store.TERMS
        terms = json.loads(_file(folder, current).read_text(encoding="utf-8"))
        current = store.EVENTS
        events_path = folder / current
        events = store.read_jsonl(events_path) if events_path.exists() else []
        current = store.ALIASES
        aliases = json.loads((folder / current).read_text(encoding="utf-8")) if (folder / current).exists() else {}
        current = store.FIGURES
        figures = np.zeros((0, 3), dtype=np.int64)
        figure_vectors = np.zeros((0, sentence_vectors.shape[1]), dtype=np.float32)
        if (folder / current).exists():
            figures = np.load(folder / current, allow_pickle=False)
            current = store.FIGURE_VECTORS
            figure_vectors = np.load(_file(folder, current), allow_pickle=False)
    except IndexLoadError:
        raise
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, json.JSONDecodeError) as exc:
        raise IndexLoadError(folder / current, f"cannot be read ({type(exc).__name__}: {exc})") from exc

    doc_index = {d.doc_id: i for i, d in enumerate(docs)}
    try:
        chunk_doc = np.array([doc_index[c["doc_id"]] for c in chunks], dtype=np.int64)
    except KeyError as exc:
        raise IndexLoadError(folder / store.CHUNKS, f"names an unknown document {exc}") from exc
    if index.ntotal != len(chunks):
        raise IndexLoadError(folder / store.FAISS, f"holds {index.ntotal} vectors for {len(chunks)} chunks")
    if spans.ndim != 2 or spans.shape[1] != 3 or len(sentence_vectors) != len(spans):
        raise IndexLoadError(folder / store.SENTENCE_VECTORS, "does not match sentences.npy")
    if figures.ndim != 2 or figures.shape[1] != 3 or len(figures) != len(figure_vectors):
        raise IndexLoadError(folder / store.FIGURE_VECTORS, "does not match figures.npy")
    counts = np.bincount(spans[:, 0], minlength=len(docs)) if len(spans) else np.zeros(len(docs), np.int64)
    first = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    units = max(int(terms.get("units", 0)), 1)
    df: dict[str, int] = terms.get("df", {})
    idf = {t: math.log(1 + (units - n + 0.5) / (n + 0.5)) for t, n in df.items()}
    return LoadedIndex(
        folder=folder, manifest=manifest, docs=docs, doc_index=doc_index, chunks=chunks,
        chunk_doc=chunk_doc, sentence_spans=spans, doc_first_sentence=first,
        sentence_vectors=np.ascontiguousarray(sentence_vectors, dtype=np.float32), faiss=index,
        bm25=bm25, idf=idf, unknown_idf=math.log(1 + (units + 0.5) / 0.5), events=events,
        figure_rows={(int(row), int(start)): i for i, (row, start, _) in enumerate(figures.tolist())},
        figure_vectors=np.ascontiguousarray(figure_vectors, dtype=np.float32), aliases=aliases,
    )


def load_problem(index_dir: Path) -> str | None:
    """What keeps the live index from loading (its file and what is wrong with it), None when it loads: a
    build asks this before it calls an unchanged index up to date (``index.builder.LiveCheck``), so that
    builds and the bot judge an index by one check."""
    try:
        load_index(index_dir)
    except IndexLoadError as exc:
        return f"{exc.path.name} {exc.problem}"
    return None
