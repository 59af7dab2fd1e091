"""Whether the best sentence tells another thing than the one asked about, which it can't answer however many of
the question's words it holds: a plan where what was done is asked (``retrieval.planned``), a thing left unnamed
where its name is asked (``retrieval.unnamed_things``), a day already past where when something will happen is
asked (``retrieval.coming``). Each is declined, the sentence shown among the closest
passages."""

from __future__ import annotations

from retrieval.coming import asks_coming_of_done
from retrieval.loaded import LoadedIndex
from retrieval.planned import asks_done_of_planned
from retrieval.question import Question
from retrieval.unnamed_things import mentions_unnamed


def tells_other_than_asked(index: LoadedIndex, question: Question, row: int) -> bool:
    """``row``: the best sentence's."""
    sentence = index.sentence_text(row)
    return (asks_done_of_planned(question.text, sentence) or mentions_unnamed(question, sentence)
            or asks_coming_of_done(index, question, row))
