"""A later part of a several-question reply that quotes again a sentence an earlier part quoted.

"when did twitter post its blog and what did meity say about it?": the first part quoted Twitter's blog-post
sentence, the second the same sentence with the one after it ("Reacting to this, MeitY said the move was
unusual."), so the reply said the first sentence twice, once under each question. Quotes were told apart by
their exact span only; one holding another was a new quote. The later quote now starts after the sentence
already quoted (its offsets moved with it, so it is still the article's own text) and the part's text drops it.
"""

from __future__ import annotations

from dataclasses import replace

from index.tables import one_line
from retrieval.types import Answer, Citation


def _after(citation: Citation, earlier: Citation) -> Citation | None:
    """``citation`` without ``earlier`` where it opens with it; None when it doesn't, or holds nothing else."""
    if earlier.doc_id != citation.doc_id or earlier.start != citation.start or earlier.end >= citation.end:
        return None
    rest = citation.quote[earlier.end - citation.start:]
    start = citation.end - len(rest.lstrip())
    if start >= citation.end:
        return None
    return replace(citation, quote=citation.quote[start - citation.start:], start=start)


def without_said(answer: Answer, earlier: list[Citation]) -> Answer:
    """``answer`` (a later part) without the sentences that open its quotes and that ``earlier`` parts quoted;
    unchanged when its text does not hold such a sentence as written."""
    if not answer.answered or not earlier:
        return answer
    text, citations = answer.text, []
    for citation in answer.citations:
        for before in earlier:
            trimmed = _after(citation, before)
            said = one_line(before.quote) + " "
            if trimmed is not None and said in text:
                text, citation = text.replace(said, "", 1), trimmed
                break
        citations.append(citation)
    return answer if text == answer.text else replace(answer, text=text, citations=citations)


def said_once(answers: list[Answer]) -> list[Answer]:
    """Each answered part without what the answered parts before it quoted (``without_said``)."""
    earlier: list[Citation] = []
    out: list[Answer] = []
    for answer in answers:
        answer = without_said(answer, earlier)
        if answer.answered:
            earlier.extend(answer.citations)
        out.append(answer)
    return out
