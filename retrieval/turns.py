"""A conversation as the answer layer remembers it: each earlier question as searched, and what its answer quoted.

Kept apart from reading follow-ups (``retrieval.followup``): the bot's stores, its conversation keys and the
timeline's turns keep and pass these along without reading any question.
"""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.types import Answer

MAX_TURNS = 3


@dataclass(frozen=True)
class Turn:
    """One earlier question of the conversation, as searched, and what its answer cited."""

    question: str
    doc_ids: tuple[str, ...] = ()
    sentences: tuple[str, ...] = ()  # cited, or for a declined question the closest passages shown
    answered: bool = True
    # A timeline reply's turn (``retrieval.timeline_turns``): the day of the event it showed, which "and the
    # next day?" moves from.
    day: str | None = None
    # A timeline reply's topic words without its dates ("koo" for "what happened with koo on feb 10"): what "and
    # the next day?" and "what happened next?" go on asking about.
    topic: str | None = None
    # A timeline reply's first day, when it showed events before ``day``: what "and before that?" goes back from.
    first_day: str | None = None


def turn_of(question: str, answer: Answer) -> Turn:
    """The turn to remember: what was searched for (a follow-up carries its borrowed words on to the next
    one) and what the answer quoted. A declined answer's closest passages were not cited: its articles are
    not favoured, but a name they give right beside the words asked about is still what "it" may mean."""
    searched = answer.searched_for or question
    quotes = tuple(c.quote for c in answer.citations)
    if not answer.answered:
        return Turn(searched, (), quotes, answered=False)
    return Turn(searched, tuple(dict.fromkeys(c.doc_id for c in answer.citations)), quotes, True)


@dataclass(frozen=True)
class FollowupContext:
    """The earlier turns of one conversation, oldest first (at most ``MAX_TURNS`` are used)."""

    turns: tuple[Turn, ...] = ()
    # The last turn is an earlier question of the same message ("did the regulator ask for the rule? what did
    # sovik say"), or the scene it set: words borrowed from it are the asker's own (``FollowUp.leans``).
    same_message: bool = False
