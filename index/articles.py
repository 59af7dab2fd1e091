"""Each article's share of a build: taken from its cache entry where that is current, computed where not.

``analyse`` gives every article its sentences, chunks and extractor results; ``attach_vectors`` gives it the
vectors of its chunks, sentences and figure windows (in that order), encoding only texts no entry holds.
Together they make an add or a remove cost the new article plus assembling the index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from index.article_cache import ArticleCache, entry_key, part_key
from index.chunking import Chunk, ChunkSpec, Span, chunk_sentences, split_sentences, text_hash
from index.date_estimate import DATE_ESTIMATE_VERSION, article_candidates, estimate_dates, pick
from index.documents import PARSE_VERSION, Document
from index.embedding import EncoderProvider
from index.extractors import EXTRACTORS, SENTENCES_VERSION, Article, dated_period
from index.fact_lists import fact_lists
from index.furniture import story_sentences
from index.kin_dates import kin_periods
from index.pull_quotes import without_pull_quotes
from index.vector_cache import ProgressCallback, VectorCache, encode_missing


@dataclass
class ArticleState:
    key: str
    doc: Document
    base_key: str
    sentences: list[Span]
    chunks: list[Chunk]
    parts: dict[str, Any] = field(default_factory=dict)
    part_keys: dict[str, str] = field(default_factory=dict)  # cached parts only (not whole-corpus ones)
    vectors: np.ndarray | None = None  # rows: chunks, then sentences, then figure windows
    vector_meta: dict[str, Any] | None = None
    dirty: bool = False  # the entry must be written
    new_vectors: bool = False  # and its vectors with it

    def sentence_texts(self) -> list[str]:
        return [self.doc.text[s.start : s.end] for s in self.sentences]

    def texts(self) -> list[str]:
        """What is embedded for this article, in the order of its vector rows."""
        return [c.text for c in self.chunks] + self.sentence_texts() + [f[3] for f in self.parts["figures"]]

    def texts_key(self) -> str:
        """What decides those texts: the split and chunking, and the figure rules."""
        return part_key(self.base_key, self.part_keys.get("figures", ""))

    def entry(self) -> dict[str, Any]:
        # The document as parsed: a date estimated from the corpus is not the article's and is estimated again.
        parsed = replace(self.doc, date=None, date_estimated=False) if self.doc.date_estimated else self.doc
        return {
            "doc": parsed.to_dict(), "parse_version": PARSE_VERSION,
            "base": {"key": self.base_key, "sentences": [[s.start, s.end] for s in self.sentences],
                     "chunks": [[c.start, c.end, c.first_sentence, c.last_sentence] for c in self.chunks]},
            "parts": {name: {"key": k, "data": self.parts[name]} for name, k in self.part_keys.items()},
            **({"vectors": self.vector_meta} if self.vector_meta else {}),
        }


def _base(doc: Document, stored: dict[str, Any] | None, base_key: str) -> tuple[list[Span], list[Chunk]] | None:
    if not stored or stored.get("key") != base_key:
        return None
    try:
        spans = [Span(int(s), int(e)) for s, e in stored["sentences"]]
        chunks = [Chunk(doc.doc_id, int(s), int(e), doc.text[int(s) : int(e)], int(f), int(last))
                  for s, e, f, last in stored["chunks"]]
    except (KeyError, TypeError, ValueError):
        return None
    return spans, chunks


DATES = "date_candidates"  # an undated article's cached part: the days it reports, for its estimated date


def _estimate_dates(
    docs: list[Document], entries: list[dict[str, Any]], bases: list[tuple[list[Span], list[Chunk]]], base_key: str
) -> tuple[list[Document], dict[int, tuple[str, list[str], bool]]]:
    """Undated articles get a date estimated from their text (``index.date_estimate``) before any extractor
    runs, so events and the cached entry see it. What an article's estimate rests on (the days it reports,
    given the period the dated articles cover, or the days of those most like it: ``index.kin_dates``) is
    cached with it, so a build reads only new articles; with
    no dated article at all the period comes from every article's text, and all are read again.

    Returns the documents and, per undated article's position, (cache key, candidate days, computed now)."""
    period = dated_period(docs)
    if period is None:
        return estimate_dates(docs, {doc.doc_id: base[0] for doc, base in zip(docs, bases, strict=True)}), {}
    kin = kin_periods(docs)  # each article's years come from the dated articles most like it
    out: list[Document] = []
    estimates: dict[int, tuple[str, list[str], bool]] = {}
    for n, (doc, entry, base) in enumerate(zip(docs, entries, bases, strict=True)):
        if doc.date:
            out.append(doc)
            continue
        own = kin.get(doc.doc_id, period)
        key = part_key(DATES, DATE_ESTIMATE_VERSION, base_key, own)
        stored = (entry.get("parts") or {}).get(DATES)
        if isinstance(stored, dict) and stored.get("key") == key and isinstance(stored.get("data"), list):
            candidates, computed = [str(c) for c in stored["data"]], False
        else:
            candidates, computed = article_candidates(doc, base[0], own), True
        estimates[n] = (key, candidates, computed)
        out.append(pick(doc, candidates))
    return out, estimates


def analyse(docs: list[Document], cache: ArticleCache, spec: ChunkSpec,
            progress: ProgressCallback | None = None) -> list[ArticleState]:
    """Sentences, chunks and every extractor's result for each article, in corpus order."""
    # The parse is in the key: an entry is kept by file content, and a file read differently now (a .md body
    # without its markup) would otherwise keep sentence spans of the text it had before.
    base_key = part_key(SENTENCES_VERSION, PARSE_VERSION, spec.to_dict())
    if progress:  # a new long article is split and read for dates before the first article is counted done
        progress("analysing", 0, len(docs))
    keys = [entry_key(doc.doc_id, doc.filename, doc.sha256) for doc in docs]
    entries: list[dict[str, Any]] = []
    bases: list[tuple[list[Span], list[Chunk]]] = []
    fresh: list[bool] = []
    for doc, key in zip(docs, keys, strict=True):
        entry = cache.entry(key) or {}
        base = _base(doc, entry.get("base"), base_key)
        fresh.append(base is None)
        if base is None:
            # No cookie banner nor pull quote is quoted; a fact box's lines are one passage with their heading
            story = without_pull_quotes(doc.text, story_sentences(doc.text, split_sentences(doc.text)))
            spans = fact_lists(doc.text, story)
            base = spans, chunk_sentences(doc.doc_id, doc.text, spans, spec)
        entries.append(entry)
        bases.append(base)
    docs, estimates = _estimate_dates(docs, entries, bases, base_key)
    contexts = {name: e.context(docs) if e.context else None for name, e in EXTRACTORS.items()}
    whole_corpus = [name for name, e in EXTRACTORS.items() if e.context is not None and contexts[name] is None]
    states: list[ArticleState] = []
    for n, (doc, key, entry, base, dirty) in enumerate(zip(docs, keys, entries, bases, fresh, strict=True)):
        state = ArticleState(key, doc, base_key, *base, dirty=dirty, vector_meta=entry.get("vectors"))
        if n in estimates:
            ekey, candidates, computed = estimates[n]
            state.parts[DATES], state.part_keys[DATES] = candidates, ekey
            state.dirty |= computed
        article = Article(doc, state.sentences, state.chunks)
        stored_parts = entry.get("parts") or {}
        for name, extractor in EXTRACTORS.items():
            if name in whole_corpus:
                continue
            per_doc = contexts[name]
            context = per_doc(doc) if per_doc is not None else None
            pkey = part_key(name, extractor.version, base_key, context)
            stored = stored_parts.get(name)
            if isinstance(stored, dict) and stored.get("key") == pkey and "data" in stored:
                state.parts[name] = stored["data"]
            else:
                state.parts[name] = extractor.extract(replace(article, context=context))
                state.dirty = True
            state.part_keys[name] = pkey
        states.append(state)
        if progress:
            progress("analysing", n + 1, len(docs))
    for name in whole_corpus:
        articles = [Article(s.doc, s.sentences, s.chunks) for s in states]
        extract_all = EXTRACTORS[name].extract_all
        assert extract_all is not None, f"extractor {name} has a context but no whole-corpus pass"
        for state, result in zip(states, extract_all(articles), strict=True):
            state.parts[name] = result
    return states


@dataclass
class EmbedCounts:
    chunks: int = 0
    sentences: int = 0
    figures: int = 0


def attach_vectors(
    states: list[ArticleState],
    cache: ArticleCache,
    model_key: str,
    encoder_provider: EncoderProvider,
    fallback: Callable[[list[ArticleState]], VectorCache],
    progress: ProgressCallback | None = None,
) -> EmbedCounts:
    """Give every article its vectors: from its entry when the model and texts match, else by hash from
    any article's vectors (syndicated copies share sentences) or ``fallback`` (the live index), else encoded.
    """
    pending: list[ArticleState] = []
    for state in states:
        meta = state.vector_meta
        if meta and meta.get("model") == model_key and meta.get("texts") == state.texts_key():
            hashes = list(meta.get("hashes", []))
            state.vectors = cache.vectors(state.key, part_key(model_key, hashes), len(hashes), int(meta.get("dim", 0)))
        if state.vectors is None:
            pending.append(state)
    counts = EmbedCounts()
    if not pending:
        return counts
    known = VectorCache()
    for state in states:
        if state.vectors is not None and state.vector_meta:
            known.rows.update(zip(state.vector_meta["hashes"], state.vectors, strict=True))
    for state in pending:  # vectors an entry holds under older rules are still the model's
        meta = state.vector_meta
        if meta and meta.get("model") == model_key:
            hashes = list(meta.get("hashes", []))
            old = cache.vectors(state.key, part_key(model_key, hashes), len(hashes), int(meta.get("dim", 0)))
            if old is not None:
                known.rows.update(zip(hashes, old, strict=True))
    texts = [state.texts() for state in pending]
    hashes = [[text_hash(t) for t in group] for group in texts]
    if any(h not in known.rows for group in hashes for h in group):
        known.rows.update({k: v for k, v in fallback(pending).rows.items() if k not in known.rows})
    missing: dict[str, str] = {}
    for state, group, keys in zip(pending, texts, hashes, strict=True):
        n_chunks, n_sentences = len(state.chunks), len(state.sentences)
        for i, (text, key) in enumerate(zip(group, keys, strict=True)):
            if key in known.rows or key in missing:
                continue
            missing[key] = text
            if i < n_chunks:
                counts.chunks += 1
            elif i < n_chunks + n_sentences:
                counts.sentences += 1
            else:
                counts.figures += 1
    known.rows.update(encode_missing(missing, encoder_provider, progress))
    dimension = next(iter(known.rows.values())).shape[0] if known.rows else encoder_provider().dimension
    for state, keys in zip(pending, hashes, strict=True):
        rows = [known.rows[k] for k in keys]
        state.vectors = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dimension), np.float32)
        state.vector_meta = {"model": model_key, "texts": state.texts_key(), "dim": dimension, "hashes": keys}
        state.dirty = state.new_vectors = True
    return counts


def save_entries(states: list[ArticleState], cache: ArticleCache) -> None:
    """Write the entries this build changed (under the build lock, before the build is published)."""
    for state in states:
        if not state.dirty:
            continue
        if state.new_vectors and state.vector_meta:
            tag = part_key(state.vector_meta["model"], state.vector_meta["hashes"])
            cache.save(state.key, state.entry(), state.vectors, tag)
        else:
            cache.save(state.key, state.entry(), None)
