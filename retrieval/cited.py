"""A citation of a quote from the index: the article it is from and where in it, which every reply shows."""

from __future__ import annotations

from retrieval.loaded import LoadedIndex
from retrieval.types import Citation


def citation(index: LoadedIndex, row: int, start: int, end: int, score: float) -> Citation:
    """The quote ``start:end`` of sentence ``row``'s article (it may run into the next sentence)."""
    doc_row, first, last = (int(v) for v in index.sentence_spans[row])
    doc = index.docs[doc_row]
    nxt = row + 1
    ends = {last}
    if nxt < len(index.sentence_spans) and int(index.sentence_spans[nxt][0]) == doc_row:
        ends.add(int(index.sentence_spans[nxt][2]))
    return Citation(
        doc_id=doc.doc_id, title=doc.title, date=doc.date, url=doc.url,
        quote=doc.text[start:end], start=start, end=end, score=round(score, 4), date_estimated=doc.date_estimated,
        cut_before=start > first, cut_after=end not in ends,
    )
