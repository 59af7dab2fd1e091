"""Which sentence answers, or none: the answer model's ranking, reordered where it is known to go wrong, and the
checks that decline instead.

Split from ``retrieval.answer``, which shapes the chosen sentences into a reply; this module only decides their
order and whether there is an answer at all. Each reordering lives in a module of its own, named where it is
applied: a copied heading yields to its section's opening (``retrieval.headings``), a sentence restating the
question to one holding what it asks for (``retrieval.leads``), anything to the section under the question heading
the question asks again (``retrieval.question_headings``), and another speaker's words to those of the one asked
about (``retrieval.speaker_first``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from retrieval.features import Candidates
from retrieval.headings import under_copied_heading
from retrieval.leads import dateline_only, lead_first
from retrieval.loaded import LoadedIndex
from retrieval.other_than_asked import tells_other_than_asked
from retrieval.question import Question
from retrieval.question_headings import under_asked_heading
from retrieval.ranker import AnswerModel
from retrieval.reach import unknown_acronyms, unknown_figures, unknown_speakers, unreached_years
from retrieval.speaker_first import speaker_first


@dataclass(frozen=True)
class AnswerOrder:
    """The candidates that may answer, best first (indices into ``Candidates``); ``headed`` when the first is
    the opening of a copied heading's section, which is quoted alone; ``declined`` when there is no answer."""

    order: list[int]
    headed: bool
    declined: bool


def answer_order(index: LoadedIndex, question: Question, found: Candidates, probs: np.ndarray, model: AnswerModel,
                 *, undeclined: bool = False) -> AnswerOrder:
    """``undeclined``: the order as if the best sentence were over the threshold (``retrieval.answer.compose``)."""
    like = found.column("answer_like") > 0
    # A sentence sharing only its dateline's place with the question is no answer (``retrieval.leads``).
    order = [int(i) for i in np.argsort(-probs, kind="stable")
             if like[i] and not dateline_only(question, found.texts[i])]
    below = not undeclined and bool(order) and probs[order[0]] < model.threshold
    # A copied heading scores best but is no answer: its section's first sentence answers (``retrieval.headings``).
    opening = under_copied_heading(index, found, probs, model.threshold) if below else None
    if opening is not None:
        order, below = [opening, *(i for i in order if i != opening)], False
    else:  # one restating the question yields to one holding what it asks for (``retrieval.leads``)
        order = lead_first(question, found, probs, order, model.threshold)
    # The section under the question heading the question asks again answers (``retrieval.question_headings``).
    asked = under_asked_heading(index, found, probs, order, model.threshold) if opening is None else None
    if asked is not None:
        order, below = [asked, *(i for i in order if i != asked)], False
    elif opening is None:  # "what did X say": X's words before another speaker's (``retrieval.speaker_first``)
        order = speaker_first(index, question, found, probs, order)
    # A best sentence telling another thing than the one asked about (a plan for what was done, an unnamed one for
    # its name) is no answer (``retrieval.other_than_asked``).
    declined = bool(not order or below or unknown_figures(index, question) or unreached_years(index, question)
                    or unknown_acronyms(index, question) or unknown_speakers(index, question)
                    or tells_other_than_asked(index, question, found.rows[order[0]]))
    return AnswerOrder(order, opening is not None, declined)
