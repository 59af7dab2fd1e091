"""A question that only names little, asked in a conversation, is answered or declined as itself: the
conversation's words are borrowed, and shown, only when the answer comes from them (``FollowUp.takes_over``)."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.engine import Engine
from retrieval.followup import NO_TERM_REASON, VERY_SHORT_REASON, Expansion
from retrieval.followup_search import FollowUp
from retrieval.question import analyse
from retrieval.turns import FollowupContext, Turn, turn_of

THRESHOLD = 0.35


def _follow_up(asked: str, reasons: tuple[str, ...], same_message: bool = False) -> FollowUp:
    question = analyse(asked)
    expansion = Expansion(text=f"{asked} koo comply", added=("koo", "comply"), reasons=reasons)
    return FollowUp(expansion, question, np.zeros(3), [], frozenset(question.terms), same_message=same_message)


@pytest.mark.parametrize("reason", [VERY_SHORT_REASON, NO_TERM_REASON])
def test_a_question_that_may_stand_alone_keeps_its_own_answer(reason: str) -> None:
    """Both readings answer: the question's own, though the borrowed words are trusted more ("did twitter
    comply?" after "when did this happen" was answered as "did twitter comply? happen")."""
    assert not _follow_up("did twitter comply?", (reason,)).takes_over(0.80, 0.67, THRESHOLD)


def test_a_question_that_may_stand_alone_is_declined_as_itself() -> None:
    """Neither reading answers: declined over its own words, not "who is the IT minister? koo comply"."""
    assert not _follow_up("who is the IT minister?", (VERY_SHORT_REASON,)).takes_over(0.30, 0.27, THRESHOLD)


def test_a_conversation_that_named_its_subject_leaves_no_words_in_a_new_question(shipped_engine: Engine) -> None:
    """The new-user test's conversation: each question names its own subject, and none of the replies said it
    searched for words of the earlier ones ("(Searched for: who is the IT minister? koo comply happen)")."""
    turns: list[Turn] = []
    shown = []
    for asked in ("when did this happen", "did twitter comply?", "what is koo", "who is the IT minister?"):
        answer = shipped_engine.ask(asked, FollowupContext(tuple(turns)) if turns else None)
        shown.append(answer.searched_for)
        turns.append(turn_of(asked, answer))
    assert shown == [None, None, None, None]


@pytest.mark.parametrize("asked", ["used for what?", "in person?"])
def test_a_fragment_is_declined_with_the_conversation(asked: str) -> None:
    """A fragment of a sentence the conversation asked leans on it: when neither reading answers, its decline
    shows the expanded reading's closest passages, about what it goes on from."""
    assert _follow_up(asked, (VERY_SHORT_REASON,)).takes_over(0.30, 0.27, THRESHOLD)


def test_a_question_after_another_in_the_same_message_reads_its_words() -> None:
    """"did the regulator ask for the rule? what did sovik say": the words it borrows are the asker's own, and the
    more trusted reading answers, as before."""
    assert _follow_up("what did sovik say", (VERY_SHORT_REASON,), same_message=True).takes_over(0.8, 0.67, THRESHOLD)
