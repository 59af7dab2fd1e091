"""Each article's lead event: the happening its story opens with, which a timeline cut to its best lines keeps.

A whole timeline shows its 25 best supported lines (``retrieval.timeline.build_timeline``): most relevant, then
told by most articles. Without a topic every line is as relevant, most are told by one article, and the rest of
the order (a year written out over a weekday's, the articles' order) kept background ("ClipHarbor entered
Veskaland in 2017") and quotes over what the articles are about: of 9 articles added to the seed corpus, 6 had
their headline's act (a fine, a strike, a ruling) among the lines left out. A news story tells its main happening
first, so the first dated sentence among an article's first ``LEAD_SENTENCES`` (its headline and a photo's
caption may come before the lead's) is that article's lead event, and ranks before the article's other lines.
"""

from __future__ import annotations

from retrieval.loaded import LoadedIndex

# The headline, a caption and the lead paragraph's first sentence: where a story's first dated sentence is its lead.
LEAD_SENTENCES = 3


def lead_sentences(index: LoadedIndex) -> set[tuple[str, int]]:
    """(doc_id, start) of each article's lead sentence that dates an event (module docstring)."""
    firsts: dict[str, set[int]] = {}
    for row, doc in enumerate(index.docs):
        first = int(index.doc_first_sentence[row]) if len(index.doc_first_sentence) else 0
        last = int(index.doc_first_sentence[row + 1]) if row + 1 < len(index.docs) else len(index.sentence_spans)
        firsts[doc.doc_id] = {int(index.sentence_spans[k, 1]) for k in range(first, min(last, first + LEAD_SENTENCES))}
    leads: dict[str, int] = {}
    for record in index.events:
        doc_id, start = str(record.get("doc_id")), record.get("start")
        if isinstance(start, int) and start in firsts.get(doc_id, ()):
            leads[doc_id] = min(leads.get(doc_id, start), start)
    return set(leads.items())
