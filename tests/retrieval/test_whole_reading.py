"""A follow-up's best sentence, as asked, judged again against the previous question and it read as one text
(``FollowUp.confirmed``): a fragment ("what about the parties") keeps too little of what was asked to trust the
sentence that answers it, and a few borrowed words did not say enough either."""

from __future__ import annotations

import numpy as np
import pytest

from index.embedding import EncoderProvider
from retrieval.engine import Engine
from retrieval.features import FEATURES, Candidates
from retrieval.followup import Expansion
from retrieval.followup_search import FollowUp, best_sentence, follow_up
from retrieval.question import analyse
from retrieval.turns import FollowupContext, turn_of
from tests.retrieval.conftest import index_of

# Fictional: no such country, commission, agency or vote.
ARTICLE = """---
title: Tarrowind bans paid political posts by influencers ahead of November vote
date: 2023-10-05
url: https://example.org/tarrowind-influencer-ban
source: Example News
---
# Tarrowind bans paid political posts by influencers ahead of November vote

Lissenford: Tarrowind's Electoral Commission has banned social media influencers from publishing paid political \
posts in the six weeks before the general election on November 19.

The rule applies to any account with more than 10,000 followers. Influencers who break it face fines of up to \
25,000 tarrs, and the party that paid them can lose part of its public funding.

The commission said it acted after a study by the University of Ostmere found that 340 influencer accounts had \
been paid to praise candidates during the last regional elections without saying so.

According to the study, most of the payments were made through a marketing agency called Brightpeak, which paid \
between 200 and 1,500 tarrs per post.

The opposition Civic Renewal Party welcomed the ban but said it should also cover ordinary party volunteers who \
are paid for posting.

The governing Unity Front called the rule "unworkable" and said it would ask parliament to overturn it. \
Parliament is due to vote on the matter on October 24.
"""

OWN = "Influencers who break it face fines of up to 25,000 tarrs, and the party that paid them can lose funding."
OTHER = "The opposition Civic Renewal Party welcomed the ban."
LEAD = "Lissenford: Tarrowind's Electoral Commission has banned paid political posts."


def _candidates(texts: list[str], answer_like: list[float]) -> Candidates:
    matrix = np.zeros((len(texts), len(FEATURES)), dtype=np.float32)
    matrix[:, FEATURES.index("answer_like")] = answer_like
    return Candidates(list(range(len(texts))), texts, matrix)


def test_only_the_sentence_the_question_alone_ranks_first_is_judged_again() -> None:
    """Read whole, the previous question lifts what answered it (the opening sentence, 0.7 here) whatever is
    asked next: only the question's own first choice may take the whole reading's confidence, and never
    loses any of its own."""
    found = _candidates([LEAD, OWN, OTHER], [1.0, 1.0, 1.0])
    question = analyse("what about the parties")
    follow_up = FollowUp(Expansion("what about the parties", ()), question, np.zeros(3), [])
    probs = np.array([0.2, 0.3, 0.1])
    whole = np.array([0.7, 0.6, 0.05])
    assert follow_up.confirmed(found, probs, whole, OWN).tolist() == [0.2, 0.6, 0.1]
    assert follow_up.confirmed(found, probs, np.array([0.7, 0.1, 0.9]), OWN).tolist() == [0.2, 0.3, 0.1]
    assert follow_up.confirmed(found, probs, whole, None).tolist() == [0.2, 0.3, 0.1]
    assert probs.tolist() == [0.2, 0.3, 0.1]  # the caller's probabilities are left alone


def test_the_first_choice_is_an_answer_like_sentence() -> None:
    found = _candidates([LEAD, OWN, OTHER], [1.0, 0.0, 1.0])
    assert best_sentence(found, np.array([0.2, 0.9, 0.1])) == LEAD  # a heading-like line starts no answer
    assert best_sentence(_candidates([OWN], [0.0]), np.array([0.9])) is None


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Engine:
    folder = tmp_path_factory.mktemp("tarrowind")
    index_of({"tarrowind.md": ARTICLE}, folder, encoder_provider)
    return Engine(folder / "index", encoder_provider)


FIRST = "what fines do tarrowind influencers face for paid political posts?"


def test_a_fragment_after_a_declined_question_is_answered_by_what_it_asks(engine: Engine) -> None:
    """"what about the parties" after the fines influencers face: declined before, as asked and with the
    borrowed words, though the question alone ranked the sentence that answers first."""
    context = FollowupContext((turn_of(FIRST, engine.ask(FIRST)),))
    answer = engine.ask("what about the parties", context)
    assert answer.answered, answer.text
    assert "public funding" in answer.citations[0].quote, answer.citations[0].quote
    # A question of its own, asked in the same conversation, is answered as if asked alone.
    alone = engine.ask("when is parliament due to vote on the rule?")
    assert engine.ask("when is parliament due to vote on the rule?", context).text == alone.text


def test_only_a_question_that_says_it_goes_on_is_read_with_the_previous_one(engine: Engine) -> None:
    """"who founded koo" after "how much was twitter fined for not complying" is read as a follow-up for naming
    little (three lowercase words), but may as well start a new topic: read with the fine as one text, it was
    answered with a sentence about Koo that names no founder. A pronoun, "and ..." or "what about ..." says
    the question goes on."""
    index = engine.index
    context = FollowupContext((turn_of(FIRST, engine.ask(FIRST)),))

    def whole(text: str) -> np.ndarray | None:
        question = analyse(text)
        found = follow_up(index, question, engine.encode_query(text), context, engine.encode_query, 16)
        assert found is not None, text  # both are read as follow-ups
        return found.whole_vector

    assert whole("who wrote the study") is None
    assert whole("what about the parties") is not None
    assert whole("when do they vote on it") is not None
