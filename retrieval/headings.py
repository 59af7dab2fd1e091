"""A question that copies a heading of an article asks what the section under it says.

A pasted headline ("Twitter begins blocking accounts as per Centre's request") matches the heading itself best,
but a heading is never an answer (``answer_like``): the answer model's best quotable sentence then scored below
the threshold and the question was declined, though the article answers it in the lines right under the
heading. Nothing here knows any article: the heading is found as the candidate the question covers whole.
"""

from __future__ import annotations

import numpy as np

from index.link_lines import links_another_story
from retrieval.features import Candidates
from retrieval.loaded import LoadedIndex

WHOLE = 0.999  # the question's search words, all in the heading: it copies the heading
# A heading may be followed by an image's caption and credit before its section opens ("Twitter logo",
# "Courtesy: Reuters"): that many lines that are no answer are passed over, and no more.
SKIPPED = 3


def under_copied_heading(index: LoadedIndex, found: Candidates, probs: np.ndarray, threshold: float) -> int | None:
    """The candidate that opens the section under the heading the question copies: the first quotable sentence
    after it in its article. None when the best-scored candidate is quotable itself, scores below the threshold,
    lacks some of the question's words, points to another story ("Don't Miss | …": what follows it is not that
    story's), or when the section's opening sentence is not among the candidates the model judged."""
    if not len(probs):
        return None
    top = int(np.argmax(probs))
    like = found.column("answer_like") > 0
    if like[top] or probs[top] < threshold or found.column("coverage")[top] < WHOLE:
        return None
    if links_another_story(found.texts[top]):
        return None
    row = found.rows[top]
    doc = int(index.sentence_spans[row][0])
    position = {r: i for i, r in enumerate(found.rows)}
    for nxt in range(row + 1, min(row + 2 + SKIPPED, len(index.sentence_spans))):
        if int(index.sentence_spans[nxt][0]) != doc or nxt not in position:
            return None
        if like[position[nxt]]:
            return position[nxt]
    return None
