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

import numpy as np

from index.figures import WINDOW_WORDS, figures, figures_near, window_around
from retrieval.answer_like import answers_in
from retrieval.coverage import Coverage, document_terms, sentence_terms
from retrieval.loaded import LoadedIndex
from retrieval.neighbours import Neighbours, context_vectors, neighbours
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
        for row, text, key in index.memo.chunk(passage.chunk_index):
            if row in seen_rows:
                continue
            seen_rows.add(row)
            if key in seen_text:
                continue
            seen_text.add(key)
            rows.append(row)
            texts.append(text)
            owner.append(passage)
    return rows, texts, owner


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


def _figure_features(question: Question, texts: list[str], cover: Coverage) -> dict[str, list[float]]:
    """Whether each sentence names the counted thing, and gives a figure (one the question doesn't state)
    right beside it, and how much of the question the words around that figure hold."""
    focus = set(question.focus)
    stated = {f.value for f in figures(question.text)}
    out: dict[str, list[float]] = {name: [] for name in (
        "focus_present", "figure_near_focus", "new_figure_near_focus", "figure_local_coverage")}
    for text in texts:
        near = figures_near(text, question.focus)
        out["focus_present"].append(float(bool(focus & sentence_terms(text))))
        out["figure_near_focus"].append(float(bool(near)))
        out["new_figure_near_focus"].append(float(any(f.value not in stated for f in near)))
        out["figure_local_coverage"].append(
            max(cover.of(sentence_terms(window_around(text, f)))[0] for f in near) if near else 0.0)
    return out


def candidates(
    index: LoadedIndex, question: Question, query_vector: np.ndarray, passages: list[Passage],
    encode: Encode | None = None, is_answer_like: Callable[[str], bool] = lambda _: True,
) -> Candidates:
    """Every sentence of ``passages`` with its feature row. The features are filled a column at a time (a
    NumPy item write per feature and sentence was a tenth of the time), from per-text facts kept per
    process (``sentence_terms``, ``carries``, ``is_answer_like``)."""
    rows, texts, owner = _rows_of(index, passages)
    n = len(rows)
    matrix = np.zeros((n, len(FEATURES)), dtype=np.float32)
    if not n:
        return Candidates(rows, texts, matrix)
    query = query_vector.astype(np.float32)
    near = neighbours(index, rows)
    dense, meaning = _meaning_columns(index, question, query, rows, texts, near, encode)
    cover = Coverage(index, question.terms)
    words = [index.memo.terms(row) for row in rows]
    cov = np.array([cover.of(w) for w in words], dtype=np.float32).reshape(n, 2)
    ctx_shares = [cover.shares(cover.found(index.memo.pooled(row))) for row in rows]
    passage_rank = {p.chunk_index: i for i, p in enumerate(passages)}
    qterms = set(question.terms)
    first_rows = set(index.doc_first_sentence.tolist())
    doc_missing: dict[int, tuple[float, float]] = {}
    for doc_row in near.docs:
        if doc_row not in doc_missing:
            doc_missing[doc_row] = cover.missing(document_terms(index.docs[doc_row].text))
    info = [carries(t) for t in texts]
    # A sentence's type match, kept per row: the sentence after a candidate is most often a candidate too.
    matches = {row: _type_match(question.kind, text, question.text) for row, text in zip(rows, texts, strict=True)}

    def match_at(row: int) -> float:
        if row not in matches:
            matches[row] = _type_match(question.kind, index.sentence_text(row), question.text)
        return matches[row]

    novel = [len(w - qterms) for w in words]
    columns: dict[str, np.ndarray | list[float] | float] = {
        **meaning,
        "coverage": cov[:, 0], "coverage_gap": cov[:, 0] - cov[:, 0].max(),
        "coverage_ctx": np.array([s[0] for s in ctx_shares]),
        "missing_ctx": np.array([s[3] for s in ctx_shares]), "matched_share": cov[:, 1],
        "q_max_coverage": float(cov[:, 0].max()),
        "q_unknown_share": cover.unknown_share, "q_log_terms": math.log1p(len(qterms)),
        f"kind_{question.kind.value}": 1.0,
        "passage_rank": [1.0 / (1.0 + passage_rank[p.chunk_index]) for p in owner],
        "chunk_dense_rank": [1.0 / (1.0 + p.dense_rank) if p.dense_rank >= 0 else 0.0 for p in owner],
        "chunk_lexical_rank": [1.0 / (1.0 + p.lexical_rank) if p.lexical_rank >= 0 else 0.0 for p in owner],
        **(_figure_features(question, texts, cover) if question.focus else {}),
        "name_near_category": [float(name_near(t, question.category, question.text)) for t in texts],
        "doc_missing_share": [doc_missing[d][0] for d in near.docs],
        "doc_missing_max": [doc_missing[d][1] for d in near.docs],
        # an interviewer labelled by a name ("Northern Ledger: …") is known from the article (``index.turn_labels``)
        "answer_like": [float(answers_in(index.docs[d].text, t, is_answer_like))
                        for t, d in zip(texts, near.docs, strict=True)],
        "log_words": [math.log1p(c.words) for c in info], "has_quote": [float(c.has_quote) for c in info],
        "doc_first": [float(row in first_rows) for row in rows],
        "next_type_match": [match_at(row + 1) if after else 0.0
                            for row, after in zip(rows, near.after.tolist(), strict=True)],
        "type_match": [matches[row] for row in rows],
        f"type_match_{question.kind.value}": [matches[row] for row in rows],
        # An answer says something the question doesn't: a sentence made only of the question's own words
        # is about the question, not an answer to it.
        "novel_share": [k / max(len(w), 1) for k, w in zip(novel, words, strict=True)],
        "novel_terms": [math.log1p(k) for k in novel],
    }
    for name, values in columns.items():
        matrix[:, INDEX[name]] = values
    matrix[:, INDEX["type_x_dense"]] = matrix[:, INDEX["type_match"]] * dense
    matrix[:, INDEX["type_x_coverage"]] = matrix[:, INDEX["type_match"]] * cov[:, 0]
    return Candidates(rows, texts, matrix)


def _meaning_columns(
    index: LoadedIndex, question: Question, query: np.ndarray, rows: list[int], texts: list[str],
    near: Neighbours, encode: Encode | None,
) -> tuple[np.ndarray, dict[str, np.ndarray | float]]:
    """``dense`` and the columns that read the question's vector (``type_x_dense`` is made from ``dense``
    afterwards); every other column depends only on the question's words and the passages."""
    dense = index.sentence_vectors[rows] @ query
    order = np.argsort(-dense, kind="stable")
    dense_rank = np.empty(len(rows))
    dense_rank[order] = np.arange(len(rows))
    return dense, {
        "dense": dense, "dense_ctx": context_vectors(index, near) @ query, "dense_gap": dense - dense.max(),
        "dense_rank": 1.0 / (1.0 + dense_rank), "q_max_dense": float(dense.max()),
        "figure_context": _figure_context(index, question, query, rows, texts, encode),
    }


def reread(index: LoadedIndex, found: Candidates, question: Question, query_vector: np.ndarray,
           encode: Encode | None = None) -> Candidates:
    """``found`` (the candidates of ``question``) judged against another reading of it: a follow-up's
    sentences are scored against the question with the borrowed words and again with "it" resolved, over the
    same passages. Only the columns that read the vector change, so only they are made again: the rest (the
    coverage, the signals, the ranks) were a whole second ``candidates`` per such follow-up. The matrix is the
    one ``candidates`` gives for that vector, to the bit (``tests/retrieval/test_features.py``)."""
    matrix = found.matrix.copy()
    if found.rows:
        query = query_vector.astype(np.float32)
        dense, meaning = _meaning_columns(index, question, query, found.rows, found.texts,
                                          neighbours(index, found.rows), encode)
        for name, values in meaning.items():
            matrix[:, INDEX[name]] = values
        matrix[:, INDEX["type_x_dense"]] = matrix[:, INDEX["type_match"]] * dense
    return Candidates(found.rows, found.texts, matrix)
