"""Where in a sentence the thing a question asks for sits: the figure of a count, the date of a "when", the
name of a "who" or "which". (A place is not located: "in" before a capital finds a language or a month as
often as a place.)

These are the things the answer model's type-match feature looks for in a sentence (``retrieval.features``);
here they are located, so that a sentence cut to make room for another keeps what it was chosen for. Cut
from its start or by a fixed share of the room, a sentence lost it.
"""

from __future__ import annotations

from index.figures import figures, figures_near
from retrieval.question import Kind, Question
from retrieval.signals import name_span, time_span

Span = tuple[int, int]


def asked_figure(text: str, question: Question) -> Span | None:
    """The figure a quote of a count answer must keep: one near the counted thing, else one the question
    doesn't state itself."""
    found = figures_near(text, question.focus) if question.focus else []
    if not found:
        stated = {f.value for f in figures(question.text)}
        found = [f for f in figures(text) if f.value not in stated]
    return (found[0].start, found[0].end) if found else None


def asked_span(text: str, question: Question) -> Span | None:
    """Where ``text`` holds what ``question`` asks for, or None: the question asks for nothing a sentence's
    surface shows (a "why", a "what"), or this sentence doesn't hold it."""
    if question.kind is Kind.COUNT:
        return asked_figure(text, question)
    if question.kind is Kind.WHEN:
        return time_span(text)
    if question.kind in (Kind.WHO, Kind.NAME):
        return name_span(text, question.text)
    return None
