"""An answer quoting words that name no speaker takes along the words of its article that do.

A story names a speaker once and quotes them on over sentences and paragraphs (``index.quote_speakers``): the
answer to "who said a ferry without a certificate puts passengers at risk?" was the second paragraph of the
chair's quote, which says nothing of who said it. The attributing sentence, cut to its saying clause when
long (`…," said Ilse Marrow, the board's chair, at a press conference.`), is quoted before it, as the
article's own words, so the answer says who; a later part of the answer makes room for it.
"""

from __future__ import annotations

import re

from index.lexical import terms
from index.quote_speakers import attribution, outside_quotes
from index.tables import one_line
from retrieval.cited import citation, quoted_span
from retrieval.loaded import LoadedIndex
from retrieval.quotes import trim_to_window
from retrieval.types import Citation

SPEAKER_CHARS = 160  # the attributing sentence, or its saying clause when longer
_BACK = 12  # sentences before a quote searched for its speaker: a few paragraphs of one speaker's quote
_ON = 6
_MARKER = re.compile(r" \[\d+\]$")


def speaker_row(index: LoadedIndex, row: int) -> int | None:
    """The row of the sentence naming who says sentence ``row``'s quotation, when it names no one itself."""
    doc_row = int(index.sentence_spans[row][0])
    first = int(index.doc_first_sentence[doc_row])
    last = row
    while (last + 1 < len(index.sentence_spans) and last - row < _ON
           and int(index.sentence_spans[last + 1][0]) == doc_row):
        last += 1
    low = max(first, row - _BACK)
    spans = [(int(s), int(e)) for _, s, e in index.sentence_spans[low : last + 1]]
    found = attribution(index.docs[doc_row].text, spans, row - low)
    return None if found is None else low + found


def with_speaker(index: LoadedIndex, row: int, parts: list[str], citations: list[Citation], room: int
                 ) -> tuple[list[str], list[Citation]]:
    """``parts`` (the answer's quotes, each ending in its marker " [n]") with the attributing sentence of the
    first one's quote before it, when it names no speaker and isn't quoted already; later parts are left out
    while the answer would run over ``room`` characters."""
    said = speaker_row(index, row) if citations else None
    if said is None:
        return parts, citations
    doc_row, start, end = quoted_span(index, said)
    if any(c.doc_id == index.docs[doc_row].doc_id and c.start < end and c.end > start for c in citations):
        return parts, citations
    text = index.docs[doc_row].text[start:end]
    shown, (s, e) = trim_to_window(text, set(terms(outside_quotes(text))), SPEAKER_CHARS)
    lead = one_line(shown)
    while len(parts) > 1 and len(lead) + sum(len(p) + 2 for p in parts) + 4 > room:
        parts, citations = parts[:-1], citations[:-1]
    renumbered = [_MARKER.sub(f" [{n}]", p) for n, p in enumerate(parts, start=2)]
    cited = citation(index, said, start + s, start + e, citations[0].score)
    return [f"{lead} [1]", *renumbered], [cited, *citations]
