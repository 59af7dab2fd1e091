"""A citation of a quote from the index: the article it is from and where in it, which every reply shows."""

from __future__ import annotations

from index.list_markers import after_list_marker
from retrieval.loaded import LoadedIndex
from retrieval.types import Citation


def quoted_span(index: LoadedIndex, row: int) -> tuple[int, int, int]:
    """(article row, start, end) of sentence ``row`` as an answer quotes it: from its first word, after a list
    item's marker (``index.list_markers``), which the index keeps in the sentence and no reply shows."""
    doc_row, start, end = (int(v) for v in index.sentence_spans[row])
    return doc_row, after_list_marker(index.docs[doc_row].text, start, end), end


def citation(index: LoadedIndex, row: int, start: int, end: int, score: float) -> Citation:
    """The quote ``start:end`` of sentence ``row``'s article (it may run into the next sentence); one starting on
    a list item's marker starts after it."""
    doc_row, first, last = quoted_span(index, row)
    doc = index.docs[doc_row]
    start = after_list_marker(doc.text, start, end)  # a quote opening the item's line, or the one before it
    nxt = row + 1
    ends = {last}
    if nxt < len(index.sentence_spans) and int(index.sentence_spans[nxt][0]) == doc_row:
        ends.add(int(index.sentence_spans[nxt][2]))
    return Citation(
        doc_id=doc.doc_id, title=doc.title, date=doc.date, url=doc.url,
        quote=doc.text[start:end], start=start, end=end, score=round(score, 4), date_estimated=doc.date_estimated,
        cut_before=start > first, cut_after=end not in ends,
    )
