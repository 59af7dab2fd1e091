"""The next-best passages: what someone who found the answer wrong (a 👎) is offered instead.

They come from the same search as the answer, so offering them costs nothing at click time and still works
after the index has changed: the best sentence of each retrieved passage the answer did not quote.
"""

from __future__ import annotations

import numpy as np

from retrieval.answer import citation
from retrieval.answer_like import answers_in
from retrieval.loaded import LoadedIndex
from retrieval.repeats import repeats
from retrieval.types import Answer, Citation, Passage

NEXT_BEST = 3


def _overlaps(passage: Passage, citations: list[Citation]) -> bool:
    return any(c.doc_id == passage.doc_id and c.start < passage.end and c.end > passage.start for c in citations)


def next_best(
    index: LoadedIndex, passages: list[Passage], query_vector: np.ndarray, answer: Answer, k: int = NEXT_BEST
) -> list[Citation]:
    found: list[Citation] = []
    query = query_vector.astype(np.float32)
    for passage in passages:
        if len(found) == k:
            break
        if _overlaps(passage, [*answer.citations, *answer.related]):
            continue
        # Sentences only (a caption or a heading "may answer it better" for nobody), none said already.
        # The texts the features read (``LoadedIndex.memo``): the same strings, so their per-text caches hit at once.
        article = index.docs[index.doc_index[passage.doc_id]].text
        rows = [r for r, text, _ in index.memo.chunk(passage.chunk_index)
                if answers_in(article, text)
                and not repeats(text, [*answer.citations, *answer.related, *found])]
        if not rows:
            continue
        sims = index.sentence_vectors[rows] @ query
        row = rows[int(np.argmax(sims))]
        _, start, end = (int(v) for v in index.sentence_spans[row])
        found.append(citation(index, row, start, end, float(sims.max())))
    return found
