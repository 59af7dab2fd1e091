"""Extractive answers: verbatim sentences from the best passages, or an honest "the articles don't say".

The answer never contains a word the articles don't: it is built from whole sentences (or clause-aligned
windows of a long one), each carried with the offsets that locate it in its article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.figures import WINDOW_WORDS, figures_near, has_date, window_around
from index.lexical import terms
from retrieval.loaded import LoadedIndex
from retrieval.question import Kind, Question
from retrieval.quotes import trim_to_window
from retrieval.types import Answer, Citation, Passage

MAX_CHARS = 400
MAX_SENTENCES = 3
# Evidence gate, calibrated on the dev questions and on off-topic probes: a sentence must either share
# most of the question's weighted terms and be at least loosely related in meaning, or be close in
# meaning on its own (a paraphrase with no shared words).
MIN_COVERAGE = 0.35
MIN_COMBINED = 0.8
MIN_DENSE_ALONE = 0.7
# A second sentence joins the answer only when it is nearly as good as the first.
COMPANION_RATIO = 0.75
DECLINE_SHOWN = 2
MIN_WORDS = 6
# A sentence opening like this leans on the one before or after it; quoting the pair keeps it readable.
_CONTINUES = re.compile(
    r"^[\"“‘']?(?:It|They|He|She|Doing so|To do so|"
    r"(?:This|That) (?:is|was|comes|came|means|meant|has|had|will|would|could|may|might))\b"
)
# Real sentences end in terminal punctuation (possibly inside a closing quote); headings and captions don't.
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")


@dataclass(frozen=True)
class Scored:
    row: int  # global sentence row
    dense: float
    coverage: float
    score: float
    text: str


@lru_cache(maxsize=65_536)
def _sentence_terms(sentence: str) -> frozenset[str]:
    """Every question reads the same corpus sentences again: tokenize each once per process."""
    return frozenset(terms(sentence))


def _coverage(index: LoadedIndex, question_terms: set[str], sentence: str) -> float:
    """Share of the question's IDF weight the sentence contains: rare words count most."""
    if not question_terms:
        return 0.0
    weights = {t: index.idf.get(t, index.unknown_idf) for t in question_terms}
    present = question_terms.intersection(_sentence_terms(sentence))
    return sum(weights[t] for t in present) / sum(weights.values())


Encode = Callable[[list[str]], np.ndarray]
MAX_FIGURE_WINDOWS = 16


def _figure_context_scores(
    index: LoadedIndex, question: Question, query_vector: np.ndarray, candidates: list[tuple[int, str]],
    encode: Encode | None,
) -> dict[str, float]:
    """For count questions: how close each sentence's best figure context is to the question in meaning.

    Whole-sentence similarity can't tell "block 257 accounts" from "suspended 500 accounts" when both
    sit in long sentences about blocking; a few words around the figure can. Their vectors are made at
    build time; only an index built without them needs one small encoding batch per question.
    """
    if question.kind is not Kind.COUNT:
        return {}
    stored: list[tuple[str, int]] = []
    windows: list[tuple[str, str]] = []
    for row, text in candidates:
        for fig in figures_near(text, question.focus):
            found = index.figure_rows.get((row, fig.start))
            if found is not None:
                stored.append((text, found))
            elif len(windows) < MAX_FIGURE_WINDOWS:
                windows.append((text, window_around(text, fig, WINDOW_WORDS)))
    query = query_vector.astype(np.float32)
    sims: list[tuple[str, float]] = []
    if stored:
        vectors = index.figure_vectors[[i for _, i in stored]] @ query
        sims += zip([t for t, _ in stored], vectors.tolist(), strict=True)
    if windows and encode is not None:
        sims += zip([t for t, _ in windows], (encode([w for _, w in windows]) @ query).tolist(), strict=True)
    best: dict[str, float] = {}
    for text, sim in sims:
        best[text] = max(best.get(text, -1.0), float(sim))
    return best


def _kind_bonus(index: LoadedIndex, question: Question, sentence: str, context: dict[str, float]) -> float:
    if question.kind is Kind.COUNT:
        found = figures_near(sentence, question.focus)
        if not found:
            return -0.1
        # A figure stated next to the question's own words ("block 257 accounts") beats one that merely
        # shares a sentence with them.
        qterms = set(question.terms)
        local = max(_coverage(index, qterms, window_around(sentence, f)) for f in found)
        return 0.1 + 0.35 * local + 0.4 * context.get(sentence, 0.0)
    if question.kind is Kind.WHEN:
        return 0.2 if has_date(sentence) else -0.05
    return 0.0


def score_sentences(
    index: LoadedIndex,
    question: Question,
    query_vector: np.ndarray,
    passages: list[Passage],
    encode: Encode | None = None,
) -> list[Scored]:
    """Every sentence of the retrieved passages, best first; a sentence repeated verbatim counts once.

    ``encode`` (the query encoder) lets count questions judge each figure by its immediate context.
    """
    rows: list[int] = []
    seen_rows: set[int] = set()
    rank_of: dict[int, int] = {}
    for rank, passage in enumerate(passages):
        for row in index.chunk_sentence_rows(passage.chunk_index):
            if row not in seen_rows:
                seen_rows.add(row)
                rows.append(row)
                rank_of[row] = rank
    if not rows:
        return []
    dense = index.sentence_vectors[rows] @ query_vector.astype(np.float32)
    qterms = set(question.terms)
    candidates: list[tuple[int, float, str]] = []
    seen_text: set[str] = set()
    for row, sim in zip(rows, dense.tolist(), strict=True):
        text = index.sentence_text(row)
        key = " ".join(text.lower().split())
        if key not in seen_text:
            seen_text.add(key)
            candidates.append((row, float(sim), text))
    context = _figure_context_scores(index, question, query_vector, [(r, t) for r, _, t in candidates], encode)
    scored: list[Scored] = []
    for row, sim, text in candidates:
        cov = _coverage(index, qterms, text)
        # For a count, the words around the figure (in the bonus) matter more than the whole sentence's.
        weight = 0.25 if question.kind is Kind.COUNT else 0.5
        # Passage rank is a weak prior: the fused search already saw the surrounding context.
        score = 0.5 * sim + weight * cov + _kind_bonus(index, question, text, context) - 0.01 * rank_of[row]
        scored.append(Scored(row, sim, cov, score, text))
    scored.sort(key=lambda s: -s.score)
    return scored


def is_supported(best: Scored) -> bool:
    """Off-topic questions almost always carry a word the articles never use (its IDF is then the highest
    possible), which keeps coverage low even when the embedding finds a vaguely similar sentence.

    A stricter floor for questions with such a word was tried and dropped: it declined more paraphrases
    ("send" for "sent", "accuse" for "allegation") than made-up questions.
    """
    if best.coverage >= MIN_COVERAGE and best.dense + best.coverage >= MIN_COMBINED:
        return True
    return best.dense >= MIN_DENSE_ALONE


def is_answer_like(text: str) -> bool:
    """Headings, captions and the article's own rhetorical questions are context, never an answer."""
    stripped = text.strip()
    if not _TERMINAL.search(stripped) or stripped.rstrip("\"'”’)]").endswith("?"):
        return False
    return len(stripped.split()) >= MIN_WORDS


def _citation(index: LoadedIndex, row: int, start: int, end: int, score: float) -> Citation:
    doc = index.docs[int(index.sentence_spans[row][0])]
    return Citation(
        doc_id=doc.doc_id, title=doc.title, date=doc.date, url=doc.url,
        quote=doc.text[start:end], start=start, end=end, score=round(score, 4), date_estimated=doc.date_estimated,
    )


def _quote(
    index: LoadedIndex, item: Scored, question: Question, budget: int, follow: bool
) -> tuple[str, Citation]:
    """The sentence, or the clause-aligned window of it that holds the question's terms.

    With ``follow``, a next sentence that continues this one ("It said that doing so ...") is quoted too,
    as one slice, when the pair fits.
    """
    _, start, end = (int(v) for v in index.sentence_spans[item.row])
    text = item.text
    nxt = item.row + 1
    if follow and nxt < len(index.sentence_spans) and index.sentence_spans[nxt][0] == index.sentence_spans[
        item.row
    ][0]:
        following = index.sentence_text(nxt)
        doc_text = index.docs[int(index.sentence_spans[item.row][0])].text
        gap = doc_text[end : int(index.sentence_spans[nxt][1])]
        if _CONTINUES.match(following) and "\n" not in gap:
            new_end = int(index.sentence_spans[nxt][2])
            if new_end - start <= budget:
                text, end = doc_text[start:new_end], new_end
    keep = set(question.terms) | set(question.focus)
    must = None
    if question.kind is Kind.COUNT:
        found = figures_near(text, question.focus)
        must = (found[0].start, found[0].end) if found else None
    shown, (s, e) = trim_to_window(text, keep, budget, must)
    return shown, _citation(index, item.row, start + s, start + e, item.score)


def _pick(question: Question, ranked: list[Scored]) -> list[Scored]:
    ranked = [r for r in ranked if is_answer_like(r.text)] or ranked
    best = ranked[0]
    if question.kind is Kind.COUNT:
        # Each distinct figure the articles give, with the best sentence that states it.
        chosen: list[Scored] = []
        values: set[float] = set()
        for item in ranked:
            if item.score < 0.6 * best.score or len(chosen) == MAX_SENTENCES:
                break
            found = {f.value for f in figures_near(item.text, question.focus)}
            if found and not found <= values:
                chosen.append(item)
                values |= found
        return chosen or [best]
    picked = [best]
    for item in ranked[1:]:
        if len(picked) == 2 or item.score < COMPANION_RATIO * best.score:
            break
        picked.append(item)
    return picked


def compose(index: LoadedIndex, question: Question, ranked: list[Scored]) -> Answer:
    answerable = [r for r in ranked if is_answer_like(r.text)]
    if question.kind is Kind.COUNT:
        # "How many" is answered by a figure; sentences without one near the counted thing only look related.
        answerable = [r for r in answerable if figures_near(r.text, question.focus)]
    if not answerable or not is_supported(answerable[0]):
        return decline(index, question, ranked)
    parts: list[str] = []
    citations: list[Citation] = []
    used = 0
    picked = _pick(question, answerable)
    for n, item in enumerate(picked, start=1):
        marker = f" [{n}]"
        budget = MAX_CHARS - used - len(marker) - (1 if parts else 0)
        if question.kind is Kind.COUNT:
            # Every figure gets a fair share of the space instead of the first one taking it all.
            budget = budget // (len(picked) - n + 1)
        if budget < 60 and parts:
            break
        shown, citation = _quote(index, item, question, budget, follow=n == 1)
        parts.append(shown + marker)
        citations.append(citation)
        used += len(parts[-1]) + (1 if len(parts) > 1 else 0)
    return Answer(question.text, " ".join(parts), True, citations)


def decline(index: LoadedIndex, question: Question, ranked: list[Scored]) -> Answer:
    """Say plainly that the articles don't answer, and show what came closest so users can judge."""
    subject = question.text.strip().rstrip("?.! ")
    if len(subject) > 120:
        subject = subject[:119].rstrip() + "…"
    text = f"The articles don't say. I found nothing in them that answers “{subject}”."
    closest: list[Citation] = []
    for item in ranked[:DECLINE_SHOWN]:
        _, start, end = (int(v) for v in index.sentence_spans[item.row])
        closest.append(_citation(index, item.row, start, end, item.score))
    if closest:
        text += " The closest passages are below."
    return Answer(question.text, text, False, closest)
