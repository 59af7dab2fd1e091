"""A section headed by a question the user asks again: the paragraph under it is the answer's place.

Explainers written as Q&A put each question on a line of its own ("What is Section 12 of the Harbour Act?", a
heading or a bold line) with its answer below. The heading is no answer (``answer_like``: it ends in "?"), but the
answer model judges each sentence alone, so a sentence elsewhere sharing more of the question's words was quoted
first, or no sentence scored high enough and the question was declined, though the article answers it right under
the question it asks itself. Nothing here knows any article: the heading is found as the candidate nearest the
question in meaning and holding as many of its words as any sentence that could answer.
"""

from __future__ import annotations

import numpy as np

from retrieval.features import Candidates
from retrieval.loaded import LoadedIndex

MAX_HEADING_WORDS = 20  # a question longer than this on its own line is a paragraph that asks, not a heading
SECTION = 6  # sentences under a heading read as its section, at most (it ends at the next line that is no answer)
# The section's best sentence answers when the model gives it at least this share of the threshold: it holds the
# answer's words less than the heading does, which is why it scored low alone. Below it, the decline stands.
FLOOR = 0.5


def own_line(index: LoadedIndex, row: int) -> bool:
    """Whether sentence ``row`` is a line of its own in its article: a heading or a bold line, not a sentence of
    a paragraph."""
    doc_row, start, end = index.sentence_spans[row].tolist()
    text = index.docs[doc_row].text
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")


def is_question_heading(index: LoadedIndex, row: int, text: str) -> bool:
    """A question standing alone on its line: an explainer's heading, never a quote nor a timeline event."""
    stripped = text.strip().rstrip("\"'”’)]*")
    return stripped.endswith("?") and len(stripped.split()) <= MAX_HEADING_WORDS and own_line(index, row)


def under_asked_heading(index: LoadedIndex, found: Candidates, probs: np.ndarray, order: list[int],
                        threshold: float) -> int | None:
    """The candidate answering from the section under the question heading the user's question matches: the
    section's best-scored quotable sentence. None when no question heading is nearer the question in meaning, and
    holds as many of its words, as every quotable sentence, when the section's sentence already answers first, or
    when it scores below ``FLOOR`` of the threshold."""
    if not len(probs) or not order:
        return None
    dense, coverage = found.column("dense"), found.column("coverage")
    like = found.column("answer_like") > 0
    nearest_like, widest_like = dense[like].max(initial=0.0), coverage[like].max(initial=0.0)
    headings = [i for i in range(len(probs)) if not like[i] and dense[i] >= nearest_like
                and coverage[i] >= widest_like and is_question_heading(index, found.rows[i], found.texts[i])]
    if not headings:
        return None
    nearest = max(headings, key=lambda i: float(probs[i]))
    row = found.rows[nearest]
    doc = int(index.sentence_spans[row][0])
    position = {r: i for i, r in enumerate(found.rows)}
    section: list[int] = []
    for nxt in range(row + 1, min(row + 1 + SECTION, len(index.sentence_spans))):
        if int(index.sentence_spans[nxt][0]) != doc:
            break
        i = position.get(nxt)
        if i is not None and not like[i]:
            break  # the next heading: its section is another question's
        if i is None and own_line(index, nxt) and is_question_heading(index, nxt, index.sentence_text(nxt)):
            break
        if i is not None:
            section.append(i)
    if not section:
        return None
    best = max(section, key=lambda i: float(probs[i]))
    if (best == order[0] and probs[best] >= threshold) or probs[best] < FLOOR * threshold:
        return None
    return best
