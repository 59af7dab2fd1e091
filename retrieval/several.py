"""Messages that ask several questions one after another ("Who is Ajay Sawhney? When will he meet Twitter?").

Searched as one question, such a message mixes two subjects, and the answer model, which judges a sentence
against the whole text, finds no sentence that answers both: it was declined. Each question is now answered
on its own, a later one as a follow-up of the ones before it (its "he" means the earlier "Sawhney"), and the
answers are joined into one reply whose citations are numbered through.
"""

from __future__ import annotations

import re
from functools import partial

from retrieval.answer import CLOSEST_BELOW
from retrieval.question import analyse, has_subject
from retrieval.types import Answer, Citation

MAX_QUESTIONS = 3  # more than this in one message is read as one text, as before
# A question ends at its question mark; the next starts after the space.
_AFTER_QUESTION_MARK = re.compile(r"(?<=\?)\s+(?=\S)")
_MARKER = re.compile(r"\[(\d+)\]")
RELATED_SHOWN = 2  # sentences shown under a joined answer besides its citations
DECLINE_SHOWN = 3  # closest passages under a reply that declines every question


def questions_in(text: str) -> list[str]:
    """The questions ``text`` asks one after another, or ``[text]`` when it asks one (or too many to split
    safely). Only a message whose every part ends with a question mark and names something to look for is
    split: "Why?? Really??" and "Koo? The app?" are one question."""
    parts = [p.strip() for p in _AFTER_QUESTION_MARK.split(text.strip()) if p.strip()]
    if not 2 <= len(parts) <= MAX_QUESTIONS:
        return [text]
    if not all(p.endswith("?") and len(p.split()) >= 2 and has_subject(analyse(p)) for p in parts):
        return [text]
    return parts


def joined(text: str, answers: list[Answer]) -> Answer:
    """One reply for the answers to the questions of ``text``, each under the question it answers. Citation
    markers are numbered through; a declined question's closest passages join the related sentences, not
    the citations (they answer nothing)."""
    parts: list[str] = []
    citations: list[Citation] = []
    related: list[Citation] = []
    alternatives: list[Citation] = []
    for answer in answers:
        if answer.answered:
            numbers = [_number(c, citations) for c in answer.citations]
            body = _MARKER.sub(partial(_marker, numbers=numbers), answer.text)
        else:
            body = answer.text.replace(CLOSEST_BELOW, "")
            related.extend(answer.citations[:1])
        related.extend(answer.related[:1])
        alternatives.extend(answer.alternatives)
        asked = answer.question.strip()
        # A decline names the question itself ("I couldn't find a clear answer to “…”").
        parts.append(body if f"“{asked.rstrip('?.! ')}" in body else f"“{asked}” {body}")
    searched = " / ".join(a.searched_for for a in answers if a.searched_for) or None
    expanded = any(a.expanded for a in answers)
    if not any(a.answered for a in answers):  # all declined: the closest passages are what there is to show
        closest = _unshown([c for a in answers for c in a.citations], [], DECLINE_SHOWN)
        return Answer(text, "\n\n".join(parts) + (CLOSEST_BELOW if closest else ""), False, closest,
                      searched_for=searched, alternatives=alternatives, expanded=expanded)
    return Answer(text, "\n\n".join(parts), True, citations, searched_for=searched,
                  related=_unshown(related, citations), alternatives=alternatives, expanded=expanded)


def _number(citation: Citation, citations: list[Citation]) -> int:
    """The number ``citation`` has in the joined reply: a quote cited for two questions keeps one number."""
    for n, c in enumerate(citations, start=1):
        if (c.doc_id, c.start, c.end) == (citation.doc_id, citation.start, citation.end):
            return n
    citations.append(citation)
    return len(citations)


def _marker(match: re.Match[str], numbers: list[int]) -> str:
    n = int(match.group(1))
    return f"[{numbers[n - 1]}]" if 1 <= n <= len(numbers) else match.group(0)


def _unshown(related: list[Citation], citations: list[Citation], most: int = RELATED_SHOWN) -> list[Citation]:
    """The related sentences not quoted already, each once (two questions often rank the same one next)."""
    seen = {(c.doc_id, c.start, c.end) for c in citations}
    out: list[Citation] = []
    for c in related:
        if (c.doc_id, c.start, c.end) not in seen and len(out) < most:
            seen.add((c.doc_id, c.start, c.end))
            out.append(c)
    return out
