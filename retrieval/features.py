"""Features of each candidate sentence for a question: what the answer model reads.

Every feature carries over to any article: similarity in meaning (alone and with its neighbours), how much
of the question's rare vocabulary it holds (aliases counted) and the rarest word it, its neighbours or its
whole article lack, where the retrievers ranked its passage, and
whether it carries what the question asks for (a figure the question doesn't state, a date, a new name, a
reason, a place), itself or in the sentence right after it (an answer often spans two: "Sawhney will meet
them. The talks are likely this week."). Question-level features (how well the best candidate matches, how
much of the question the articles never mention) let one probability threshold decline for any question.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.article_head import DATELINE
from index.figures import WINDOW_WORDS, figures, figures_near, window_around
from index.lexical import terms
from retrieval.loaded import LoadedIndex
from retrieval.question import Kind, Question
from retrieval.signals import asks_duration, carries, name_near, new_figures, new_names
from retrieval.types import Passage

Encode = Callable[[list[str]], np.ndarray]

KINDS = [k.value for k in Kind]
FEATURES = [
    "dense", "dense_ctx", "dense_gap", "dense_rank", "passage_rank", "chunk_dense_rank", "chunk_lexical_rank",
    "coverage", "coverage_gap", "coverage_ctx", "matched_share", "missing_ctx", "doc_missing_share",
    "doc_missing_max", "focus_present", "name_near_category", "figure_near_focus", "new_figure_near_focus",
    "figure_context", "figure_local_coverage", "answer_like", "next_type_match", "log_words", "has_quote", "doc_first",
    "type_match", *[f"type_match_{k}" for k in KINDS], "type_x_dense", "type_x_coverage", "novel_share",
    "novel_terms", "q_max_dense", "q_max_coverage", "q_unknown_share",
    "q_log_terms", *[f"kind_{k}" for k in KINDS],
]
INDEX = {name: i for i, name in enumerate(FEATURES)}
MAX_FIGURE_WINDOWS = 16




@lru_cache(maxsize=65_536)
def sentence_terms(sentence: str) -> frozenset[str]:
    """The words a sentence says, its dateline left out (a question naming that city, "will it rain in delhi
    tomorrow", is no closer to the sentence for it); every question reads the same corpus sentences again, so
    each is tokenized once per process."""
    return frozenset(terms(DATELINE.sub("", sentence, count=1)))


class Coverage:
    """Share of the question's IDF weight a text holds; an alias counts as the form it stands for."""

    def __init__(self, index: LoadedIndex, question_terms: list[str]) -> None:
        self.terms = sorted(set(question_terms))
        self.weights = [index.idf.get(t, index.unknown_idf) for t in self.terms]
        self.total = float(sum(self.weights))
        self.alternatives: dict[str, list[frozenset[str]]] = {t: [frozenset([t])] for t in self.terms}
        qset = set(self.terms)
        for short, long_terms in index.aliases.items():
            if short in qset:
                self.alternatives[short].append(frozenset(long_terms))
            if all(t in qset for t in long_terms):
                for t in long_terms:
                    self.alternatives[t].append(frozenset([short]))
        unknown = [w for t, w in zip(self.terms, self.weights, strict=True) if t not in index.idf]
        self.unknown_share = float(sum(unknown) / self.total) if self.total else 1.0

    def missing(self, words: frozenset[str]) -> tuple[float, float]:
        """(share of the question's IDF weight, largest IDF relative to the question's largest) of the terms
        ``words`` lacks: "which court ..." asked of an article that never names a court can't be answered
        from it, however close the rest of the question comes."""
        gone = [w for term, w in zip(self.terms, self.weights, strict=True) if not self._holds(term, words)]
        if not self.terms or not gone:
            return 0.0, 0.0
        return sum(gone) / self.total, max(gone) / max(self.weights)

    def _holds(self, term: str, words: frozenset[str]) -> bool:
        return term in words or any(alt <= words for alt in self.alternatives[term][1:])

    def of(self, words: frozenset[str]) -> tuple[float, float]:
        """(IDF-weighted share, plain share) of the question's terms found in ``words``."""
        if not self.terms:
            return 0.0, 0.0
        weight, hits = 0.0, 0
        for term, w in zip(self.terms, self.weights, strict=True):
            if self._holds(term, words):
                weight += w
                hits += 1
        return weight / self.total, hits / len(self.terms)


@lru_cache(maxsize=4096)
def document_terms(text: str) -> frozenset[str]:
    return frozenset(terms(text))


@dataclass
class Candidates:
    """The sentences one question reads, best passages first, and their feature rows."""

    rows: list[int]
    texts: list[str]
    matrix: np.ndarray  # (len(rows), len(FEATURES))

    def column(self, name: str) -> np.ndarray:
        return self.matrix[:, INDEX[name]]

    def best(self, probs: np.ndarray) -> float:
        """The probability of the sentence an answer would start from (only answer-like ones can be)."""
        like = self.column("answer_like") > 0
        return float(probs[like].max()) if like.any() else 0.0


def _rows_of(index: LoadedIndex, passages: list[Passage]) -> tuple[list[int], list[str], list[Passage]]:
    """Distinct sentences of the passages (a sentence repeated verbatim counts once) with their passage."""
    rows: list[int] = []
    texts: list[str] = []
    owner: list[Passage] = []
    seen_rows: set[int] = set()
    seen_text: set[str] = set()
    for passage in passages:
        for row in index.chunk_sentence_rows(passage.chunk_index):
            if row in seen_rows:
                continue
            seen_rows.add(row)
            text = index.sentence_text(row)
            key = " ".join(text.lower().split())
            if key in seen_text:
                continue
            seen_text.add(key)
            rows.append(row)
            texts.append(text)
            owner.append(passage)
    return rows, texts, owner


def _neighbours(index: LoadedIndex, row: int) -> list[int]:
    spans = index.sentence_spans
    doc = spans[row, 0]
    return [r for r in (row - 1, row, row + 1) if 0 <= r < len(spans) and spans[r, 0] == doc]


def _figure_context(
    index: LoadedIndex, question: Question, query: np.ndarray, rows: list[int], texts: list[str],
    encode: Encode | None,
) -> np.ndarray:
    """For figure questions: how close the few words around each figure are to the question in meaning.

    Whole-sentence similarity can't tell "block 257 accounts" from "suspended 500 accounts" when both sit
    in long sentences about blocking; the words around the figure can. Their vectors are made at build
    time; only an index built without them needs one small encoding batch per question.
    """
    out = np.zeros(len(rows), dtype=np.float32)
    if question.kind is not Kind.COUNT:
        return out
    pending: list[tuple[int, str]] = []
    for i, (row, text) in enumerate(zip(rows, texts, strict=True)):
        for fig in figures_near(text, []):
            stored = index.figure_rows.get((row, fig.start))
            if stored is not None:
                out[i] = max(out[i], float(index.figure_vectors[stored] @ query))
            elif len(pending) < MAX_FIGURE_WINDOWS:
                pending.append((i, window_around(text, fig, WINDOW_WORDS)))
    if pending and encode is not None:
        sims = encode([w for _, w in pending]) @ query
        for (i, _), sim in zip(pending, sims.tolist(), strict=True):
            out[i] = max(out[i], float(sim))
    return out


# ``type_match`` of a sentence holding the span a "how long" question asks for (any figure scores 1).
DURATION_MATCH = 1.5


def _type_match(kind: Kind, text: str, question: str) -> float:
    info = carries(text)
    if kind is Kind.COUNT:
        # A figure with a unit of time is what "how long" asks for; any other figure may only count something.
        found = float(new_figures(text, question) > 0)
        if asks_duration(question) and info.has_duration and (found or not info.figures):
            # So is a span in words: "blocked those accounts for a few hours" gives no figure, and "how long
            # were they blocked?" read it as a sentence without what was asked for.
            return DURATION_MATCH
        return found
    if kind is Kind.WHEN:
        return float(info.has_date or info.has_weekday or info.has_relative_time) + 0.5 * info.has_year
    if kind in (Kind.WHO, Kind.NAME):
        return float(new_names(text, question) > 0)
    if kind is Kind.WHERE:
        return float(info.has_place)
    if kind is Kind.WHY:
        # "because" states a cause; "after" or "amid" more often only say what came first.
        return float(info.has_reason) + 0.5 * info.has_strong_reason
    return 0.0


def candidates(
    index: LoadedIndex, question: Question, query_vector: np.ndarray, passages: list[Passage],
    encode: Encode | None = None, is_answer_like: Callable[[str], bool] = lambda _: True,
) -> Candidates:
    rows, texts, owner = _rows_of(index, passages)
    n = len(rows)
    matrix = np.zeros((n, len(FEATURES)), dtype=np.float32)
    if not n:
        return Candidates(rows, texts, matrix)
    query = query_vector.astype(np.float32)
    vectors = index.sentence_vectors
    dense = vectors[rows] @ query
    ctx = np.array([vectors[_neighbours(index, r)].sum(axis=0) for r in rows], dtype=np.float32)
    ctx /= np.maximum(np.linalg.norm(ctx, axis=1, keepdims=True), 1e-6)
    dense_ctx = ctx @ query
    cover = Coverage(index, question.terms)
    cov = np.array([cover.of(sentence_terms(t)) for t in texts], dtype=np.float32).reshape(n, 2)
    words_of: dict[int, frozenset[str]] = dict(zip(rows, map(sentence_terms, texts), strict=True))

    def words_at(row: int) -> frozenset[str]:
        if row not in words_of:
            words_of[row] = sentence_terms(index.sentence_text(row))
        return words_of[row]

    around = [frozenset().union(*map(words_at, _neighbours(index, row))) for row in rows]
    cov_ctx = np.array([cover.of(words)[0] for words in around])
    missing_ctx = np.array([cover.missing(words)[1] for words in around])
    order = np.argsort(-dense, kind="stable")
    dense_rank = np.empty(n)
    dense_rank[order] = np.arange(n)
    passage_rank = {p.chunk_index: i for i, p in enumerate(passages)}
    figure_ctx = _figure_context(index, question, query, rows, texts, encode)
    qterms = set(question.terms)
    first_rows = set(index.doc_first_sentence.tolist())
    stated = {f.value for f in figures(question.text)}
    doc_missing: dict[int, tuple[float, float]] = {}

    def inv(rank: int) -> float:
        return 1.0 / (1.0 + rank) if rank >= 0 else 0.0

    col = INDEX
    matrix[:, col["dense"]] = dense
    matrix[:, col["dense_ctx"]] = dense_ctx
    matrix[:, col["dense_gap"]] = dense - dense.max()
    matrix[:, col["dense_rank"]] = 1.0 / (1.0 + dense_rank)
    matrix[:, col["coverage"]] = cov[:, 0]
    matrix[:, col["coverage_gap"]] = cov[:, 0] - cov[:, 0].max()
    matrix[:, col["coverage_ctx"]] = cov_ctx
    matrix[:, col["missing_ctx"]] = missing_ctx
    matrix[:, col["matched_share"]] = cov[:, 1]
    matrix[:, col["figure_context"]] = figure_ctx
    matrix[:, col["q_max_dense"]] = float(dense.max())
    matrix[:, col["q_max_coverage"]] = float(cov[:, 0].max())
    matrix[:, col["q_unknown_share"]] = cover.unknown_share
    matrix[:, col["q_log_terms"]] = math.log1p(len(qterms))
    matrix[:, col[f"kind_{question.kind.value}"]] = 1.0
    for i, (row, text, passage) in enumerate(zip(rows, texts, owner, strict=True)):
        matrix[i, col["passage_rank"]] = inv(passage_rank[passage.chunk_index])
        matrix[i, col["chunk_dense_rank"]] = inv(passage.dense_rank)
        matrix[i, col["chunk_lexical_rank"]] = inv(passage.lexical_rank)
        words = sentence_terms(text)
        if question.focus:
            matrix[i, col["focus_present"]] = float(bool(set(question.focus) & words))
            near = figures_near(text, question.focus)
            matrix[i, col["figure_near_focus"]] = float(bool(near))
            matrix[i, col["new_figure_near_focus"]] = float(any(f.value not in stated for f in near))
            if near:
                local = max(cover.of(sentence_terms(window_around(text, f)))[0] for f in near)
                matrix[i, col["figure_local_coverage"]] = local
        matrix[i, col["name_near_category"]] = float(name_near(text, question.category, question.text))
        doc_row = int(index.sentence_spans[row, 0])
        if doc_row not in doc_missing:
            doc_missing[doc_row] = cover.missing(document_terms(index.docs[doc_row].text))
        matrix[i, col["doc_missing_share"]], matrix[i, col["doc_missing_max"]] = doc_missing[doc_row]
        matrix[i, col["answer_like"]] = float(is_answer_like(text))
        info = carries(text)
        matrix[i, col["log_words"]] = math.log1p(info.words)
        matrix[i, col["has_quote"]] = float(info.has_quote)
        matrix[i, col["doc_first"]] = float(row in first_rows)
        match = _type_match(question.kind, text, question.text)
        after = row + 1
        if after < len(index.sentence_spans) and index.sentence_spans[after, 0] == doc_row:
            matrix[i, col["next_type_match"]] = _type_match(question.kind, index.sentence_text(after), question.text)
        matrix[i, col["type_match"]] = match
        matrix[i, col[f"type_match_{question.kind.value}"]] = match
        # An answer says something the question doesn't: a sentence made only of the question's own words
        # is about the question, not an answer to it.
        novel = len(words - qterms)
        matrix[i, col["novel_share"]] = novel / max(len(words), 1)
        matrix[i, col["novel_terms"]] = math.log1p(novel)
    matrix[:, col["type_x_dense"]] = matrix[:, col["type_match"]] * dense
    matrix[:, col["type_x_coverage"]] = matrix[:, col["type_match"]] * cov[:, 0]
    return Candidates(rows, texts, matrix)
